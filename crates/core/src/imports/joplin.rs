//! A Joplin export read as notes: RAW (a folder of `<id>.md` items and a `resources/`
//! folder) or JEX (a tar of the same). Each item is its body (for a note, the title on
//! the first line, a blank line, then the Markdown), a blank line, and `key: value`
//! metadata lines ending with `type_: N`: 1 note, 2 notebook, 4 resource (an
//! attachment, its file in `resources/`), 5 tag, 6 a tag on a note.
//!
//! A note becomes a [`VaultNote`] known by its Joplin id, placed at its notebooks'
//! path, dated by its creation, tagged by its tag links, its resource links kept as
//! written and listed as attachments. Joplin links notes by id; resolving those links
//! is for later.
//!
//! Nothing outside the export is read: the folder is walked as [`super::vault`] walks
//! one (links and hidden folders passed over), and from a tar only regular files at
//! plain relative paths are taken, within size limits; the rest is skipped, said so.

use crate::imports::vault::{self, Skipped, Vault, VaultError, VaultFile, VaultNote};
use crate::store::text_file::{self, MAX_FILE_BYTES};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::{Component, Path};

/// The most a JEX may unpack to: larger exports are refused, not half read.
pub const MAX_JEX_BYTES: u64 = 1024 * 1024 * 1024;

/// Why an export could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum JoplinError {
    #[error(transparent)]
    Folder(#[from] VaultError),
    #[error("this file is not a Joplin export (JEX, which is a tar archive): {0}")]
    NotTar(String),
    #[error("the export unpacks to more than {max}; export fewer notebooks at a time")]
    TooLarge { max: String },
    #[error(
        "{path} holds no Joplin items (files named by a 32-character id and ending in .md); \
         export the notes again from Joplin as RAW or JEX"
    )]
    NoItems { path: String },
}

/// Item types Joplin writes (`type_:`).
const NOTE: u32 = 1;
const FOLDER: u32 = 2;
const RESOURCE: u32 = 4;
const TAG: u32 = 5;
const NOTE_TAG: u32 = 6;

/// How deep notebooks nest before a loop is suspected.
const MAX_DEPTH: usize = 64;

/// Reads a RAW export: the `.md` items at the top of `root`, and the files of
/// `resources/` named, not read.
pub fn read_joplin_raw(root: &Path) -> Result<Vault, JoplinError> {
    let (files, skipped) = vault::walk(root, is_item)?;
    let mut items = Vec::new();
    let mut others = Vec::new();
    for f in files {
        if is_item(&f.path) {
            items.push(f);
        } else {
            others.push(f.path);
        }
    }
    if items.is_empty() {
        return Err(JoplinError::NoItems {
            path: root.display().to_string(),
        });
    }
    Ok(read_items(items, others, skipped))
}

/// Reads a JEX export from memory: a tar of the same items and resources. Only
/// regular files at plain relative paths are taken; links, devices and paths leading
/// out (`..`, `/…`) are skipped and said so.
pub fn read_jex(bytes: &[u8]) -> Result<Vault, JoplinError> {
    if let Some(what) = sniff(bytes) {
        return Err(JoplinError::NotTar(format!(
            "it is {what}; in Joplin, use File › Export all › JEX"
        )));
    }
    let mut archive = tar::Archive::new(bytes);
    let entries = archive
        .entries()
        .map_err(|e| JoplinError::NotTar(e.to_string()))?;
    let mut items = Vec::new();
    let mut others = Vec::new();
    let mut skipped = Vec::new();
    let mut total = 0u64;
    for entry in entries {
        let mut entry = entry.map_err(|e| {
            JoplinError::NotTar(format!("it is damaged or not a tar archive ({e})"))
        })?;
        let raw = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let kind = entry.header().entry_type();
        if kind.is_dir() {
            continue;
        }
        let Some(path) = plain_path(&raw) else {
            skipped.push(Skipped {
                path: raw,
                why: "its path leads out of the export (`..` or a path from the root); \
                      only the export's own files are read"
                    .into(),
            });
            continue;
        };
        if !kind.is_file() {
            let why = if kind.is_symlink() || kind.is_hard_link() {
                "a link to somewhere else: only the export's own files are read"
            } else {
                "not a regular file (a device, a pipe or a sparse file)"
            };
            skipped.push(Skipped {
                path,
                why: why.into(),
            });
            continue;
        }
        let size = entry.size();
        total = total.saturating_add(size);
        if total > MAX_JEX_BYTES {
            return Err(JoplinError::TooLarge {
                max: format!("{} GiB", MAX_JEX_BYTES / (1024 * 1024 * 1024)),
            });
        }
        if !is_item(&path) {
            // Attachments are linked to, never read.
            others.push(path);
            continue;
        }
        if size > MAX_FILE_BYTES as u64 {
            skipped.push(Skipped {
                path,
                why: format!(
                    "larger than {} MiB, the most one note may be",
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            });
            continue;
        }
        let mut data = Vec::new();
        match (&mut entry)
            .take(MAX_FILE_BYTES as u64)
            .read_to_end(&mut data)
        {
            Ok(_) => items.push(VaultFile { path, bytes: data }),
            Err(e) => {
                return Err(JoplinError::NotTar(format!(
                    "it is damaged: {path} could not be read ({e})"
                )))
            }
        }
    }
    if items.is_empty() {
        return Err(JoplinError::NoItems {
            path: "the file".into(),
        });
    }
    Ok(read_items(items, others, skipped))
}

/// What a file that is not a tar is, when its first bytes say.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.is_empty() {
        Some("empty")
    } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Some("a zip archive")
    } else if bytes.starts_with(&[0x1f, 0x8b]) {
        Some("compressed with gzip")
    } else if bytes.starts_with(b"SQLite format 3\0") {
        Some("a database (Joplin's own, perhaps), not an export")
    } else if bytes.len() < 512 {
        Some("too short to be a tar archive")
    } else {
        None
    }
}

/// A tar entry's path as a plain relative path (`./` dropped), or `None` when it
/// leads out or names a root.
fn plain_path(raw: &str) -> Option<String> {
    let mut parts = Vec::new();
    for c in Path::new(raw).components() {
        match c {
            Component::Normal(p) => parts.push(p.to_str()?.to_owned()),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// An item is an `.md` file at the top of the export; what is in `resources/` (even a
/// Markdown file attached to a note) is an attachment.
fn is_item(path: &str) -> bool {
    !path.contains('/') && path.to_lowercase().ends_with(".md")
}

/// An item as written: its title (first line), body and metadata.
struct Item {
    file: String,
    title: String,
    body: String,
    props: BTreeMap<String, String>,
}

impl Item {
    fn prop(&self, key: &str) -> Option<&str> {
        self.props
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    fn id(&self) -> String {
        self.prop("id").map(str::to_owned).unwrap_or_else(|| {
            self.file
                .strip_suffix(".md")
                .unwrap_or(&self.file)
                .to_owned()
        })
    }
}

/// One item read, as Joplin reads one: metadata lines from the end up to the first
/// blank line, the body before them. `Err` (why) when it is not a Joplin item.
fn parse_item(file: &str, bytes: &[u8]) -> Result<(u32, Item), String> {
    if bytes.is_empty() {
        return Err("an empty file, not a Joplin item".into());
    }
    let text = text_file::decode(bytes)
        .map_err(|e| format!("it is not a text item: {e}"))?
        .0
        .replace("\r\n", "\n");
    let lines: Vec<&str> = text.trim_end().split('\n').collect();
    let mut props = BTreeMap::new();
    let mut at = lines.len();
    while at > 0 {
        let line = lines[at - 1].trim();
        if line.is_empty() {
            break;
        }
        let Some((key, value)) = line.split_once(':') else {
            break;
        };
        props.insert(key.trim().to_owned(), unescape(value.trim()));
        at -= 1;
    }
    let type_ = props
        .get("type_")
        .ok_or("it has no `type_:` line at its end, so it is not a Joplin item")?;
    let type_: u32 = type_
        .parse()
        .map_err(|_| format!("its type (`type_: {type_}`) is not one Joplin writes"))?;
    // The blank line before the metadata, then the title and the blank line after it.
    let before = &lines[..at.saturating_sub(1)];
    let title = before.first().map(|t| t.trim()).unwrap_or("").to_owned();
    let body = before.get(2..).unwrap_or(&[]).join("\n");
    Ok((
        type_,
        Item {
            file: file.to_owned(),
            title,
            body,
            props,
        },
    ))
}

/// Metadata values keep line breaks as `\n`.
fn unescape(v: &str) -> String {
    if v.contains('\\') {
        v.replace("\\n", "\n").replace("\\r", "\r")
    } else {
        v.to_owned()
    }
}

/// The items of an export made notes: notebooks give their paths, tags their names,
/// resources their files.
fn read_items(items: Vec<VaultFile>, mut files: Vec<String>, mut skipped: Vec<Skipped>) -> Vault {
    let mut notes_raw = Vec::new();
    let mut folders: HashMap<String, (String, Option<String>)> = HashMap::new();
    let mut resources: HashMap<String, String> = HashMap::new();
    let mut tags: HashMap<String, String> = HashMap::new();
    let mut links: Vec<(String, String)> = Vec::new();
    for f in items {
        let (type_, item) = match parse_item(&f.path, &f.bytes) {
            Ok(read) => read,
            Err(why) => {
                skipped.push(Skipped { path: f.path, why });
                continue;
            }
        };
        if item.prop("encryption_applied") == Some("1") {
            skipped.push(Skipped {
                path: f.path,
                why: "it is encrypted; turn off encryption in Joplin and export again".into(),
            });
            continue;
        }
        match type_ {
            NOTE => {
                if item.prop("deleted_time").is_some_and(|t| t != "0") {
                    skipped.push(Skipped {
                        path: f.path,
                        why: "a note in Joplin's trash".into(),
                    });
                } else {
                    notes_raw.push(item);
                }
            }
            FOLDER => {
                let parent = item.prop("parent_id").map(str::to_owned);
                folders.insert(item.id(), (item.title.clone(), parent));
            }
            RESOURCE => {
                let id = item.id();
                let name = match item.prop("file_extension") {
                    Some(ext) => format!("{id}.{ext}"),
                    None => id.clone(),
                };
                resources.insert(id, format!("resources/{name}"));
            }
            TAG => {
                tags.insert(item.id(), item.title.clone());
            }
            NOTE_TAG => {
                if let (Some(note), Some(tag)) = (item.prop("note_id"), item.prop("tag_id")) {
                    links.push((note.to_owned(), tag.to_owned()));
                }
            }
            other => skipped.push(Skipped {
                path: f.path,
                why: format!(
                    "a Joplin item of type {other}, which is not a note, notebook, tag or \
                     attachment: not imported"
                ),
            }),
        }
    }
    // A resource's file as it is in the export, whatever its extension.
    let by_stem: HashMap<&str, &String> = files
        .iter()
        .filter_map(|f| {
            let name = f.strip_prefix("resources/")?;
            Some((name.split('.').next().unwrap_or(name), f))
        })
        .collect();
    for (id, file) in resources.iter_mut() {
        if let Some(found) = by_stem.get(id.as_str()) {
            file.clone_from(found);
        }
    }
    let mut note_tags: HashMap<String, Vec<String>> = HashMap::new();
    for (note, tag) in links {
        if let Some(name) = tags.get(&tag).filter(|n| !n.trim().is_empty()) {
            note_tags
                .entry(note)
                .or_default()
                .push(name.trim().to_owned());
        }
    }
    let mut notes: Vec<VaultNote> = notes_raw
        .into_iter()
        .map(|item| note_of(item, &folders, &resources, &mut note_tags))
        .collect();
    notes.sort_by(|a, b| a.path.cmp(&b.path).then(a.source_id.cmp(&b.source_id)));
    files.sort();
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Vault {
        notes,
        files,
        skipped,
    }
}

fn note_of(
    item: Item,
    folders: &HashMap<String, (String, Option<String>)>,
    resources: &HashMap<String, String>,
    note_tags: &mut HashMap<String, Vec<String>>,
) -> VaultNote {
    let id = item.id();
    let mut problems = Vec::new();
    let mut notebooks = Vec::new();
    let mut next = item.prop("parent_id").map(str::to_owned);
    let mut seen = BTreeSet::new();
    while let Some(folder) = next.take() {
        let Some((title, parent)) = folders.get(&folder) else {
            problems.push(format!(
                "its notebook ({folder}) is not in the export; it is put at the top"
            ));
            notebooks.clear();
            break;
        };
        if !seen.insert(folder.clone()) || seen.len() > MAX_DEPTH {
            problems.push("its notebooks are nested in a loop; it is put at the top".into());
            notebooks.clear();
            break;
        }
        notebooks.push(title.trim().to_owned());
        next.clone_from(parent);
    }
    notebooks.reverse();
    let title = if item.title.is_empty() {
        "Untitled".to_owned()
    } else {
        item.title.clone()
    };
    notebooks.push(title.clone());
    let date = item
        .prop("user_created_time")
        .or_else(|| item.prop("created_time"))
        .and_then(vault::date_of);
    let mut fields = BTreeMap::new();
    for key in ["source_url", "author"] {
        if let Some(v) = item.prop(key) {
            fields.insert(key.to_owned(), v.to_owned());
        }
    }
    if item.prop("is_todo") == Some("1") {
        fields.insert("is_todo".to_owned(), "1".to_owned());
    }
    let mut tags: Vec<String> = Vec::new();
    let mut seen_tags = BTreeSet::new();
    let mut named = note_tags.remove(&id).unwrap_or_default();
    named.sort_by_key(|t| t.to_lowercase());
    for t in named {
        if seen_tags.insert(t.to_lowercase()) {
            tags.push(t);
        }
    }
    let attachments = resource_links(&item.body)
        .into_iter()
        .filter_map(|r| resources.get(&r).cloned())
        .fold(Vec::new(), |mut all: Vec<String>, f| {
            if !all.contains(&f) {
                all.push(f);
            }
            all
        });
    VaultNote {
        path: notebooks.join("/"),
        source_id: id,
        title,
        aliases: Vec::new(),
        date,
        kind: None,
        people: Vec::new(),
        tags,
        fields,
        links: Vec::new(),
        attachments,
        empty: item.body.trim().is_empty(),
        body: item.body,
        problems,
    }
}

/// The ids Joplin links name (`](:/<32 hex>)`, or `src=":/<id>"` in HTML), in order.
fn resource_links(body: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find(":/") {
        let before = rest[..at].chars().next_back();
        let after = &rest[at + 2..];
        let id: String = after
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .take(33)
            .collect();
        if matches!(before, Some('(' | '"' | '\'')) && id.len() == 32 {
            found.push(id.to_lowercase());
        }
        rest = after;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_is_read_from_its_end_as_joplin_reads_it() {
        let text =
            "Title\n\nBody: with a colon\n\nmore\n\nid: abc\nsource_url: a\\nb\ntype_: 1\n\n";
        let (type_, item) = parse_item("abc.md", text.as_bytes()).expect("item");
        assert_eq!(type_, NOTE);
        assert_eq!(item.title, "Title");
        assert_eq!(item.body, "Body: with a colon\n\nmore");
        assert_eq!(item.prop("source_url"), Some("a\nb"));
        assert_eq!(item.id(), "abc");
        let (_, folder) = parse_item("f.md", b"Notebook\n\nid: f\ntype_: 2").expect("folder");
        assert_eq!(
            (folder.title.as_str(), folder.body.as_str()),
            ("Notebook", "")
        );
        assert!(parse_item("x.md", b"words only").is_err());
        assert!(parse_item("x.md", b"T\n\ntype_: note")
            .err()
            .is_some_and(|e| e.contains("not one Joplin writes")));
    }

    #[test]
    fn resource_links_are_found_by_their_32_hex_ids_only() {
        let id = "abcdef0123456789abcdef0123456789";
        let body =
            format!("![a](:/{id}) [b](:/{id}) <img src=\":/{id}\"> (:/abc) x:/{id} [c](:/{id}0)");
        assert_eq!(resource_links(&body), [id, id, id]);
    }

    #[test]
    fn a_tar_path_is_taken_only_when_plain_and_relative() {
        assert_eq!(plain_path("./a/b.md").as_deref(), Some("a/b.md"));
        assert_eq!(plain_path("../a.md"), None);
        assert_eq!(plain_path("a/../../b.md"), None);
        assert_eq!(plain_path("/etc/passwd"), None);
        assert_eq!(plain_path("."), None);
    }
}
