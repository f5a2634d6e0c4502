//! Surveys: waves of real survey exports read, guessed, mapped and imported as survey
//! sessions, and charted across waves.
//!
//! Builds on discovery (a wave is a session; respondents are people) and the kernel.

pub mod chart;
pub mod survey;

/// The tables surveys own: only their modules write them.
pub const TABLES: &[&str] = &[
    "survey",
    "survey_question",
    "survey_wave",
    "survey_wave_person",
    "survey_response",
    "respondent",
    "survey_observation",
];

/// Surveys lets no other area read its tables.
pub const VIEWS: &[&str] = &[];
