//! A folder of notes imported as sessions, all or nothing: each note a session of the
//! cycle (its kind from the front matter or folder, else the one the user chose; its
//! date; its title; its Markdown as the notes), with its tags and the people it names
//! matched to the register by name (or added, when the user says so). Each session
//! keeps where it came from and what the import wrote, so importing the same folder
//! again adds only new notes, brings a note changed in the source up to date when it
//! was not edited here, and leaves one edited here as the user left it (and says so).

use crate::discovery::observation::NewObservation;
use crate::discovery::person::PeopleQuery;
use crate::discovery::session::NewSession;
use crate::discovery::tag::TagInput;
use crate::imports::vault::{Vault, VaultNote};
use crate::store::db::Tx;
use crate::store::error::DomainError;
use crate::store::input::clean_line;
use crate::store::kind::{ObservationKind, SourceKind};
use crate::store::limits;
use crate::store::policy::Act;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use ts_rs::TS;
use uuid::Uuid;

/// How a folder is imported.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VaultImport {
    /// The folder as the user named it: with each note's path, what tells a note
    /// imported before from a new one.
    pub origin: String,
    /// The cycle the sessions go in; absent means the current one.
    #[serde(default)]
    #[ts(optional)]
    pub cycle_id: Option<Uuid>,
    /// The kind of a note whose front matter and folder name none.
    pub kind: SourceKind,
    /// Whether people the notes name and People lacks are added (else they are left out).
    #[serde(default = "yes")]
    pub add_people: bool,
    /// Whether a passage quoted as `> "…" said Name` (or `> “…” — Name`) becomes a
    /// quote observation of its session, attributed to Name.
    #[serde(default)]
    pub quotes: bool,
}

fn yes() -> bool {
    true
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VaultImported {
    pub sessions: u32,
    /// Notes imported from this folder before: never copied twice.
    pub already_imported: u32,
    /// Of those, notes changed in the source since and not edited here: brought up to
    /// date with the source.
    pub updated: u32,
    /// Of those, notes changed in the source since but edited here too: left as the
    /// user edited them.
    pub kept_edited: u32,
    /// Notes with nothing written: not made sessions.
    pub empty: u32,
    pub people_matched: u32,
    pub people_added: u32,
    /// People named but not added (when the user said not to).
    pub people_left_out: u32,
    pub tags_added: u32,
    /// Quoted passages made observations (when asked for).
    #[serde(default)]
    pub quotes: u32,
}

/// The kind a note's front matter (`type: coffee chat`) or top folder (`Coffee chats/`)
/// names, read loosely: case, `-`/`_` and a plural `s` do not matter.
pub fn kind_named(words: &str) -> Option<SourceKind> {
    let norm = |s: &str| {
        let s = s.trim().to_lowercase().replace(['-', '_'], " ");
        s.strip_suffix('s').map(str::to_owned).unwrap_or(s)
    };
    let wanted = norm(words);
    if wanted.is_empty() {
        return None;
    }
    SourceKind::ALL
        .into_iter()
        .find(|k| norm(k.label()) == wanted || norm(k.as_str()) == wanted)
}

/// The kind a note names itself, by its front matter or its top folder.
pub fn kind_of(note: &VaultNote) -> Option<SourceKind> {
    note.kind.as_deref().and_then(kind_named).or_else(|| {
        let (folder, _) = note.path.split_once('/')?;
        kind_named(folder)
    })
}

fn hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `text` as one clean line (no hidden controls, no bidirectional overrides), cut to
/// `max` characters: an imported name never fails the whole import, nor hides itself.
pub(crate) fn cleaned(text: &str, max: usize) -> String {
    let line = clean_line(text);
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    line.chars().take(max).collect::<String>().trim().to_owned()
}

/// The note's title as a session's, else its file's name.
fn title_of(note: &VaultNote) -> String {
    let title = cleaned(&note.title, limits::SESSION_TITLE);
    if title.is_empty() {
        cleaned(&note.path, limits::SESSION_TITLE)
    } else {
        title
    }
}

/// A passage a note quotes and who said it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quoted {
    pub text: String,
    pub name: String,
    /// Where the quoted words start in the note, in UTF-16 code units.
    pub start: u32,
}

/// The passages a note quotes as `> "…" said Name`, `> “…” said Name` or
/// `> "…" — Name` (a dash of any length), one a line.
pub fn quotes_in(body: &str) -> Vec<Quoted> {
    let mut out = Vec::new();
    let mut at = 0usize;
    for line in body.split_inclusive('\n') {
        let start_of_line = at;
        at += line.len();
        let Some(rest) = line.trim_end().strip_prefix('>') else {
            continue;
        };
        let rest_at = start_of_line + line.len() - line.trim_start().len() + 1;
        let trimmed = rest.trim_start();
        let lead = rest.len() - trimmed.len();
        let (open, close) = match trimmed.chars().next() {
            Some('"') => ('"', '"'),
            Some('“') => ('“', '”'),
            _ => continue,
        };
        let inner = &trimmed[open.len_utf8()..];
        let Some(end) = inner.find(close) else {
            continue;
        };
        let text = inner[..end].trim();
        let after = inner[end + close.len_utf8()..].trim();
        let name = after
            .strip_prefix("said ")
            .or_else(|| after.strip_prefix(['—', '–', '-']))
            .map(|n| n.trim().trim_end_matches(['.', ',']).trim());
        let Some(name) = name.filter(|n| !n.is_empty() && n.chars().count() <= 80) else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        let text_at = rest_at
            + lead
            + open.len_utf8()
            + (inner[..end].len() - inner[..end].trim_start().len());
        out.push(Quoted {
            text: text.to_owned(),
            name: name.to_owned(),
            start: body[..text_at].encode_utf16().count() as u32,
        });
    }
    out
}

impl Tx<'_> {
    /// Imports the notes of `vault` as sessions, all or nothing.
    pub fn import_vault(
        &self,
        vault: &Vault,
        request: &VaultImport,
    ) -> Result<VaultImported, DomainError> {
        self.import_vault_with(vault, request, &mut |_, _| true)
    }

    /// Imports as [`Tx::import_vault`] does, telling `progress` how many notes of how
    /// many are done; when it answers false the import stops with
    /// [`DomainError::Cancelled`], and the caller's unit of work rolls back whole.
    pub fn import_vault_with(
        &self,
        vault: &Vault,
        request: &VaultImport,
        progress: &mut dyn FnMut(u32, u32) -> bool,
    ) -> Result<VaultImported, DomainError> {
        let cycle = match request.cycle_id {
            Some(c) => c,
            None => self.current_cycle()?.ok_or(DomainError::NoCycle)?.id,
        };
        self.require(cycle, Act::Capture)?;
        let origin = request.origin.trim();
        if origin.is_empty() {
            return Err(DomainError::invalid(
                "origin",
                "name the folder the notes come from",
            ));
        }
        let mut people: HashMap<String, Uuid> = self
            .list_people(&PeopleQuery::default())?
            .into_iter()
            .map(|p| (p.name.to_lowercase(), p.id))
            .collect();
        let mut tags: HashMap<String, Uuid> = self
            .list_tags()?
            .into_iter()
            .map(|t| (t.name.to_lowercase(), t.id))
            .collect();
        let today = self.now().date_naive();
        let mut done = VaultImported::default();
        let total = u32::try_from(vault.notes.len()).unwrap_or(u32::MAX);
        for (i, note) in vault.notes.iter().enumerate() {
            if !progress(u32::try_from(i).unwrap_or(u32::MAX), total) {
                return Err(DomainError::Cancelled);
            }
            if note.empty {
                done.empty += 1;
                continue;
            }
            if let Some((session, imported)) = self.imported_as(origin, &note.source_id)? {
                done.already_imported += 1;
                let now = hash(&note.body);
                if now != imported {
                    match self.session(session) {
                        // Still what was imported: the source's new words replace it.
                        Ok(s) if hash(&s.notes) == imported && !s.read_only => {
                            self.save_notes(session, &note.body)?;
                            self.conn
                                .prepare_cached(
                                    "UPDATE import_source SET content_hash = ?3, imported_at = ?4
                                     WHERE origin = ?1 AND source_id = ?2",
                                )?
                                .execute(params![origin, note.source_id, now, self.now_text()])?;
                            done.updated += 1;
                        }
                        // Edited here since (or closed, or in the trash): the user's words stay.
                        _ => done.kept_edited += 1,
                    }
                }
                continue;
            }
            let mut who = Vec::new();
            for name in &note.people {
                let name = cleaned(name, limits::NAME);
                if name.is_empty() {
                    continue;
                }
                let key = name.to_lowercase();
                match people.get(&key) {
                    Some(id) => {
                        done.people_matched += 1;
                        who.push(*id);
                    }
                    None if request.add_people => {
                        let id = self.add_person_named(&name, None)?;
                        people.insert(key, id);
                        done.people_added += 1;
                        who.push(id);
                    }
                    None => done.people_left_out += 1,
                }
            }
            // A name written twice, anywhere in the list, is one participant.
            let mut seen = std::collections::HashSet::new();
            who.retain(|id| seen.insert(*id));
            let mut tag_ids = Vec::new();
            for name in note.tags.iter().take(limits::TAGS) {
                let name = cleaned(name, limits::TAG_NAME);
                if name.is_empty() {
                    continue;
                }
                let key = name.to_lowercase();
                let id = match tags.get(&key) {
                    Some(id) => *id,
                    None => {
                        let tag = self.create_tag(&TagInput {
                            name: name.clone(),
                            colour: None,
                            group: None,
                        })?;
                        tags.insert(key, tag.id);
                        done.tags_added += 1;
                        tag.id
                    }
                };
                if !tag_ids.contains(&id) {
                    tag_ids.push(id);
                }
            }
            let session = self
                .create_session(&NewSession {
                    cycle_id: cycle,
                    kind: kind_of(note).unwrap_or(request.kind),
                    title: title_of(note),
                    held_on: note.date.unwrap_or(today),
                    people: who,
                    links: Vec::new(),
                    tags: tag_ids,
                    notes: Some(note.body.clone()),
                })
                .map_err(|e| DomainError::invalid("note", format!("{}: {e}", note.path)))?;
            if request.quotes {
                for q in quotes_in(&note.body) {
                    let name = cleaned(&q.name, limits::NAME);
                    let key = name.to_lowercase();
                    let who = match people.get(&key) {
                        Some(id) => Some(*id),
                        None if request.add_people && !name.is_empty() => {
                            let id = self.add_person_named(&name, None)?;
                            people.insert(key, id);
                            done.people_added += 1;
                            Some(id)
                        }
                        None => None,
                    };
                    self.create_observation(&NewObservation {
                        session_id: Some(session.id),
                        kind: ObservationKind::Quote,
                        passage: Some(q.text.clone()),
                        passage_start: Some(q.start),
                        people: who.into_iter().collect(),
                        ..Default::default()
                    })
                    .map_err(|e| DomainError::invalid("note", format!("{}: {e}", note.path)))?;
                    done.quotes += 1;
                }
            }
            self.conn
                .prepare_cached(
                    "INSERT INTO import_source (origin, source_id, session_id, content_hash, imported_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![
                    origin,
                    note.source_id,
                    session.id.to_string(),
                    hash(&note.body),
                    self.now_text()
                ])?;
            done.sessions += 1;
        }
        progress(total, total);
        Ok(done)
    }

    /// The session the item `source_id` of `origin` was imported as, when it still
    /// exists (one in the trash counts: restoring it beats a second copy), with what the
    /// import wrote (its hash).
    fn imported_as(
        &self,
        origin: &str,
        source_id: &str,
    ) -> Result<Option<(Uuid, String)>, DomainError> {
        let found: Option<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT i.session_id, i.content_hash FROM import_source i
                 JOIN session_view s ON s.id = i.session_id
                 WHERE i.origin = ?1 AND i.source_id = ?2",
            )?
            .query_row(params![origin, source_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(found.and_then(|(id, h)| Uuid::parse_str(&id).ok().map(|id| (id, h))))
    }
}
