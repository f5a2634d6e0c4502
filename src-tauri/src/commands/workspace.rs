//! Opening, creating and switching workspaces.

use super::CmdResult;
use crate::error::IpcError;
use crate::state::{blocking, AppState, WorkspaceStatus};
use groundwork_core::{check_whole_file, OpenMode, RecentWorkspace};
use std::path::PathBuf;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

/// The file extension of workspaces.
pub(crate) const EXTENSION: &str = "groundwork";

fn retitle(app: &AppHandle, state: &AppState) {
    if let Some(window) = app.get_webview_window("main") {
        // A title that cannot be set is cosmetic; never fail an open over it.
        let _ = window.set_title(&state.title());
    }
}

pub(crate) async fn open_and_retitle(
    app: &AppHandle,
    state: &AppState,
    path: PathBuf,
    mode: OpenMode,
) -> CmdResult<WorkspaceStatus> {
    let status = state.open(path, mode).await?;
    retitle(app, state);
    Ok(status)
}

/// The workspace's state; the first call opens the start-up workspace.
#[tauri::command]
pub async fn workspace_status(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<WorkspaceStatus> {
    let status = state.status().await?;
    retitle(&app, &state);
    Ok(status)
}

/// Opens the workspace file at `path`.
#[tauri::command]
pub async fn open_workspace(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<WorkspaceStatus> {
    open_and_retitle(&app, &state, PathBuf::from(path), OpenMode::MustExist).await
}

/// Opens the default workspace in the app-data folder (creating it if needed).
#[tauri::command]
pub async fn open_default_workspace(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<WorkspaceStatus> {
    let path = state.paths.default_workspace.clone();
    open_and_retitle(&app, &state, path, OpenMode::OpenOrCreate).await
}

/// Asks for a workspace file and opens it; `None` when the user cancels.
#[tauri::command]
pub async fn choose_workspace_to_open(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<WorkspaceStatus>> {
    let dialog = app
        .dialog()
        .file()
        .set_title("Open a Groundwork workspace")
        .add_filter("Groundwork workspace", &[EXTENSION]);
    let picked = crate::state::blocking(move || Ok(dialog.blocking_pick_file())).await?;
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    open_and_retitle(&app, &state, path, OpenMode::MustExist)
        .await
        .map(Some)
}

/// Asks where to save a new workspace, creates it and opens it; `None` when cancelled.
#[tauri::command]
pub async fn choose_new_workspace(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<WorkspaceStatus>> {
    let dialog = app
        .dialog()
        .file()
        .set_title("Create a new Groundwork workspace")
        .set_file_name(format!("New workspace.{EXTENSION}"))
        .add_filter("Groundwork workspace", &[EXTENSION]);
    let picked = crate::state::blocking(move || Ok(dialog.blocking_save_file())).await?;
    let Some(mut path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    if path.extension().is_none_or(|e| e != EXTENSION) {
        path.as_mut_os_string().push(format!(".{EXTENSION}"));
    }
    open_and_retitle(&app, &state, path, OpenMode::CreateNew)
        .await
        .map(Some)
}

/// Recently opened workspaces, most recent first.
#[tauri::command]
pub async fn recent_workspaces(state: State<'_, AppState>) -> CmdResult<Vec<RecentWorkspace>> {
    Ok(state.recent().entries())
}

/// Opens the sample workspace, writing it first if it is not there yet.
#[tauri::command]
pub async fn open_sample_workspace(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<WorkspaceStatus> {
    let path = state.paths.sample_workspace();
    if !path.exists() {
        let target = path.clone();
        crate::state::blocking(move || {
            groundwork_core::sample::write_sample(
                &target,
                std::sync::Arc::new(groundwork_core::SystemClock),
            )
            .map_err(crate::error::IpcError::from)
        })
        .await?;
    }
    open_and_retitle(&app, &state, path, OpenMode::MustExist).await
}

/// Checks the rest of the open workspace's file when opening had time for only part
/// of it (a very large file). It reads on a connection of its own, so the workspace
/// keeps working meanwhile; damage comes back as a `workspace_damaged` error.
#[tauri::command]
pub async fn check_workspace(state: State<'_, AppState>) -> CmdResult<()> {
    let Some(path) = state.unchecked_path() else {
        return Ok(());
    };
    blocking(move || check_whole_file(&path).map_err(IpcError::from)).await
}
