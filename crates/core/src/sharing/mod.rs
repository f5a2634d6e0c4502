//! Sharing a workspace with a team through a git repository they already have: the
//! workspace as a folder of records (see `store::folder`), committed, merged by record
//! and field against the state both sides last shared, conflicts kept aside for a
//! person to settle, and nothing of ours running as a server.
//!
//! Sharing sits above every area: a merge writes what others changed into any table,
//! as the folder holds it, and rebuilds what is derived (a transcript's voices).

pub mod check;
pub mod conflict;
pub mod git;
pub mod merge;
mod message;
pub mod sync;
mod tree;

/// The tables sharing owns.
pub const TABLES: &[&str] = &["share_state", "share_dirty", "sync_conflict"];
