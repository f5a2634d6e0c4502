//! Choosing a survey export to import: the open dialog is the shell's, and so is the
//! reading. The page gets the bytes of the one file the user picked (base64, for
//! the operation table's `preview_survey_import` and `import_survey_wave`) and never
//! names a path: it cannot read a file the user did not choose.

use super::CmdResult;
use crate::error::IpcError;
use base64::Engine;
use serde::Serialize;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

/// Names the file the open dialog picks, without asking (scripted runs, the
/// end-to-end tests).
pub const SURVEY_FILE_ENV: &str = "GROUNDWORK_SURVEY_FILE";

/// A survey export the user picked, as read.
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
        groundwork_core::survey::read_export(&path).map_err(IpcError::from)
    })
    .await?;
    Ok(Some(ChosenFile {
        file_name,
        bytes: bytes.len() as u32,
        content: base64::engine::general_purpose::STANDARD.encode(&bytes),
    }))
}
