//! Discovery sessions: one listening activity (a coffee chat, a survey wave, a
//! vendor scan…) of a source kind, with its date, participants, links and notes.

use crate::discovery::passage::reanchor;
use crate::discovery::person::{session_people, write_session_people, PersonRef};
use crate::discovery::tag::{tags_of, write_tags, TagRef, Tagged};
use crate::store::cycle::Cycle;
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::input::{check_date, date_text, line};
use crate::store::kind::SourceKind;
use crate::store::limits;
use crate::store::policy::Act;
use crate::store::row::RowExt;
use crate::store::sql::Args;
use crate::store::wording::{size_beside, thousands};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, params_from_iter, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Longest title accepted, in characters.
pub const MAX_TITLE: usize = limits::SESSION_TITLE;
/// Largest notes accepted, in bytes (UTF-8). Enough for a long transcript.
pub const MAX_NOTES_BYTES: usize = limits::NOTES_BYTES;
/// Most links one session may carry.
pub const MAX_LINKS: usize = limits::SESSION_LINKS;
/// Longest link address accepted, in characters.
pub const MAX_LINK: usize = limits::LINK_URL;

/// A link kept with a session (a doc, a recording, a ticket).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionLink {
    pub url: String,
    /// What the link is; may be empty.
    pub label: String,
}

/// A whole session, as the editor shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub id: Uuid,
    pub cycle_id: Uuid,
    pub kind: SourceKind,
    pub title: String,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    /// The people who took part, linked to the register.
    pub people: Vec<PersonRef>,
    pub links: Vec<SessionLink>,
    pub tags: Vec<TagRef>,
    /// Markdown.
    pub notes: String,
    /// The notes' revision: a save typed over an older one is refused as a conflict.
    pub notes_rev: u32,
    /// Whether its cycle is closed, so the session cannot change.
    pub read_only: bool,
    /// Logged after its cycle left discovery: it counts, and says so.
    pub late_input: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A text of a session's notes that gave way when a conflict was settled, kept.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NotesVersion {
    pub id: Uuid,
    pub notes: String,
    pub kept_at: DateTime<Utc>,
    /// Why it was kept, for a person.
    pub reason: String,
}

/// Which text wins when notes typed here meet notes changed elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NotesChoice {
    /// The notes typed here replace the others, which are kept as a version.
    Mine,
    /// The notes saved elsewhere stay; those typed here are kept as a version.
    Theirs,
}

/// A session as a list row: no notes, only their beginning.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionSummary {
    pub id: Uuid,
    pub cycle_id: Uuid,
    pub kind: SourceKind,
    pub title: String,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    /// The participants' names, joined for a list row.
    pub participants: String,
    /// The first words of the notes, as plain text.
    pub excerpt: String,
    pub updated_at: DateTime<Utc>,
}

/// What a new session starts with.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewSession {
    pub cycle_id: Uuid,
    pub kind: SourceKind,
    pub title: String,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    /// The people who took part.
    #[serde(default)]
    pub people: Vec<Uuid>,
    #[serde(default)]
    pub links: Vec<SessionLink>,
    #[serde(default)]
    pub tags: Vec<Uuid>,
    /// The notes to start with; absent means the kind's template.
    #[serde(default)]
    #[ts(optional)]
    pub notes: Option<String>,
}

/// A session's details, replaced whole (the notes are saved on their own).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionUpdate {
    pub kind: SourceKind,
    pub title: String,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    pub people: Vec<Uuid>,
    pub links: Vec<SessionLink>,
    /// The session's tags; absent keeps them as they are.
    #[serde(default)]
    #[ts(optional)]
    pub tags: Option<Vec<Uuid>>,
}

/// Order of the session list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SessionSort {
    #[default]
    NewestFirst,
    OldestFirst,
}

/// Which sessions to list.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionQuery {
    /// One cycle, or every cycle when absent.
    #[serde(default)]
    #[ts(optional)]
    pub cycle_id: Option<Uuid>,
    /// Only these kinds; every kind when empty.
    #[serde(default)]
    pub kinds: Vec<SourceKind>,
    #[serde(default)]
    pub sort: SessionSort,
    /// Rows to skip, for paging through a long list.
    #[serde(default)]
    pub offset: u32,
    /// Most rows to return: 100 when absent, never more than 1,000 (a page).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
}

/// Rows a page holds: `limit`, or 100 when absent, and never more than [`limits::PAGE`].
pub(crate) fn page_limit(limit: Option<u32>) -> u32 {
    limit.unwrap_or(100).min(limits::PAGE)
}

/// How many live sessions one kind has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KindCount {
    pub kind: SourceKind,
    pub count: u32,
}

/// A listed page of sessions with counts per kind (the counts ignore the kind filter,
/// so a filter bar can show what each choice would give).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionList {
    /// The requested page of rows, starting at `offset`.
    pub sessions: Vec<SessionSummary>,
    pub offset: u32,
    pub counts: Vec<KindCount>,
    /// Live sessions in scope before the kind filter.
    pub total: u32,
    /// Live sessions that match the whole query (all pages).
    pub matching: u32,
}

/// Result of saving notes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NotesSaved {
    pub updated_at: DateTime<Utc>,
    /// The notes' revision now: the next save is typed over it.
    pub notes_rev: u32,
    /// The list row's new excerpt.
    pub excerpt: String,
}

fn clean_title(title: &str) -> Result<String, DomainError> {
    line(
        "title",
        title,
        MAX_TITLE,
        Some("give the session a title, e.g. \"Coffee chat with the payments team\""),
    )
}

pub(crate) fn check_notes(notes: &str) -> Result<(), DomainError> {
    if notes.len() > MAX_NOTES_BYTES {
        return Err(DomainError::invalid(
            "notes",
            format!(
                "these notes are {}; one session holds at most {} MiB. Split them into several sessions.",
                size_beside(notes.len(), MAX_NOTES_BYTES),
                MAX_NOTES_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(())
}

fn clean_links(links: &[SessionLink]) -> Result<Vec<SessionLink>, DomainError> {
    if links.len() > MAX_LINKS {
        return Err(DomainError::invalid(
            "links",
            format!(
                "a session holds at most {MAX_LINKS} links (this one has {})",
                thousands(links.len())
            ),
        ));
    }
    let mut clean = Vec::with_capacity(links.len());
    for link in links {
        let url = link.url.trim();
        let label = line("link label", &link.label, limits::LINK_LABEL, None)?;
        if url.is_empty() && label.is_empty() {
            continue;
        }
        if url.is_empty() {
            return Err(DomainError::invalid(
                "links",
                format!("the link \"{label}\" has no address"),
            ));
        }
        let length = url.chars().count();
        if length > MAX_LINK {
            return Err(DomainError::invalid(
                "link address",
                crate::store::wording::too_long(length, MAX_LINK),
            ));
        }
        if crate::store::input::clean_line(url) != url {
            return Err(DomainError::invalid(
                "link address",
                "a link address cannot hold line breaks or control characters",
            ));
        }
        clean.push(SessionLink {
            url: url.to_owned(),
            label,
        });
    }
    Ok(clean)
}

/// Plain text of the start of some Markdown, for list rows: what was written, not the
/// headings a template starts every session with.
fn excerpt(markdown_start: &str) -> String {
    let mut out = String::with_capacity(160);
    for line in markdown_start.lines() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        let line = line
            .trim()
            .trim_start_matches(['#', '>', '-', '*', '+', ' '])
            .trim();
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(line.chars().filter(|c| !matches!(c, '*' | '_' | '`')));
        if out.chars().count() >= 160 {
            break;
        }
    }
    if out.chars().count() > 160 {
        out = out.chars().take(159).collect::<String>() + "…";
    }
    out
}

/// The live participants' names of session `id`, for list rows.
const PARTICIPANT_NAMES: &str =
    "(SELECT coalesce(group_concat(p.name, ', ' ORDER BY sp.position), '')
        FROM session_person sp JOIN person p ON p.id = sp.person_id
        WHERE sp.session_id = session.id AND p.deleted_at IS NULL) AS participants";

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<SessionSummary> {
    Ok(SessionSummary {
        id: row.uuid("id")?,
        cycle_id: row.uuid("cycle_id")?,
        kind: row.stored("kind")?,
        title: row.get("title")?,
        held_on: row.date("held_on")?,
        participants: row.get("participants")?,
        excerpt: excerpt(&row.get::<_, String>("notes_start")?),
        updated_at: row.time("updated_at")?,
    })
}

fn session_from_row(row: &Row<'_>) -> rusqlite::Result<Session> {
    Ok(Session {
        id: row.uuid("id")?,
        cycle_id: row.uuid("cycle_id")?,
        kind: row.stored("kind")?,
        title: row.get("title")?,
        held_on: row.date("held_on")?,
        people: Vec::new(),
        tags: Vec::new(),
        notes: row.get("notes")?,
        notes_rev: row.get("notes_rev")?,
        created_at: row.time("created_at")?,
        updated_at: row.time("updated_at")?,
        read_only: row.get("read_only")?,
        late_input: row.get("late_input")?,
        links: Vec::new(),
    })
}

fn write_links(tx: &Tx<'_>, id: Uuid, links: &[SessionLink]) -> rusqlite::Result<()> {
    tx.conn.execute(
        "DELETE FROM session_link WHERE session_id = ?1",
        [id.to_string()],
    )?;
    let mut stmt = tx.conn.prepare_cached(
        "INSERT INTO session_link (session_id, position, url, label) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, link) in links.iter().enumerate() {
        stmt.execute(params![id.to_string(), i as i64, link.url, link.label])?;
    }
    Ok(())
}

impl Db<'_> {
    /// The cycles with the live sessions each holds counted, as the cycle list shows them.
    pub fn with_session_counts(&self, mut cycles: Vec<Cycle>) -> Result<Vec<Cycle>, DomainError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT count(*) FROM session WHERE cycle_id = ?1 AND deleted_at IS NULL",
        )?;
        for cycle in &mut cycles {
            cycle.session_count = stmt.query_row([cycle.id.to_string()], |r| r.get(0))?;
        }
        Ok(cycles)
    }

    /// One cycle with its live sessions counted.
    pub fn with_session_count(&self, cycle: Cycle) -> Result<Cycle, DomainError> {
        let counted = self.with_session_counts(vec![cycle])?;
        Ok(counted.into_iter().next().expect("one cycle in, one out"))
    }

    /// The texts of a session's notes kept when conflicts were settled, newest first.
    pub fn notes_versions(&self, id: Uuid) -> Result<Vec<NotesVersion>, DomainError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, notes, kept_at, reason FROM notes_version WHERE session_id = ?1
             ORDER BY kept_at DESC, id DESC",
        )?;
        let versions = stmt
            .query_map([id.to_string()], |r| {
                Ok(NotesVersion {
                    id: r.uuid("id")?,
                    notes: r.get("notes")?,
                    kept_at: r.time("kept_at")?,
                    reason: r.get("reason")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(versions)
    }

    /// One live session with its links and notes.
    pub fn session(&self, id: Uuid) -> Result<Session, DomainError> {
        let found = self
            .conn
            .prepare_cached(
                "SELECT s.id, s.cycle_id, s.kind, s.title, s.held_on, s.notes, s.notes_rev,
                        s.late_input, s.created_at, s.updated_at, c.mode = 'closed' AS read_only
                 FROM session s JOIN cycle_view c ON c.id = s.cycle_id
                 WHERE s.id = ?1 AND s.deleted_at IS NULL",
            )?
            .query_row([id.to_string()], session_from_row)
            .optional()?;
        let mut session = found.ok_or_else(|| DomainError::NotFound {
            entity: "session",
            id: id.to_string(),
        })?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT url, label FROM session_link WHERE session_id = ?1 ORDER BY position",
        )?;
        session.links = stmt
            .query_map([id.to_string()], |r| {
                Ok(SessionLink {
                    url: r.get("url")?,
                    label: r.get("label")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        session.people = session_people(self.conn, id)?;
        session.tags = tags_of(self.conn, Tagged::Session, std::iter::once(id))?
            .remove(&id)
            .unwrap_or_default();
        Ok(session)
    }

    /// Live sessions matching `query`, with counts per kind.
    pub fn list_sessions(&self, query: &SessionQuery) -> Result<SessionList, DomainError> {
        let mut scope = String::from("deleted_at IS NULL");
        let mut args = Args::default();
        if let Some(cycle) = query.cycle_id {
            scope.push_str(&format!(" AND cycle_id = {}", args.bind(cycle.to_string())));
        }

        let mut counts = Vec::new();
        let mut total = 0;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, kind, count(*) AS sessions FROM session WHERE {scope} GROUP BY kind"
        ))?;
        let mut rows = stmt.query(params_from_iter(args.iter()))?;
        while let Some(row) = rows.next()? {
            let count: u32 = row.get("sessions")?;
            total += count;
            counts.push(KindCount {
                kind: row.stored("kind")?,
                count,
            });
        }
        counts.sort_by_key(|c| SourceKind::ALL.iter().position(|k| *k == c.kind));

        let mut filter = scope;
        if !query.kinds.is_empty() {
            let list = args.bind_list(query.kinds.iter().map(|k| k.as_str()));
            filter.push_str(&format!(" AND kind IN {list}"));
        }
        let matching = if query.kinds.is_empty() {
            total
        } else {
            counts
                .iter()
                .filter(|c| query.kinds.contains(&c.kind))
                .map(|c| c.count)
                .sum()
        };
        let order = match query.sort {
            SessionSort::NewestFirst => "held_on DESC, id DESC",
            SessionSort::OldestFirst => "held_on ASC, id ASC",
        };
        let limit = args.bind(i64::from(page_limit(query.limit)));
        let offset = args.bind(i64::from(query.offset));
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, cycle_id, kind, title, held_on, {PARTICIPANT_NAMES},
                    substr(notes, 1, 400) AS notes_start, updated_at
             FROM session WHERE {filter} ORDER BY {order} LIMIT {limit} OFFSET {offset}"
        ))?;
        let sessions = stmt
            .query_map(params_from_iter(args.iter()), summary_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(SessionList {
            sessions,
            offset: query.offset,
            counts,
            total,
            matching,
        })
    }
}

impl Tx<'_> {
    /// Logs a new session in a cycle that allows capture.
    pub fn create_session(&self, new: &NewSession) -> Result<Session, DomainError> {
        self.require(new.cycle_id, Act::Capture)?;
        let title = clean_title(&new.title)?;
        check_date("date", new.held_on)?;
        let links = clean_links(&new.links)?;
        let notes = match &new.notes {
            Some(notes) => notes.clone(),
            None => self.template(new.kind)?.body,
        };
        check_notes(&notes)?;
        let id = new_id();
        self.conn.execute(
            // Captured once the cycle left discovery: late input (see `LATE_INPUT`).
            "INSERT INTO session (id, cycle_id, kind, title, held_on, notes, created_at, updated_at, late_input)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, (SELECT mode <> 'discovery' FROM cycle_view WHERE id = ?2))",
            params![
                id.to_string(),
                new.cycle_id.to_string(),
                new.kind.as_str(),
                title,
                date_text(new.held_on),
                notes,
                self.now_text()
            ],
        )?;
        write_links(self, id, &links)?;
        write_session_people(self.conn, id, &new.people)?;
        write_tags(self.conn, Tagged::Session, id, &new.tags)?;
        self.session(id)
    }

    /// Replaces a session's details (kind, title, date, participants, links).
    pub fn update_session(&self, id: Uuid, update: &SessionUpdate) -> Result<Session, DomainError> {
        self.require_in("session", id, false, Act::Capture)?;
        let title = clean_title(&update.title)?;
        check_date("date", update.held_on)?;
        let links = clean_links(&update.links)?;
        self.conn.execute(
            "UPDATE session SET kind = ?2, title = ?3, held_on = ?4, updated_at = ?5
             WHERE id = ?1 AND deleted_at IS NULL",
            params![
                id.to_string(),
                update.kind.as_str(),
                title,
                date_text(update.held_on),
                self.now_text()
            ],
        )?;
        write_links(self, id, &links)?;
        write_session_people(self.conn, id, &update.people)?;
        if let Some(tags) = &update.tags {
            write_tags(self.conn, Tagged::Session, id, tags)?;
        }
        self.session(id)
    }

    /// Saves a session's notes (the editor's autosave).
    pub fn save_notes(&self, id: Uuid, notes: &str) -> Result<NotesSaved, DomainError> {
        self.save_notes_over(id, notes, None)
    }

    /// Saves notes typed over revision `base` of them. When they were saved elsewhere
    /// since (another window, the command line), the save is refused as a conflict and
    /// nothing is overwritten; [`Tx::resolve_notes`] settles it.
    pub fn save_notes_over(
        &self,
        id: Uuid,
        notes: &str,
        base: Option<u32>,
    ) -> Result<NotesSaved, DomainError> {
        check_notes(notes)?;
        self.require_in("session", id, false, Act::Capture)?;
        let (stored_rev, same): (u32, bool) = self
            .conn
            .prepare_cached("SELECT id, notes_rev, notes IS ?2 AS same FROM session WHERE id = ?1")?
            .query_row(params![id.to_string(), notes], |r| {
                Ok((r.get("notes_rev")?, r.get("same")?))
            })?;
        if let Some(base) = base {
            // Saving what is stored already is no conflict, whoever saved it.
            if base != stored_rev && !same {
                return Err(DomainError::NotesConflict { session: id });
            }
        }
        let excerpt = excerpt(&notes.chars().take(400).collect::<String>());
        if same {
            // Unchanged notes keep their time and revision.
            let updated_at = self
                .conn
                .prepare_cached("SELECT id, updated_at FROM session WHERE id = ?1")?
                .query_row([id.to_string()], |r| r.time("updated_at"))?;
            return Ok(NotesSaved {
                updated_at,
                notes_rev: stored_rev,
                excerpt,
            });
        }
        let now = self.now();
        self.conn
            .prepare_cached(
                "UPDATE session SET notes = ?2, updated_at = ?3, notes_rev = notes_rev + 1
                 WHERE id = ?1 AND deleted_at IS NULL",
            )?
            .execute(params![
                id.to_string(),
                notes,
                crate::store::clock::timestamp(now)
            ])?;
        reanchor(self.conn, id, notes)?;
        Ok(NotesSaved {
            updated_at: now,
            notes_rev: stored_rev + 1,
            excerpt,
        })
    }

    /// Settles a notes conflict in one unit: the chosen text is the notes, and the
    /// other is kept as a [`NotesVersion`], so no typed word is lost.
    pub fn resolve_notes(
        &self,
        id: Uuid,
        mine: &str,
        keep: NotesChoice,
    ) -> Result<Session, DomainError> {
        check_notes(mine)?;
        self.require_in("session", id, false, Act::Capture)?;
        let theirs: String = self
            .conn
            .prepare_cached("SELECT id, notes FROM session WHERE id = ?1")?
            .query_row([id.to_string()], |r| r.get("notes"))?;
        let (kept, reason) = match keep {
            NotesChoice::Mine => (
                theirs.as_str(),
                "changed elsewhere, then replaced by the notes typed here",
            ),
            NotesChoice::Theirs => (mine, "typed here while the notes were changed elsewhere"),
        };
        let winner = match keep {
            NotesChoice::Mine => mine,
            NotesChoice::Theirs => theirs.as_str(),
        };
        if kept != winner {
            self.conn.execute(
                "INSERT INTO notes_version (id, session_id, notes, kept_at, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![new_id().to_string(), id.to_string(), kept, self.now_text(), reason],
            )?;
        }
        if keep == NotesChoice::Mine {
            self.save_notes_over(id, mine, None)?;
        }
        self.session(id)
    }

    /// Moves a session to the trash. Nothing is erased; restoring brings it back.
    pub fn delete_session(&self, id: Uuid) -> Result<(), DomainError> {
        self.require_in("session", id, false, Act::Capture)?;
        self.move_to_trash("session", id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_plain_text_from_the_start_of_the_notes_without_headings() {
        assert_eq!(
            excerpt("# Heading\n\n- **bold** point\n> quoted `code`"),
            "bold point quoted code"
        );
        assert_eq!(excerpt("## Context\n\n## What they said\n"), "");
        let long = "word ".repeat(100);
        let e = excerpt(&long);
        assert!(e.chars().count() <= 160 && e.ends_with('…'));
    }
}
