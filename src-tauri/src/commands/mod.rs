//! Tauri commands. Every operation on a workspace goes through [`op::op`] and the
//! operation table; the rest are what only the desktop shell can do: open and
//! choose workspace files, survey exports, transcripts, ticket exports and notes (dialogs), open links, report start-up, and share a workspace through git.

pub mod app;
pub mod chart;
pub mod drop;
pub mod export;
pub mod menu;
pub mod notes;
pub mod op;
pub mod share;
pub mod survey;
pub mod tickets;
pub mod transcript;
pub mod workspace;

use crate::error::IpcError;

/// What every command returns.
pub type CmdResult<T> = Result<T, IpcError>;
