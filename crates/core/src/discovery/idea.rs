//! Ideas: possible answers captured during discovery with the observations behind
//! them. Discovery does not judge: while an idea's cycle is in discovery, core refuses
//! any score or effort, whatever the UI shows (see [`crate::store::policy`]).

use crate::discovery::tag::{tags_of, write_tags, TagRef, Tagged};
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::input::{bounded, line};
use crate::store::kind::ObservationKind;
use crate::store::policy::CycleMode;
use crate::store::policy::{shows_judgement, Act};
use crate::store::row::RowExt;
use crate::store::sql::json_list;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Longest idea title, in characters.
pub const MAX_IDEA_TITLE: usize = crate::store::limits::IDEA_TITLE;
/// Longest idea description, in characters.
pub const MAX_IDEA_DESCRIPTION: usize = crate::store::limits::IDEA_DESCRIPTION;
/// Most observations one idea may cite.
pub const MAX_EVIDENCE: usize = crate::store::limits::IDEA_EVIDENCE;

/// An observation cited by an idea.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    pub id: Uuid,
    pub kind: ObservationKind,
    pub text: String,
    /// Whether the observation is in the trash (the link is kept).
    pub trashed: bool,
}

/// How an idea was judged; only outside discovery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    /// 1–10.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub score: Option<u8>,
    /// "S", "M", "L" or "XL".
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub effort: Option<String>,
}

/// An idea with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Idea {
    pub id: Uuid,
    pub cycle_id: Uuid,
    pub title: String,
    pub description: String,
    pub evidence: Vec<Evidence>,
    pub tags: Vec<TagRef>,
    /// Absent while the cycle is in discovery: nothing is judged there.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub assessment: Option<Assessment>,
    pub read_only: bool,
    /// Captured after its cycle left discovery: it counts, and says so.
    pub late_input: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An idea's fields, for creating or replacing. There is deliberately no score here.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdeaInput {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Observations behind the idea.
    #[serde(default)]
    pub evidence: Vec<Uuid>,
    /// The idea's tags; absent keeps them as they are.
    #[serde(default)]
    #[ts(optional)]
    pub tags: Option<Vec<Uuid>>,
}

fn clean(input: &IdeaInput) -> Result<(String, String), DomainError> {
    if input.evidence.len() > MAX_EVIDENCE {
        return Err(DomainError::invalid(
            "evidence",
            format!(
                "an idea cites at most {MAX_EVIDENCE} observations (this cites {})",
                crate::store::wording::thousands(input.evidence.len())
            ),
        ));
    }
    Ok((
        line(
            "title",
            &input.title,
            MAX_IDEA_TITLE,
            Some("an idea needs a title, e.g. \"Quarantine flaky tests automatically\""),
        )?,
        bounded(
            "description",
            &input.description,
            MAX_IDEA_DESCRIPTION,
            None,
        )?,
    ))
}

fn write_evidence(tx: &Tx<'_>, id: Uuid, evidence: &[Uuid]) -> Result<(), DomainError> {
    // Evidence already cited stays, even from the trash (evidence is never lost); new
    // evidence must be a live observation.
    let mut exists = tx.conn.prepare_cached(
        "SELECT 1 FROM observation o WHERE o.id = ?1 AND (o.deleted_at IS NULL OR EXISTS
            (SELECT 1 FROM idea_observation io WHERE io.idea_id = ?2 AND io.observation_id = o.id))",
    )?;
    for obs in evidence {
        if !exists.exists([obs.to_string(), id.to_string()])? {
            return Err(DomainError::NotFound {
                entity: "observation",
                id: obs.to_string(),
            });
        }
    }
    tx.conn.execute(
        "DELETE FROM idea_observation WHERE idea_id = ?1",
        [id.to_string()],
    )?;
    let mut add = tx.conn.prepare_cached(
        "INSERT OR IGNORE INTO idea_observation (idea_id, observation_id) VALUES (?1, ?2)",
    )?;
    for obs in evidence {
        add.execute(params![id.to_string(), obs.to_string()])?;
    }
    Ok(())
}

const SELECT_IDEA: &str = "SELECT i.id, i.cycle_id, i.title, i.description, i.score, i.effort,
        c.mode, i.late_input, i.created_at, i.updated_at
     FROM idea i JOIN cycle_view c ON c.id = i.cycle_id";

fn idea_from_row(r: &Row<'_>) -> rusqlite::Result<Idea> {
    let mode: CycleMode = r.stored("mode")?;
    let score: Option<u8> = r.get("score")?;
    let effort: Option<String> = r.get("effort")?;
    let judged = shows_judgement(mode) && (score.is_some() || effort.is_some());
    Ok(Idea {
        id: r.uuid("id")?,
        cycle_id: r.uuid("cycle_id")?,
        title: r.get("title")?,
        description: r.get("description")?,
        assessment: judged.then_some(Assessment { score, effort }),
        read_only: mode == CycleMode::Closed,
        late_input: r.get("late_input")?,
        created_at: r.time("created_at")?,
        updated_at: r.time("updated_at")?,
        evidence: Vec::new(),
        tags: Vec::new(),
    })
}

impl Db<'_> {
    /// One live idea with its evidence.
    pub fn idea(&self, id: Uuid) -> Result<Idea, DomainError> {
        let found = self
            .conn
            .prepare_cached(&format!(
                "{SELECT_IDEA} WHERE i.id = ?1 AND i.deleted_at IS NULL"
            ))?
            .query_row([id.to_string()], idea_from_row)
            .optional()?;
        let mut ideas = vec![found.ok_or_else(|| DomainError::NotFound {
            entity: "idea",
            id: id.to_string(),
        })?];
        self.fill_evidence(&mut ideas)?;
        Ok(ideas.remove(0))
    }

    /// The live ideas of a cycle, newest first.
    pub fn list_ideas(&self, cycle: Uuid) -> Result<Vec<Idea>, DomainError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_IDEA} WHERE i.cycle_id = ?1 AND i.deleted_at IS NULL ORDER BY i.created_at DESC, i.id DESC"
        ))?;
        let mut ideas: Vec<Idea> = stmt
            .query_map([cycle.to_string()], idea_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        self.fill_evidence(&mut ideas)?;
        Ok(ideas)
    }

    fn fill_evidence(&self, ideas: &mut [Idea]) -> Result<(), DomainError> {
        if ideas.is_empty() {
            return Ok(());
        }
        let mut tags = tags_of(self.conn, Tagged::Idea, ideas.iter().map(|i| i.id))?;
        for idea in ideas.iter_mut() {
            idea.tags = tags.remove(&idea.id).unwrap_or_default();
        }
        let ids = json_list(ideas.iter().map(|i| i.id.to_string()));
        let mut stmt = self.conn.prepare_cached(
            "SELECT io.idea_id, o.id, o.kind, o.text, o.deleted_at IS NOT NULL AS trashed
             FROM idea_observation io JOIN observation o ON o.id = io.observation_id
             WHERE io.idea_id IN (SELECT value FROM json_each(?1)) ORDER BY o.observed_on, o.id",
        )?;
        let mut rows = stmt.query([&ids])?;
        while let Some(r) = rows.next()? {
            let idea = r.uuid("idea_id")?;
            let evidence = Evidence {
                id: r.uuid("id")?,
                kind: r.stored::<ObservationKind>("kind")?,
                text: r.get("text")?,
                trashed: r.get("trashed")?,
            };
            if let Some(i) = ideas.iter_mut().find(|i| i.id == idea) {
                i.evidence.push(evidence);
            }
        }
        Ok(())
    }
}

impl Tx<'_> {
    /// Captures an idea in a cycle that allows capture.
    pub fn create_idea(&self, cycle: Uuid, input: &IdeaInput) -> Result<Idea, DomainError> {
        self.require(cycle, Act::Capture)?;
        let (title, description) = clean(input)?;
        let id = new_id();
        self.conn.execute(
            "INSERT INTO idea (id, cycle_id, title, description, created_at, updated_at, late_input)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5, (SELECT mode <> 'discovery' FROM cycle_view WHERE id = ?2))",
            params![
                id.to_string(),
                cycle.to_string(),
                title,
                description,
                self.now_text()
            ],
        )?;
        write_evidence(self, id, &input.evidence)?;
        if let Some(tags) = &input.tags {
            write_tags(self.conn, Tagged::Idea, id, tags)?;
        }
        self.idea(id)
    }

    /// Replaces an idea's title, description, evidence and (when given) tags.
    pub fn update_idea(&self, id: Uuid, input: &IdeaInput) -> Result<Idea, DomainError> {
        self.require_in("idea", id, false, Act::Capture)?;
        let (title, description) = clean(input)?;
        self.conn.execute(
            "UPDATE idea SET title = ?2, description = ?3, updated_at = ?4 WHERE id = ?1",
            params![id.to_string(), title, description, self.now_text()],
        )?;
        write_evidence(self, id, &input.evidence)?;
        if let Some(tags) = &input.tags {
            write_tags(self.conn, Tagged::Idea, id, tags)?;
        }
        self.idea(id)
    }

    /// Scores an idea or sizes its effort. Refused while its cycle is in discovery:
    /// discovery casts a wide net and judges nothing.
    pub fn assess_idea(&self, id: Uuid, assessment: &Assessment) -> Result<Idea, DomainError> {
        self.require_in("idea", id, false, Act::Judge)?;
        if let Some(score) = assessment.score {
            if !(1..=10).contains(&score) {
                return Err(DomainError::invalid("score", "score from 1 to 10"));
            }
        }
        if let Some(effort) = &assessment.effort {
            if !["S", "M", "L", "XL"].contains(&effort.as_str()) {
                return Err(DomainError::invalid(
                    "effort",
                    "size effort as S, M, L or XL",
                ));
            }
        }
        self.conn.execute(
            "UPDATE idea SET score = ?2, effort = ?3, updated_at = ?4 WHERE id = ?1",
            params![
                id.to_string(),
                assessment.score,
                assessment.effort,
                self.now_text()
            ],
        )?;
        self.idea(id)
    }

    /// Moves an idea to the trash.
    pub fn delete_idea(&self, id: Uuid) -> Result<(), DomainError> {
        self.require_in("idea", id, false, Act::Capture)?;
        self.move_to_trash("idea", id)
    }
}
