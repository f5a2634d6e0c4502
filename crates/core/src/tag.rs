//! Tags: free-form labels on observations, optionally grouped (area, segment, theme),
//! coloured, renamed, merged, and applied to many observations at once.

use crate::error::DomainError;
use crate::id::{new_id, uuid_at};
use crate::input::{id_list, line};
use crate::merge::{MergeDone, MergeEntity};
use crate::store::Store;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Longest tag name, in characters.
pub const MAX_TAG_NAME: usize = crate::limits::TAG_NAME;
/// Most observations one bulk tagging may touch.
pub const MAX_BULK: usize = crate::limits::BULK;

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
    fn as_str(group: Option<Self>) -> &'static str {
        match group {
            None => "",
            Some(Self::Area) => "area",
            Some(Self::Segment) => "segment",
            Some(Self::Theme) => "theme",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "area" => Some(Self::Area),
            "segment" => Some(Self::Segment),
            "theme" => Some(Self::Theme),
            _ => None,
        }
    }
}

/// A tag with how many live observations carry it.
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
    pub count: u32,
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

fn tag_from_row(r: &Row<'_>) -> rusqlite::Result<Tag> {
    Ok(Tag {
        id: uuid_at(r, 0)?,
        name: r.get(1)?,
        colour: r.get(2)?,
        group: TagGroup::parse(&r.get::<_, String>(3)?),
        count: r.get(4)?,
    })
}

/// Refuses tags that are not live.
pub(crate) fn check_tags(conn: &rusqlite::Connection, tags: &[Uuid]) -> Result<(), DomainError> {
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

impl Store {
    /// Every live tag by name, with its count of live observations.
    pub fn list_tags(&self) -> Result<Vec<Tag>, DomainError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.name, t.colour, t.grp,
                    (SELECT count(*) FROM observation_tag ot JOIN observation o ON o.id = ot.observation_id
                     WHERE ot.tag_id = t.id AND o.deleted_at IS NULL)
             FROM tag t WHERE t.deleted_at IS NULL ORDER BY t.name COLLATE NOCASE",
        )?;
        let tags = stmt
            .query_map([], tag_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(tags)
    }

    /// One live tag.
    pub fn tag(&self, id: Uuid) -> Result<Tag, DomainError> {
        self.conn
            .query_row(
                "SELECT t.id, t.name, t.colour, t.grp,
                        (SELECT count(*) FROM observation_tag ot JOIN observation o ON o.id = ot.observation_id
                         WHERE ot.tag_id = t.id AND o.deleted_at IS NULL)
                 FROM tag t WHERE t.id = ?1 AND t.deleted_at IS NULL",
                [id.to_string()],
                tag_from_row,
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => DomainError::NotFound {
                    entity: "tag",
                    id: id.to_string(),
                },
                e => e.into(),
            })
    }

    /// Creates a tag (also inline, while tagging).
    pub fn create_tag(&mut self, input: &TagInput) -> Result<Tag, DomainError> {
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
        let now = self.now_text();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO tag (id, name, colour, grp, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![id.to_string(), name, colour, TagGroup::as_str(input.group), now],
        )
        .map_err(|e| tag_name_error(e, &name))?;
        tx.commit()?;
        self.tag(id)
    }

    /// Renames, recolours or regroups a tag; every observation keeps it.
    pub fn update_tag(&mut self, id: Uuid, input: &TagInput) -> Result<Tag, DomainError> {
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
        let now = self.now_text();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE tag SET name = ?2, colour = ?3, grp = ?4, updated_at = ?5 WHERE id = ?1",
            params![
                id.to_string(),
                name,
                colour,
                TagGroup::as_str(input.group),
                now
            ],
        )
        .map_err(|e| tag_name_error(e, &name))?;
        tx.commit()?;
        self.tag(id)
    }

    /// Merges `merged` into `kept`: every observation tagged with either ends up with
    /// `kept`, and `merged` goes out of sight. `undo_merge` brings it back, links and all.
    pub fn merge_tags(&mut self, kept: Uuid, merged: Uuid) -> Result<MergeDone, DomainError> {
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

    /// Adds (or, with `add == false`, removes) a tag on many observations in one write.
    /// Returns how many observations changed. Observations of closed cycles are refused.
    pub fn tag_observations(
        &mut self,
        tag: Uuid,
        observations: &[Uuid],
        add: bool,
    ) -> Result<u32, DomainError> {
        self.tag(tag)?;
        if observations.len() > MAX_BULK {
            return Err(DomainError::invalid(
                "observations",
                format!("tag at most {MAX_BULK} observations at once"),
            ));
        }
        let closed: Option<String> = self
            .conn
            .query_row(
                "SELECT c.name FROM observation o JOIN cycle c ON c.id = o.cycle_id
                 WHERE o.id IN (SELECT value FROM json_each(?1)) AND c.mode = 'closed' LIMIT 1",
                [id_list(observations)],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(cycle) = closed {
            return Err(DomainError::CycleClosed { cycle });
        }
        let tx = self.conn.transaction()?;
        let mut changed = 0;
        {
            let sql = if add {
                "INSERT OR IGNORE INTO observation_tag (observation_id, tag_id)
                 SELECT id, ?2 FROM observation WHERE id = ?1 AND deleted_at IS NULL"
            } else {
                "DELETE FROM observation_tag WHERE observation_id = ?1 AND tag_id = ?2"
            };
            let mut stmt = tx.prepare(sql)?;
            for obs in observations {
                changed += stmt.execute(params![obs.to_string(), tag.to_string()])? as u32;
            }
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Moves a tag to the trash; observations keep the link and show it again on restore.
    pub fn delete_tag(&mut self, id: Uuid) -> Result<(), DomainError> {
        self.tag(id)?;
        self.move_to_trash("tag", id)
    }
}
