//! The list of recently opened workspaces, kept in the app's config folder (not in
//! any workspace, since it spans them).

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// How many recent workspaces are remembered.
pub const MAX_RECENT: usize = 10;

/// One remembered workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecentWorkspace {
    pub path: String,
    pub name: String,
    /// Whether the file is still there.
    #[serde(default)]
    pub exists: bool,
}

/// Recent workspaces, most recent first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentList {
    pub paths: Vec<PathBuf>,
}

impl RecentList {
    /// Reads the list; a missing or unreadable file is an empty list (it is only a convenience).
    pub fn load(file: &Path) -> Self {
        std::fs::read(file)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the list atomically (temp file, then rename).
    pub fn save(&self, file: &Path) -> std::io::Result<()> {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = file.with_extension("json.tmp");
        std::fs::write(
            &tmp,
            serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?,
        )?;
        std::fs::rename(tmp, file)
    }

    /// Puts `path` first, once.
    pub fn touch(&mut self, path: &Path) {
        self.paths.retain(|p| p != path);
        self.paths.insert(0, path.to_owned());
        self.paths.truncate(MAX_RECENT);
    }

    /// The list as the UI shows it.
    pub fn entries(&self) -> Vec<RecentWorkspace> {
        self.paths
            .iter()
            .map(|p| RecentWorkspace {
                path: p.display().to_string(),
                name: crate::store::workspace::workspace_name(p),
                exists: p.is_file(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touching_a_workspace_moves_it_first_without_duplicates() {
        let mut list = RecentList::default();
        list.touch(Path::new("/a.groundwork"));
        list.touch(Path::new("/b.groundwork"));
        list.touch(Path::new("/a.groundwork"));
        assert_eq!(
            list.paths,
            vec![
                PathBuf::from("/a.groundwork"),
                PathBuf::from("/b.groundwork")
            ]
        );
    }

    #[test]
    fn the_list_keeps_only_the_most_recent_ten() {
        let mut list = RecentList::default();
        for i in 0..15 {
            list.touch(Path::new(&format!("/w{i}.groundwork")));
        }
        assert_eq!(list.paths.len(), MAX_RECENT);
        assert_eq!(list.paths[0], PathBuf::from("/w14.groundwork"));
    }

    #[test]
    fn a_garbled_recent_file_reads_as_an_empty_list_and_is_replaced_on_save() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("recent.json");
        std::fs::write(&file, "{not json").expect("write");
        let mut list = RecentList::load(&file);
        assert!(list.paths.is_empty());
        list.touch(Path::new("/x.groundwork"));
        list.save(&file).expect("save");
        assert_eq!(RecentList::load(&file), list);
    }
}
