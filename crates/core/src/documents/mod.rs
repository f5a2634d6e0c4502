//! Documents: the charter and the vision, their citations of evidence, the evidence
//! lint, kept versions, and exports of documents, the ranked pains and the roadmap.
//!
//! The top of the areas: a document may cite anything below it.

pub mod citation;
pub mod document;
pub mod export;
pub mod lint;
pub mod live;

/// The tables documents own: only their modules write them.
pub const TABLES: &[&str] = &["document", "document_version", "document_citation"];

/// Documents lets no other area read its tables.
pub const VIEWS: &[&str] = &[];
