//! Choosing a survey export to import: the open dialog is the shell's, and so is the
//! reading. The page gets the bytes of the one file the user picked (base64, for
//! the operation table's `preview_survey_import` and `import_survey_wave`) and never
//! names a path: it cannot read a file the user did not choose.

use super::CmdResult;
use crate::error::IpcError;
use crate::state::AppState;
use base64::Engine;
use groundwork_core::{WaveImport, WaveImported};
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

/// Names the file the open dialog picks, without asking (scripted runs, the
/// end-to-end tests).
pub const SURVEY_FILE_ENV: &str = "GROUNDWORK_SURVEY_FILE";

/// A file the user picked (a survey export, a transcript), as read.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChosenFile {
    pub file_name: String,
    /// Its bytes, in base64.
    pub content: String,
    pub bytes: u32,
}

/// Asks which survey export to import and reads it; `None` when the user cancels.
#[tauri::command]
pub async fn choose_survey_file(app: AppHandle) -> CmdResult<Option<ChosenFile>> {
    let path = match std::env::var_os(SURVEY_FILE_ENV).filter(|p| !p.is_empty()) {
        Some(path) => std::path::PathBuf::from(path),
        None => {
            let dialog = app
                .dialog()
                .file()
                .set_title("Import a survey wave")
                .add_filter("Survey export (CSV)", &["csv", "tsv", "txt"]);
            let picked = crate::state::blocking(move || Ok(dialog.blocking_pick_file())).await?;
            let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
                return Ok(None);
            };
            path
        }
    };
    let (file_name, bytes) = crate::state::blocking(move || {
        groundwork_core::surveys::survey::read_export(&path).map_err(IpcError::from)
    })
    .await?;
    Ok(Some(ChosenFile {
        file_name,
        bytes: bytes.len() as u32,
        content: base64::engine::general_purpose::STANDARD.encode(&bytes),
    }))
}

/// Set by [`cancel_survey_import`]; the import running checks it between batches of rows.
static CANCEL: AtomicBool = AtomicBool::new(false);

/// How far an import has come, for its progress bar.
#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// The event an import reports its progress with.
pub const PROGRESS_EVENT: &str = "survey-import-progress";

/// Imports a wave as `import_survey_wave` does, reporting its progress (the
/// `survey-import-progress` event, at most ten times a second) and stopping, with
/// nothing written, when [`cancel_survey_import`] is called.
#[tauri::command]
pub async fn import_survey(
    app: AppHandle,
    state: State<'_, AppState>,
    file_name: String,
    content: String,
    wave: WaveImport,
) -> CmdResult<WaveImported> {
    let bytes = groundwork_api::file_bytes(&content)?;
    CANCEL.store(false, Ordering::SeqCst);
    state
        .with_store(move |store| {
            let mut last: Option<Instant> = None;
            let mut progress = |done: u32, total: u32| {
                if done == total || last.is_none_or(|t| t.elapsed() >= Duration::from_millis(100)) {
                    let _ = app.emit(PROGRESS_EVENT, ImportProgress { done, total });
                    last = Some(Instant::now());
                }
                !CANCEL.load(Ordering::SeqCst)
            };
            store
                .write(|tx| tx.import_survey_wave(&file_name, &bytes, &wave, &mut progress))
                .map_err(IpcError::from)
        })
        .await
}

/// Cancels the import running; it rolls back whole.
#[tauri::command]
pub fn cancel_survey_import() {
    CANCEL.store(true, Ordering::SeqCst);
}
