//! Core tests of discovery: the register (people, teams, templates, observations,
//! tags, ideas, coverage, merges, the sample) and search.

#[path = "../common/mod.rs"]
mod common;

mod register;
mod search;
