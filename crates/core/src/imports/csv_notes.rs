//! Notes kept as rows of a CSV: Productboard's notes export, Dovetail's, or any tool's.
//! Each row becomes a note (title, content as text or HTML, date, the user it is from,
//! tags, and every other column kept as a field), read then as any note is. The
//! columns are found by the names those tools give them; a mapping names them when the
//! file's own names are not known (the command line's `--mapping FILE`).

use crate::imports::vault::{Skipped, Vault, VaultNote};
use crate::store::text_file;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// Which column holds each part of a note; a part left out is looked for by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NotesMapping {
    #[serde(default)]
    #[ts(optional)]
    pub title: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub content: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub date: Option<String>,
    /// Who the note is from: a name or an email.
    #[serde(default)]
    #[ts(optional)]
    pub person: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub tags: Option<String>,
    /// The kind of talk ("coffee chat"), when a column says it.
    #[serde(default)]
    #[ts(optional)]
    pub kind: Option<String>,
    /// The note's own id in the tool, so importing again copies nothing.
    #[serde(default)]
    #[ts(optional)]
    pub id: Option<String>,
}

/// Why a CSV of notes could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CsvNotesError {
    #[error("{0}")]
    File(#[from] text_file::FileError),
    #[error("no column holds the notes' {what} (looked for {looked}); name it in a mapping")]
    NoColumn { what: &'static str, looked: String },
    #[error("the mapping names the column “{0}”, which the file does not have")]
    Unknown(String),
}

const TITLE: &[&str] = &["title", "note title", "name", "subject", "summary"];
const CONTENT: &[&str] = &[
    "content",
    "note_text",
    "note text",
    "text",
    "body",
    "notes",
    "description",
    "highlight",
];
const DATE: &[&str] = &["created_at", "created at", "created", "date", "timestamp"];
const PERSON: &[&str] = &[
    "user_name",
    "user name",
    "user_email",
    "user email",
    "customer",
    "participant",
    "participants",
    "person",
    "interviewee",
    "author",
];
const TAGS: &[&str] = &["tags", "tag", "labels"];
const KIND: &[&str] = &["type", "kind", "source_origin", "source", "channel"];
const ID: &[&str] = &["note_id", "note id", "id", "source_record_id", "uuid"];

/// Reads a CSV of notes into notes: each row one, the mapping's columns first, else
/// the tools' own names.
pub fn read_csv_notes(bytes: &[u8], mapping: &NotesMapping) -> Result<Vault, CsvNotesError> {
    let sheet = text_file::read(bytes)?;
    let mut rows = sheet.records.into_iter().filter(|r| !r.is_blank());
    let Some(header) = rows.next() else {
        return Err(CsvNotesError::File(text_file::FileError::Blank));
    };
    let names: Vec<String> = header
        .fields
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_owned())
        .collect();
    let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    let column =
        |named: &Option<String>, choices: &[&str]| -> Result<Option<usize>, CsvNotesError> {
            if let Some(name) = named {
                return lower
                    .iter()
                    .position(|h| *h == name.trim().to_lowercase())
                    .map(Some)
                    .ok_or_else(|| CsvNotesError::Unknown(name.clone()));
            }
            Ok(choices
                .iter()
                .find_map(|c| lower.iter().position(|h| h == c)))
        };
    let looked = |choices: &[&str]| {
        choices
            .iter()
            .map(|c| format!("“{c}”"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let title = column(&mapping.title, TITLE)?;
    let content = column(&mapping.content, CONTENT)?.ok_or(CsvNotesError::NoColumn {
        what: "content",
        looked: looked(CONTENT),
    })?;
    let date = column(&mapping.date, DATE)?;
    // Who it is from: the mapping's column, else every column tools name the user by
    // (a row may give only the email), the first one written in a row.
    let person: Vec<usize> = match &mapping.person {
        Some(_) => column(&mapping.person, PERSON)?.into_iter().collect(),
        None => PERSON
            .iter()
            .filter_map(|c| lower.iter().position(|h| h == c))
            .collect(),
    };
    let tags = column(&mapping.tags, TAGS)?;
    let kind = column(&mapping.kind, KIND)?;
    let id = column(&mapping.id, ID)?;
    let mut used: Vec<usize> = [title, Some(content), date, tags, kind, id]
        .into_iter()
        .flatten()
        .collect();
    used.extend(&person);
    let mut notes = Vec::new();
    let mut skipped = Vec::new();
    for r in rows {
        let get = |at: Option<usize>| -> String {
            at.and_then(|i| r.fields.get(i))
                .map(|v| v.trim().to_owned())
                .unwrap_or_default()
        };
        let raw = get(Some(content));
        let body = if looks_like_html(&raw) {
            crate::imports::html::read_html(&raw).markdown
        } else {
            raw
        };
        let mut title_text = get(title);
        if title_text.is_empty() {
            title_text = body
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .chars()
                .take(80)
                .collect();
        }
        if title_text.is_empty() && body.is_empty() {
            skipped.push(Skipped {
                path: format!("line {}", r.line),
                why: "it has neither a title nor content".into(),
            });
            continue;
        }
        let who = person
            .iter()
            .map(|i| get(Some(*i)))
            .find(|w| !w.is_empty())
            .unwrap_or_default();
        let people = who
            .split([',', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                if p.contains('@') && !p.contains(' ') {
                    crate::discovery::transcript::speaker::name_of_label(p)
                } else {
                    p.to_owned()
                }
            })
            .collect();
        let mut fields = BTreeMap::new();
        for (i, name) in names.iter().enumerate() {
            let value = r.fields.get(i).map(|v| v.trim()).unwrap_or("");
            if !used.contains(&i) && !value.is_empty() {
                fields.insert(name.clone(), value.to_owned());
            }
        }
        let source_id = match get(id) {
            id if !id.is_empty() => id,
            _ => format!("line {}: {title_text}", r.line),
        };
        let kind_text = get(kind);
        notes.push(VaultNote {
            path: format!("line {}", r.line),
            source_id,
            title: title_text,
            aliases: Vec::new(),
            date: crate::imports::tickets::instant(&get(date))
                .map(|d| d.date_naive())
                .or_else(|| crate::imports::notion::notion_date(&get(date))),
            kind: (!kind_text.is_empty()).then_some(kind_text),
            people,
            tags: get(tags)
                .split([',', ';'])
                .map(|t| t.trim().trim_start_matches('#').to_owned())
                .filter(|t| !t.is_empty())
                .collect(),
            fields,
            links: Vec::new(),
            attachments: Vec::new(),
            empty: body.trim().is_empty(),
            body,
            problems: Vec::new(),
        });
    }
    Ok(Vault {
        notes,
        files: Vec::new(),
        skipped,
    })
}

/// Whether content is HTML (Productboard writes its notes' content so), not text
/// that happens to hold a `<`.
fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start().to_lowercase();
    [
        "<p",
        "<div",
        "<br",
        "<ul",
        "<ol",
        "<h1",
        "<h2",
        "<h3",
        "<span",
        "<b>",
        "<strong",
        "<em>",
        "<blockquote",
    ]
    .iter()
    .any(|tag| {
        t.starts_with(tag) || t.contains(&format!("{tag}>")) || t.contains(&format!("{tag} "))
    })
}
