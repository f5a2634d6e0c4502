//! The Groundwork desktop shell: a thin Tauri layer over `groundwork-core`.

pub mod commands;
pub mod launch;
pub mod state;

#[cfg(test)]
mod bindings;

/// The one error that crosses IPC, `{ kind, message }`, shared with the command line.
pub mod error {
    pub use groundwork_api::error::*;
}

use launch::Launch;
use state::{AppPaths, AppState};
use tauri::{Emitter, Manager};

use groundwork_api::paths::DEFAULT_WORKSPACE_FILE;

/// Whether the webview may navigate to `url`: only the app's own pages. Links in
/// notes open in the system browser through `open_external`, never in the app.
fn is_app_url(url: &tauri::Url) -> bool {
    match (url.scheme(), url.host_str()) {
        ("tauri", _) => true,
        ("http" | "https", Some("tauri.localhost")) => true,
        ("http", Some("localhost" | "127.0.0.1")) => tauri::is_dev(),
        _ => false,
    }
}

/// How long a close request may wait for the page to flush notes (the page itself
/// gives up after 5 s) before the window is closed anyway: a hung page must not
/// keep the app from closing.
const CLOSE_FALLBACK: std::time::Duration = std::time::Duration::from_secs(8);

/// How often the app looks for changes another process (the command line, another
/// window, a sync tool) made to the open workspace.
const OUTSIDE_CHANGE_POLL: std::time::Duration = std::time::Duration::from_secs(1);

/// Starts the app.
pub fn run(launch: Launch) {
    let navigation_guard = tauri::plugin::Builder::<tauri::Wry>::new("navigation-guard")
        .on_navigation(|_, url| is_app_url(url))
        .build();

    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(navigation_guard)
        .on_window_event(|window, event| {
            // A file dropped on the window: the shell reads it (the page never names a
            // path) and hands the page what it is.
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                if let Some(path) = paths.first().cloned() {
                    let window = window.clone();
                    std::thread::spawn(move || {
                        let state = window.state::<AppState>();
                        let dropped = commands::drop::read_dropped(&path, |path, vault| {
                            *state
                                .chosen_notes
                                .0
                                .lock()
                                .unwrap_or_else(|e| e.into_inner()) = Some((path, vault));
                        });
                        let _ = window.emit(commands::drop::DROPPED_EVENT, dropped);
                    });
                }
            }
            if let tauri::WindowEvent::CloseRequested { .. } = event {
                // The page flushes unsaved notes, then destroys the window itself.
                let window = window.clone();
                std::thread::spawn(move || {
                    std::thread::sleep(CLOSE_FALLBACK);
                    // Already gone when the page did its job; that error is expected.
                    let _ = window.destroy();
                });
            }
        })
        .on_menu_event(commands::menu::chosen)
        .setup(move |app| {
            let menu = commands::menu::build(app)?;
            app.set_menu(menu)?;
            let data = app.path().app_data_dir()?;
            let config = app.path().app_config_dir()?;
            let paths = AppPaths {
                default_workspace: data.join(DEFAULT_WORKSPACE_FILE),
                recent_file: config.join("recent.json"),
            };
            app.manage(AppState::new(launch.clone(), paths));
            // Two windows, the command line or a sync tool may write the same file (WAL,
            // each write one IMMEDIATE transaction): look once a second and tell the page,
            // which refreshes what it shows and settles notes typed in both places.
            let handle = app.handle().clone();
            std::thread::spawn(move || loop {
                std::thread::sleep(OUTSIDE_CHANGE_POLL);
                let store = handle.state::<AppState>().store();
                if let Some(store) = store {
                    if let Ok(true) = store.changed_outside() {
                        // No window to tell is no failure.
                        let _ = handle.emit("workspace-changed", ());
                    }
                }
            });
            Ok(())
        })
        // Every workspace operation is `op` over the operation table; the rest are
        // what only the shell can do.
        .invoke_handler(tauri::generate_handler![
            commands::op::op,
            commands::workspace::workspace_status,
            commands::workspace::open_workspace,
            commands::workspace::open_default_workspace,
            commands::workspace::choose_workspace_to_open,
            commands::workspace::choose_new_workspace,
            commands::workspace::recent_workspaces,
            commands::workspace::open_sample_workspace,
            commands::workspace::check_workspace,
            commands::app::open_external,
            commands::app::startup_painted,
            commands::export::save_export,
            commands::export::open_saved,
            commands::export::show_saved_in_folder,
            commands::notes::choose_notes_folder,
            commands::notes::choose_notes_file,
            commands::notes::import_chosen_notes,
            commands::notes::cancel_notes_import,
            commands::chart::save_chart,
            commands::survey::choose_survey_file,
            commands::survey::import_survey,
            commands::survey::cancel_survey_import,
            commands::transcript::choose_transcript_file,
            commands::tickets::choose_ticket_file,
            commands::share::share_workspace,
            commands::share::sync_workspace,
            commands::share::join_shared_workspace,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Groundwork could not start: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_and_the_command_line_name_the_same_data_folder() {
        let conf: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tauri.conf.json"),
            )
            .expect("conf"),
        )
        .expect("json");
        assert_eq!(conf["identifier"], groundwork_api::paths::IDENTIFIER);
    }

    #[test]
    fn the_webview_may_only_navigate_within_the_app() {
        let ok = |s: &str| is_app_url(&tauri::Url::parse(s).expect("url"));
        assert!(ok("tauri://localhost/index.html"));
        assert!(ok("http://tauri.localhost/"));
        assert!(!ok("https://example.com/"));
        assert!(!ok("javascript:alert(1)"));
        assert!(!ok("file:///etc/passwd"));
        assert!(!ok("data:text/html,hi"));
    }
}

#[cfg(test)]
mod security_tests {
    use serde_json::Value;

    fn read_json(path: &str) -> Value {
        let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        serde_json::from_str(&std::fs::read_to_string(&full).expect("readable")).expect("json")
    }

    #[test]
    fn the_content_security_policy_never_allows_inline_eval_data_or_blob_scripts() {
        let conf = read_json("tauri.conf.json");
        let csp = &conf["app"]["security"]["csp"];
        let script_src = csp["script-src"].as_str().expect("script-src is set");
        for forbidden in ["unsafe-inline", "unsafe-eval", "data:", "blob:", "*"] {
            assert!(
                !script_src.contains(forbidden),
                "script-src allows {forbidden}: {script_src}"
            );
        }
        assert_eq!(csp["default-src"], "'self'");
        assert_eq!(csp["object-src"], "'none'");
        assert_eq!(csp["frame-src"], "'none'");
        let disabled = conf["app"]["security"]["dangerousDisableAssetCspModification"].to_string();
        assert!(
            !disabled.contains("script-src"),
            "Tauri must keep adding its script hashes"
        );
    }

    #[test]
    fn the_main_window_is_granted_only_what_it_uses() {
        let cap = read_json("capabilities/main.json");
        let granted: Vec<&str> = cap["permissions"]
            .as_array()
            .expect("list")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        // Listening for the close request (to flush notes) and closing the window.
        assert_eq!(
            granted,
            [
                "core:event:allow-listen",
                "core:event:allow-unlisten",
                "core:window:allow-destroy"
            ]
        );
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
        assert_eq!(
            std::fs::read_dir(dir).expect("dir").count(),
            1,
            "one capability file, for the main window"
        );
    }
}
