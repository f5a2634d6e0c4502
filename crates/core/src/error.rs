//! Errors of the domain operations (cycles, sessions, trash).
//! Opening a workspace file has its own error, [`crate::store::OpenError`].

use thiserror::Error;

/// Why a domain operation was refused or failed.
#[derive(Debug, Error)]
pub enum DomainError {
    /// The thing named does not exist (or is in the trash where a live one was needed).
    #[error("{entity} {id} was not found")]
    NotFound { entity: &'static str, id: String },

    /// A closed cycle is history: nothing in it can change.
    #[error("the cycle \"{cycle}\" is closed and read-only")]
    CycleClosed { cycle: String },

    /// A field's value is not acceptable; `reason` is written for a person.
    #[error("{field}: {reason}")]
    InvalidInput { field: &'static str, reason: String },

    /// Another cycle already has this name.
    #[error("a cycle named \"{name}\" already exists")]
    DuplicateCycleName { name: String },

    /// The workspace has no cycle yet, and the operation needs one.
    #[error("create a cycle first: every session belongs to a planning cycle")]
    NoCycle,

    /// A closed cycle cannot move on.
    #[error("the cycle \"{cycle}\" is already closed")]
    CycleAlreadyClosed { cycle: String },

    /// Discovery casts a wide net and judges nothing: no score, rank, vote or effort.
    #[error("the cycle \"{cycle}\" is in discovery, where nothing is scored, ranked or sized; move it to prioritization first")]
    JudgingInDiscovery { cycle: String },

    /// Two things to merge must be different, live and of one kind.
    #[error("{0}")]
    CannotMerge(String),

    /// The database refused or failed.
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
}

impl DomainError {
    pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Self::InvalidInput {
            field,
            reason: reason.into(),
        }
    }
}
