//! Tauri commands: each a few lines that call groundwork-core through [`AppState`].
//! Business rules live in core; here is only plumbing.

pub mod app;
pub mod cycle;
pub mod idea;
pub mod observation;
pub mod people;
pub mod search;
pub mod session;
pub mod tag;
pub mod trash;
pub mod workspace;

use crate::error::IpcError;

/// What every command returns.
pub type CmdResult<T> = Result<T, IpcError>;

/// Parses an id the UI sent.
pub(crate) fn parse_id(id: &str) -> CmdResult<uuid::Uuid> {
    uuid::Uuid::parse_str(id).map_err(|_| {
        IpcError::new(
            crate::error::ErrorKind::InvalidInput,
            format!("\"{id}\" is not a valid id"),
        )
    })
}

/// Parses a list of ids the UI sent.
pub(crate) fn parse_ids(ids: &[String]) -> CmdResult<Vec<uuid::Uuid>> {
    ids.iter().map(|id| parse_id(id)).collect()
}
