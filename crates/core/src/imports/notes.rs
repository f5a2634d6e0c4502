//! Notes chosen to import, whatever wrote them: a folder of Markdown files or an
//! Obsidian vault, a Joplin export (its RAW folder or its JEX file), a Notion export
//! (its folder or its zip), or a CSV of notes (Productboard, Dovetail), told apart by
//! what the path holds. The desktop shell, the command line and the test server read
//! them here, the same way.

use crate::imports::csv_notes::NotesMapping;
use crate::imports::joplin::{self, JoplinError};
use crate::imports::notion::{self, NotionError};
use crate::imports::vault::{self, Vault, VaultError, VaultPreview};
use crate::imports::vault_import::kind_of;
use crate::store::chosen_file::{read_chosen, too_large};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// The tool that wrote the notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotesFrom {
    /// A folder of Markdown files; an Obsidian vault is one.
    Markdown,
    /// A Joplin export: a RAW folder or a JEX file.
    Joplin,
    /// A Notion export (HTML or Markdown & CSV): a folder or a zip.
    Notion,
    /// Notes as rows of a CSV: Productboard's, Dovetail's, or another tool's.
    Csv,
}

/// Why notes could not be read.
#[derive(Debug, thiserror::Error)]
pub enum NotesError {
    #[error(transparent)]
    Folder(#[from] VaultError),
    #[error(transparent)]
    Joplin(#[from] JoplinError),
    #[error(transparent)]
    Notion(#[from] NotionError),
    #[error(transparent)]
    Csv(#[from] crate::imports::csv_notes::CsvNotesError),
    #[error(transparent)]
    File(#[from] crate::store::error::DomainError),
}

/// A Joplin RAW export: items named by a 32-hex id.
fn looks_like_joplin_raw(path: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(path) else {
        return false;
    };
    entries.filter_map(Result::ok).any(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        name.strip_suffix(".md")
            .is_some_and(|id| id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit()))
    })
}

/// A Notion export: a zip, or a folder whose files are named by a 32-hex id after a
/// space ("Coffee with Priya 0a1b…9f.md").
fn looks_like_notion(path: &Path) -> bool {
    if path.is_file() {
        // A `.jex` is Joplin's, whatever it holds: its reader says what is wrong with it.
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("jex"))
        {
            return false;
        }
        let mut head = [0u8; 4];
        return std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
            .is_ok_and(|()| &head == b"PK\x03\x04");
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return false;
    };
    let names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    notion::looks_like_notion(&names)
}

/// The notes at `path`, read as `from` says, else as what the path holds tells.
pub fn read_notes(path: &Path, from: Option<NotesFrom>) -> Result<Vault, NotesError> {
    read_notes_mapped(path, from, &NotesMapping::default())
}

/// The notes at `path`, a CSV's columns named by `mapping` where its own names are not
/// the ones tools give them.
pub fn read_notes_mapped(
    path: &Path,
    from: Option<NotesFrom>,
    mapping: &NotesMapping,
) -> Result<Vault, NotesError> {
    let is_file = path.is_file();
    let csv = is_file
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("tsv"));
    let from = from.unwrap_or(if looks_like_notion(path) {
        NotesFrom::Notion
    } else if csv {
        NotesFrom::Csv
    } else if is_file || looks_like_joplin_raw(path) {
        NotesFrom::Joplin
    } else {
        NotesFrom::Markdown
    });
    Ok(match (from, is_file) {
        (NotesFrom::Joplin, true) => {
            // Bounded before a byte is read: a JEX is read whole.
            let max = joplin::MAX_JEX_BYTES as usize;
            let (_, bytes) = read_chosen(
                path,
                "a Joplin export",
                max,
                too_large("Joplin exports", max),
            )?;
            joplin::read_jex(&bytes)?
        }
        (NotesFrom::Joplin, false) => joplin::read_joplin_raw(path)?,
        (NotesFrom::Markdown, _) => vault::read_folder(path)?,
        (NotesFrom::Notion, _) => notion::read_notion(path)?,
        (NotesFrom::Csv, _) => {
            let max = crate::store::text_file::MAX_FILE_BYTES;
            let (_, bytes) = read_chosen(path, "a CSV of notes", max, too_large("CSVs", max))?;
            crate::imports::csv_notes::read_csv_notes(&bytes, mapping)?
        }
    })
}

/// How many written notes name no kind (the import asks which they are).
pub fn without_kind(vault: &Vault) -> u32 {
    vault
        .notes
        .iter()
        .filter(|n| !n.empty && kind_of(n).is_none())
        .count() as u32
}

/// Notes the user chose, read: what an import of them would bring.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NotesChosen {
    /// The folder's or file's name.
    pub name: String,
    pub preview: VaultPreview,
    /// Written notes that name no kind: the import needs one for them.
    pub without_kind: u32,
}

/// What the user is shown of the notes at `path`, read into `vault`.
pub fn chosen(path: &Path, vault: &Vault) -> NotesChosen {
    NotesChosen {
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string()),
        preview: vault::preview(vault),
        without_kind: without_kind(vault),
    }
}
