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
