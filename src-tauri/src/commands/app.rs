//! Links and the start-up probe.

use super::CmdResult;
use crate::error::{ErrorKind, IpcError};
use crate::state::AppState;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

/// Opens a web or mail link in the system's browser or mail app. Other schemes are refused.
#[tauri::command]
pub async fn open_external(app: AppHandle, url: String) -> CmdResult<()> {
    let lower = url.trim().to_ascii_lowercase();
    if !(lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:"))
    {
        return Err(IpcError::new(
            ErrorKind::InvalidInput,
            format!("Only web (http, https) and mail links can be opened, not \"{url}\""),
        ));
    }
    app.opener()
        .open_url(url.trim(), None::<&str>)
        .map_err(|e| IpcError::new(ErrorKind::Io, format!("Could not open the link: {e}")))
}

/// The UI calls this once the first list is painted. With GROUNDWORK_STARTUP_PROBE set,
/// the time since the process started is printed, for the start-up benchmark.
#[tauri::command]
pub async fn startup_painted(state: State<'_, AppState>, rows: u32) -> CmdResult<()> {
    if std::env::var_os("GROUNDWORK_STARTUP_PROBE").is_some() {
        let since_start = state.launch.started.elapsed();
        let epoch_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default();
        println!(
            "groundwork-startup-painted ms_since_main={} epoch_ms={epoch_ms} rows={rows}",
            since_start.as_millis()
        );
    }
    Ok(())
}
