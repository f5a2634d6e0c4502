//! Prioritization: judging what discovery heard. Pains and their evidence, buckets,
//! ranking and criteria, trade-offs, solutions and experiments, and the roadmap drawn
//! from the solutions.
//!
//! Builds on discovery and the kernel.

pub mod bucket;
pub mod candidate;
pub mod criterion;
pub mod pain;
pub mod rank;
pub mod roadmap;
pub mod solution;
pub mod tradeoff;

/// The tables prioritization owns: only its modules write them.
pub const TABLES: &[&str] = &[
    "pain",
    "pain_evidence",
    "candidate_dismissal",
    "pain_criterion",
    "pain_score",
    "rank_override",
    "reach_generation",
    "bucket",
    "criterion",
    "serve_choice",
    "tradeoff_axis",
    "solution",
    "solution_vendor_evidence",
    "experiment",
    "roadmap_item",
    "roadmap_dependency",
];

/// What prioritization lets the areas above read of its tables: views in
/// `migrations/0014_area_reads.sql`.
pub const VIEWS: &[&str] = &[
    "pain_view",
    "pain_evidence_view",
    "bucket_view",
    "solution_view",
    "roadmap_item_view",
];
