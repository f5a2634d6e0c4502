//! Tags: free-form labels on observations, sessions and ideas, optionally grouped
//! (area, segment, theme), coloured, renamed, merged, and applied to many at once.

use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::input::line;
use crate::store::merge::{MergeDone, MergeEntity};
use crate::store::policy::Act;
use crate::store::row::{RowExt, Stored};
use crate::store::sql::id_list;
use crate::store::sql::json_list;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;
use uuid::Uuid;

/// Longest tag name, in characters.
pub const MAX_TAG_NAME: usize = crate::store::limits::TAG_NAME;
/// Most things one bulk tagging may touch.
pub const MAX_BULK: usize = crate::store::limits::BULK;
/// Most tags on one observation, session or idea.
pub const MAX_TAGS: usize = crate::store::limits::TAGS;

/// Colours new tags take in turn, readable as text on light and dark backgrounds.
const PALETTE: [&str; 10] = [
    "#2563eb", "#c2410c", "#15803d", "#9333ea", "#b91c1c", "#0e7490", "#a16207", "#be185d",
    "#4d7c0f", "#475569",
];

/// How a tag is grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TagGroup {
    Area,
    Segment,
    Theme,
}

impl TagGroup {
    /// The stored name; no group is stored as "".
    fn as_str(group: Option<Self>) -> &'static str {
        group.map_or("", Stored::as_stored)
    }
}

impl Stored for TagGroup {
    const WHAT: &'static str = "tag group";
    fn as_stored(self) -> &'static str {
        match self {
            Self::Area => "area",
            Self::Segment => "segment",
            Self::Theme => "theme",
        }
    }
    fn all() -> &'static [Self] {
        &[Self::Area, Self::Segment, Self::Theme]
    }
}

/// A tag with how many live observations, sessions and ideas carry it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Tag {
    pub id: Uuid,
    pub name: String,
    /// `#rrggbb`.
    pub colour: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub group: Option<TagGroup>,
    pub observations: u32,
    pub sessions: u32,
    pub ideas: u32,
}

/// What a tag can be on. Each has its own link table, so every link keeps its
/// foreign keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tagged {
    Observation,
    Session,
    Idea,
}

impl Tagged {
    /// The tagged table, its link table and the link's column naming it.
    pub(crate) fn tables(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Self::Observation => ("observation", "observation_tag", "observation_id"),
            Self::Session => ("session", "session_tag", "session_id"),
            Self::Idea => ("idea", "idea_tag", "idea_id"),
        }
    }

    fn a_noun(self) -> &'static str {
        match self {
            Self::Observation => "an observation",
            Self::Session => "a session",
            Self::Idea => "an idea",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Self::Observation => "observations",
            Self::Session => "sessions",
            Self::Idea => "ideas",
        }
    }
}

/// Replaces the live tags on one item with `tags`. Links to trashed tags stay, so a
/// restored tag is back where it was.
pub(crate) fn write_tags(
    conn: &Connection,
    what: Tagged,
    id: Uuid,
    tags: &[Uuid],
) -> Result<(), DomainError> {
    if tags.len() > MAX_TAGS {
        return Err(DomainError::invalid(
            "tags",
            format!(
                "{} holds at most {MAX_TAGS} tags (this one has {})",
                what.a_noun(),
                crate::store::wording::thousands(tags.len())
            ),
        ));
    }
    check_tags(conn, tags)?;
    let (_, link, column) = what.tables();
    conn.prepare_cached(&format!(
        "DELETE FROM {link} WHERE {column} = ?1
         AND tag_id IN (SELECT id FROM tag WHERE deleted_at IS NULL)"
    ))?
    .execute([id.to_string()])?;
    let mut add = conn.prepare_cached(&format!(
        "INSERT OR IGNORE INTO {link} ({column}, tag_id) VALUES (?1, ?2)"
    ))?;
    for t in tags {
        add.execute(params![id.to_string(), t.to_string()])?;
    }
    Ok(())
}

/// The live tags on each of `ids`, by name, in one query.
pub(crate) fn tags_of(
    conn: &Connection,
    what: Tagged,
    ids: impl Iterator<Item = Uuid>,
) -> Result<HashMap<Uuid, Vec<TagRef>>, DomainError> {
    let (_, link, column) = what.tables();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.{column} AS item, t.id, t.name, t.colour FROM {link} l
         JOIN tag t ON t.id = l.tag_id
         WHERE l.{column} IN (SELECT value FROM json_each(?1)) AND t.deleted_at IS NULL
         ORDER BY t.name COLLATE NOCASE"
    ))?;
    let mut rows = stmt.query([json_list(ids.map(|id| id.to_string()))])?;
    let mut tags: HashMap<Uuid, Vec<TagRef>> = HashMap::new();
    while let Some(r) = rows.next()? {
        tags.entry(r.uuid("item")?).or_default().push(TagRef {
            id: r.uuid("id")?,
            name: r.get("name")?,
            colour: r.get("colour")?,
        });
    }
    Ok(tags)
}

/// A tag as shown on an observation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TagRef {
    pub id: Uuid,
    pub name: String,
    pub colour: String,
}

/// A tag's fields, for creating or replacing. A new tag without a colour takes the next one.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TagInput {
    pub name: String,
    #[serde(default)]
    #[ts(optional)]
    pub colour: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub group: Option<TagGroup>,
}

fn clean_colour(colour: &str) -> Result<String, DomainError> {
    let c = colour.trim().to_ascii_lowercase();
    let ok = c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|ch| ch.is_ascii_hexdigit());
    if ok {
        Ok(c)
    } else {
        Err(DomainError::invalid("colour", "use a colour like #2563eb"))
    }
}

fn tag_name_error(e: rusqlite::Error, name: &str) -> DomainError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => {
            DomainError::invalid("name", format!("a tag named \"{name}\" already exists"))
        }
        _ => e.into(),
    }
}

const SELECT_TAG: &str = "SELECT t.id, t.name, t.colour, t.grp,
        (SELECT count(*) FROM observation_tag ot JOIN observation o ON o.id = ot.observation_id
         WHERE ot.tag_id = t.id AND o.deleted_at IS NULL) AS observations,
        (SELECT count(*) FROM session_tag st JOIN session s ON s.id = st.session_id
         WHERE st.tag_id = t.id AND s.deleted_at IS NULL) AS sessions,
        (SELECT count(*) FROM idea_tag it JOIN idea i ON i.id = it.idea_id
         WHERE it.tag_id = t.id AND i.deleted_at IS NULL) AS ideas
     FROM tag t";

fn tag_from_row(r: &Row<'_>) -> rusqlite::Result<Tag> {
    let group: String = r.get("grp")?;
    Ok(Tag {
        id: r.uuid("id")?,
        name: r.get("name")?,
        colour: r.get("colour")?,
        group: if group.is_empty() {
            None
        } else {
            Some(r.stored("grp")?)
        },
        observations: r.get("observations")?,
        sessions: r.get("sessions")?,
        ideas: r.get("ideas")?,
    })
}

/// Refuses tags that are not live.
pub(crate) fn check_tags(conn: &Connection, tags: &[Uuid]) -> Result<(), DomainError> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM tag WHERE id = ?1 AND deleted_at IS NULL")?;
    for tag in tags {
        if !stmt.exists([tag.to_string()])? {
            return Err(DomainError::NotFound {
                entity: "tag",
                id: tag.to_string(),
            });
        }
    }
    Ok(())
}

impl Db<'_> {
    /// Every live tag by name, with its counts of live observations, sessions and ideas.
    pub fn list_tags(&self) -> Result<Vec<Tag>, DomainError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_TAG} WHERE t.deleted_at IS NULL ORDER BY t.name COLLATE NOCASE"
        ))?;
        let tags = stmt
            .query_map([], tag_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(tags)
    }

    /// One live tag.
    pub fn tag(&self, id: Uuid) -> Result<Tag, DomainError> {
        self.conn
            .prepare_cached(&format!(
                "{SELECT_TAG} WHERE t.id = ?1 AND t.deleted_at IS NULL"
            ))?
            .query_row([id.to_string()], tag_from_row)
            .optional()?
            .ok_or_else(|| DomainError::NotFound {
                entity: "tag",
                id: id.to_string(),
            })
    }
}

impl Tx<'_> {
    /// Creates a tag (also inline, while tagging).
    pub fn create_tag(&self, input: &TagInput) -> Result<Tag, DomainError> {
        let name = line(
            "name",
            &input.name,
            MAX_TAG_NAME,
            Some("a tag needs a name, e.g. \"flaky tests\""),
        )?;
        let colour = match &input.colour {
            Some(c) => clean_colour(c)?,
            None => {
                let n: i64 = self
                    .conn
                    .query_row("SELECT count(*) FROM tag", [], |r| r.get(0))?;
                PALETTE[n as usize % PALETTE.len()].to_owned()
            }
        };
        let id = new_id();
        self.conn
            .execute(
                "INSERT INTO tag (id, name, colour, grp, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![id.to_string(), name, colour, TagGroup::as_str(input.group), self.now_text()],
            )
            .map_err(|e| tag_name_error(e, &name))?;
        self.tag(id)
    }

    /// Renames, recolours or regroups a tag; every observation keeps it.
    pub fn update_tag(&self, id: Uuid, input: &TagInput) -> Result<Tag, DomainError> {
        let current = self.tag(id)?;
        let name = line(
            "name",
            &input.name,
            MAX_TAG_NAME,
            Some("a tag needs a name"),
        )?;
        let colour = match &input.colour {
            Some(c) => clean_colour(c)?,
            None => current.colour,
        };
        self.conn
            .execute(
                "UPDATE tag SET name = ?2, colour = ?3, grp = ?4, updated_at = ?5 WHERE id = ?1",
                params![
                    id.to_string(),
                    name,
                    colour,
                    TagGroup::as_str(input.group),
                    self.now_text()
                ],
            )
            .map_err(|e| tag_name_error(e, &name))?;
        self.tag(id)
    }

    /// Merges `merged` into `kept`: every observation tagged with either ends up with
    /// `kept`, and `merged` goes out of sight. `undo_merge` brings it back, links and all.
    pub fn merge_tags(&self, kept: Uuid, merged: Uuid) -> Result<MergeDone, DomainError> {
        if kept == merged {
            return Err(DomainError::invalid(
                "tags",
                "choose two different tags to merge",
            ));
        }
        self.tag(kept)?;
        self.tag(merged)?;
        self.merge(MergeEntity::Tag, kept, merged)
    }

    /// Adds (or, with `add == false`, removes) a tag on many observations, sessions or
    /// ideas in one write. Returns how many changed. Those of closed cycles are refused.
    pub(crate) fn tag_many(
        &self,
        what: Tagged,
        tag: Uuid,
        ids: &[Uuid],
        add: bool,
    ) -> Result<u32, DomainError> {
        self.tag(tag)?;
        if ids.len() > MAX_BULK {
            return Err(DomainError::invalid(
                what.plural(),
                format!(
                    "tag at most {} {} at once",
                    crate::store::wording::thousands(MAX_BULK),
                    what.plural()
                ),
            ));
        }
        let (table, link, column) = what.tables();
        // Every cycle they are in must allow capture.
        let mut cycles = self.conn.prepare_cached(&format!(
            "SELECT DISTINCT cycle_id AS id FROM {table}
             WHERE id IN (SELECT value FROM json_each(?1))"
        ))?;
        let cycles: Vec<Uuid> = cycles
            .query_map([id_list(ids)], |r| r.uuid("id"))?
            .collect::<rusqlite::Result<_>>()?;
        for cycle in cycles {
            self.require(cycle, Act::Capture)?;
        }
        let sql = if add {
            format!(
                "INSERT OR IGNORE INTO {link} ({column}, tag_id)
                 SELECT id, ?2 FROM {table} WHERE id = ?1 AND deleted_at IS NULL"
            )
        } else {
            format!("DELETE FROM {link} WHERE {column} = ?1 AND tag_id = ?2")
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut changed = 0;
        for id in ids {
            changed += stmt.execute(params![id.to_string(), tag.to_string()])? as u32;
        }
        Ok(changed)
    }

    /// Adds or removes a tag on many observations; see [`Tx::tag_many`].
    pub fn tag_observations(
        &self,
        tag: Uuid,
        observations: &[Uuid],
        add: bool,
    ) -> Result<u32, DomainError> {
        self.tag_many(Tagged::Observation, tag, observations, add)
    }

    /// Adds or removes a tag on many sessions; see [`Tx::tag_many`].
    pub fn tag_sessions(
        &self,
        tag: Uuid,
        sessions: &[Uuid],
        add: bool,
    ) -> Result<u32, DomainError> {
        self.tag_many(Tagged::Session, tag, sessions, add)
    }

    /// Adds or removes a tag on many ideas; see [`Tx::tag_many`].
    pub fn tag_ideas(&self, tag: Uuid, ideas: &[Uuid], add: bool) -> Result<u32, DomainError> {
        self.tag_many(Tagged::Idea, tag, ideas, add)
    }

    /// Moves a tag to the trash; what it was on keeps the link and shows it again on restore.
    pub fn delete_tag(&self, id: Uuid) -> Result<(), DomainError> {
        self.tag(id)?;
        self.move_to_trash("tag", id)
    }
}
