//! The trash: what a user deleted, kept until they restore it. Deleting never erases,
//! and nothing that cites a deleted thing loses the link.

use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::policy::Act;
use crate::store::row::{RowExt, Stored};
use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// What kind of thing sits in the trash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TrashEntity {
    Session,
    Observation,
    Person,
    Team,
    Tag,
    Idea,
    Pain,
    Bucket,
    Solution,
    Experiment,
    TradeoffAxis,
    Criterion,
    RoadmapItem,
    Checkin,
    Sla,
    SlaLevel,
    Adoption,
    AdoptionMilestone,
    Kudos,
    Answer,
}

impl Stored for TrashEntity {
    const WHAT: &'static str = "kind of trashed thing";
    fn as_stored(self) -> &'static str {
        match self {
            Self::Session => "session",
            Self::Observation => "observation",
            Self::Person => "person",
            Self::Team => "team",
            Self::Tag => "tag",
            Self::Idea => "idea",
            Self::Pain => "pain",
            Self::Bucket => "bucket",
            Self::Solution => "solution",
            Self::Experiment => "experiment",
            Self::TradeoffAxis => "tradeoff_axis",
            Self::Criterion => "criterion",
            Self::RoadmapItem => "roadmap_item",
            Self::Checkin => "checkin",
            Self::Sla => "sla",
            Self::SlaLevel => "sla_level",
            Self::Adoption => "adoption",
            Self::AdoptionMilestone => "adoption_milestone",
            Self::Kudos => "kudos",
            Self::Answer => "answer",
        }
    }
    fn all() -> &'static [Self] {
        &[
            Self::Session,
            Self::Observation,
            Self::Person,
            Self::Team,
            Self::Tag,
            Self::Idea,
            Self::Pain,
            Self::Bucket,
            Self::Solution,
            Self::Experiment,
            Self::TradeoffAxis,
            Self::Criterion,
            Self::RoadmapItem,
            Self::Checkin,
            Self::Sla,
            Self::SlaLevel,
            Self::Adoption,
            Self::AdoptionMilestone,
            Self::Kudos,
            Self::Answer,
        ]
    }
}

/// One deleted thing.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrashItem {
    pub entity: TrashEntity,
    pub id: Uuid,
    pub title: String,
    /// Where it came from, e.g. "Coffee chat · 2027 H1 planning".
    pub context: String,
    pub deleted_at: DateTime<Utc>,
}

/// Every trashed thing as (entity, id, title, context, deleted_at). Merged duplicates
/// are not listed: a merge is undone from where it was made, not restored from here.
const TRASH: &str = "
    SELECT 'session' AS entity, s.id AS id, s.title AS title, s.kind || ' · ' || c.name AS context,
           s.deleted_at AS deleted_at
        FROM session s JOIN cycle c ON c.id = s.cycle_id WHERE s.deleted_at IS NOT NULL
    UNION ALL
    SELECT 'observation', o.id, substr(o.text, 1, 200), o.kind || ' · ' || c.name, o.deleted_at
        FROM observation o JOIN cycle c ON c.id = o.cycle_id
        WHERE o.deleted_at IS NOT NULL AND o.merged_into IS NULL
    UNION ALL
    SELECT 'person', id, name, 'person', deleted_at FROM person
        WHERE deleted_at IS NOT NULL AND merged_into IS NULL
    UNION ALL
    SELECT 'team', id, name, 'team', deleted_at FROM team WHERE deleted_at IS NOT NULL
    UNION ALL
    SELECT 'tag', id, name, 'tag', deleted_at FROM tag
        WHERE deleted_at IS NOT NULL AND merged_into IS NULL
    UNION ALL
    SELECT 'idea', i.id, i.title, 'idea · ' || c.name, i.deleted_at
        FROM idea i JOIN cycle c ON c.id = i.cycle_id WHERE i.deleted_at IS NOT NULL
    UNION ALL
    SELECT 'pain', p.id, p.statement, 'pain · ' || c.name, p.deleted_at
        FROM pain p JOIN cycle c ON c.id = p.cycle_id WHERE p.deleted_at IS NOT NULL
    UNION ALL
    SELECT 'bucket', b.id, b.name, 'bucket · ' || c.name, b.deleted_at
        FROM bucket b JOIN cycle c ON c.id = b.cycle_id WHERE b.deleted_at IS NOT NULL
    UNION ALL
    SELECT 'solution', s.id, s.title, 'solution · ' || c.name, s.deleted_at
        FROM solution s JOIN cycle c ON c.id = s.cycle_id WHERE s.deleted_at IS NOT NULL
    UNION ALL
    SELECT 'experiment', e.id, substr(e.hypothesis, 1, 200), 'experiment · ' || s.title, e.deleted_at
        FROM experiment e JOIN solution s ON s.id = e.solution_id WHERE e.deleted_at IS NOT NULL
    UNION ALL
    SELECT 'tradeoff_axis', a.id, a.pole_a || ' vs. ' || a.pole_b, 'trade-off · ' || c.name, a.deleted_at
        FROM tradeoff_axis a JOIN cycle c ON c.id = a.cycle_id WHERE a.deleted_at IS NOT NULL
    UNION ALL
    SELECT 'criterion', id, name, 'criterion', deleted_at FROM criterion WHERE deleted_at IS NOT NULL
    UNION ALL
    SELECT 'roadmap_item', r.id, r.title, 'roadmap item · ' || c.name, r.deleted_at
        FROM roadmap_item r JOIN cycle c ON c.id = r.cycle_id WHERE r.deleted_at IS NOT NULL
    UNION ALL
    SELECT 'checkin', k.id, 'Check-in of ' || k.held_on, 'check-in · ' || p.name, k.deleted_at
        FROM checkin k JOIN person p ON p.id = k.person_id WHERE k.deleted_at IS NOT NULL
    UNION ALL
    SELECT 'sla', s.id, s.service || ': ' || s.measure, 'SLA · ' || coalesce(t.name, ''), s.deleted_at
        FROM sla s LEFT JOIN team t ON t.id = s.team_id WHERE s.deleted_at IS NOT NULL
    UNION ALL
    SELECT 'sla_level', l.id, l.kind || ' ' || l.value || ' on ' || l.on_date, 'SLA level · ' || s.service || ': ' || s.measure, l.deleted_at
        FROM sla_level l JOIN sla s ON s.id = l.sla_id WHERE l.deleted_at IS NOT NULL
    UNION ALL
    SELECT 'adoption', a.id, a.capability, a.kind || ' · ' || coalesce(t.name, ''), a.deleted_at
        FROM adoption a LEFT JOIN team t ON t.id = a.team_id WHERE a.deleted_at IS NOT NULL
    UNION ALL
    SELECT 'adoption_milestone', m.id, m.title, 'milestone · ' || a.capability, m.deleted_at
        FROM adoption_milestone m JOIN adoption a ON a.id = m.adoption_id WHERE m.deleted_at IS NOT NULL
    UNION ALL
    SELECT 'kudos', id, substr(what, 1, 200), 'kudos · ' || direction, deleted_at
        FROM kudos WHERE deleted_at IS NOT NULL
    UNION ALL
    SELECT 'answer', id, substr(what_done, 1, 200), 'you said, we did', deleted_at
        FROM answer WHERE deleted_at IS NOT NULL
    ORDER BY 5 DESC, 2 DESC";

fn context(entity: &str, raw: &str) -> String {
    let (head, tail) = raw.split_once(" · ").unwrap_or((raw, ""));
    let head = match entity {
        "session" => crate::store::kind::SourceKind::parse(head)
            .map_or("Session", |k| k.label())
            .to_owned(),
        _ => {
            let mut c = head.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
    };
    if tail.is_empty() {
        head
    } else {
        format!("{head} · {tail}")
    }
}

impl Db<'_> {
    /// Everything in the trash, most recently deleted first.
    pub fn list_trash(&self) -> Result<Vec<TrashItem>, DomainError> {
        let mut stmt = self.conn.prepare_cached(TRASH)?;
        let items = stmt
            .query_map([], |row| {
                let entity: TrashEntity = row.stored("entity")?;
                Ok(TrashItem {
                    entity,
                    id: row.uuid("id")?,
                    title: row.get("title")?,
                    context: context(entity.as_stored(), &row.get::<_, String>("context")?),
                    deleted_at: row.time("deleted_at")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(items)
    }
}

impl Tx<'_> {
    /// Marks a live row of `table` deleted, now: the one way anything goes to the trash.
    pub(crate) fn move_to_trash(&self, table: &'static str, id: Uuid) -> Result<(), DomainError> {
        self.conn.execute(
            &format!("UPDATE {table} SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL"),
            params![id.to_string(), self.now_text()],
        )?;
        Ok(())
    }

    /// Brings a deleted thing back where it was, with every link it had.
    pub fn restore(&self, entity: TrashEntity, id: Uuid) -> Result<(), DomainError> {
        let table = entity.as_stored();
        if matches!(
            entity,
            TrashEntity::Session | TrashEntity::Observation | TrashEntity::Idea
        ) {
            self.require_in(table, id, true, Act::Capture)?;
        }
        if matches!(
            entity,
            TrashEntity::Pain
                | TrashEntity::Bucket
                | TrashEntity::Solution
                | TrashEntity::Experiment
                | TrashEntity::TradeoffAxis
        ) {
            self.require_in(table, id, true, Act::Prioritize)?;
        }
        if entity == TrashEntity::RoadmapItem {
            self.require_in(table, id, true, Act::Draft)?;
        }
        let restored = self
            .conn
            .execute(
                &format!(
                    "UPDATE {table} SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL"
                ),
                params![id.to_string()],
            )
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) if entity == TrashEntity::Answer => {
                    DomainError::invalid(
                        "answer",
                        "this was answered again since; take that answer back first",
                    )
                }
                Some(rusqlite::ErrorCode::ConstraintViolation) if entity == TrashEntity::Sla => {
                    DomainError::invalid(
                        "measure",
                        "a live SLA has this service, team and measure; rename that one first",
                    )
                }
                Some(rusqlite::ErrorCode::ConstraintViolation) => DomainError::invalid(
                    "name",
                    format!("a live {table} already has this name; rename that one first"),
                ),
                _ => e.into(),
            })?;
        if restored == 0 {
            return Err(DomainError::NotFound {
                entity: "trashed item",
                id: id.to_string(),
            });
        }
        Ok(())
    }
}
