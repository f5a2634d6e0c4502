//! Errors of the domain operations (cycles, sessions, trash).
//! Opening a workspace file has its own error, [`crate::store::workspace::OpenError`].

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

    /// The cycle's mode does not allow this yet (see [`crate::store::policy`]).
    #[error("the cycle \"{cycle}\" is in {mode}; {act} waits until it is in {needed}")]
    WrongMode {
        cycle: String,
        mode: &'static str,
        act: &'static str,
        needed: &'static str,
    },

    /// The notes were saved elsewhere (another window, the command line) since the
    /// revision these were typed over; nothing was overwritten.
    #[error("these notes were changed elsewhere (another window or program) while you typed; nothing was overwritten. Keep yours or take theirs: the other text is kept either way")]
    NotesConflict { session: uuid::Uuid },

    /// Two things to merge must be different, live and of one kind.
    #[error("{0}")]
    CannotMerge(String),

    /// A survey export could not be read as one (see [`crate::store::text_file`]).
    #[error("{0}")]
    SurveyFile(#[from] crate::store::text_file::FileError),

    /// A transcript could not be read as one. Made by discovery's transcript reader
    /// (the kernel does not name discovery's types); `line` is where it went wrong.
    #[error("{message}")]
    TranscriptFile { message: String, line: Option<u32> },

    /// Rows of a survey export could not be read, and the import was asked to stop.
    #[error("{} cannot be imported, so nothing was: {first}. Correct the file, or choose to skip bad rows", crate::store::wording::count(*.count as usize, "row", "rows"))]
    BadRows { count: u32, first: String },

    /// These survey responses were imported before.
    #[error("these responses were imported already as {wave} of “{survey}” (dated {held_on}); nothing was imported. Import them again only if they really are a new wave")]
    AlreadyImported {
        survey: String,
        wave: String,
        held_on: String,
    },

    /// The person cancelled a long operation; it rolled back.
    #[error("cancelled; nothing was changed")]
    Cancelled,

    /// The database refused or failed. Shown in words, never with SQL in it.
    #[error("{}", database_message(.0))]
    Database(#[from] rusqlite::Error),
}

/// What a database failure means for a person: the disk, the file or a lock, in
/// words, and never the SQL or the database's own wording beyond a short detail.
pub fn database_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => {
            "the disk is full: Groundwork could not save. Free some space and try again; nothing was half-saved".to_owned()
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "another program is writing this workspace right now; try again in a moment".to_owned()
        }
        Some(ErrorCode::ReadOnly) => {
            "the workspace file is read-only, so Groundwork cannot save to it".to_owned()
        }
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
            "the workspace file is damaged; copy it somewhere safe before changing more".to_owned()
        }
        Some(ErrorCode::CannotOpen | ErrorCode::SystemIoFailure) => {
            "the workspace file could not be read or written (its disk or folder may be gone)"
                .to_owned()
        }
        _ => {
            if let rusqlite::Error::FromSqlConversionFailure(_, _, inner) = e {
                return format!("a stored value could not be read: {inner}");
            }
            let detail = match e {
                // Only SQLite's short reason: the SQL itself stays out of messages.
                rusqlite::Error::SqliteFailure(f, msg) => msg.clone().unwrap_or_else(|| f.to_string()),
                rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
                other => other.to_string(),
            };
            let detail: String = detail.chars().take(160).collect();
            format!("the workspace could not do that ({detail}); your saved work is safe")
        }
    }
}

impl DomainError {
    /// Whether the disk is full (retrying once space is freed will work).
    pub fn is_disk_full(&self) -> bool {
        matches!(self, Self::Database(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull))
    }

    /// Whether another connection holds the write lock (retrying soon will work).
    pub fn is_busy(&self) -> bool {
        matches!(self, Self::Database(e) if matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        ))
    }

    pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Self::InvalidInput {
            field,
            reason: reason.into(),
        }
    }
}
