//! Discovery: listening without judging. Sessions and their notes and passages,
//! observations, people and teams (with their check-ins), tags, ideas, templates,
//! coverage, the cycle's review, search and its index, transcripts read and
//! previewed (`transcript`), and merges of people, observations and tags.
//!
//! Builds on the kernel ([`crate::store`]) only.

pub mod coverage;
pub mod filter;
pub mod idea;
pub mod observation;
pub mod passage;
pub mod person;
pub mod query;
pub mod review;
pub mod search;
pub mod search_index;
pub mod session;
pub mod similar;
pub mod tag;
pub mod template;
pub mod ticket;
pub mod transcript;

/// The tables discovery owns: only its modules write them.
pub const TABLES: &[&str] = &[
    "session",
    "session_link",
    "session_person",
    "session_tag",
    "notes_version",
    "session_template",
    "observation",
    "observation_person",
    "observation_tag",
    "person",
    "team",
    "checkin",
    "tag",
    "idea",
    "idea_observation",
    "idea_tag",
    "search_index",
    "transcript",
    "transcript_turn",
    "transcript_voice",
    "voice_person",
    "turn_person",
    "speaker_memory",
    "ticket",
];

/// What discovery lets the areas above read of its tables: views in
/// `migrations/0014_area_reads.sql`, each naming the columns others may rely on.
pub const VIEWS: &[&str] = &[
    "session_view",
    "session_person_view",
    "observation_view",
    "observation_person_view",
    "person_view",
    "team_view",
    "transcript_turn_view",
];
