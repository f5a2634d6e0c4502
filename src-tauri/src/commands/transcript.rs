//! Choosing a transcript to import (Zoom, Teams, Meet, Otter, SubRip, WebVTT, a Word
//! document): the open dialog is the shell's, and so is the reading. The page gets
//! the bytes of the one file the user picked (base64, for the operation table's
//! `preview_transcript_import` and `import_transcript`) and never names a path.

use super::survey::ChosenFile;
use super::CmdResult;
use crate::error::IpcError;
use base64::Engine;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// Names the file the open dialog picks, without asking (scripted runs, the
/// end-to-end tests).
pub const TRANSCRIPT_FILE_ENV: &str = "GROUNDWORK_TRANSCRIPT_FILE";

/// Asks which transcript to import and reads it; `None` when the user cancels.
#[tauri::command]
pub async fn choose_transcript_file(app: AppHandle) -> CmdResult<Option<ChosenFile>> {
    let path = match std::env::var_os(TRANSCRIPT_FILE_ENV).filter(|p| !p.is_empty()) {
        Some(path) => std::path::PathBuf::from(path),
        None => {
            let dialog = app
                .dialog()
                .file()
                .set_title("Import a transcript")
                .add_filter(
                    "Transcript (VTT, SRT, text, Word)",
                    &["vtt", "srt", "txt", "docx"],
                );
            let picked = crate::state::blocking(move || Ok(dialog.blocking_pick_file())).await?;
            let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
                return Ok(None);
            };
            path
        }
    };
    let (file_name, bytes) = crate::state::blocking(move || {
        groundwork_core::discovery::transcript::read_transcript_file(&path).map_err(IpcError::from)
    })
    .await?;
    Ok(Some(ChosenFile {
        file_name,
        bytes: bytes.len() as u32,
        content: base64::engine::general_purpose::STANDARD.encode(&bytes),
    }))
}
