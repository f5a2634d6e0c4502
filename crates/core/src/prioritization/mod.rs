//! Prioritization: judging what discovery heard. Pains and their evidence, buckets,
//! ranking and criteria, trade-offs, solutions and experiments, and the roadmap drawn
//! from the solutions.
//!
//! Builds on discovery and the kernel.

pub mod bucket;
pub mod criterion;
pub mod pain;
pub mod rank;
pub mod roadmap;
pub mod solution;
pub mod tradeoff;
