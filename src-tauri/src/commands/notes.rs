//! Importing notes from other tools: the open dialog is the shell's, and so is the
//! reading. The page is shown what the chosen folder (or file: a Notion .zip, a Joplin
//! .jex, a CSV of notes) holds and says how to import it; it never names a path, so it
//! cannot read what the user did not choose. The notes read are kept here between the preview and the import.

use super::survey::ImportProgress;
use super::CmdResult;
use crate::error::{ErrorKind, IpcError};
use crate::state::AppState;
use groundwork_core::imports::notes::{chosen, read_notes, NotesChosen};
use groundwork_core::imports::vault::Vault;
use groundwork_core::imports::vault_import::{VaultImport, VaultImported};
use groundwork_core::SourceKind;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tauri::{AppHandle, Emitter, State};
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

/// Set by [`cancel_notes_import`]; the import running checks it between notes.
static CANCEL: AtomicBool = AtomicBool::new(false);

/// The event a notes import reports its progress with (notes done of all).
pub const PROGRESS_EVENT: &str = "notes-import-progress";

/// Imports the notes last chosen as sessions of the current cycle, all or nothing,
/// reporting progress (at most ten times a second) and stopping, with nothing written,
/// when [`cancel_notes_import`] is called.
#[tauri::command]
pub async fn import_chosen_notes(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: SourceKind,
    add_people: bool,
    quotes: Option<bool>,
) -> CmdResult<VaultImported> {
    CANCEL.store(false, Ordering::SeqCst);
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
            let mut last: Option<Instant> = None;
            let mut progress = |done: u32, total: u32| {
                if done == total || last.is_none_or(|t| t.elapsed() >= Duration::from_millis(100)) {
                    let _ = app.emit(PROGRESS_EVENT, ImportProgress { done, total });
                    last = Some(Instant::now());
                }
                !CANCEL.load(Ordering::SeqCst)
            };
            store
                .write(|tx| {
                    tx.import_vault_with(
                        &vault,
                        &VaultImport {
                            origin,
                            cycle_id: None,
                            kind,
                            add_people,
                            quotes,
                        },
                        &mut progress,
                    )
                })
                .map_err(IpcError::from)
        })
        .await
}

/// Stops the notes import running; it rolls back whole.
#[tauri::command]
pub fn cancel_notes_import() {
    CANCEL.store(true, Ordering::SeqCst);
}
