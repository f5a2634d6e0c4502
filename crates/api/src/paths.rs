//! Where the app keeps its files, shared by the app and the command line so both
//! open the same default workspace.

use std::path::PathBuf;

/// The app's identifier (`tauri.conf.json`): the name of its data folder.
pub const IDENTIFIER: &str = "app.groundwork.desktop";

/// The default workspace's file name inside the app-data folder.
pub const DEFAULT_WORKSPACE_FILE: &str = "My workspace.groundwork";

/// The environment variable naming a workspace file to open instead of the default.
pub const WORKSPACE_ENV: &str = "GROUNDWORK_WORKSPACE";

/// The default workspace, where the app creates it on first launch:
/// `~/.local/share/app.groundwork.desktop/My workspace.groundwork` on Linux,
/// `~/Library/Application Support/…` on macOS, `%APPDATA%\…` on Windows.
pub fn default_workspace() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(IDENTIFIER).join(DEFAULT_WORKSPACE_FILE))
}
