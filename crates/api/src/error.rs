//! The one error that crosses IPC: `{ kind, message }`. The UI switches on `kind`
//! and shows `message`, which is written for a person.

use groundwork_core::{DomainError, OpenError};
use serde::Serialize;
use ts_rs::TS;

/// What went wrong, for the UI to switch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    NotFound,
    ReadOnly,
    InvalidInput,
    DuplicateName,
    NoCycle,
    /// Discovery does not judge: a score, rank or effort was refused.
    JudgingInDiscovery,
    /// The cycle's mode does not allow this yet.
    WrongMode,
    /// The notes changed elsewhere since they were typed over; nothing was overwritten.
    Conflict,
    NoWorkspace,
    WorkspaceMissing,
    WorkspaceExists,
    WorkspaceIsFolder,
    /// A pipe, socket or device: never opened, since reading it could hang.
    WorkspaceNotFile,
    WorkspaceEmpty,
    WorkspaceNotDatabase,
    WorkspaceNotGroundwork,
    WorkspaceNewerSchema,
    WorkspaceDamaged,
    /// These survey responses were imported before; nothing was imported.
    AlreadyImported,
    /// The person cancelled; nothing changed.
    Cancelled,
    /// An export's file exists already and was left as it is.
    FileExists,
    /// The disk is full: retrying after space is freed will work.
    DiskFull,
    /// Another program holds the workspace's write lock: retrying soon will work.
    Busy,
    /// The workspace is not shared through a git repository yet.
    NotShared,
    /// The shared repository could not be reached (offline, its address, access): the
    /// work waits for the next sync.
    RepositoryUnreachable,
    /// git is missing, or did something other than asked.
    Git,
    Io,
    Database,
    Internal,
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    pub kind: ErrorKind,
    pub message: String,
}

impl IpcError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    pub fn no_workspace() -> Self {
        Self::new(
            ErrorKind::NoWorkspace,
            "No workspace is open. Open or create one first.",
        )
    }

    pub fn internal(what: impl std::fmt::Display) -> Self {
        Self::new(
            ErrorKind::Internal,
            format!("Something went wrong inside Groundwork: {what}. Your saved work is safe."),
        )
    }
}

impl From<DomainError> for IpcError {
    fn from(e: DomainError) -> Self {
        let kind = match &e {
            DomainError::NotFound { .. } => ErrorKind::NotFound,
            DomainError::CycleClosed { .. } | DomainError::CycleAlreadyClosed { .. } => {
                ErrorKind::ReadOnly
            }
            DomainError::InvalidInput { .. }
            | DomainError::CannotMerge(_)
            | DomainError::SurveyFile(_)
            | DomainError::TranscriptFile { .. }
            | DomainError::BadRows { .. } => ErrorKind::InvalidInput,
            DomainError::AlreadyImported { .. } => ErrorKind::AlreadyImported,
            DomainError::Cancelled => ErrorKind::Cancelled,
            DomainError::JudgingInDiscovery { .. } => ErrorKind::JudgingInDiscovery,
            DomainError::WrongMode { .. } => ErrorKind::WrongMode,
            DomainError::NotesConflict { .. } => ErrorKind::Conflict,
            DomainError::DuplicateCycleName { .. } => ErrorKind::DuplicateName,
            DomainError::NoCycle => ErrorKind::NoCycle,
            DomainError::Database(_) if e.is_disk_full() => ErrorKind::DiskFull,
            DomainError::Database(_) if e.is_busy() => ErrorKind::Busy,
            DomainError::Database(_) => ErrorKind::Database,
        };
        Self::new(kind, capitalize(&e.to_string()))
    }
}

impl From<OpenError> for IpcError {
    fn from(e: OpenError) -> Self {
        let kind = match &e {
            OpenError::NotFound { .. } => ErrorKind::WorkspaceMissing,
            OpenError::AlreadyExists { .. } => ErrorKind::WorkspaceExists,
            OpenError::IsDirectory { .. } => ErrorKind::WorkspaceIsFolder,
            OpenError::NotAFile { .. } => ErrorKind::WorkspaceNotFile,
            OpenError::DiskFull { .. } => ErrorKind::DiskFull,
            OpenError::EmptyFile { .. } => ErrorKind::WorkspaceEmpty,
            OpenError::NotSqlite { .. } => ErrorKind::WorkspaceNotDatabase,
            OpenError::NotGroundwork { .. } => ErrorKind::WorkspaceNotGroundwork,
            OpenError::NewerSchema { .. } => ErrorKind::WorkspaceNewerSchema,
            OpenError::Damaged { .. } => ErrorKind::WorkspaceDamaged,
            OpenError::Io { .. } => ErrorKind::Io,
            OpenError::Sqlite { .. } => ErrorKind::Database,
        };
        Self::new(kind, capitalize(&e.to_string()))
    }
}

impl From<groundwork_core::documents::export::WriteError> for IpcError {
    fn from(e: groundwork_core::documents::export::WriteError) -> Self {
        use groundwork_core::documents::export::WriteError;
        let kind = match &e {
            WriteError::UnsafeName { .. } | WriteError::IsFolder { .. } => ErrorKind::InvalidInput,
            WriteError::Exists { .. } => ErrorKind::FileExists,
            WriteError::DiskFull { .. } => ErrorKind::DiskFull,
            WriteError::Io { .. } => ErrorKind::Io,
        };
        Self::new(kind, capitalize(&e.to_string()))
    }
}

impl From<groundwork_core::store::folder::FolderError> for IpcError {
    fn from(e: groundwork_core::store::folder::FolderError) -> Self {
        use groundwork_core::store::folder::FolderError;
        let kind = match e {
            FolderError::Open(open) => return open.into(),
            FolderError::NotEmpty { .. } => ErrorKind::FileExists,
            FolderError::Newer { .. } => ErrorKind::WorkspaceNewerSchema,
            FolderError::NoManifest { .. }
            | FolderError::Older { .. }
            | FolderError::Unreadable { .. } => ErrorKind::InvalidInput,
            FolderError::Io { .. } => ErrorKind::Io,
            FolderError::Database(_) => ErrorKind::Internal,
        };
        Self::new(kind, capitalize(&e.to_string()))
    }
}

impl From<groundwork_core::sharing::sync::ShareError> for IpcError {
    fn from(e: groundwork_core::sharing::sync::ShareError) -> Self {
        use groundwork_core::sharing::git::GitError;
        use groundwork_core::sharing::sync::ShareError;
        let kind = match e {
            ShareError::Folder(folder) => return folder.into(),
            ShareError::Domain(domain) => return domain.into(),
            ShareError::NotShared => ErrorKind::NotShared,
            ShareError::AlreadyShared { .. } | ShareError::InTheWay { .. } => {
                ErrorKind::InvalidInput
            }
            ShareError::InMemory => ErrorKind::NoWorkspace,
            ShareError::Git(GitError::Unreachable { .. }) => ErrorKind::RepositoryUnreachable,
            ShareError::Git(_) => ErrorKind::Git,
            ShareError::Untrusted { .. } => ErrorKind::InvalidInput,
            ShareError::Schema(folder) => return folder.into(),
            ShareError::Database(_) => ErrorKind::Internal,
        };
        Self::new(kind, capitalize(&e.to_string()))
    }
}

impl From<groundwork_core::sample::SampleError> for IpcError {
    fn from(e: groundwork_core::sample::SampleError) -> Self {
        use groundwork_core::sample::SampleError;
        match e {
            SampleError::Domain(e) => e.into(),
            SampleError::Open(e) => e.into(),
            e @ SampleError::Content(_) => Self::internal(e),
        }
    }
}

pub(crate) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_crosses_ipc_as_kind_and_message() {
        let e = IpcError::new(ErrorKind::WorkspaceNewerSchema, "Too new");
        assert_eq!(
            serde_json::to_string(&e).expect("json"),
            r#"{"kind":"workspace_newer_schema","message":"Too new"}"#
        );
    }

    #[test]
    fn domain_errors_map_to_kinds_with_a_readable_message() {
        let e: IpcError = DomainError::CycleClosed {
            cycle: "2026 H2".into(),
        }
        .into();
        assert_eq!(
            serde_json::to_value(&e).expect("json"),
            serde_json::json!({"kind": "read_only", "message": "The cycle \"2026 H2\" is closed and read-only"})
        );
    }

    #[test]
    fn open_errors_name_the_path() {
        let e: IpcError = OpenError::EmptyFile {
            path: "/x/empty.groundwork".into(),
        }
        .into();
        assert_eq!(e.kind, ErrorKind::WorkspaceEmpty);
        assert!(e.message.contains("/x/empty.groundwork"));
    }
}
