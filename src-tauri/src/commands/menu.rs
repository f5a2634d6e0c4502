//! The window's menu bar: File, Go and Help, as a desktop app has them. Each item but
//! Close and About is a command of the page's palette, named by the palette's id:
//! choosing it hands the id to the page, which runs the command as the palette would
//! (or says why it cannot yet). The shell keeps no second copy of what a command does.

use tauri::menu::{AboutMetadata, Menu, MenuBuilder, MenuEvent, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// The event that hands the page a palette command's id.
pub const MENU_EVENT: &str = "menu-command";

/// The id of the item that closes the window (the page saves first, as on ×).
const CLOSE: &str = "close-window";

/// An item of a menu: a palette command's id and its label; `None` a separator.
type Item = Option<(&'static str, &'static str)>;

/// File: sessions, imports and workspaces.
pub const FILE: &[Item] = &[
    Some(("new-session", "New session")),
    Some(("new-cycle", "New cycle")),
    None,
    Some(("import-notes", "Import notes…")),
    Some(("import-transcript", "Import transcript…")),
    Some(("import-tickets", "Import tickets…")),
    None,
    Some(("share", "Share with git…")),
    Some(("sync", "Sync now")),
    None,
    Some(("new-workspace", "New workspace…")),
    Some(("open-workspace", "Open workspace…")),
    Some(("open-default", "Open default workspace")),
    Some(("open-sample", "Open the sample workspace")),
    Some(("join-shared", "Open a shared workspace…")),
];

/// Go: every view.
pub const GO: &[Item] = &[
    Some(("search", "Search")),
    Some(("switch-cycle", "Switch cycle…")),
    None,
    Some(("go-sessions", "Sessions")),
    Some(("go-observations", "Observations")),
    Some(("go-people", "People")),
    Some(("go-tags", "Tags")),
    Some(("go-coverage", "Coverage")),
    Some(("go-ideas", "Ideas")),
    None,
    Some(("go-pains", "Pains")),
    Some(("go-tradeoffs", "Trade-offs")),
    Some(("go-solutions", "Solutions")),
    Some(("go-roadmap", "Roadmap")),
    Some(("go-documents", "Charter & vision")),
    None,
    Some(("go-surveys", "Surveys")),
    Some(("go-loop", "Close the loop")),
    None,
    Some(("go-cycles", "Cycles")),
    Some(("go-templates", "Session templates")),
    Some(("go-trash", "Trash")),
    Some(("go-sharing", "Sharing")),
];

/// The menu bar.
pub fn build<R: Runtime, M: Manager<R>>(manager: &M) -> tauri::Result<Menu<R>> {
    let submenu = |title: &str, items: &[Item]| {
        items.iter().fold(
            SubmenuBuilder::new(manager, title),
            |menu, item| match item {
                Some((id, label)) => menu.text(*id, *label),
                None => menu.separator(),
            },
        )
    };
    let file = submenu("File", FILE)
        .separator()
        .text(CLOSE, "Close window")
        .build()?;
    let go = submenu("Go", GO).build()?;
    let help = SubmenuBuilder::new(manager, "Help")
        .about(Some(AboutMetadata {
            name: Some("Groundwork".into()),
            version: Some(env!("CARGO_PKG_VERSION").into()),
            comments: Some(
                "Discovery and prioritization for product managers of internal platforms, offline."
                    .into(),
            ),
            ..Default::default()
        }))
        .build()?;
    MenuBuilder::new(manager)
        .items(&[&file, &go, &help])
        .build()
}

/// What choosing an item does: Close closes the window (through its close request, so
/// the page saves first); every other item is handed to the page.
pub fn chosen<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let id = event.id().0.as_str();
    if id == CLOSE {
        if let Some(window) = app.webview_windows().values().next() {
            let _ = window.close();
        }
        return;
    }
    // No window to tell is no failure.
    let _ = app.emit(MENU_EVENT, id);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The palette's command ids, as its source names them.
    fn palette_ids() -> Vec<String> {
        let source = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../ui/src/workspace/palette/commands.ts"
        ))
        .expect("the palette's commands");
        source
            .split("id: '")
            .skip(1)
            .filter_map(|s| s.split('\'').next())
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_menu_item_is_a_command_of_the_palette() {
        let ids = palette_ids();
        assert!(ids.len() > 20, "{ids:?}");
        for (id, label) in FILE.iter().chain(GO).flatten() {
            assert!(
                ids.iter().any(|i| i == id),
                "“{label}” ({id}) is no palette command"
            );
        }
    }

    #[test]
    fn every_view_of_the_palette_is_in_the_go_menu() {
        for id in palette_ids().iter().filter(|i| i.starts_with("go-")) {
            assert!(
                GO.iter().flatten().any(|(g, _)| g == id),
                "{id} is missing from Go"
            );
        }
    }
}
