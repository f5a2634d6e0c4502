//! SLAs: per platform service and user team, the level the team expects (heard in SLA
//! conversations) and the level delivered, each kept by date, so the gap between them
//! has a history and a trend.

use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::input::{bounded, check_date, date_text, line};
use crate::store::limits::{NAME, REASON, SHORT};
use crate::store::row::{stored, RowExt};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Whether more of a measure is better, or less.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    /// Availability, success rate.
    Higher,
    /// Build minutes, hours to a first response.
    Lower,
}

stored!(Better, "direction of a measure", {
    Higher => "higher",
    Lower => "lower",
});

/// Which level a reading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LevelKind {
    /// What the team expects.
    Expected,
    /// What the platform delivers.
    Delivered,
}

stored!(LevelKind, "kind of SLA level", {
    Expected => "expected",
    Delivered => "delivered",
});

/// One level on one day.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SlaLevel {
    pub id: Uuid,
    pub kind: LevelKind,
    pub value: f64,
    #[ts(type = "string")]
    pub on_date: NaiveDate,
    /// The SLA conversation it was heard in.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub session_id: Option<Uuid>,
    pub note: String,
}

/// What one team expects of one service on one measure, and how it is going.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Sla {
    pub id: Uuid,
    pub service: String,
    pub team_id: Uuid,
    pub team_name: String,
    pub measure: String,
    pub unit: String,
    pub better: Better,
    /// The latest expected level.
    #[ts(type = "number | null")]
    pub expected: Option<f64>,
    /// The latest delivered level.
    #[ts(type = "number | null")]
    pub delivered: Option<f64>,
    /// Delivered minus expected, signed so that below zero falls short.
    #[ts(type = "number | null")]
    pub gap: Option<f64>,
    /// Whether the latest delivered level meets the latest expected one.
    #[ts(type = "boolean | null")]
    pub met: Option<bool>,
    /// Every level, oldest first: the history and the trend.
    pub levels: Vec<SlaLevel>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An SLA's fields.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SlaInput {
    pub service: String,
    pub team_id: Uuid,
    pub measure: String,
    #[serde(default)]
    pub unit: String,
    pub better: Better,
}

/// A level to keep.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SlaLevelInput {
    pub kind: LevelKind,
    pub value: f64,
    #[ts(type = "string")]
    pub on_date: NaiveDate,
    #[serde(default)]
    #[ts(optional)]
    pub session_id: Option<Uuid>,
    #[serde(default)]
    pub note: String,
}

fn clean(input: &SlaInput) -> Result<SlaInput, DomainError> {
    Ok(SlaInput {
        service: line(
            "service",
            &input.service,
            NAME,
            Some("name the platform service, e.g. \"CI runners\""),
        )?,
        team_id: input.team_id,
        measure: line(
            "measure",
            &input.measure,
            SHORT,
            Some("name what is measured, e.g. \"Availability\""),
        )?,
        unit: line("unit", &input.unit, 40, None)?,
        better: input.better,
    })
}

/// The shortfall sign convention: below zero falls short, whichever way is better.
fn gap(better: Better, expected: f64, delivered: f64) -> f64 {
    match better {
        Better::Higher => delivered - expected,
        Better::Lower => expected - delivered,
    }
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Sla> {
    Ok(Sla {
        id: r.uuid("id")?,
        service: r.get("service")?,
        team_id: r.uuid("team_id")?,
        team_name: r.get("team_name")?,
        measure: r.get("measure")?,
        unit: r.get("unit")?,
        better: r.stored("better")?,
        expected: None,
        delivered: None,
        gap: None,
        met: None,
        levels: Vec::new(),
        created_at: r.time("created_at")?,
        updated_at: r.time("updated_at")?,
    })
}

const SELECT: &str =
    "SELECT s.id, s.service, s.team_id, coalesce(t.name, '') AS team_name, s.measure,
        s.unit, s.better, s.created_at, s.updated_at
    FROM sla s LEFT JOIN team_view t ON t.id = s.team_id";

impl Db<'_> {
    /// Every live SLA with its history; the widest shortfall first, then those
    /// without both levels, then those met.
    pub fn list_slas(&self) -> Result<Vec<Sla>, DomainError> {
        let mut slas: Vec<Sla> = self
            .conn
            .prepare_cached(&format!(
                "{SELECT} WHERE s.deleted_at IS NULL ORDER BY s.service COLLATE NOCASE, team_name COLLATE NOCASE, s.measure"
            ))?
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kind, value, on_date, session_id, note FROM sla_level
             WHERE sla_id = ?1 AND deleted_at IS NULL ORDER BY on_date, created_at, id",
        )?;
        for sla in &mut slas {
            sla.levels = stmt
                .query_map([sla.id.to_string()], |r| {
                    Ok(SlaLevel {
                        id: r.uuid("id")?,
                        kind: r.stored("kind")?,
                        value: r.get("value")?,
                        on_date: r.date("on_date")?,
                        session_id: r.opt_uuid("session_id")?,
                        note: r.get("note")?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let latest = |kind| {
                sla.levels
                    .iter()
                    .rev()
                    .find(|l| l.kind == kind)
                    .map(|l| l.value)
            };
            sla.expected = latest(LevelKind::Expected);
            sla.delivered = latest(LevelKind::Delivered);
            if let (Some(e), Some(d)) = (sla.expected, sla.delivered) {
                let g = gap(sla.better, e, d);
                sla.gap = Some(g);
                sla.met = Some(g >= 0.0);
            }
        }
        // The worst gap relative to what is expected leads: 99.0 of 99.9 is worse
        // than 40 of 30 minutes only by the ratio, not the raw numbers.
        let key = |s: &Sla| match (s.gap, s.expected) {
            (Some(g), Some(e)) if g < 0.0 => (0, g / e.abs().max(f64::EPSILON)),
            (Some(_), _) => (2, 0.0),
            _ => (1, 0.0),
        };
        slas.sort_by(|a, b| {
            let (ka, kb) = (key(a), key(b));
            ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
        });
        Ok(slas)
    }

    /// One live SLA.
    pub fn sla(&self, id: Uuid) -> Result<Sla, DomainError> {
        self.list_slas()?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| DomainError::NotFound {
                entity: "SLA",
                id: id.to_string(),
            })
    }
}

impl Tx<'_> {
    fn check_sla(&self, input: &SlaInput, except: Option<Uuid>) -> Result<SlaInput, DomainError> {
        let input = clean(input)?;
        self.team(input.team_id)?;
        let taken: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT id FROM sla WHERE service = ?1 COLLATE NOCASE AND team_id = ?2
                 AND measure = ?3 COLLATE NOCASE AND deleted_at IS NULL AND id IS NOT ?4",
            )?
            .query_row(
                params![
                    input.service,
                    input.team_id.to_string(),
                    input.measure,
                    except.map(|e| e.to_string())
                ],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            return Err(DomainError::invalid(
                "measure",
                format!(
                    "this team already has an SLA for {} on \"{}\"",
                    input.service, input.measure
                ),
            ));
        }
        Ok(input)
    }

    /// Adds an SLA: a service, a team and a measure.
    pub fn create_sla(&self, input: &SlaInput) -> Result<Sla, DomainError> {
        let input = self.check_sla(input, None)?;
        let id = new_id();
        self.conn.execute(
            "INSERT INTO sla (id, service, team_id, measure, unit, better, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                id.to_string(),
                input.service,
                input.team_id.to_string(),
                input.measure,
                input.unit,
                crate::store::row::Stored::as_stored(input.better),
                self.now_text()
            ],
        )?;
        self.sla(id)
    }

    /// Renames an SLA's service or measure, or changes its team, unit or direction.
    pub fn update_sla(&self, id: Uuid, input: &SlaInput) -> Result<Sla, DomainError> {
        self.sla(id)?;
        let input = self.check_sla(input, Some(id))?;
        self.conn.execute(
            "UPDATE sla SET service = ?2, team_id = ?3, measure = ?4, unit = ?5, better = ?6,
                updated_at = ?7 WHERE id = ?1",
            params![
                id.to_string(),
                input.service,
                input.team_id.to_string(),
                input.measure,
                input.unit,
                crate::store::row::Stored::as_stored(input.better),
                self.now_text()
            ],
        )?;
        self.sla(id)
    }

    /// Moves an SLA (and so its history) to the trash.
    pub fn delete_sla(&self, id: Uuid) -> Result<(), DomainError> {
        self.sla(id)?;
        self.move_to_trash("sla", id)
    }

    /// Keeps a level of an SLA on a day.
    pub fn add_sla_level(&self, sla: Uuid, input: &SlaLevelInput) -> Result<Sla, DomainError> {
        self.sla(sla)?;
        if !input.value.is_finite() || input.value.abs() > 1e12 {
            return Err(DomainError::invalid("level", "a level is a number"));
        }
        let on_date = check_date("date", input.on_date)?;
        let note = bounded("note", &input.note, REASON, None)?;
        if let Some(session) = input.session_id {
            // Any live session may be where a level was heard, closed cycles' too: the
            // level is the workspace's, the session only its source.
            let live = self
                .conn
                .prepare_cached("SELECT 1 FROM session_view WHERE id = ?1 AND deleted_at IS NULL")?
                .exists([session.to_string()])?;
            if !live {
                return Err(DomainError::NotFound {
                    entity: "session",
                    id: session.to_string(),
                });
            }
        }
        self.conn.execute(
            "INSERT INTO sla_level (id, sla_id, kind, value, on_date, session_id, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                new_id().to_string(),
                sla.to_string(),
                crate::store::row::Stored::as_stored(input.kind),
                input.value,
                date_text(on_date),
                input.session_id.map(|s| s.to_string()),
                note,
                self.now_text()
            ],
        )?;
        self.conn.execute(
            "UPDATE sla SET updated_at = ?2 WHERE id = ?1",
            params![sla.to_string(), self.now_text()],
        )?;
        self.sla(sla)
    }

    /// Moves one level of an SLA's history to the trash.
    pub fn delete_sla_level(&self, id: Uuid) -> Result<(), DomainError> {
        let found = self
            .conn
            .prepare_cached(
                "SELECT 1 FROM sla_level l JOIN sla s ON s.id = l.sla_id
                 WHERE l.id = ?1 AND l.deleted_at IS NULL AND s.deleted_at IS NULL",
            )?
            .exists([id.to_string()])?;
        if !found {
            return Err(DomainError::NotFound {
                entity: "SLA level",
                id: id.to_string(),
            });
        }
        self.move_to_trash("sla_level", id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gap_below_zero_falls_short_whichever_way_is_better() {
        assert!(gap(Better::Higher, 99.9, 99.5) < 0.0);
        assert!(gap(Better::Higher, 99.0, 99.5) > 0.0);
        assert!(gap(Better::Lower, 10.0, 14.0) < 0.0);
        assert!(gap(Better::Lower, 10.0, 8.0) > 0.0);
    }
}
