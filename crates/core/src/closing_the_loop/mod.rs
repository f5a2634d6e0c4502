//! Closing the loop: SLAs expected and delivered, adoption and migrations, kudos, and
//! "you said, we did" answers with each team's digest.
//!
//! Builds on prioritization (an answer names a pain, a solution or a roadmap item),
//! discovery and the kernel.

pub mod adoption;
pub mod answer;
pub mod kudos;
pub mod sla;
