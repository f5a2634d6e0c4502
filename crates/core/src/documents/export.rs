//! Exports: a cycle's charter, vision, ranked user pain, or all of them as one
//! planning pack, as Markdown a wiki takes (CommonMark with footnotes) and as one
//! self-contained HTML file. There is one pipeline: the Markdown is made first, with
//! every citation a footnote saying what was said, by whom, where and when; the HTML
//! is that Markdown through the one sanitizing renderer ([`crate::store::render`]).
//!
//! Untrusted text (quotes, names, statements) enters the Markdown escaped, so it stays
//! text in every format; the author's own Markdown is the author's, and the renderer
//! shows any raw HTML in it as text.

use crate::discovery::transcript::said_at_label;
use crate::documents::citation::{tokens, CitationState, CitedKind, CitedText, Token};
use crate::documents::document::{DocumentKind, FrozenLive};
use crate::documents::live::{live_markdown, pains_table, roadmap_markdown};
use crate::store::db::Db;
use crate::store::error::DomainError;
use crate::store::exported::{escape_markdown, file_stem, ExportFormat, Exported};
use crate::store::row::{stored, Stored};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt::Write as _;
use ts_rs::TS;
use uuid::Uuid;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportDoc {
    Charter,
    Vision,
    /// The ranked list of user pain.
    Pains,
    /// The roadmap as a table.
    Roadmap,
    /// Charter, vision, ranked pain and roadmap in one.
    Pack,
}

stored!(ExportDoc, "document to export", {
    Charter => "charter",
    Vision => "vision",
    Pains => "pains",
    Roadmap => "roadmap",
    Pack => "pack",
});

impl ExportDoc {
    /// Its name on the command line: `charter`.
    pub fn parse(text: &str) -> Option<Self> {
        Self::from_stored(text)
    }

    pub fn name(self) -> &'static str {
        self.as_stored()
    }

    fn title(self) -> &'static str {
        match self {
            Self::Charter => DocumentKind::Charter.title(),
            Self::Vision => DocumentKind::Vision.title(),
            Self::Pains => "Ranked user pain",
            Self::Roadmap => "Roadmap",
            Self::Pack => "Planning pack",
        }
    }
}

/// The footnotes of one export: each cited item once, numbered as first cited.
#[derive(Default)]
struct Footnotes {
    order: Vec<(CitedKind, Uuid)>,
    index: HashMap<(CitedKind, Uuid), usize>,
    /// What the documents kept of what they cite.
    kept: HashMap<(CitedKind, Uuid), CitedText>,
    /// For a version: its live sections as it froze them. A version is exported as
    /// it was sent, from what it froze alone: no flag, nothing read now.
    as_sent: Option<Vec<FrozenLive>>,
}

impl Footnotes {
    fn refer(&mut self, kind: CitedKind, id: Uuid) -> String {
        let next = self.order.len() + 1;
        let n = *self.index.entry((kind, id)).or_insert_with(|| {
            self.order.push((kind, id));
            next
        });
        format!("[^cite-{n}]")
    }

    /// Replaces a body's tokens: a live section by what it shows now, a citation by
    /// its footnote's reference.
    fn body(&mut self, db: &Db<'_>, cycle: Uuid, markdown: &str) -> Result<String, DomainError> {
        let mut out = String::with_capacity(markdown.len() + 256);
        let mut at = 0;
        for (range, token) in tokens(markdown) {
            out.push_str(&markdown[at..range.start]);
            match token {
                Token::Cite(kind, id) => {
                    // A footnote mark sits on the word it follows: "again¹", not "again ¹".
                    let kept = out.trim_end_matches([' ', '\t']).len();
                    if kept < out.len() && !out[..kept].ends_with('\n') && kept > 0 {
                        out.truncate(kept);
                    }
                    out.push_str(&self.refer(kind, id));
                }
                Token::Live(live) => {
                    let shown =
                        match &self.as_sent {
                            None => live_markdown(db, cycle, live)?,
                            Some(frozen) => frozen.iter().find(|f| f.live == live).map_or(
                                "*This section was not kept in the version.*".into(),
                                |f| f.markdown.clone(),
                            ),
                        };
                    let shown = self.body(db, cycle, &shown)?;
                    // A block of its own, however the token sat in its paragraph.
                    let before = out.len() - out.trim_end_matches('\n').len();
                    out.push_str(&"\n".repeat(2usize.saturating_sub(before)));
                    out.push_str(shown.trim());
                    out.push('\n');
                    if !markdown[range.end..].starts_with('\n') {
                        out.push('\n');
                    }
                }
            }
            at = range.end;
        }
        out.push_str(&markdown[at..]);
        Ok(out)
    }

    /// The footnote definitions, one a line.
    fn definitions(&self, db: &Db<'_>) -> Result<String, DomainError> {
        let mut out = String::new();
        for (i, (kind, id)) in self.order.iter().enumerate() {
            let kept = match self.kept.get(&(*kind, *id)) {
                Some(k) => Some(k.clone()),
                None => db.cited_now(*kind, *id)?.map(|n| n.cited),
            };
            let line = match kept {
                None => "*The cited item is not in this workspace.*".to_owned(),
                Some(kept) if self.as_sent.is_some() => footnote_text(*kind, &kept),
                Some(kept) => {
                    let (state, _, _) = db.citation_state(*kind, *id, &kept)?;
                    let mut line = footnote_text(*kind, &kept);
                    if let Some(flag) = flag(*kind, state) {
                        line.push_str(&format!(" *{flag}*"));
                    }
                    // A pain is one footnote from what a real person said: its
                    // strongest evidence follows.
                    if *kind == CitedKind::Pain {
                        if let Some(quote) = strongest_evidence(db, *id)? {
                            line.push_str(&format!(
                                " For example: {}",
                                footnote_text(CitedKind::Observation, &quote)
                            ));
                        }
                    }
                    line
                }
            };
            let _ = writeln!(out, "[^cite-{}]: {line}", i + 1);
        }
        Ok(out)
    }
}

/// The live evidence of a pain that speaks for it best: the most important, said by
/// a person rather than read off a survey or a metric, linked first.
fn strongest_evidence(db: &Db<'_>, pain: Uuid) -> Result<Option<CitedText>, DomainError> {
    use rusqlite::OptionalExtension;
    let first: Option<String> = db
        .conn
        .prepare_cached(
            "SELECT e.observation_id FROM pain_evidence_view e
             JOIN observation_view o ON o.id = e.observation_id AND o.deleted_at IS NULL
             WHERE e.pain_id = ?1
             ORDER BY CASE e.importance WHEN 'critical' THEN 0 WHEN 'important' THEN 1
                        WHEN 'nice_to_have' THEN 3 ELSE 2 END,
                      EXISTS (SELECT 1 FROM observation_person_view op WHERE op.observation_id = o.id) DESC,
                      o.kind <> 'quote', e.linked_at, o.id
             LIMIT 1",
        )?
        .query_row([pain.to_string()], |r| r.get(0))
        .optional()?;
    let Some(id) = first.and_then(|s| Uuid::parse_str(&s).ok()) else {
        return Ok(None);
    };
    Ok(db.cited_now(CitedKind::Observation, id)?.map(|n| n.cited))
}

/// A footnote's words for a cited item.
fn footnote_text(kind: CitedKind, c: &CitedText) -> String {
    let text = escape_markdown(&c.text);
    // Said in a transcript by a voice no person stands for: the label it was given.
    let said_by = match &c.speaker {
        Some(label) if c.who.is_empty() => label.as_str(),
        _ => c.who.as_str(),
    };
    let who = match (said_by.is_empty(), c.teams.is_empty()) {
        (false, false) => format!(
            "{} ({})",
            escape_markdown(said_by),
            escape_markdown(&c.teams)
        ),
        (false, true) => escape_markdown(said_by),
        (true, false) => escape_markdown(&c.teams),
        (true, true) => String::new(),
    };
    let date = c.session_date.map(crate::store::input::date_text);
    let said_at = c
        .said_at_ms
        .map(|ms| format!("said at {}", said_at_label(ms)));
    let place: Vec<String> = [
        (!c.session_title.is_empty()).then(|| escape_markdown(&c.session_title)),
        date,
        said_at,
    ]
    .into_iter()
    .flatten()
    .collect();
    match kind {
        CitedKind::Observation => {
            let mut s = format!("“{text}”");
            if !who.is_empty() {
                s.push_str(&format!(" — {who}"));
            }
            if !place.is_empty() {
                s.push_str(&format!("; {}", place.join(", ")));
            }
            s.push('.');
            s
        }
        // A pain's "who" and "teams" are its reach: "7 people", "4 teams".
        CitedKind::Pain => format!(
            "Pain: {text} ({} in {}).",
            escape_markdown(&c.who),
            escape_markdown(&c.teams)
        ),
        CitedKind::Bucket => format!("Bucket: {text}."),
        CitedKind::Solution => format!("Solution: {text}."),
        CitedKind::Kudos => {
            let mut s = format!("Kudos: “{text}”");
            if !who.is_empty() {
                s.push_str(&format!(" — {who}"));
            }
            if !place.is_empty() {
                s.push_str(&format!("; {}", place.join(", ")));
            }
            s.push('.');
            s
        }
        CitedKind::Session => {
            let mut s = format!("Session: {}", place.join(", "));
            if !who.is_empty() {
                s.push_str(&format!("; with {who}"));
            }
            s.push('.');
            s
        }
    }
}

fn flag(kind: CitedKind, state: CitationState) -> Option<String> {
    let what = kind.as_stored();
    match state {
        CitationState::Current => None,
        CitationState::Edited => Some(format!("The {what} has been edited since it was cited.")),
        CitationState::Merged => Some(format!("The {what} has since been merged into another.")),
        CitationState::Trashed => Some(format!("The {what} has since been moved to the trash.")),
        CitationState::Missing => Some(format!("The {what} is no longer in this workspace.")),
    }
}

impl Db<'_> {
    /// A cycle's charter, vision, ranked pain or planning pack, as Markdown or HTML.
    pub fn export(
        &self,
        cycle: Uuid,
        doc: ExportDoc,
        format: ExportFormat,
    ) -> Result<Exported, DomainError> {
        let (cycle_name, _) = self.cycle_head(cycle)?;
        let mut notes = Footnotes::default();
        let mut md = String::new();
        let kinds: &[DocumentKind] = match doc {
            ExportDoc::Charter => &[DocumentKind::Charter],
            ExportDoc::Vision => &[DocumentKind::Vision],
            ExportDoc::Pains | ExportDoc::Roadmap => &[],
            ExportDoc::Pack => &DocumentKind::ALL,
        };
        if doc == ExportDoc::Pack {
            let _ = writeln!(
                md,
                "# {}: {}\n\n*The charter, the three-year vision, the ranked list of user pain and the roadmap of this cycle. Every footnote is what a real person said, and where.*\n",
                ExportDoc::Pack.title(),
                escape_markdown(&cycle_name)
            );
        }
        for kind in kinds {
            let (id, body) = self.document_body(cycle, *kind)?;
            if let Some(id) = id {
                for (key, kept) in self.kept_citations(id)? {
                    notes.kept.entry(key).or_insert(kept.text);
                }
            }
            let body = notes.body(self, cycle, &body)?;
            md.push_str(body.trim());
            md.push_str("\n\n");
        }
        if matches!(doc, ExportDoc::Pains | ExportDoc::Pack) {
            let _ = writeln!(
                md,
                "# {}: {}\n",
                ExportDoc::Pains.title(),
                escape_markdown(&cycle_name)
            );
            let table = match self.rank(cycle) {
                Ok(ranking) => {
                    let _ = writeln!(md, "*Scored by {}.*\n", ranking.formula);
                    pains_table(&ranking, None)
                }
                Err(DomainError::JudgingInDiscovery { .. }) => {
                    "*The cycle is in discovery: nothing is ranked yet.*".to_owned()
                }
                Err(e) => return Err(e),
            };
            md.push_str(&notes.body(self, cycle, &table)?);
            md.push('\n');
        }
        if matches!(doc, ExportDoc::Roadmap | ExportDoc::Pack) {
            if !md.is_empty() {
                md.push('\n');
            }
            let _ = writeln!(
                md,
                "# {}: {}\n",
                ExportDoc::Roadmap.title(),
                escape_markdown(&cycle_name)
            );
            let table = roadmap_markdown(self, cycle)?;
            md.push_str(&notes.body(self, cycle, &table)?);
            md.push('\n');
        }
        finish(
            self,
            md,
            notes,
            format!("{} - {}", doc.title(), cycle_name),
            format,
        )
    }

    /// A kept version of a charter or vision as it was sent: its body, its live
    /// sections and its citations as they read when it was kept.
    pub fn export_version(
        &self,
        version: Uuid,
        format: ExportFormat,
    ) -> Result<Exported, DomainError> {
        let view = self.document_version(version)?;
        let (cycle_name, _) = self.cycle_head(view.cycle_id)?;
        let mut notes = Footnotes {
            as_sent: Some(view.live),
            ..Default::default()
        };
        for c in view.citations {
            notes.kept.insert((c.kind, c.target_id), c.kept);
        }
        let mut md = notes.body(self, view.cycle_id, &view.body)?;
        let kept_on = view.version.created_at.format("%Y-%m-%d");
        md = format!(
            "{}\n\n*The version “{}”, kept on {kept_on}, as it was sent.*\n",
            md.trim_end(),
            escape_markdown(&view.version.note)
        );
        let title = format!(
            "{} - {} - {}",
            view.kind.title(),
            cycle_name,
            view.version.note
        );
        finish(self, md, notes, title, format)
    }
}

/// An export's Markdown with its footnotes appended, in `format`.
fn finish(
    db: &Db<'_>,
    mut md: String,
    notes: Footnotes,
    title: String,
    format: ExportFormat,
) -> Result<Exported, DomainError> {
    let definitions = notes.definitions(db)?;
    if !definitions.is_empty() {
        md.push('\n');
        md.push_str(&definitions);
    }
    // What the app shows as text is text in the file too, whichever renders it.
    let md = crate::store::render::html_as_markdown_text(md.trim_end()) + "\n";
    let content = match format {
        ExportFormat::Md => md,
        ExportFormat::Html => crate::store::render::html_document(&title, &md),
    };
    Ok(Exported {
        file_name: format!("{}.{}", file_stem(&title), format.extension()),
        title,
        format,
        content,
        citations: notes.order.len() as u32,
    })
}

/// Why an export could not be written where the user chose.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The name is one no file system (or Windows) takes, or could hide what it is.
    #[error("\"{name}\" cannot be a file name: {reason}. Choose another name")]
    UnsafeName { name: String, reason: &'static str },
    /// A file is there already; it is replaced only when asked.
    #[error("{} exists already; it was left as it is. Choose another name, or ask to replace it", .path.display())]
    Exists { path: std::path::PathBuf },
    /// The path names a folder.
    #[error("{} is a folder; name a file in it", .path.display())]
    IsFolder { path: std::path::PathBuf },
    /// The disk is full: nothing was written.
    #[error("the disk is full: {} was not written. Free some space and try again", .path.display())]
    DiskFull { path: std::path::PathBuf },
    #[error("{} could not be written: {source}", .path.display())]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// Names Windows keeps for devices, with any extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Refuses a file name that is unsafe or reserved anywhere the file may travel: empty,
/// `.` or `..`, a device name (`CON`, `nul.md`), a character a file system refuses or
/// that hides what the name says (control, bidirectional override), a trailing dot
/// or space, or more than 255 bytes.
pub fn check_file_name(name: &str) -> Result<(), WriteError> {
    let unsafe_name = |reason| {
        Err(WriteError::UnsafeName {
            name: name.chars().filter(|c| !c.is_control()).collect(),
            reason,
        })
    };
    if name.is_empty() || name == "." || name == ".." {
        return unsafe_name("a file needs a name");
    }
    if name.len() > 255 {
        return unsafe_name("it is longer than file systems allow (255 bytes)");
    }
    if name.chars().any(|c| {
        c.is_control()
            || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
    }) {
        return unsafe_name(
            "it holds a character file systems refuse or that hides what the name says (/ \\ : * ? \" < > | or a control character)",
        );
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return unsafe_name("it ends with a dot or a space, which Windows drops");
    }
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        return unsafe_name("Windows keeps that name for a device");
    }
    Ok(())
}

/// Writes an export to `path`, whole or not at all: into a new file beside it that
/// then takes its name, so a full disk or a crash leaves no half-written file. An
/// existing file is replaced only with `replace`.
/// The mode an exported file gets, as any editor's: a file it replaces keeps its own;
/// a new one is readable as the user's umask allows (0666 less the umask, applied by
/// the system when the file is made), not the temporary file's private 0600.
fn file_permissions(path: &std::path::Path, replace: bool) -> Option<std::fs::Permissions> {
    if let Some(kept) = replace
        .then(|| std::fs::metadata(path).ok())
        .flatten()
        .filter(|m| m.is_file())
    {
        return Some(kept.permissions());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::Permissions::from_mode(0o666))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

pub fn write_export(
    path: &std::path::Path,
    content: &[u8],
    replace: bool,
) -> Result<(), WriteError> {
    use std::io::Write;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    check_file_name(&name)?;
    if path.is_dir() {
        return Err(WriteError::IsFolder { path: path.into() });
    }
    if !replace && path.symlink_metadata().is_ok() {
        return Err(WriteError::Exists { path: path.into() });
    }
    let io = |source: std::io::Error| {
        if source.raw_os_error() == Some(28) || source.kind() == std::io::ErrorKind::StorageFull {
            WriteError::DiskFull { path: path.into() }
        } else {
            WriteError::Io {
                path: path.into(),
                source,
            }
        }
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".groundwork-export-");
    if let Some(mode) = file_permissions(path, replace) {
        builder.permissions(mode);
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(io)?;
    tmp.write_all(content).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    if replace {
        tmp.persist(path).map_err(|e| io(e.error))?;
    } else {
        // Refuses, rather than replaces, a file that appeared meanwhile.
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                WriteError::Exists { path: path.into() }
            } else {
                io(e.error)
            }
        })?;
    }
    Ok(())
}
