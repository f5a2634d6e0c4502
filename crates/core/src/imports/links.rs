//! Links between notes, followed in the app: a wikilink (`[[Priya Raman]]`) names a
//! note, a Joplin link (`[words](:/0123…)`) names the id a note had in Joplin. The
//! renderer makes them links within the page ([`crate::store::render::note_link`]);
//! this finds the sessions they lead to. Nothing is guessed: a name several sessions
//! share gives them all, for the person to pick.

use crate::store::db::Db;
use crate::store::error::DomainError;
use crate::store::kind::SourceKind;
use crate::store::render::{note_link, NoteLink};
use crate::store::row::RowExt;
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

/// Most sessions one link offers.
const MAX_LINKED: i64 = 50;

/// A session a link between notes leads to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkedNote {
    pub session_id: Uuid,
    pub title: String,
    pub held_on: String,
    pub kind: SourceKind,
    /// The kind as people read it ("Coffee chat").
    pub kind_label: String,
}

/// Where a link between notes leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowedLink {
    /// What the link names, as a person reads it: the note's name, or "a Joplin note".
    pub named: String,
    /// The sessions it leads to, newest first: none, one, or several to pick from.
    pub notes: Vec<LinkedNote>,
}

impl Db<'_> {
    /// The sessions a link between notes (its `href` as rendered) leads to: by name, a
    /// session titled so or imported from a file so named (`Note`, `Note.md`, or
    /// `folder/Note.md`), a `#heading` or `^block` part set aside, in any case; by
    /// Joplin id, the session imported from that note.
    pub fn follow_note_link(&self, href: &str) -> Result<FollowedLink, DomainError> {
        let link = note_link(href)
            .ok_or_else(|| DomainError::invalid("link", "this is not a link to another note"))?;
        let read = |r: &rusqlite::Row<'_>| {
            let kind: SourceKind = r.stored("kind")?;
            Ok(LinkedNote {
                session_id: r.uuid("id")?,
                title: r.get("title")?,
                held_on: r.get("held_on")?,
                kind,
                kind_label: kind.label().to_owned(),
            })
        };
        let (named, notes) = match link {
            NoteLink::Name(name) => {
                let name = name
                    .split(['#', '^'])
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_owned();
                let name = name.strip_suffix(".md").unwrap_or(&name).to_owned();
                if name.is_empty() {
                    return Err(DomainError::invalid("link", "the link names no note"));
                }
                let notes = self
                    .conn
                    .prepare_cached(
                        "SELECT s.id, s.title, s.held_on, s.kind FROM session_view s
                         WHERE s.deleted_at IS NULL AND (s.title = ?1 COLLATE NOCASE
                            OR s.id IN (SELECT session_id FROM import_source
                                        WHERE source_id = ?1 COLLATE NOCASE
                                           OR source_id = ?2 COLLATE NOCASE
                                           OR substr(source_id, -length(?3)) = ?3 COLLATE NOCASE))
                         ORDER BY s.held_on DESC, s.title LIMIT ?4",
                    )?
                    .query_map(
                        params![
                            name,
                            format!("{name}.md"),
                            format!("/{name}.md"),
                            MAX_LINKED
                        ],
                        read,
                    )?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                (name, notes)
            }
            NoteLink::JoplinId(id) => {
                let notes = self
                    .conn
                    .prepare_cached(
                        "SELECT s.id, s.title, s.held_on, s.kind FROM session_view s
                         WHERE s.deleted_at IS NULL
                           AND s.id IN (SELECT session_id FROM import_source WHERE source_id = ?1)
                         ORDER BY s.held_on DESC LIMIT ?2",
                    )?
                    .query_map(params![id, MAX_LINKED], read)?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                ("a note imported from Joplin".to_owned(), notes)
            }
        };
        Ok(FollowedLink { named, notes })
    }
}
