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

/// The event that hands the page a file dropped on the window.
pub const DROPPED_EVENT: &str = "file-dropped";

/// What a file dropped on the window is, as the page is told: a transcript read (its
/// bytes, as the open dialog would have given them), or why it is not taken.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Dropped {
    Transcript { file: ChosenFile },
    Refused { message: String },
}

/// Reads a dropped file: a transcript when it reads as one. The page never learns the
/// path; only what the user dropped is read.
pub fn read_dropped(path: &std::path::Path) -> Dropped {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if path.is_dir() {
        return Dropped::Refused {
            message: format!("“{name}” is a folder: to import notes, use Import notes…"),
        };
    }
    let read = groundwork_core::discovery::transcript::read_transcript_file(path).and_then(
        |(file_name, bytes)| {
            groundwork_core::discovery::transcript::read_transcript(&file_name, &bytes)
                .map(|_| (file_name, bytes))
                .map_err(groundwork_core::DomainError::from)
        },
    );
    match read {
        Ok((file_name, bytes)) => Dropped::Transcript {
            file: ChosenFile {
                file_name,
                bytes: bytes.len() as u32,
                content: base64::engine::general_purpose::STANDARD.encode(&bytes),
            },
        },
        Err(e) => Dropped::Refused {
            message: format!(
                "“{name}” was dropped, but it is not a transcript Groundwork reads: {e}. Notes, surveys and tickets are imported from their menus"
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_transcript_is_read_and_anything_else_is_refused_in_words() {
        let dir = tempfile::tempdir().expect("dir");
        let vtt = dir.path().join("talk.vtt");
        std::fs::write(
            &vtt,
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Priya>Builds are slow.</v>\n",
        )
        .expect("write");
        match read_dropped(&vtt) {
            Dropped::Transcript { file } => {
                assert_eq!(file.file_name, "talk.vtt");
                assert!(file.bytes > 0);
            }
            other => panic!("{other:?}"),
        }
        let png = dir.path().join("photo.vtt");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
        match read_dropped(&png) {
            Dropped::Refused { message } => {
                assert!(message.contains("not a transcript"), "{message}")
            }
            other => panic!("{other:?}"),
        }
        match read_dropped(dir.path()) {
            Dropped::Refused { message } => assert!(message.contains("Import notes"), "{message}"),
            other => panic!("{other:?}"),
        }
    }
}
