//! Sharing the open workspace through git and syncing it: the work (git and the merge)
//! runs as a task on the shell's tokio runtime (`spawn_blocking`), so the window never
//! waits on the network, and reports where it is as `sync-progress` events. One sync
//! runs at a time.

use super::CmdResult;
use crate::error::{ErrorKind, IpcError};
use crate::state::AppState;
use groundwork_core::sharing::sync::{self, SyncReport, SyncStage};
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::{AppHandle, Emitter, State};

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
