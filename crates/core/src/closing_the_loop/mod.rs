//! Closing the loop: SLAs expected and delivered, adoption and migrations, kudos, and
//! "you said, we did" answers with each team's digest.
//!
//! Builds on prioritization (an answer names a pain, a solution or a roadmap item),
//! discovery and the kernel.

pub mod adoption;
pub mod answer;
pub mod kudos;
pub mod sla;

/// The tables closing the loop owns: only its modules write them.
pub const TABLES: &[&str] = &[
    "sla",
    "sla_level",
    "adoption",
    "adoption_milestone",
    "kudos",
    "kudos_person",
    "answer",
];

/// What closing the loop lets the areas above read of its tables: views in
/// `migrations/0014_area_reads.sql`.
pub const VIEWS: &[&str] = &["kudos_view", "kudos_person_view"];
