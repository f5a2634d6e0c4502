//! Core tests of prioritization: pains and their evidence, trade-offs, criteria and
//! solutions, and the roadmap.

#[path = "../common/mod.rs"]
mod common;

mod pains;
mod roadmap;
mod tradeoffs_and_solutions;
