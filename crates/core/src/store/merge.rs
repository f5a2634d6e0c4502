//! Merging duplicates: two people who are one, two observations that say the same, or
//! two tags that mean the same. Every link (sessions, observations, turns, tags, ideas) ends
//! up on the kept one; the other goes out of sight. Each merge is recorded with what it moved, so it can be undone.
//!
//! A kernel primitive, like the trash: a merge moves the links that name the merged
//! record in whichever area owns them (a pain's evidence, a solution's vendor
//! evidence), all listed here, so a merge and its undo stay one unit of work.

use crate::store::db::Tx;
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::policy::Act;
use crate::store::row::{RowExt, Stored};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// What was merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MergeEntity {
    Person,
    Observation,
    Tag,
}

impl MergeEntity {
    fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Observation => "observation",
            Self::Tag => "tag",
        }
    }
}

impl Stored for MergeEntity {
    const WHAT: &'static str = "kind of merge";
    fn as_stored(self) -> &'static str {
        self.as_str()
    }
    fn all() -> &'static [Self] {
        &[Self::Person, Self::Observation, Self::Tag]
    }
}

/// The kept person's fields before a merge filled the empty ones.
type PersonFields = (Option<String>, String, String, String, String);

/// Refuses an undo whose record cannot be read: undoing from a guess would reset the
/// kept one's fields or bring back a merged one without its links.
fn unreadable_record(what: &str) -> DomainError {
    DomainError::CannotMerge(format!(
        "the record of this merge cannot be read ({what}), so it cannot be undone; nothing was changed"
    ))
}

/// A done merge, to offer its undo.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MergeDone {
    pub merge_id: Uuid,
    pub entity: MergeEntity,
    pub kept_id: Uuid,
    pub merged_id: Uuid,
    /// How many links moved to the kept one.
    pub links_moved: u32,
}

/// One link row that pointed at the merged one: the table, the other end, its
/// position (sessions' people are ordered), and whether the kept one already had it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct MovedLink {
    table: String,
    other: String,
    #[serde(default)]
    position: i64,
    kept_had_it: bool,
    /// A pain's evidence link also keeps its importance, reason and when it was made
    /// (JSON `[importance, reason, linked_at]`), so undo puts it back as it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fields: Option<String>,
}

/// The link tables of each entity: (table, column naming the entity, column of the other end).
fn link_tables(entity: MergeEntity) -> &'static [(&'static str, &'static str, &'static str)] {
    match entity {
        MergeEntity::Person => &[
            ("session_person", "person_id", "session_id"),
            ("observation_person", "person_id", "observation_id"),
            // Who answered a survey wave: ask-load follows the person kept. The
            // responses themselves keep whom they named; reads follow the merge.
            ("survey_wave_person", "person_id", "wave_id"),
            ("kudos_person", "person_id", "kudos_id"),
            // Who spoke a transcript's turn: what they said stays theirs.
            ("turn_person", "person_id", "turn_id"),
            // Who a transcript's voice is, for search (see `transcript::voice`).
            ("voice_person", "person_id", "voice_id"),
        ],
        MergeEntity::Observation => &[
            ("observation_person", "observation_id", "person_id"),
            ("observation_tag", "observation_id", "tag_id"),
            ("idea_observation", "observation_id", "idea_id"),
            ("pain_evidence", "observation_id", "pain_id"),
            ("solution_vendor_evidence", "observation_id", "solution_id"),
        ],
        MergeEntity::Tag => &[
            ("observation_tag", "tag_id", "observation_id"),
            ("session_tag", "tag_id", "session_id"),
            ("idea_tag", "tag_id", "idea_id"),
        ],
    }
}

fn move_links(
    tx: &Connection,
    entity: MergeEntity,
    kept: Uuid,
    merged: Uuid,
) -> rusqlite::Result<Vec<MovedLink>> {
    let mut moved = Vec::new();
    for (table, me, other) in link_tables(entity) {
        let position = if *table == "session_person" {
            "position"
        } else {
            "0"
        };
        let fields = if *table == "pain_evidence" {
            "json_array(l.importance, l.reason, l.linked_at)"
        } else {
            "NULL"
        };
        let rows: Vec<(String, i64, bool, Option<String>)> = tx
            .prepare(&format!(
                "SELECT l.{other}, {position},
                        EXISTS (SELECT 1 FROM {table} k WHERE k.{me} = ?2 AND k.{other} = l.{other}),
                        {fields}
                 FROM {table} l WHERE l.{me} = ?1"
            ))?
            .query_map(params![merged.to_string(), kept.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (other_id, pos, kept_had_it, fields) in rows {
            if !kept_had_it {
                if *table == "pain_evidence" {
                    tx.execute(
                        "INSERT INTO pain_evidence (observation_id, pain_id, importance, reason, linked_at)
                         SELECT ?1, pain_id, importance, reason, linked_at FROM pain_evidence
                         WHERE observation_id = ?2 AND pain_id = ?3",
                        params![kept.to_string(), merged.to_string(), other_id],
                    )?;
                } else if *table == "session_person" {
                    tx.execute(
                        "INSERT INTO session_person (session_id, person_id, position) VALUES (?1, ?2, ?3)",
                        params![other_id, kept.to_string(), pos],
                    )?;
                } else {
                    tx.execute(
                        &format!("INSERT INTO {table} ({me}, {other}) VALUES (?1, ?2)"),
                        params![kept.to_string(), other_id],
                    )?;
                }
            }
            moved.push(MovedLink {
                table: (*table).to_owned(),
                other: other_id,
                position: pos,
                kept_had_it,
                fields,
            });
        }
        tx.execute(
            &format!("DELETE FROM {table} WHERE {me} = ?1"),
            [merged.to_string()],
        )?;
    }
    Ok(moved)
}

impl Tx<'_> {
    /// Moves links that name a merged record to the one it was merged into, and adds
    /// them to the merge's record so its undo puts them back too. A sync calls it: a
    /// teammate may attribute an observation to someone this copy merged meanwhile,
    /// and the attribution must follow the merge, not stay on a record out of sight.
    /// Gives how many links moved.
    pub(crate) fn follow_merges(&self) -> Result<u32, DomainError> {
        let merges: Vec<(String, String, String, String, String)> = self
            .conn
            .prepare(
                "SELECT id, entity, kept_id, merged_id, moved FROM merge_record
                 WHERE undone_at IS NULL ORDER BY created_at",
            )?
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut count = 0;
        for (id, entity, kept, merged, moved) in merges {
            let entity = match entity.as_str() {
                "person" => MergeEntity::Person,
                "observation" => MergeEntity::Observation,
                "tag" => MergeEntity::Tag,
                _ => continue,
            };
            let (Ok(kept), Ok(merged)) = (Uuid::parse_str(&kept), Uuid::parse_str(&merged)) else {
                continue;
            };
            let more = move_links(self.conn, entity, kept, merged)?;
            if more.is_empty() {
                continue;
            }
            count += more.len() as u32;
            let mut all: Vec<MovedLink> = serde_json::from_str(&moved).unwrap_or_default();
            all.extend(more);
            let record = serde_json::to_string(&all).map_err(|e| {
                DomainError::CannotMerge(format!("could not record the merge: {e}"))
            })?;
            self.conn.execute(
                "UPDATE merge_record SET moved = ?2 WHERE id = ?1",
                params![id, record],
            )?;
        }
        Ok(count)
    }

    /// Merges person `merged` into `kept`. Empty fields of `kept` take `merged`'s values.
    pub fn merge_people(&self, kept: Uuid, merged: Uuid) -> Result<MergeDone, DomainError> {
        if kept == merged {
            return Err(DomainError::CannotMerge(
                "choose two different people to merge".to_owned(),
            ));
        }
        self.live_person(kept)?;
        self.live_person(merged)?;
        self.merge(MergeEntity::Person, kept, merged)
    }

    /// Merges observation `merged` into `kept`: people, tags and ideas move over.
    pub fn merge_observations(&self, kept: Uuid, merged: Uuid) -> Result<MergeDone, DomainError> {
        if kept == merged {
            return Err(DomainError::CannotMerge(
                "choose two different observations to merge".to_owned(),
            ));
        }
        self.require_in("observation", kept, false, Act::Capture)?;
        self.require_in("observation", merged, false, Act::Capture)?;
        self.merge(MergeEntity::Observation, kept, merged)
    }

    pub(crate) fn merge(
        &self,
        entity: MergeEntity,
        kept: Uuid,
        merged: Uuid,
    ) -> Result<MergeDone, DomainError> {
        let table = entity.as_str();
        let now = self.now_text();
        let merge_id = new_id();
        let mut moved = move_links(self.conn, entity, kept, merged)?;
        if entity == MergeEntity::Person {
            // Remember the kept person's fields so undo puts them back as they were.
            let before: PersonFields = self.conn.query_row(
                "SELECT team_id, role, goals, support, interaction FROM person WHERE id = ?1",
                [kept.to_string()],
                |r| {
                    Ok((
                        r.get("team_id")?,
                        r.get("role")?,
                        r.get("goals")?,
                        r.get("support")?,
                        r.get("interaction")?,
                    ))
                },
            )?;
            moved.push(MovedLink {
                table: "person_fields".to_owned(),
                other: serde_json::to_string(&before).map_err(|e| {
                    DomainError::CannotMerge(format!("could not record the merge: {e}"))
                })?,
                position: 0,
                kept_had_it: true,
                fields: None,
            });
            self.conn.execute(
                "UPDATE person SET
                    team_id = coalesce(person.team_id, m.team_id),
                    role = CASE WHEN person.role = '' THEN m.role ELSE person.role END,
                    goals = CASE WHEN person.goals = '' THEN m.goals ELSE person.goals END,
                    support = CASE WHEN person.support = '' THEN m.support ELSE person.support END,
                    interaction = CASE WHEN person.interaction = '' THEN m.interaction ELSE person.interaction END,
                    updated_at = ?3
                 FROM (SELECT * FROM person WHERE id = ?2) AS m
                 WHERE person.id = ?1",
                params![kept.to_string(), merged.to_string(), now],
            )?;
        }
        self.conn.execute(
            &format!("UPDATE {table} SET deleted_at = ?2, merged_into = ?3 WHERE id = ?1"),
            params![merged.to_string(), now, kept.to_string()],
        )?;
        let links_moved = moved.iter().filter(|m| m.table != "person_fields").count() as u32;
        let record = serde_json::to_string(&moved)
            .map_err(|e| DomainError::CannotMerge(format!("could not record the merge: {e}")))?;
        self.conn.execute(
            "INSERT INTO merge_record (id, entity, kept_id, merged_id, moved, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                merge_id.to_string(),
                table,
                kept.to_string(),
                merged.to_string(),
                record,
                now
            ],
        )?;
        Ok(MergeDone {
            merge_id,
            entity,
            kept_id: kept,
            merged_id: merged,
            links_moved,
        })
    }

    /// Undoes a merge: the merged one comes back with every link it had. A record
    /// that cannot be read is refused and nothing changes.
    pub fn undo_merge(&self, merge_id: Uuid) -> Result<(), DomainError> {
        let record = self
            .conn
            .query_row(
                "SELECT id, entity, kept_id, merged_id, moved, undone_at FROM merge_record WHERE id = ?1",
                [merge_id.to_string()],
                |r| {
                    Ok((
                        r.get::<_, String>("entity")?,
                        r.get::<_, String>("kept_id")?,
                        r.get::<_, String>("merged_id")?,
                        r.get::<_, String>("moved")?,
                        r.get::<_, Option<String>>("undone_at")?,
                    ))
                },
            )
            .optional()?;
        let Some((entity, kept, merged, moved, undone)) = record else {
            return Err(DomainError::NotFound {
                entity: "merge",
                id: merge_id.to_string(),
            });
        };
        if undone.is_some() {
            return Err(DomainError::CannotMerge(
                "this merge was already undone".to_owned(),
            ));
        }
        let Some(entity) = MergeEntity::from_stored(&entity) else {
            return Err(DomainError::CannotMerge(format!(
                "this workspace records a merge of “{entity}”, which this version cannot undo"
            )));
        };
        let moved: Vec<MovedLink> =
            serde_json::from_str(&moved).map_err(|_| unreadable_record("its list of links"))?;
        // Read the whole record before changing anything.
        let mut fields: Option<PersonFields> = None;
        for link in &moved {
            if link.table == "person_fields" {
                fields = Some(
                    serde_json::from_str(&link.other)
                        .map_err(|_| unreadable_record("the kept person's fields"))?,
                );
            } else if !link_tables(entity).iter().any(|(t, _, _)| *t == link.table) {
                return Err(unreadable_record(&format!("a link of “{}”", link.table)));
            }
        }
        if entity == MergeEntity::Person && fields.is_none() {
            return Err(unreadable_record("the kept person's fields"));
        }
        if entity == MergeEntity::Tag {
            // Tag names are unique among live tags: one made since may hold the name.
            let taken: Option<String> = self
                .conn
                .query_row(
                    "SELECT t.name FROM tag t JOIN tag m ON m.id = ?1
                     WHERE t.deleted_at IS NULL AND t.id <> m.id AND t.name = m.name COLLATE NOCASE",
                    [&merged],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(name) = taken {
                return Err(DomainError::CannotMerge(format!(
                    "a tag named “{name}” exists now; rename it, then undo the merge"
                )));
            }
        }
        if entity == MergeEntity::Observation {
            let cycle = self.conn.query_row(
                "SELECT id, cycle_id FROM observation WHERE id = ?1",
                [&merged],
                |r| r.uuid("cycle_id"),
            )?;
            self.require(cycle, Act::Capture)?;
        }
        let table = entity.as_str();
        if let Some(before) = fields {
            self.conn.execute(
                "UPDATE person SET team_id = ?2, role = ?3, goals = ?4, support = ?5, interaction = ?6
                 WHERE id = ?1",
                params![kept, before.0, before.1, before.2, before.3, before.4],
            )?;
        }
        for link in moved.iter().filter(|l| l.table != "person_fields") {
            let Some((_, me, other)) = link_tables(entity)
                .iter()
                .find(|(t, _, _)| *t == link.table)
            else {
                continue;
            };
            if !link.kept_had_it {
                self.conn.execute(
                    &format!(
                        "DELETE FROM {} WHERE {me} = ?1 AND {other} = ?2",
                        link.table
                    ),
                    params![kept, link.other],
                )?;
            }
            if link.table == "session_person" {
                self.conn.execute(
                    "INSERT OR IGNORE INTO session_person (session_id, person_id, position) VALUES (?1, ?2, ?3)",
                    params![link.other, merged, link.position],
                )?;
            } else if link.table == "pain_evidence" {
                let Some(fields) = &link.fields else {
                    return Err(unreadable_record("a pain's evidence link"));
                };
                self.conn.execute(
                    "INSERT OR IGNORE INTO pain_evidence (observation_id, pain_id, importance, reason, linked_at)
                     SELECT ?1, ?2, f ->> 0, coalesce(f ->> 1, ''), f ->> 2 FROM (SELECT ?3 AS f)",
                    params![merged, link.other, fields],
                )?;
            } else {
                self.conn.execute(
                    &format!(
                        "INSERT OR IGNORE INTO {} ({me}, {other}) VALUES (?1, ?2)",
                        link.table
                    ),
                    params![merged, link.other],
                )?;
            }
        }
        self.conn.execute(
            &format!("UPDATE {table} SET deleted_at = NULL, merged_into = NULL WHERE id = ?1"),
            [&merged],
        )?;
        self.conn.execute(
            "UPDATE merge_record SET undone_at = ?2 WHERE id = ?1",
            params![merge_id.to_string(), self.now_text()],
        )?;
        Ok(())
    }
}
