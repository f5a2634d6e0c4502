//! Saving a document or planning pack where the user chooses: the save dialog is the
//! shell's (it asks before replacing a file), the bytes are core's and, for PDF,
//! groundwork-interchange's. The page never names a path: it cannot write anywhere
//! the user did not pick.

use super::CmdResult;
use crate::error::{ErrorKind, IpcError};
use crate::state::AppState;
use groundwork_interchange::{ExportError, ExportOf, Format};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;
use ts_rs::TS;

/// Names a folder exports are saved in, under their suggested names, without asking.
pub const EXPORT_DIR_ENV: &str = "GROUNDWORK_EXPORT_DIR";

/// Where an export was written.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedExport {
    pub path: String,
    pub bytes: u32,
    pub citations: u32,
}

fn failure(e: ExportError) -> IpcError {
    match e {
        ExportError::Domain(e) => e.into(),
        ExportError::Pdf(e) => IpcError::internal(e),
    }
}

/// Asks where to save what `of` names (a cycle's document, or a kept version) in
/// `format`, then writes it there whole (or not at all); `None` when the user cancels.
#[tauri::command]
pub async fn save_export(
    app: AppHandle,
    state: State<'_, AppState>,
    of: ExportOf,
    format: Format,
) -> CmdResult<Option<SavedExport>> {
    let file = state
        .with_store(move |store| {
            groundwork_interchange::export_of(store, of, format).map_err(failure)
        })
        .await?;
    let (label, ext) = match format {
        Format::Md => ("Markdown", "md"),
        Format::Html => ("Web page (HTML)", "html"),
        Format::Pdf => ("PDF", "pdf"),
    };
    let citations = file.citations;
    let title = format!("Save {}", file.title);
    let saved = save_where_chosen(&app, title, file.file_name, (label, ext), file.bytes).await?;
    Ok(saved.map(|(path, bytes)| SavedExport {
        path,
        bytes,
        citations,
    }))
}

/// Asks where to save `bytes` (suggesting `file_name`, offering one `filter`: a label
/// and an extension), then writes them there whole or not at all. Returns the path
/// written and its size, `None` when the user cancels. Every file the shell saves for
/// the page goes through here: documents, packs and charts.
pub(crate) async fn save_where_chosen(
    app: &AppHandle,
    title: String,
    file_name: String,
    filter: (&'static str, &'static str),
    bytes: Vec<u8>,
) -> CmdResult<Option<(String, u32)>> {
    // Checked before it is joined to a folder: a name like "../x" must not leave it.
    groundwork_core::documents::export::check_file_name(&file_name).map_err(IpcError::from)?;
    // Scripted runs (and the end-to-end tests) name a folder instead of a dialog;
    // nothing there is replaced. The dialog itself asks before replacing a file.
    let (path, replace) = match std::env::var_os(EXPORT_DIR_ENV).filter(|d| !d.is_empty()) {
        Some(dir) => (std::path::PathBuf::from(dir).join(&file_name), false),
        None => {
            let (label, ext) = filter;
            let dialog = app
                .dialog()
                .file()
                .set_title(title)
                .set_file_name(&file_name)
                .add_filter(label, &[ext]);
            let picked = crate::state::blocking(move || Ok(dialog.blocking_save_file())).await?;
            let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
                return Ok(None);
            };
            (path, true)
        }
    };
    let target = path.clone();
    let written = crate::state::blocking(move || {
        groundwork_core::documents::export::write_export(&target, &bytes, replace)
            .map_err(IpcError::from)?;
        Ok(bytes.len())
    })
    .await?;
    app.state::<AppState>().saved.remember(&path);
    Ok(Some((path.display().to_string(), written as u32)))
}

/// The file `path` if this session saved it; a refusal for any other path.
fn saved_file(state: &AppState, path: &str) -> CmdResult<std::path::PathBuf> {
    state.saved.saved(path).ok_or_else(|| {
        IpcError::new(
            ErrorKind::InvalidInput,
            "Only a file Groundwork saved for you can be opened from here",
        )
    })
}

/// Opens a file this session saved in the system's app for it.
#[tauri::command]
pub async fn open_saved(app: AppHandle, state: State<'_, AppState>, path: String) -> CmdResult<()> {
    let file = saved_file(&state, &path)?;
    app.opener()
        .open_path(file.display().to_string(), None::<&str>)
        .map_err(|e| IpcError::new(ErrorKind::Io, format!("Could not open {path}: {e}")))
}

/// Shows a file this session saved in its folder, selected.
#[tauri::command]
pub async fn show_saved_in_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<()> {
    let file = saved_file(&state, &path)?;
    app.opener().reveal_item_in_dir(&file).map_err(|e| {
        IpcError::new(
            ErrorKind::Io,
            format!("Could not show {path} in its folder: {e}"),
        )
    })
}
