//! Importing notes from other tools: the open dialog is the shell's, and so is the
//! reading. The page is shown what the chosen folder (or file: a Notion .zip, a Joplin
//! .jex, a CSV of notes) holds and says how to import it; it never names a path, so it
//! cannot read what the user did not choose. The notes read are kept here between the preview and the import.

use super::CmdResult;
use crate::error::{ErrorKind, IpcError};
use crate::state::AppState;
use groundwork_core::imports::notes::{chosen, read_notes, NotesChosen};
use groundwork_core::imports::vault::Vault;
use groundwork_core::imports::vault_import::{VaultImport, VaultImported};
use groundwork_core::SourceKind;
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

/// Names the folder the open dialog picks, without asking (scripted runs, the
/// end-to-end tests).
pub const NOTES_FOLDER_ENV: &str = "GROUNDWORK_NOTES_FOLDER";

/// Names the file of notes the open dialog picks, without asking.
pub const NOTES_FILE_ENV: &str = "GROUNDWORK_NOTES_FILE";

/// The notes last chosen, read, waiting for the user to import them.
#[derive(Default)]
pub struct ChosenNotes(pub(crate) Mutex<Option<(PathBuf, Vault)>>);

fn refused(message: String) -> IpcError {
    IpcError::new(ErrorKind::InvalidInput, message)
}

/// Asks which folder of notes to import, reads it, and says what it holds; `None` when
/// the user cancels.
#[tauri::command]
pub async fn choose_notes_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<NotesChosen>> {
    let path = match std::env::var_os(NOTES_FOLDER_ENV).filter(|p| !p.is_empty()) {
        Some(path) => PathBuf::from(path),
        None => {
            let dialog = app
                .dialog()
                .file()
                .set_title("Import notes: choose the folder (an Obsidian vault, Markdown, a Joplin RAW export)");
            let picked = crate::state::blocking(move || Ok(dialog.blocking_pick_folder())).await?;
            let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
                return Ok(None);
            };
            path
        }
    };
    keep_chosen(&state, path).await.map(Some)
}

/// Asks which file of notes to import (a Notion export as a .zip, a Joplin .jex, a
/// CSV of notes from Productboard or Dovetail), reads it, and says what it holds;
/// `None` when the user cancels. It is kept as a folder is, for `import_chosen_notes`.
#[tauri::command]
pub async fn choose_notes_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<NotesChosen>> {
    let path = match std::env::var_os(NOTES_FILE_ENV).filter(|p| !p.is_empty()) {
        Some(path) => PathBuf::from(path),
        None => {
            let dialog = app
                .dialog()
                .file()
                .set_title("Import notes: choose the file (a Notion export, a Joplin .jex, a CSV of notes)")
                .add_filter(
                    "Notes (Notion .zip, Joplin .jex, Productboard or Dovetail .csv)",
                    &["zip", "jex", "csv"],
                );
            let picked = crate::state::blocking(move || Ok(dialog.blocking_pick_file())).await?;
            let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
                return Ok(None);
            };
            path
        }
    };
    keep_chosen(&state, path).await.map(Some)
}

/// Reads the notes at `path` (a folder or a file, told by what it holds) and keeps them
/// for `import_chosen_notes`; says what they hold.
async fn keep_chosen(state: &State<'_, AppState>, path: PathBuf) -> CmdResult<NotesChosen> {
    let read = path.clone();
    let vault =
        crate::state::blocking(move || read_notes(&read, None).map_err(|e| refused(e.to_string())))
            .await?;
    let shown = chosen(&path, &vault);
    *state
        .chosen_notes
        .0
        .lock()
        .unwrap_or_else(|e| e.into_inner()) = Some((path, vault));
    Ok(shown)
}

/// Imports the notes last chosen as sessions of the current cycle, all or nothing.
#[tauri::command]
pub async fn import_chosen_notes(
    state: State<'_, AppState>,
    kind: SourceKind,
    add_people: bool,
    quotes: Option<bool>,
) -> CmdResult<VaultImported> {
    let quotes = quotes.unwrap_or(false);
    let (path, vault) = state
        .chosen_notes
        .0
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take()
        .ok_or_else(|| refused("Choose the folder or file of notes first".into()))?;
    let origin = std::fs::canonicalize(&path)
        .unwrap_or(path)
        .display()
        .to_string();
    state
        .with_store(move |store| {
            store
                .write(|tx| {
                    tx.import_vault(
                        &vault,
                        &VaultImport {
                            origin,
                            cycle_id: None,
                            kind,
                            add_people,
                            quotes,
                        },
                    )
                })
                .map_err(IpcError::from)
        })
        .await
}
