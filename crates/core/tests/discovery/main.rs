//! Core tests of discovery: the register (people, teams, templates, observations,
//! tags, ideas, coverage, merges, the sample), search, and transcripts read.

#[path = "../common/mod.rs"]
mod common;

mod register;
mod search;
mod similar;
mod transcripts;
mod transcripts_kept;
