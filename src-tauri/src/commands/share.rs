//! Sharing the open workspace through git and syncing it: the work (git and the merge)
//! runs as a task on the shell's tokio runtime (`spawn_blocking`), so the window never
//! waits on the network, and reports where it is as `sync-progress` events. One sync
//! runs at a time.

use super::workspace::{open_and_retitle, EXTENSION};
use super::CmdResult;
use crate::error::{ErrorKind, IpcError};
use crate::state::{AppState, WorkspaceStatus};
use groundwork_core::sharing::sync::{self, SyncReport, SyncStage};
use groundwork_core::OpenMode;
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;

/// Names where the save dialog keeps a copy of a shared workspace, without asking
/// (scripted runs, the end-to-end tests).
pub const JOIN_FILE_ENV: &str = "GROUNDWORK_JOIN_FILE";

/// The event each stage of a sync sends.
pub const PROGRESS_EVENT: &str = "sync-progress";

static SYNCING: AtomicBool = AtomicBool::new(false);

/// Marks a sync running until dropped.
struct Running;

impl Running {
    fn start() -> Result<Self, IpcError> {
        if SYNCING.swap(true, Ordering::SeqCst) {
            return Err(IpcError::new(
                ErrorKind::Busy,
                "A sync is already running; this one was not started",
            ));
        }
        Ok(Running)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        SYNCING.store(false, Ordering::SeqCst);
    }
}

/// Ties the open workspace to the git repository `repo` and syncs it.
#[tauri::command]
pub async fn share_workspace(
    app: AppHandle,
    state: State<'_, AppState>,
    repo: String,
) -> CmdResult<SyncReport> {
    let running = Running::start()?;
    let report = state
        .with_store(move |store| {
            let progress = |stage: SyncStage| {
                let _ = app.emit(PROGRESS_EVENT, stage);
            };
            sync::share_with(store, repo.trim(), &progress).map_err(IpcError::from)
        })
        .await;
    drop(running);
    report
}

/// Syncs the open workspace with its repository.
#[tauri::command]
pub async fn sync_workspace(app: AppHandle, state: State<'_, AppState>) -> CmdResult<SyncReport> {
    let running = Running::start()?;
    let report = state
        .with_store(move |store| {
            let progress = |stage: SyncStage| {
                let _ = app.emit(PROGRESS_EVENT, stage);
            };
            sync::sync_with(store, &progress).map_err(IpcError::from)
        })
        .await;
    drop(running);
    report
}

/// The name a copy of the shared workspace at `repo` is offered under: the
/// repository's own name ("discovery" for `git@host:platform/discovery.git`).
fn copy_name(repo: &str) -> String {
    let name = repo
        .trim_end_matches(['/', '\\'])
        .rsplit(['/', '\\', ':'])
        .next()
        .unwrap_or("")
        .trim_end_matches(".git");
    if name.is_empty() {
        "Shared workspace".into()
    } else {
        name.into()
    }
}

/// Asks where to keep a copy of the shared workspace at `repo`, makes it from the
/// repository (tied to it, ready to sync) and opens it; `None` when the person cancels.
#[tauri::command]
pub async fn join_shared_workspace(
    app: AppHandle,
    state: State<'_, AppState>,
    repo: String,
) -> CmdResult<Option<WorkspaceStatus>> {
    let repo = repo.trim().to_owned();
    let mut path = match std::env::var_os(JOIN_FILE_ENV).filter(|p| !p.is_empty()) {
        Some(path) => std::path::PathBuf::from(path),
        None => {
            let dialog = app
                .dialog()
                .file()
                .set_title("Where to keep your copy of the shared workspace")
                .set_file_name(format!("{}.{EXTENSION}", copy_name(&repo)))
                .add_filter("Groundwork workspace", &[EXTENSION]);
            let picked = crate::state::blocking(move || Ok(dialog.blocking_save_file())).await?;
            let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
                return Ok(None);
            };
            path
        }
    };
    if path.extension().is_none_or(|e| e != EXTENSION) {
        path.as_mut_os_string().push(format!(".{EXTENSION}"));
    }
    let running = Running::start()?;
    let target = path.clone();
    let joined = crate::state::blocking(move || {
        sync::join(
            &repo,
            &target,
            std::sync::Arc::new(groundwork_core::SystemClock),
        )
        .map(drop)
        .map_err(IpcError::from)
    })
    .await;
    drop(running);
    joined?;
    open_and_retitle(&app, &state, path, OpenMode::MustExist)
        .await
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::copy_name;

    #[test]
    fn a_copy_is_offered_under_the_repository_name() {
        assert_eq!(
            copy_name("git@git.example.com:platform/discovery.git"),
            "discovery"
        );
        assert_eq!(
            copy_name("https://git.example.com/platform/discovery/"),
            "discovery"
        );
        assert_eq!(copy_name("/srv/git/team.git"), "team");
        assert_eq!(copy_name(""), "Shared workspace");
    }
}
