//! Documents: a cycle's charter and its three-year vision, written in Markdown with
//! the method's sections and citations of the evidence ([`crate::documents::citation`]). They
//! autosave like notes; a save typed over an older revision never overwrites (what
//! was typed is kept as a version instead). A version freezes the body, what its
//! citations said and what its live sections showed, so an old version shows what
//! was sent, and which cited evidence has changed since.

use crate::documents::citation::{
    tokens, without_tokens, Citation, CitationState, CitedKind, CitedText, Live, Token,
};
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::input::line;
use crate::store::policy::{allows, Act};
use crate::store::row::{stored, RowExt, Stored};
use crate::store::wording::size_beside;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use ts_rs::TS;
use uuid::Uuid;

/// The most a document's Markdown may hold.
pub const DOCUMENT_BYTES: usize = 2 * 1024 * 1024;
/// The longest note a version may have.
pub const VERSION_NOTE: usize = 300;

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Charter,
    Vision,
}

stored!(DocumentKind, "document kind", { Charter => "charter", Vision => "vision" });

impl DocumentKind {
    pub const ALL: [DocumentKind; 2] = [DocumentKind::Charter, DocumentKind::Vision];

    /// Its title in words.
    pub fn title(self) -> &'static str {
        match self {
            Self::Charter => "Charter",
            Self::Vision => "Three-year vision",
        }
    }

    /// The method's sections, each with the question it answers.
    pub fn sections(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Self::Charter => &[
                ("Unique value", "What do we give our users that no one else in the company does?"),
                ("Competitive advantages", "Why are we better placed than a vendor, an open-source project or another team to do it?"),
                ("Strategy", "How will we use those advantages over the next year or two?"),
                ("Whom we serve excellently, and whom less well", "Be bad at some things to be great at others: which users and needs come first, and which we serve poorly or not at all."),
                ("What we will not do", "The requests we will say no to, and why."),
            ],
            Self::Vision => &[
                ("Where could we be if everything went perfectly for three years?", "Constrained by what is possible, not by what is reasonable."),
                ("What our users can do then", "Describe a day of a user three years from now."),
                ("What we build on", "The pains and trade-offs this vision grows from."),
            ],
        }
    }

    /// What a new document starts with: its title and sections. The charter's
    /// section on whom it serves shows the trade-off map, kept in step.
    fn template(self, cycle: &str) -> String {
        let mut body = format!("# {}: {}\n", self.title(), cycle);
        for (heading, _) in self.sections() {
            body.push_str(&format!("\n## {heading}\n\n"));
            match (self, *heading) {
                (Self::Charter, "Whom we serve excellently, and whom less well") => {
                    body.push_str(&format!("{}\n\n", Live::Tradeoffs.token()));
                }
                (Self::Vision, "What we build on") => {
                    body.push_str(&format!("{}\n\n", Live::Pains { top: 5 }.token()));
                }
                _ => {}
            }
        }
        body
    }
}

/// One of the method's sections, with its prompt and whether it is written yet.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SectionGuide {
    pub heading: String,
    pub prompt: String,
    /// Whether the section is there and holds words of the author's (not only a
    /// live section).
    pub written: bool,
}

/// A snapshot of a document, as listed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentVersion {
    pub id: Uuid,
    pub document_id: Uuid,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

/// A cycle's charter or vision.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    /// Absent until it is first saved (it then shows its template).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<Uuid>,
    pub cycle_id: Uuid,
    pub cycle_name: String,
    pub kind: DocumentKind,
    pub title: String,
    pub body: String,
    /// The body's revision: the next save is typed over it (0 before the first).
    pub rev: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub updated_at: Option<DateTime<Utc>>,
    /// The citations in the body, in the order they first appear.
    pub citations: Vec<Citation>,
    pub sections: Vec<SectionGuide>,
    /// Newest first.
    pub versions: Vec<DocumentVersion>,
    /// Whether the cycle's mode lets it be drafted (prioritization and roadmap do).
    pub editable: bool,
}

/// What saving a document did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentSaved {
    pub document_id: Uuid,
    pub rev: u32,
    pub updated_at: DateTime<Utc>,
    pub citations: Vec<Citation>,
    pub sections: Vec<SectionGuide>,
    /// Set when the document had changed elsewhere since the revision typed over:
    /// nothing was overwritten, and what was typed here is this version.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub kept_as_version: Option<Uuid>,
}

/// A live section as a version froze it: its Markdown then (its pains as citations).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FrozenLive {
    pub live: Live,
    pub markdown: String,
}

/// A citation as a version froze it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct FrozenCitation {
    kind: CitedKind,
    target_id: Uuid,
    kept: CitedText,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Frozen {
    citations: Vec<FrozenCitation>,
    live: Vec<FrozenLive>,
}

/// What a stretch of a comparison is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    Same,
    Added,
    Removed,
}

/// A stretch of words that is in both texts, or only in the newer or the older.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DiffPiece {
    pub kind: DiffKind,
    pub text: String,
}

/// Two versions of a document compared word by word, citations as their words.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentDiff {
    /// What the older side is: its note.
    pub from: String,
    /// What the newer side is: a version's note, or "Now".
    pub to: String,
    pub pieces: Vec<DiffPiece>,
    pub added_words: u32,
    pub removed_words: u32,
}

/// A body with its tokens as words a person reads: `[“Builds take 40 minutes”]`.
fn readable(body: &str, citations: &[Citation]) -> String {
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    for (range, token) in tokens(body) {
        out.push_str(&body[at..range.start]);
        match token {
            Token::Cite(kind, id) => {
                let text = citations
                    .iter()
                    .find(|c| c.kind == kind && c.target_id == id)
                    .map_or("a cited item", |c| c.kept.text.as_str());
                let short: String = text.chars().take(60).collect();
                let more = if text.chars().count() > 60 { "…" } else { "" };
                out.push_str(&format!("[“{short}{more}”]"));
            }
            Token::Live(Live::Tradeoffs) => out.push_str("[the trade-off map]"),
            Token::Live(Live::Roadmap) => out.push_str("[the roadmap]"),
            Token::Live(Live::Pains { top }) => {
                out.push_str(&format!("[the top {top} ranked pains]"))
            }
        }
        at = range.end;
    }
    out.push_str(&body[at..]);
    out
}

/// Compares two texts word by word, giving up on finesse (not on correctness) after a second.
fn diff_words(old: &str, new: &str) -> (Vec<DiffPiece>, u32, u32) {
    let diff = similar::TextDiffConfig::default()
        .timeout(std::time::Duration::from_secs(1))
        .diff_words(old, new);
    let mut pieces: Vec<DiffPiece> = Vec::new();
    let (mut added, mut removed) = (0u32, 0u32);
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            similar::ChangeTag::Equal => DiffKind::Same,
            similar::ChangeTag::Insert => DiffKind::Added,
            similar::ChangeTag::Delete => DiffKind::Removed,
        };
        let text = change.value();
        if !text.trim().is_empty() {
            match kind {
                DiffKind::Added => added += 1,
                DiffKind::Removed => removed += 1,
                DiffKind::Same => {}
            }
        }
        match pieces.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(text),
            _ => pieces.push(DiffPiece {
                kind,
                text: text.to_owned(),
            }),
        }
    }
    (pieces, added, removed)
}

/// A version opened: what was sent, and what of its evidence has changed since.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentVersionView {
    pub version: DocumentVersion,
    pub kind: DocumentKind,
    pub cycle_id: Uuid,
    pub body: String,
    /// As they read when the version was made, each with its state now.
    pub citations: Vec<Citation>,
    pub live: Vec<FrozenLive>,
}

/// What a document kept of one cited item, and when it was first cited.
pub(crate) struct Kept {
    pub(crate) text: CitedText,
    pub(crate) cited_at: DateTime<Utc>,
}

/// A stored document's row.
pub(crate) struct StoredDocument {
    pub(crate) id: Uuid,
    pub(crate) body: String,
    pub(crate) rev: u32,
    pub(crate) updated_at: DateTime<Utc>,
}

fn check_body(body: &str) -> Result<(), DomainError> {
    if body.len() > DOCUMENT_BYTES {
        return Err(DomainError::invalid(
            "body",
            format!(
                "this document is {}; a document holds at most {} MiB. Move the rest into another document or a session's notes.",
                size_beside(body.len(), DOCUMENT_BYTES),
                DOCUMENT_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(())
}

/// The method's sections of `kind`, each marked written when the body has it with
/// words of the author's under it.
pub(crate) fn section_guides(kind: DocumentKind, body: &str) -> Vec<SectionGuide> {
    let found = sections_of(body);
    kind.sections()
        .iter()
        .map(|(heading, prompt)| SectionGuide {
            heading: (*heading).to_owned(),
            prompt: (*prompt).to_owned(),
            written: found
                .iter()
                .any(|(h, words)| h.eq_ignore_ascii_case(heading) && *words),
        })
        .collect()
}

/// The `##` headings of a body, each with whether words (not only tokens) follow it.
fn sections_of(body: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    for line in body.lines() {
        let trimmed = line.trim();
        if let Some(heading) = trimmed.strip_prefix("## ") {
            out.push((
                heading.trim().trim_end_matches('#').trim().to_owned(),
                false,
            ));
        } else if let Some(last) = out.last_mut() {
            if trimmed.starts_with('#') {
                continue;
            }
            if without_tokens(trimmed).chars().any(char::is_alphanumeric) {
                last.1 = true;
            }
        }
    }
    out
}

/// The citations of a body, each once, in the order they first appear.
pub(crate) fn cited_in(body: &str) -> Vec<(CitedKind, Uuid)> {
    let mut seen = HashSet::new();
    tokens(body)
        .into_iter()
        .filter_map(|(_, t)| match t {
            Token::Cite(kind, id) => seen.insert((kind, id)).then_some((kind, id)),
            Token::Live(_) => None,
        })
        .collect()
}

const SELECT_VERSION: &str = "SELECT id, document_id, note, created_at FROM document_version";

fn version_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocumentVersion> {
    Ok(DocumentVersion {
        id: r.uuid("id")?,
        document_id: r.uuid("document_id")?,
        note: r.get("note")?,
        created_at: r.time("created_at")?,
    })
}

impl Db<'_> {
    /// A cycle's charter or vision; before its first save, its template.
    pub fn document(&self, cycle: Uuid, kind: DocumentKind) -> Result<Document, DomainError> {
        let (cycle_name, mode) = self.cycle_head(cycle)?;
        let stored = self.stored_document(cycle, kind)?;
        let (id, body, rev, updated_at) = match stored {
            Some(d) => (Some(d.id), d.body, d.rev, Some(d.updated_at)),
            None => (None, kind.template(&cycle_name), 0, None),
        };
        let citations = match id {
            Some(id) => self.citations(id, &body)?,
            None => Vec::new(),
        };
        let versions = match id {
            Some(id) => self.document_versions(id)?,
            None => Vec::new(),
        };
        Ok(Document {
            id,
            cycle_id: cycle,
            cycle_name,
            kind,
            title: kind.title().to_owned(),
            sections: section_guides(kind, &body),
            body,
            rev,
            updated_at,
            citations,
            versions,
            editable: allows(mode, Act::Draft),
        })
    }

    /// The citations in `body` of document `id`, with what each kept and its state now.
    pub(crate) fn citations(&self, id: Uuid, body: &str) -> Result<Vec<Citation>, DomainError> {
        let kept = self.kept_citations(id)?;
        cited_in(body)
            .into_iter()
            .map(|(kind, target)| match kept.get(&(kind, target)) {
                Some(k) => self.citation(kind, target, k.text.clone(), Some(k.cited_at)),
                // Never saved: a token typed by hand for something that is not there.
                None => Ok(Citation {
                    kind,
                    target_id: target,
                    kept: CitedText::default(),
                    state: CitationState::Missing,
                    now_text: None,
                    merged_into: None,
                    cited_at: None,
                }),
            })
            .collect()
    }

    fn citation(
        &self,
        kind: CitedKind,
        target: Uuid,
        kept: CitedText,
        cited_at: Option<DateTime<Utc>>,
    ) -> Result<Citation, DomainError> {
        let (state, now_text, merged_into) = self.citation_state(kind, target, &kept)?;
        Ok(Citation {
            kind,
            target_id: target,
            kept,
            state,
            now_text,
            merged_into,
            cited_at,
        })
    }

    /// A document's versions, newest first.
    pub fn document_versions(&self, document: Uuid) -> Result<Vec<DocumentVersion>, DomainError> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "{SELECT_VERSION} WHERE document_id = ?1 ORDER BY created_at DESC, rowid DESC"
            ))?
            .query_map([document.to_string()], version_from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// One version: its body, and its citations as they read then with their state now.
    pub fn document_version(&self, id: Uuid) -> Result<DocumentVersionView, DomainError> {
        let found = self
            .conn
            .prepare_cached(
                "SELECT v.id, v.document_id, v.note, v.created_at, v.body, v.frozen, d.kind, d.cycle_id
                 FROM document_version v JOIN document d ON d.id = v.document_id WHERE v.id = ?1",
            )?
            .query_row([id.to_string()], |r| {
                Ok((
                    version_from_row(r)?,
                    r.get::<_, String>("body")?,
                    r.get::<_, String>("frozen")?,
                    r.stored::<DocumentKind>("kind")?,
                    r.uuid("cycle_id")?,
                ))
            })
            .optional()?
            .ok_or_else(|| DomainError::NotFound {
                entity: "document version",
                id: id.to_string(),
            })?;
        let (version, body, frozen, kind, cycle_id) = found;
        // A version whose frozen part cannot be read still shows its body.
        let frozen: Frozen = serde_json::from_str(&frozen).unwrap_or_default();
        let citations = frozen
            .citations
            .into_iter()
            .map(|c| self.citation(c.kind, c.target_id, c.kept, None))
            .collect::<Result<_, _>>()?;
        Ok(DocumentVersionView {
            version,
            kind,
            cycle_id,
            body,
            citations,
            live: frozen.live,
        })
    }

    /// Compares version `from` with version `to`, or with the document as it is now.
    pub fn diff_document_versions(
        &self,
        from: Uuid,
        to: Option<Uuid>,
    ) -> Result<DocumentDiff, DomainError> {
        let old = self.document_version(from)?;
        let (to_label, new_body) = match to {
            Some(id) => {
                let v = self.document_version(id)?;
                if v.version.document_id != old.version.document_id {
                    return Err(DomainError::invalid(
                        "to",
                        "compare two versions of one document",
                    ));
                }
                let body = readable(&v.body, &v.citations);
                (v.version.note, body)
            }
            None => {
                let now = self.document(old.cycle_id, old.kind)?;
                ("Now".to_owned(), readable(&now.body, &now.citations))
            }
        };
        let (pieces, added_words, removed_words) =
            diff_words(&readable(&old.body, &old.citations), &new_body);
        Ok(DocumentDiff {
            from: old.version.note,
            to: to_label,
            pieces,
            added_words,
            removed_words,
        })
    }

    /// What document `id` kept of everything it ever cited, by kind and id.
    pub(crate) fn kept_citations(
        &self,
        id: Uuid,
    ) -> Result<HashMap<(CitedKind, Uuid), Kept>, DomainError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, target_id, text, who, teams, session_title, session_date, speaker,
                    said_at_ms, cited_at
             FROM document_citation WHERE document_id = ?1",
        )?;
        let rows = stmt
            .query_map([id.to_string()], |r| {
                Ok((
                    (r.stored::<CitedKind>("kind")?, r.uuid("target_id")?),
                    Kept {
                        text: CitedText {
                            text: r.get("text")?,
                            who: r.get("who")?,
                            teams: r.get("teams")?,
                            session_title: r.get("session_title")?,
                            session_date: r.opt_date("session_date")?,
                            speaker: r.get("speaker")?,
                            said_at_ms: r
                                .get::<_, Option<i64>>("said_at_ms")?
                                .map(|ms| ms.max(0) as u64),
                        },
                        cited_at: r.time("cited_at")?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// A cycle's stored charter or vision, without its citations' states (what an
    /// export or the lint needs of the other document); None before its first save.
    pub(crate) fn stored_document(
        &self,
        cycle: Uuid,
        kind: DocumentKind,
    ) -> Result<Option<StoredDocument>, DomainError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, body, rev, updated_at FROM document WHERE cycle_id = ?1 AND kind = ?2",
            )?
            .query_row(params![cycle.to_string(), kind.as_stored()], |r| {
                Ok(StoredDocument {
                    id: r.uuid("id")?,
                    body: r.get("body")?,
                    rev: r.get("rev")?,
                    updated_at: r.time("updated_at")?,
                })
            })
            .optional()?)
    }

    /// A document's body as stored, else its template.
    pub(crate) fn document_body(
        &self,
        cycle: Uuid,
        kind: DocumentKind,
    ) -> Result<(Option<Uuid>, String), DomainError> {
        Ok(match self.stored_document(cycle, kind)? {
            Some(d) => (Some(d.id), d.body),
            None => (None, kind.template(&self.cycle_head(cycle)?.0)),
        })
    }

    fn document_head(&self, id: Uuid) -> Result<(Uuid, DocumentKind, String), DomainError> {
        self.conn
            .prepare_cached("SELECT id, cycle_id, kind, body FROM document WHERE id = ?1")?
            .query_row([id.to_string()], |r| {
                Ok((r.uuid("cycle_id")?, r.stored("kind")?, r.get("body")?))
            })
            .optional()?
            .ok_or_else(|| DomainError::NotFound {
                entity: "document",
                id: id.to_string(),
            })
    }
}

impl Tx<'_> {
    /// Saves a document's body (the editor's autosave), typed over revision `base`
    /// (None: over whatever is stored). Every citation first saved is kept as it reads
    /// now. When the document changed elsewhere since `base`, nothing is overwritten:
    /// what was typed is kept as a version, and the save says which.
    pub fn save_document(
        &self,
        cycle: Uuid,
        kind: DocumentKind,
        body: &str,
        base: Option<u32>,
    ) -> Result<DocumentSaved, DomainError> {
        check_body(body)?;
        self.require(cycle, Act::Draft)?;
        let now = self.now_text();
        let stored = self
            .conn
            .prepare_cached(
                "SELECT id, rev, body IS ?3 AS same FROM document WHERE cycle_id = ?1 AND kind = ?2",
            )?
            .query_row(params![cycle.to_string(), kind.as_stored(), body], |r| {
                Ok((r.uuid("id")?, r.get::<_, u32>("rev")?, r.get::<_, bool>("same")?))
            })
            .optional()?;
        let mut kept_as_version = None;
        let (id, rev) =
            match stored {
                None => {
                    let id = new_id();
                    self.conn.execute(
                    "INSERT INTO document (id, cycle_id, kind, body, rev, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5)",
                    params![id.to_string(), cycle.to_string(), kind.as_stored(), body, now],
                )?;
                    (id, 1)
                }
                Some((id, rev, true)) => (id, rev),
                Some((id, rev, false)) if base.is_some_and(|b| b != rev) => {
                    kept_as_version = Some(self.insert_version(
                        id,
                        "Typed while it changed elsewhere (kept, not saved over the other text)",
                        body,
                        &Frozen::default(),
                    )?);
                    (id, rev)
                }
                Some((id, rev, false)) => {
                    self.conn.execute(
                    "UPDATE document SET body = ?2, rev = rev + 1, updated_at = ?3 WHERE id = ?1",
                    params![id.to_string(), body, now],
                )?;
                    (id, rev + 1)
                }
            };
        if kept_as_version.is_none() {
            self.keep_citations(id, body)?;
        }
        let (updated_at, stored_body): (String, String) = self.conn.query_row(
            "SELECT updated_at, body FROM document WHERE id = ?1",
            [id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(DocumentSaved {
            document_id: id,
            rev,
            updated_at: crate::store::clock::parse_timestamp(&updated_at),
            citations: self.citations(id, &stored_body)?,
            sections: section_guides(kind, &stored_body),
            kept_as_version,
        })
    }

    /// Keeps what each citation of `body` first saved reads now.
    fn keep_citations(&self, id: Uuid, body: &str) -> Result<(), DomainError> {
        let mut has = self.conn.prepare_cached(
            "SELECT 1 FROM document_citation WHERE document_id = ?1 AND kind = ?2 AND target_id = ?3",
        )?;
        let mut add = self.conn.prepare_cached(
            "INSERT INTO document_citation
                (document_id, kind, target_id, text, who, teams, session_title, session_date,
                 speaker, said_at_ms, cited_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for (kind, target) in cited_in(body) {
            let key = params![id.to_string(), kind.as_stored(), target.to_string()];
            if has.query_row(key, |_| Ok(())).optional()?.is_some() {
                continue;
            }
            let Some(now) = self.cited_now(kind, target)? else {
                continue;
            };
            add.execute(params![
                id.to_string(),
                kind.as_stored(),
                target.to_string(),
                now.cited.text,
                now.cited.who,
                now.cited.teams,
                now.cited.session_title,
                now.cited.session_date.map(crate::store::input::date_text),
                now.cited.speaker,
                now.cited.said_at_ms.map(|ms| ms as i64),
                self.now_text()
            ])?;
        }
        Ok(())
    }

    fn insert_version(
        &self,
        document: Uuid,
        note: &str,
        body: &str,
        frozen: &Frozen,
    ) -> Result<Uuid, DomainError> {
        let id = new_id();
        let frozen = serde_json::to_string(frozen).map_err(|e| {
            DomainError::invalid("version", format!("it could not be written down ({e})"))
        })?;
        self.conn.execute(
            "INSERT INTO document_version (id, document_id, note, body, frozen, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id.to_string(),
                document.to_string(),
                note,
                body,
                frozen,
                self.now_text()
            ],
        )?;
        Ok(id)
    }

    /// Snapshots a document with a note: its body, what its citations said and what
    /// its live sections showed.
    pub fn snapshot_document(
        &self,
        document: Uuid,
        note: &str,
    ) -> Result<DocumentVersion, DomainError> {
        let (cycle, _, body) = self.document_head(document)?;
        self.require(cycle, Act::Draft)?;
        let note = line(
            "note",
            note,
            VERSION_NOTE,
            Some("say what this version is, e.g. \"sent to leadership 2027-01-10\""),
        )?;
        let mut frozen = Frozen::default();
        let mut seen = HashSet::new();
        for (_, token) in tokens(&body) {
            if let Token::Live(live) = token {
                if seen.insert(live.token()) {
                    frozen.live.push(FrozenLive {
                        live,
                        markdown: crate::documents::live::live_markdown(self, cycle, live)?,
                    });
                }
            }
        }
        let kept = self.kept_citations(document)?;
        let mut cited = cited_in(&body);
        for l in &frozen.live {
            cited.extend(cited_in(&l.markdown));
        }
        let mut once = HashSet::new();
        for (kind, target) in cited {
            if !once.insert((kind, target)) {
                continue;
            }
            let text = match kept.get(&(kind, target)) {
                Some(k) => Some(k.text.clone()),
                None => self.cited_now(kind, target)?.map(|n| n.cited),
            };
            if let Some(kept) = text {
                frozen.citations.push(FrozenCitation {
                    kind,
                    target_id: target,
                    kept,
                });
            }
        }
        let id = self.insert_version(document, &note, &body, &frozen)?;
        self.document_versions(document)?
            .into_iter()
            .find(|v| v.id == id)
            .ok_or_else(|| DomainError::NotFound {
                entity: "document version",
                id: id.to_string(),
            })
    }
}
