//! The app's state: the open workspace (or why it could not be opened), where the
//! default workspace and the recent list live, and how the app was launched.
//!
//! SQLite work runs on tokio's blocking pool, never on the main thread. The open
//! store is shared (`Arc`): the slot's lock is held only to take it, so a long read
//! and an autosave run side by side on the store's own connections.

use crate::error::IpcError;
use crate::launch::Launch;
use groundwork_core::{OpenMode, RecentList, Store, SystemClock, WorkspaceInfo};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use ts_rs::TS;

/// What the UI learns about the workspace.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum WorkspaceStatus {
    /// A workspace is open. `notice` tells of anything opening did (a migration and its backup).
    #[serde(rename_all = "camelCase")]
    Open {
        workspace: WorkspaceInfo,
        notice: Option<String>,
    },
    /// The workspace named by `path` could not be opened; nothing was written to it.
    #[serde(rename_all = "camelCase")]
    Failed { path: String, error: IpcError },
}

enum Slot {
    /// Nothing tried yet: the start-up workspace opens on the UI's first ask.
    Unopened,
    Open(Arc<Store>),
    Failed {
        path: PathBuf,
        error: IpcError,
    },
}

/// Files the app keeps outside any workspace.
#[derive(Debug, Clone)]
pub struct AppPaths {
    pub default_workspace: PathBuf,
    pub recent_file: PathBuf,
}

impl AppPaths {
    /// Where the sample workspace lives: beside the default one.
    pub fn sample_workspace(&self) -> PathBuf {
        self.default_workspace
            .with_file_name("Northwind Freight sample.groundwork")
    }
}

/// The files this session saved where the user chose: the only ones the page may
/// ask to open or show in their folder (it never names any other path).
#[derive(Debug, Default)]
pub struct SavedFiles(Mutex<std::collections::HashSet<PathBuf>>);

impl SavedFiles {
    pub fn remember(&self, path: &std::path::Path) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_path_buf());
    }

    /// The path as saved this session, or `None` for any path it did not save.
    pub fn saved(&self, path: &str) -> Option<PathBuf> {
        let path = PathBuf::from(path);
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&path)
            .then_some(path)
    }
}

/// Shared by every command.
pub struct AppState {
    slot: Arc<Mutex<Slot>>,
    pub launch: Launch,
    pub paths: AppPaths,
    pub saved: SavedFiles,
    pub chosen_notes: crate::commands::notes::ChosenNotes,
}

fn lock(slot: &Mutex<Slot>) -> MutexGuard<'_, Slot> {
    // A panic while holding the lock cannot leave a half-written store (every write
    // is a transaction), so the guard is safe to take back.
    slot.lock().unwrap_or_else(|e| e.into_inner())
}

impl AppState {
    pub fn new(launch: Launch, paths: AppPaths) -> Self {
        Self {
            slot: Arc::new(Mutex::new(Slot::Unopened)),
            launch,
            paths,
            saved: SavedFiles::default(),
            chosen_notes: Default::default(),
        }
    }

    /// The open store, if any.
    pub fn store(&self) -> Option<Arc<Store>> {
        match &*lock(&self.slot) {
            Slot::Open(store) => Some(store.clone()),
            _ => None,
        }
    }

    /// Runs `f` on the open store, off the main thread.
    pub async fn with_store<T, F>(&self, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, IpcError> + Send + 'static,
    {
        let store = self.store().ok_or_else(IpcError::no_workspace)?;
        blocking(move || f(&store)).await
    }

    /// The workspace's state; the first call opens the start-up workspace.
    pub async fn status(&self) -> Result<WorkspaceStatus, IpcError> {
        let slot = self.slot.clone();
        let startup = self
            .launch
            .workspace
            .clone()
            .unwrap_or_else(|| self.paths.default_workspace.clone());
        let recent = self.paths.recent_file.clone();
        blocking(move || {
            let mut guard = lock(&slot);
            if matches!(*guard, Slot::Unopened) {
                return Ok(open_into(
                    &mut guard,
                    &startup,
                    OpenMode::OpenOrCreate,
                    &recent,
                ));
            }
            Ok(describe(&guard, None))
        })
        .await
    }

    /// Opens `path`. When it fails and a workspace is already open, that one stays open
    /// (the UI shows the failure as a message); otherwise the failure becomes the state.
    pub async fn open(&self, path: PathBuf, mode: OpenMode) -> Result<WorkspaceStatus, IpcError> {
        let slot = self.slot.clone();
        let recent = self.paths.recent_file.clone();
        blocking(move || Ok(open_into(&mut lock(&slot), &path, mode, &recent))).await
    }

    /// Recent workspaces, most recent first.
    pub fn recent(&self) -> RecentList {
        RecentList::load(&self.paths.recent_file)
    }

    /// The open workspace's display name, for the window title.
    /// The open workspace's file when opening had time to check only part of it.
    pub fn unchecked_path(&self) -> Option<PathBuf> {
        match &*lock(&self.slot) {
            Slot::Open(store) if !store.checked_whole() => store.path().map(Path::to_path_buf),
            _ => None,
        }
    }

    pub fn title(&self) -> String {
        match &*lock(&self.slot) {
            Slot::Open(store) => format!("{} — Groundwork", store.info().name),
            _ => "Groundwork".to_owned(),
        }
    }
}

fn open_into(slot: &mut Slot, path: &Path, mode: OpenMode, recent_file: &Path) -> WorkspaceStatus {
    match Store::open(path, mode, Arc::new(SystemClock)) {
        Ok(store) => {
            let notice = match store.outcome() {
                groundwork_core::OpenOutcome::Migrated { from, to, backup } => Some(format!(
                    "This workspace was upgraded from schema {from} to {to}. A copy of it as it was is saved at {}.",
                    backup.display()
                )),
                _ => None,
            };
            let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
            let mut recent = RecentList::load(recent_file);
            recent.touch(&canonical);
            // The recent list is a convenience: failing to save it must not fail the open.
            let _ = recent.save(recent_file);
            *slot = Slot::Open(Arc::new(store));
            describe(slot, notice)
        }
        Err(error) => {
            let error = IpcError::from(error);
            // A failed open replaces only a failure; an open workspace stays open.
            if !matches!(slot, Slot::Open(_)) {
                *slot = Slot::Failed {
                    path: path.to_owned(),
                    error: error.clone(),
                };
            }
            WorkspaceStatus::Failed {
                path: path.display().to_string(),
                error,
            }
        }
    }
}

fn describe(slot: &Slot, notice: Option<String>) -> WorkspaceStatus {
    match slot {
        Slot::Open(store) => WorkspaceStatus::Open {
            workspace: store.info(),
            notice,
        },
        Slot::Failed { path, error } => WorkspaceStatus::Failed {
            path: path.display().to_string(),
            error: error.clone(),
        },
        Slot::Unopened => WorkspaceStatus::Failed {
            path: String::new(),
            error: IpcError::no_workspace(),
        },
    }
}

/// Runs blocking work on the blocking pool; a panic there becomes an error, never a crash.
pub async fn blocking<T, F>(f: F) -> Result<T, IpcError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, IpcError> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(IpcError::internal)?
}

#[cfg(test)]
mod saved_files {
    use super::SavedFiles;

    #[test]
    fn only_a_file_this_session_saved_may_be_opened_or_shown() {
        let saved = SavedFiles::default();
        let dir = tempfile::tempdir().expect("tmp");
        let pack = dir.path().join("Planning pack.pdf");
        saved.remember(&pack);
        assert_eq!(saved.saved(&pack.display().to_string()), Some(pack.clone()));
        for other in ["/etc/passwd", "/usr/bin/xterm", "", "Planning pack.pdf"] {
            assert_eq!(saved.saved(other), None, "{other}");
        }
        let beside = dir.path().join("..").join("Planning pack.pdf");
        assert_eq!(saved.saved(&beside.display().to_string()), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn state(dir: &Path, startup: Option<PathBuf>) -> AppState {
        let mut launch = Launch::from_env(Vec::new()).expect("launch");
        launch.workspace = startup;
        AppState::new(
            launch,
            AppPaths {
                default_workspace: dir.join("data/My workspace.groundwork"),
                recent_file: dir.join("config/recent.json"),
            },
        )
    }

    #[test]
    fn the_first_status_opens_the_default_workspace_and_remembers_it() {
        let dir = tempfile::tempdir().expect("tmp");
        let state = state(dir.path(), None);
        let status = tauri::async_runtime::block_on(state.status()).expect("status");
        let WorkspaceStatus::Open { workspace, .. } = status else {
            panic!("{status:?}")
        };
        assert_eq!(workspace.name, "My workspace");
        assert_eq!(state.recent().entries()[0].name, "My workspace");
        assert_eq!(state.title(), "My workspace — Groundwork");
    }

    #[test]
    fn a_bad_startup_file_becomes_a_failed_state_naming_the_path() {
        let dir = tempfile::tempdir().expect("tmp");
        let bad = dir.path().join("notes.groundwork");
        std::fs::write(&bad, "plain text").expect("write");
        let state = state(dir.path(), Some(bad.clone()));
        let status = tauri::async_runtime::block_on(state.status()).expect("status");
        let WorkspaceStatus::Failed { path, error } = status else {
            panic!("{status:?}")
        };
        assert_eq!(path, bad.display().to_string());
        assert_eq!(error.kind, ErrorKind::WorkspaceNotDatabase);
        let err = tauri::async_runtime::block_on(
            state.with_store(|s| s.read(|db| db.list_cycles()).map_err(IpcError::from)),
        )
        .expect_err("no store");
        assert_eq!(err.kind, ErrorKind::NoWorkspace);
    }

    #[test]
    fn a_failed_open_keeps_the_open_workspace() {
        let dir = tempfile::tempdir().expect("tmp");
        let state = state(dir.path(), None);
        tauri::async_runtime::block_on(state.status()).expect("status");
        let status =
            tauri::async_runtime::block_on(state.open(dir.path().to_owned(), OpenMode::MustExist))
                .expect("open");
        assert!(matches!(status, WorkspaceStatus::Failed { .. }));
        let again = tauri::async_runtime::block_on(state.status()).expect("status");
        assert!(matches!(again, WorkspaceStatus::Open { .. }), "{again:?}");
    }

    #[test]
    fn a_panic_in_blocking_work_becomes_an_internal_error() {
        let result: Result<(), IpcError> =
            tauri::async_runtime::block_on(blocking(|| -> Result<(), IpcError> { panic!("boom") }));
        assert_eq!(result.expect_err("panic").kind, ErrorKind::Internal);
    }
}
