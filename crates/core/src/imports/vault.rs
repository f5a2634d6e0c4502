//! A folder of Markdown notes, or an Obsidian vault, read as notes: each with its
//! front matter (date, type, people, tags, aliases; every other key kept), inline
//! `#tags`, `[[wikilinks]]` (with `|alias`, `#heading` and `^block` parts) resolved by
//! name, and `![[attachments]]` kept as links to their files. Nothing is guessed: a
//! name two notes share is listed for the user to pick from.
//!
//! The folder is read without leaving it: links (symbolic) and hidden folders
//! (`.obsidian`, `.trash`, `.git`) are passed over and said so, and files past the size
//! limits are skipped with the reason.

use crate::store::text_file::{self, MAX_FILE_BYTES};
use chrono::NaiveDate;
use pulldown_cmark::{Event, Parser, Tag};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use ts_rs::TS;

/// The most a whole folder may hold, read: larger vaults are refused, not half read.
pub const MAX_VAULT_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// One file of a folder, by its path inside the folder (`/` between parts).
#[derive(Debug, Clone)]
pub struct VaultFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Why a folder could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("{path} is not a folder that can be read: {source}")]
    Unreadable {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} holds more than {max} of files; import a smaller folder")]
    TooLarge { path: String, max: String },
    #[error("{path} holds no Markdown notes (.md files)")]
    NoNotes { path: String },
}

/// Where a wikilink leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase", tag = "to")]
pub enum Resolution {
    /// One note: its path.
    Note { path: String },
    /// Several notes share the name: the user picks.
    Ambiguous { paths: Vec<String> },
    /// No note of that name.
    Missing,
}

/// A `[[wikilink]]` in a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Wikilink {
    /// The note named, as written (without `#heading` or `^block`).
    pub target: String,
    /// The words shown instead (`[[Note|these words]]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub alias: Option<String>,
    pub resolution: Resolution,
}

/// A note as read.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VaultNote {
    /// Where the note sits, for reading: its path in the folder, or its notebooks and
    /// title in an export.
    pub path: String,
    /// The note's own id in its source, what tells a note imported before from a new
    /// one: its path in a folder, its id in a Joplin export.
    pub source_id: String,
    /// The front matter's `title`, else the file's name without `.md`.
    pub title: String,
    pub aliases: Vec<String>,
    #[ts(type = "string | null")]
    pub date: Option<NaiveDate>,
    /// The front matter's `type` (or `kind`), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub kind: Option<String>,
    /// People the front matter names (`people`, `attendees`, `participants`), brackets of
    /// links taken off.
    pub people: Vec<String>,
    /// Front matter tags and inline `#tags`, each once, without `#`.
    pub tags: Vec<String>,
    /// Every other front matter key, its value as YAML text: kept, not dropped.
    pub fields: BTreeMap<String, String>,
    pub links: Vec<Wikilink>,
    /// Files embedded with `![[…]]` (images, PDFs): kept as links to them.
    pub attachments: Vec<String>,
    /// The Markdown after the front matter.
    pub body: String,
    /// Nothing written (a note that is only a title is still kept).
    pub empty: bool,
    /// What could not be read in it, e.g. front matter that is not YAML (then kept as text).
    pub problems: Vec<String>,
}

/// A file of the folder that is not read as a note, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Skipped {
    pub path: String,
    pub why: String,
}

/// Everything a folder holds, read.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Vault {
    pub notes: Vec<VaultNote>,
    /// Files that are not notes (images, PDFs…), which notes may link to.
    pub files: Vec<String>,
    pub skipped: Vec<Skipped>,
}

/// Reads the Markdown notes of `files` (paths inside one folder) and resolves their links.
pub fn read_vault(files: Vec<VaultFile>) -> Vault {
    let mut notes = Vec::new();
    let mut others = Vec::new();
    let mut skipped = Vec::new();
    for f in files {
        if is_note(&f.path) {
            match read_note(&f.path, &f.bytes) {
                Ok(note) => notes.push(note),
                Err(why) => skipped.push(Skipped { path: f.path, why }),
            }
        } else {
            others.push(f.path);
        }
    }
    notes.sort_by(|a, b| a.path.cmp(&b.path));
    others.sort();
    resolve(&mut notes, &others);
    Vault {
        notes,
        files: others,
        skipped,
    }
}

/// Reads a folder from disk: every file below it, without following links or entering
/// hidden folders, within the size limits.
pub fn read_folder(root: &Path) -> Result<Vault, VaultError> {
    let (files, mut skipped) = walk(root, is_note)?;
    let mut vault = read_vault(files);
    if vault.notes.is_empty() && vault.skipped.iter().all(|s| !is_note(&s.path)) {
        return Err(VaultError::NoNotes {
            path: root.display().to_string(),
        });
    }
    skipped.append(&mut vault.skipped);
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    vault.skipped = skipped;
    Ok(vault)
}

/// Every file below `root`, by its path inside it, without following links (one may
/// lead out of the folder) or entering hidden folders. The files `read` picks (by
/// path) come with their bytes, within the size limits; the others (attachments) are
/// only named. What is passed over is said, with why.
pub(super) fn walk(
    root: &Path,
    read: impl Fn(&str) -> bool,
) -> Result<(Vec<VaultFile>, Vec<Skipped>), VaultError> {
    let shown = root.display().to_string();
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut total = 0u64;
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|source| VaultError::Unreadable {
            path: shown.clone(),
            source,
        })?;
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}/{name}")
            };
            // Not followed: a link may lead out of the folder.
            let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
                continue;
            };
            if meta.file_type().is_symlink() {
                skipped.push(Skipped {
                    path: rel,
                    why: "a link to somewhere else: only the folder's own files are read".into(),
                });
            } else if meta.is_dir() {
                if name.starts_with('.') {
                    skipped.push(Skipped {
                        path: rel,
                        why: "a hidden folder (settings, trash or history of the notes app)".into(),
                    });
                } else {
                    stack.push((entry.path(), rel));
                }
            } else if meta.is_file() {
                if name.starts_with('.') {
                    continue;
                }
                if !read(&rel) {
                    // Attachments are linked to, never read.
                    files.push(VaultFile {
                        path: rel,
                        bytes: Vec::new(),
                    });
                    continue;
                }
                if meta.len() > MAX_FILE_BYTES as u64 {
                    skipped.push(Skipped {
                        path: rel,
                        why: format!(
                            "larger than {} MiB, the most one note may be",
                            MAX_FILE_BYTES / (1024 * 1024)
                        ),
                    });
                    continue;
                }
                total += meta.len();
                if total > MAX_VAULT_BYTES {
                    return Err(VaultError::TooLarge {
                        path: shown,
                        max: format!("{} GiB", MAX_VAULT_BYTES / (1024 * 1024 * 1024)),
                    });
                }
                match std::fs::read(entry.path()) {
                    Ok(bytes) => files.push(VaultFile { path: rel, bytes }),
                    Err(e) => skipped.push(Skipped {
                        path: rel,
                        why: format!("it could not be read: {e}"),
                    }),
                }
            } else {
                skipped.push(Skipped {
                    path: rel,
                    why: "not a regular file (a device, a socket or a pipe)".into(),
                });
            }
        }
    }
    Ok((files, skipped))
}

pub(super) fn is_note(path: &str) -> bool {
    let lower = path.to_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// The file's name without its folder and `.md`.
fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md")
        .or_else(|| name.strip_suffix(".markdown"))
        .or_else(|| name.strip_suffix(".MD"))
        .unwrap_or(name)
}

/// One note read; `Err` (why) when its bytes are not text.
fn read_note(path: &str, bytes: &[u8]) -> Result<VaultNote, String> {
    let text = if bytes.is_empty() {
        String::new()
    } else {
        text_file::decode(bytes)
            .map_err(|e| format!("it is not a text note: {e}"))?
            .0
    };
    let text = text.replace("\r\n", "\n");
    let mut note = VaultNote {
        path: path.to_owned(),
        source_id: path.to_owned(),
        title: stem(path).to_owned(),
        aliases: Vec::new(),
        date: None,
        kind: None,
        people: Vec::new(),
        tags: Vec::new(),
        fields: BTreeMap::new(),
        links: Vec::new(),
        attachments: Vec::new(),
        body: String::new(),
        empty: false,
        problems: Vec::new(),
    };
    let body = match split_front_matter(&text) {
        Some((yaml, body)) => {
            match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(yaml) {
                Ok(value) => apply_front_matter(&mut note, &value),
                Err(e) => note.problems.push(format!(
                    "its front matter is not YAML ({e}); it is kept as text at the top of the note"
                )),
            }
            if note.problems.is_empty() {
                body
            } else {
                text.as_str()
            }
        }
        None => text.as_str(),
    };
    note.body = body.to_owned();
    note.empty = body.trim().is_empty();
    scan_body(&mut note);
    Ok(note)
}

/// The YAML between a first line `---` and the next `---` (or `...`), and the rest.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---\n")?;
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Some((&rest[..at], &rest[at + line.len()..]));
        }
        at += line.len();
    }
    None
}

/// A scalar as words; a list's items joined; a map as YAML.
fn words(v: &serde_yaml_ng::Value) -> String {
    use serde_yaml_ng::Value;
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Sequence(items) => items.iter().map(words).collect::<Vec<_>>().join(", "),
        other => serde_yaml_ng::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_owned(),
    }
}

/// A list in any of the forms front matter takes: a YAML list, or one string of
/// comma- or space-separated items (tags are often written `tags: a b c`).
fn items(v: &serde_yaml_ng::Value, spaces_split: bool) -> Vec<String> {
    use serde_yaml_ng::Value;
    let raw: Vec<String> = match v {
        Value::Sequence(items) => items.iter().map(words).collect(),
        Value::Null => Vec::new(),
        other => {
            let s = words(other);
            if spaces_split && !s.contains(',') {
                s.split_whitespace().map(str::to_owned).collect()
            } else {
                s.split(',').map(str::to_owned).collect()
            }
        }
    };
    raw.into_iter()
        .map(|s| unlink(s.trim()).to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// `[[Priya Raman]]` or `[[Priya Raman|Priya]]` as the name it links to.
fn unlink(s: &str) -> &str {
    let inner = s
        .strip_prefix("[[")
        .and_then(|r| r.strip_suffix("]]"))
        .unwrap_or(s);
    inner.split('|').next().unwrap_or(inner).trim()
}

fn apply_front_matter(note: &mut VaultNote, value: &serde_yaml_ng::Value) {
    let Some(map) = value.as_mapping() else {
        if !value.is_null() {
            note.problems
                .push("its front matter is not a list of keys; it is left out".into());
        }
        return;
    };
    for (key, v) in map {
        let key = words(key);
        match key.to_lowercase().as_str() {
            "title" => {
                let t = words(v);
                if !t.trim().is_empty() {
                    note.title = t.trim().to_owned();
                }
            }
            "aliases" | "alias" => note.aliases.extend(items(v, false)),
            "tags" | "tag" => note.tags.extend(
                items(v, true)
                    .into_iter()
                    .map(|t| t.trim_start_matches('#').to_owned()),
            ),
            "people" | "attendees" | "participants" => note.people.extend(items(v, false)),
            "type" | "kind" => {
                let k = words(v);
                if !k.trim().is_empty() {
                    note.kind = Some(k.trim().to_owned());
                }
            }
            "date" | "created" if note.date.is_none() => match date_of(&words(v)) {
                Some(d) => note.date = Some(d),
                None => {
                    note.fields.insert(key.clone(), words(v));
                    note.problems.push(format!(
                        "its {key} “{}” is not a date; it is kept as a field",
                        words(v)
                    ));
                }
            },
            _ => {
                note.fields.insert(key, words(v));
            }
        }
    }
}

/// `2026-11-03`, `2026-11-03T10:00`, `2026/11/03`: the day.
pub(super) fn date_of(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let day = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(day, "%Y/%m/%d"))
        .ok()
}

/// The inline tags, wikilinks and embeds of the body, outside code. The body is read
/// as written with its code blanked out: Markdown would split `![[x]]` into pieces.
fn scan_body(note: &mut VaultNote) {
    let mut masked = note.body.clone().into_bytes();
    for (event, range) in
        Parser::new_ext(&note.body, crate::store::render::OPTIONS).into_offset_iter()
    {
        if matches!(event, Event::Code(_) | Event::Start(Tag::CodeBlock(_))) {
            for b in &mut masked[range] {
                if *b != b'\n' {
                    *b = b' ';
                }
            }
        }
    }
    // Only ASCII bytes were replaced by spaces, whole code runs at a time.
    let masked = String::from_utf8_lossy(&masked).into_owned();
    let mut found_tags = Vec::new();
    let mut links = Vec::new();
    let mut embeds = Vec::new();
    for line in masked.lines() {
        // A heading's hashes (`## Retries`) are not tags; a line may start with one (`#ci`).
        let hashes = line.len() - line.trim_start_matches('#').len();
        let heading = hashes > 0 && line[hashes..].starts_with([' ', '\t']);
        inline_tags(
            if heading { &line[hashes..] } else { line },
            &mut found_tags,
        );
        wikilinks(line, &mut links, &mut embeds);
    }
    let mut seen: BTreeSet<String> = note.tags.iter().map(|t| t.to_lowercase()).collect();
    for t in found_tags {
        if seen.insert(t.to_lowercase()) {
            note.tags.push(t);
        }
    }
    note.links = links;
    note.attachments = embeds;
}

/// `#tag`, `#nested/tag`: after a space or at the start, not all digits (`#1` is not a tag).
fn inline_tags(text: &str, out: &mut Vec<String>) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '#' && (i == 0 || chars[i - 1].is_whitespace() || chars[i - 1] == '(') {
            let mut j = i + 1;
            while j < chars.len()
                && (chars[j].is_alphanumeric() || matches!(chars[j], '_' | '-' | '/'))
            {
                j += 1;
            }
            let tag: String = chars[i + 1..j].iter().collect();
            let tag = tag.trim_end_matches('/');
            if !tag.is_empty() && !tag.chars().all(|c| c.is_ascii_digit() || c == '-') {
                out.push(tag.to_owned());
            }
            i = j;
        } else {
            i += 1;
        }
    }
}

/// `[[Note]]`, `[[Note|alias]]`, `[[Note#Heading]]`, `![[picture.png]]`.
fn wikilinks(text: &str, links: &mut Vec<Wikilink>, embeds: &mut Vec<String>) {
    let mut rest = text;
    while let Some(start) = rest.find("[[") {
        let embed = rest[..start].ends_with('!');
        let after = &rest[start + 2..];
        let Some(end) = after.find("]]") else { break };
        let inner = &after[..end];
        rest = &after[end + 2..];
        if inner.contains('\n') || inner.trim().is_empty() {
            continue;
        }
        let (target, alias) = match inner.split_once('|') {
            Some((t, a)) => (t, Some(a.trim().to_owned()).filter(|a| !a.is_empty())),
            None => (inner, None),
        };
        let target = target
            .split(['#', '^'])
            .next()
            .unwrap_or(target)
            .trim()
            .to_owned();
        if target.is_empty() {
            continue; // a link to a heading of the same note
        }
        if embed && !is_note(&target) && target.contains('.') {
            embeds.push(target);
        } else {
            links.push(Wikilink {
                target,
                alias,
                resolution: Resolution::Missing,
            });
        }
    }
}

/// Resolves each wikilink by name: a note's path without `.md`, its file name, its
/// title or an alias, in any case. A name two notes share is left for the user.
fn resolve(notes: &mut [VaultNote], files: &[String]) {
    let mut by_name: HashMap<String, BTreeSet<String>> = HashMap::new();
    for n in notes.iter() {
        let full = n.path.strip_suffix(".md").unwrap_or(&n.path).to_lowercase();
        let mut names = vec![full, stem(&n.path).to_lowercase(), n.title.to_lowercase()];
        names.extend(n.aliases.iter().map(|a| a.to_lowercase()));
        for name in names {
            by_name.entry(name).or_default().insert(n.path.clone());
        }
    }
    let file_names: BTreeSet<String> = files
        .iter()
        .flat_map(|f| {
            [
                f.to_lowercase(),
                f.rsplit('/').next().unwrap_or(f).to_lowercase(),
            ]
        })
        .collect();
    for note in notes.iter_mut() {
        for link in &mut note.links {
            let key = link.target.to_lowercase();
            let key = key.strip_suffix(".md").unwrap_or(&key).to_owned();
            link.resolution = match by_name
                .get(&key)
                .map(|p| p.iter().cloned().collect::<Vec<_>>())
            {
                Some(paths) if paths.len() == 1 => Resolution::Note {
                    path: paths.into_iter().next().unwrap_or_default(),
                },
                Some(paths) => Resolution::Ambiguous { paths },
                None => Resolution::Missing,
            };
        }
        // A link written without `!` to a file of the folder is an attachment too.
        let (to_files, to_notes): (Vec<_>, Vec<_>) =
            std::mem::take(&mut note.links).into_iter().partition(|l| {
                l.resolution == Resolution::Missing && file_names.contains(&l.target.to_lowercase())
            });
        note.links = to_notes;
        note.attachments
            .extend(to_files.into_iter().map(|l| l.target));
    }
}

/// What importing a folder would bring in, before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VaultPreview {
    pub notes: u32,
    pub empty_notes: u32,
    pub dated: u32,
    /// Each tag with how many notes carry it, most used first.
    pub tags: Vec<(String, u32)>,
    /// The people named, each once.
    pub people: Vec<String>,
    pub links_resolved: u32,
    /// Links to a name several notes share: (note, name, the notes that have it).
    pub links_ambiguous: Vec<(String, String, Vec<String>)>,
    /// Links to no note: (note, name).
    pub links_broken: Vec<(String, String)>,
    pub attachments: u32,
    /// Front matter keys no field of a session takes, with how many notes have them.
    pub fields_not_mapped: Vec<(String, u32)>,
    pub problems: Vec<(String, String)>,
    pub skipped: Vec<Skipped>,
}

/// The preview of a folder read.
pub fn preview(vault: &Vault) -> VaultPreview {
    let mut tags: BTreeMap<String, (String, u32)> = BTreeMap::new();
    let mut people: BTreeMap<String, String> = BTreeMap::new();
    let mut fields: BTreeMap<String, u32> = BTreeMap::new();
    let mut p = VaultPreview {
        notes: vault.notes.len() as u32,
        empty_notes: 0,
        dated: 0,
        tags: Vec::new(),
        people: Vec::new(),
        links_resolved: 0,
        links_ambiguous: Vec::new(),
        links_broken: Vec::new(),
        attachments: 0,
        fields_not_mapped: Vec::new(),
        problems: Vec::new(),
        skipped: vault.skipped.clone(),
    };
    for n in &vault.notes {
        p.empty_notes += u32::from(n.empty);
        p.dated += u32::from(n.date.is_some());
        p.attachments += n.attachments.len() as u32;
        for t in &n.tags {
            tags.entry(t.to_lowercase())
                .or_insert_with(|| (t.clone(), 0))
                .1 += 1;
        }
        for person in &n.people {
            people
                .entry(person.to_lowercase())
                .or_insert_with(|| person.clone());
        }
        for key in n.fields.keys() {
            *fields.entry(key.clone()).or_default() += 1;
        }
        for l in &n.links {
            match &l.resolution {
                Resolution::Note { .. } => p.links_resolved += 1,
                Resolution::Ambiguous { paths } => {
                    p.links_ambiguous
                        .push((n.path.clone(), l.target.clone(), paths.clone()))
                }
                Resolution::Missing => p.links_broken.push((n.path.clone(), l.target.clone())),
            }
        }
        p.problems
            .extend(n.problems.iter().map(|m| (n.path.clone(), m.clone())));
    }
    let mut tags: Vec<(String, u32)> = tags.into_values().collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    p.tags = tags;
    p.people = people.into_values().collect();
    p.fields_not_mapped = fields.into_iter().collect();
    p
}
