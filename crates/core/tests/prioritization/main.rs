//! Core tests of prioritization: pains and their evidence, trade-offs, criteria and
//! solutions, the roadmap, and suggestions measured on a labelled set.

#[path = "../common/mod.rs"]
mod common;

mod pains;
mod roadmap;
mod suggestions;
mod tradeoffs_and_solutions;
