//! A Notion export, HTML (Notion's default) or "Markdown & CSV", as a folder or a
//! `.zip` (including the outer zip of `…-Part-1.zip`, `…-Part-2.zip` parts Notion makes
//! of large workspaces). Every file name ends in the page's 32-hex id, which is
//! stripped from titles and kept as the note's source id, so importing the export
//! again adds only what is new. A database's rows are pages of their own with the
//! row's properties (in Markdown, first lines `Date: November 4, 2026`, `Type: Coffee
//! chat`, told from the body by the database's CSV columns; in HTML, a table of
//! properties): they become the note's date, kind, people and tags, and every other
//! column is kept as a field. An HTML body is turned into Markdown by
//! [`crate::imports::html`], safe by construction.
//!
//! The properties become front matter and the pages are read as a Markdown folder is
//! ([`crate::imports::vault::read_vault`]), so a Notion page and an Obsidian note
//! become sessions the same way.

use crate::imports::vault::{read_vault, Skipped, Vault, VaultFile};
use crate::store::text_file;
use chrono::NaiveDate;
use std::io::Read;
use std::path::Path;

/// Why a Notion export could not be read.
#[derive(Debug, thiserror::Error)]
pub enum NotionError {
    #[error("this zip archive cannot be opened ({0}); download the export from Notion again")]
    BadArchive(String),
    #[error(
        "the export's pages hold more than {max} of text; export a smaller part of the workspace"
    )]
    TooLarge { max: String },
    #[error("{path} cannot be read: {source}")]
    Unreadable {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Folder(#[from] crate::imports::vault::VaultError),
    #[error("this holds no Notion pages (files named like “Title 0123…cdef.html” or “….md”)")]
    NoPages,
}

/// The 32-hex id at the end of a Notion file or folder name, and the name without it:
/// "Coffee with Priya 0a1b…9f.md" → ("Coffee with Priya", "0a1b…9f").
pub fn split_id(name: &str) -> (&str, Option<&str>) {
    let stem = name
        .strip_suffix(".md")
        .or_else(|| name.strip_suffix(".csv"))
        .or_else(|| name.strip_suffix(".html"))
        .unwrap_or(name);
    let stem = stem.strip_suffix("_all").unwrap_or(stem);
    match stem.rsplit_once(' ') {
        Some((title, id)) if id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit()) => {
            (title.trim_end(), Some(id))
        }
        _ => (stem, None),
    }
}

/// Whether a file name is a Notion page's.
fn is_notion_name(name: &str) -> bool {
    split_id(name.rsplit('/').next().unwrap_or(name))
        .1
        .is_some()
}

/// Whether `files` look like a Notion export: some file or folder named with an id.
pub fn looks_like_notion(paths: &[String]) -> bool {
    paths.iter().any(|p| p.split('/').any(is_notion_name))
}

/// Reads a Notion export at `path`: a folder, or a `.zip` (with parts inside).
pub fn read_notion(path: &Path) -> Result<Vault, NotionError> {
    if path.is_file() {
        // The outer zip is read where it lies: only the pages (and the parts, which
        // are zips themselves) are taken into memory, each bounded.
        let file = std::fs::File::open(path).map_err(|e| NotionError::Unreadable {
            path: path.display().to_string(),
            source: e,
        })?;
        let mut files = Vec::new();
        let mut skipped = Vec::new();
        let mut total = 0u64;
        unzip(
            std::io::BufReader::new(file),
            &mut files,
            &mut skipped,
            &mut total,
            0,
        )?;
        read_pages(files, skipped)
    } else {
        let (files, skipped) = crate::imports::vault::walk(path, |p| {
            let lower = p.to_lowercase();
            lower.ends_with(".md") || lower.ends_with(".html") || lower.ends_with(".csv")
        })?;
        read_pages(files, skipped)
    }
}

/// The most a part of an export (a zip inside the zip) may be: it is read into memory.
pub const MAX_PART_BYTES: u64 = 1024 * 1024 * 1024;
/// The most all the pages of an export may hold, read: far above any workspace's
/// words (attachments are only named, never read), and a stop for zip bombs.
pub const MAX_PAGES_BYTES: u64 = 256 * 1024 * 1024;
/// The most one page may be: a book's worth of words many times over.
pub const MAX_PAGE_BYTES: u64 = 32 * 1024 * 1024;

/// The files of a zip (and of the zips inside it, one level deep: Notion's parts),
/// bounded in total; paths that would lead out of the export are skipped and said so.
fn unzip<R: Read + std::io::Seek>(
    reader: R,
    files: &mut Vec<VaultFile>,
    skipped: &mut Vec<Skipped>,
    total: &mut u64,
    depth: u32,
) -> Result<(), NotionError> {
    let mut archive =
        zip::ZipArchive::new(reader).map_err(|e| NotionError::BadArchive(e.to_string()))?;
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| NotionError::BadArchive(e.to_string()))?;
        if entry.is_dir() {
            continue;
        }
        let raw = entry.name().to_owned();
        let Some(inside) = entry.enclosed_name() else {
            skipped.push(Skipped {
                path: raw,
                why: "its path leads out of the export; only the export's own files are read"
                    .into(),
            });
            continue;
        };
        let rel = inside.to_string_lossy().replace('\\', "/");
        let lower = rel.to_lowercase();
        let part = lower.ends_with(".zip");
        let wanted =
            part || lower.ends_with(".md") || lower.ends_with(".csv") || lower.ends_with(".html");
        if !wanted {
            // Attachments are linked to, never read.
            files.push(VaultFile {
                path: rel,
                bytes: Vec::new(),
            });
            continue;
        }
        let limit = if part { MAX_PART_BYTES } else { MAX_PAGE_BYTES };
        if entry.size() > limit {
            skipped.push(Skipped {
                path: rel,
                why: format!("larger than {} MiB", limit / (1024 * 1024)),
            });
            continue;
        }
        // A part is a zip: anything else named `.zip` (a bomb of zeros) is not read on.
        let mut data = Vec::new();
        if part {
            let mut head = [0u8; 4];
            let zip = entry.read_exact(&mut head).is_ok() && &head == b"PK\x03\x04";
            if !zip {
                skipped.push(Skipped {
                    path: rel,
                    why: "named .zip but not a zip archive".into(),
                });
                continue;
            }
            data.extend_from_slice(&head);
        }
        // The size in the header may lie: read one byte past what is allowed to know.
        (&mut entry)
            .take(limit + 1)
            .read_to_end(&mut data)
            .map_err(|e| NotionError::BadArchive(e.to_string()))?;
        if !part {
            *total = total.saturating_add(data.len() as u64);
            if *total > MAX_PAGES_BYTES {
                return Err(NotionError::TooLarge {
                    max: format!("{} MiB", MAX_PAGES_BYTES / (1024 * 1024)),
                });
            }
        }
        if data.len() as u64 > limit {
            skipped.push(Skipped {
                path: rel,
                why: format!("larger than {} MiB", limit / (1024 * 1024)),
            });
            continue;
        }
        if part {
            if depth > 0 {
                skipped.push(Skipped {
                    path: rel,
                    why: "a zip inside a part of the export: only Notion's parts are opened".into(),
                });
                continue;
            }
            unzip(std::io::Cursor::new(data), files, skipped, total, depth + 1)?;
        } else {
            files.push(VaultFile {
                path: rel,
                bytes: data,
            });
        }
    }
    Ok(())
}

/// The pages of an export, each with its properties as front matter, read as notes.
fn read_pages(files: Vec<VaultFile>, mut skipped: Vec<Skipped>) -> Result<Vault, NotionError> {
    // A database is a table (`DB <id>.csv`, or `DB <id>_all.csv`) beside a folder
    // of its rows (`DB <id>/`): its columns tell a row's properties from its words.
    let mut databases: Vec<(String, Vec<String>)> = Vec::new();
    for f in &files {
        let lower = f.path.to_lowercase();
        if let Some(stem) = lower.strip_suffix(".csv") {
            let stem = stem.strip_suffix("_all").unwrap_or(stem);
            let columns = text_file::read(&f.bytes)
                .ok()
                .and_then(|sheet| sheet.records.into_iter().next())
                .map(|r| {
                    r.fields
                        .into_iter()
                        .map(|c| c.trim().to_lowercase())
                        .collect()
                })
                .unwrap_or_default();
            databases.push((stem.to_owned(), columns));
        }
    }
    let mut pages = Vec::new();
    let mut ids = Vec::new();
    for f in files {
        let lower = f.path.to_lowercase();
        if lower.ends_with(".html") {
            let name = f.path.rsplit('/').next().unwrap_or(&f.path).to_owned();
            let (title, id) = split_id(&name);
            let page = match text_file::decode(&f.bytes) {
                Ok((text, _)) => crate::imports::html::read_html(&text),
                Err(e) => {
                    skipped.push(Skipped {
                        path: f.path,
                        why: format!("it is not a text page: {e}"),
                    });
                    continue;
                }
            };
            if page.is_table_of_rows && page.properties.is_empty() {
                // A database's table: its rows are pages of their own, read there.
                pages.push(VaultFile {
                    path: f.path,
                    bytes: Vec::new(),
                });
                continue;
            }
            let title = if page.title.is_empty() {
                title
            } else {
                &page.title
            };
            // Read as Markdown from here: the note keeps the HTML page's path.
            let path = format!("{}.md", f.path.strip_suffix(".html").unwrap_or(&f.path));
            ids.push((path.clone(), id.map(str::to_owned)));
            pages.push(VaultFile {
                path,
                bytes: front_matter_page(title, page.properties, &page.markdown).into_bytes(),
            });
            continue;
        }
        if lower.ends_with(".csv") {
            // A database's table: its rows are pages of their own, read there.
            pages.push(VaultFile {
                path: f.path,
                bytes: Vec::new(),
            });
            continue;
        }
        if !lower.ends_with(".md") {
            pages.push(f);
            continue;
        }
        let folder = lower.rsplit_once('/').map_or("", |(dir, _)| dir);
        let columns: &[String] = databases
            .iter()
            .find(|(stem, _)| stem == folder)
            .map_or(&[], |(_, c)| c.as_slice());
        let name = f.path.rsplit('/').next().unwrap_or(&f.path).to_owned();
        let (title, id) = split_id(&name);
        let text = match text_file::decode(&f.bytes) {
            Ok((text, _)) => text,
            Err(_) if f.bytes.is_empty() => String::new(),
            Err(e) => {
                skipped.push(Skipped {
                    path: f.path,
                    why: format!("it is not a text page: {e}"),
                });
                continue;
            }
        };
        let page = with_front_matter(title, &text, columns);
        ids.push((f.path.clone(), id.map(str::to_owned)));
        pages.push(VaultFile {
            path: f.path,
            bytes: page.into_bytes(),
        });
    }
    if ids.is_empty() {
        return Err(NotionError::NoPages);
    }
    let mut vault = read_vault(pages);
    for note in &mut vault.notes {
        if let Some((_, Some(id))) = ids.iter().find(|(p, _)| *p == note.path) {
            note.source_id = id.clone();
        }
    }
    vault.skipped.append(&mut skipped);
    vault.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(vault)
}

/// A page's text with its title and properties moved into front matter: Notion writes
/// `# Title`, a blank line, then `Key: value` lines (a database row's columns), then
/// the body.
fn with_front_matter(title: &str, text: &str, columns: &[String]) -> String {
    let text = text.replace("\r\n", "\n");
    let mut rest = text.as_str();
    let mut title = title.to_owned();
    if let Some(after) = rest.strip_prefix("# ") {
        let (heading, tail) = after.split_once('\n').unwrap_or((after, ""));
        title = heading.trim().to_owned();
        rest = tail;
    }
    let trimmed = rest.trim_start_matches('\n');
    let mut properties: Vec<(String, String)> = Vec::new();
    let mut consumed = rest.len() - trimmed.len();
    for line in trimmed.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare.is_empty() {
            consumed += line.len();
            break;
        }
        match property(bare, columns) {
            Some((k, v)) => {
                properties.push((k.to_owned(), v.to_owned()));
                consumed += line.len();
            }
            None => {
                // Not a block of properties after all: the body starts here.
                if properties.is_empty() {
                    consumed = rest.len() - trimmed.len();
                }
                break;
            }
        }
    }
    let body = if properties.is_empty() {
        trimmed
    } else {
        &rest[consumed.min(rest.len())..]
    };
    front_matter_page(&title, properties, body)
}

/// A Markdown note of a title, a row's properties (as front matter, under the keys a
/// note's front matter uses) and a body.
fn front_matter_page(title: &str, properties: Vec<(String, String)>, body: &str) -> String {
    let mut yaml = serde_yaml_ng::Mapping::new();
    yaml.insert("title".into(), title.into());
    for (key, value) in properties {
        let value = match key.to_lowercase().as_str() {
            "date" | "created" | "created time" | "when" => match notion_date(&value) {
                Some(day) => day.format("%Y-%m-%d").to_string(),
                None => value,
            },
            _ => value,
        };
        let key = match key.to_lowercase().as_str() {
            "date" | "created" | "created time" | "when" => "date".to_owned(),
            "kind" | "type" | "source" | "channel" => "type".to_owned(),
            "people" | "attendees" | "participants" | "interviewee" | "with" => "people".to_owned(),
            "tags" | "labels" | "topics" => "tags".to_owned(),
            _ => key,
        };
        if !yaml.contains_key(key.as_str()) {
            yaml.insert(key.into(), value.into());
        }
    }
    let front = serde_yaml_ng::to_string(&yaml).unwrap_or_default();
    format!("---\n{front}---\n{body}")
}

/// `Key: value`, where the key is one of the database's columns.
fn property<'a>(line: &'a str, columns: &[String]) -> Option<(&'a str, &'a str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    columns
        .iter()
        .any(|c| c.eq_ignore_ascii_case(key))
        .then_some((key, value.trim()))
}

/// A date as Notion writes it: "November 4, 2026", "November 4, 2026 3:00 PM",
/// "@November 4, 2026", "2026/11/04", "2026-11-04", or a range "… → …" (its start).
pub fn notion_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim().trim_start_matches('@');
    let start = text.split('→').next().unwrap_or(text).trim();
    if let Some(day) = crate::imports::vault::date_of(start) {
        return Some(day);
    }
    // "November 4, 2026" and whatever time follows it.
    let mut parts = start.splitn(3, ' ');
    let (month, day, year) = (parts.next()?, parts.next()?, parts.next()?);
    let year = year.get(..4)?;
    NaiveDate::parse_from_str(&format!("{month} {day} {year}"), "%B %d, %Y")
        .or_else(|_| NaiveDate::parse_from_str(&format!("{month} {day} {year}"), "%b %d, %Y"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notion_name_loses_its_id_and_keeps_it_apart() {
        assert_eq!(
            split_id("Coffee with Priya 0123456789abcdef0123456789abcdef.md"),
            (
                "Coffee with Priya",
                Some("0123456789abcdef0123456789abcdef")
            )
        );
        assert_eq!(split_id("Readme.md"), ("Readme", None));
    }

    #[test]
    fn notion_dates_are_read_as_notion_writes_them() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 4);
        assert_eq!(notion_date("November 4, 2026"), d);
        assert_eq!(notion_date("November 4, 2026 3:00 PM"), d);
        assert_eq!(notion_date("@Nov 4, 2026"), d);
        assert_eq!(notion_date("2026/11/04"), d);
        assert_eq!(notion_date("November 4, 2026 → November 6, 2026"), d);
        assert_eq!(notion_date("soon"), None);
    }

    #[test]
    fn a_rows_properties_become_front_matter_and_the_body_stays() {
        let columns: Vec<String> = ["name", "date", "type", "people", "tags", "team"]
            .map(String::from)
            .to_vec();
        let page = with_front_matter(
            "x",
            "# Coffee with Priya\n\nDate: November 4, 2026\nType: Coffee chat\nPeople: Priya Raman, Sam Lee\nTags: deploys, ci\nTeam: Payments\n\nThe deploy queue: slow.\n",
            &columns,
        );
        assert!(page.starts_with("---\n"), "{page}");
        assert!(page.contains("title: Coffee with Priya"), "{page}");
        assert!(
            page.contains("date: 2026-11-04") || page.contains("date: '2026-11-04'"),
            "{page}"
        );
        assert!(page.contains("Team: Payments"), "{page}");
        assert!(page.ends_with("---\nThe deploy queue: slow.\n"), "{page}");
    }

    #[test]
    fn a_page_without_properties_keeps_its_first_paragraph_as_body() {
        let page = with_front_matter("x", "# Notes\n\nThe deploy queue: slow and flaky.\n", &[]);
        assert!(
            page.ends_with("---\nThe deploy queue: slow and flaky.\n"),
            "{page}"
        );
    }
}
