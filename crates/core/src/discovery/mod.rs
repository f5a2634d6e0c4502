//! Discovery: listening without judging. Sessions and their notes and passages,
//! observations, people and teams (with their check-ins), tags, ideas, templates,
//! coverage, the cycle's review, search and its index, and merges of people,
//! observations and tags.
//!
//! Builds on the kernel ([`crate::store`]) only.

pub mod checkin;
pub mod coverage;
pub mod filter;
pub mod idea;
pub mod merge;
pub mod observation;
pub mod passage;
pub mod person;
pub mod query;
pub mod review;
pub mod search;
pub mod search_index;
pub mod session;
pub mod tag;
pub mod template;
