//! Trade-offs: what a cycle chooses to be good at, at the cost of what. The team names
//! whom it will serve excellently and whom less well (teams, segments), and places
//! itself on axes between two goods (flexibility vs. stability). The first weigh in
//! the ranking: a person from a team or segment served excellently counts more in a
//! pain's reach, one served less well counts less, and the explanation says so.

use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::input::{bounded, line};
use crate::store::policy::Act;
use crate::store::row::{stored, RowExt, Stored};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;
use ts_rs::TS;
use uuid::Uuid;

/// How well a cycle means to serve a team or segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Excellent,
    LessWell,
}

stored!(Stance, "stance", { Excellent => "excellent", LessWell => "less_well" });

impl Stance {
    /// The weight its people take in reach unless the team sets one.
    pub fn default_weight(self) -> f64 {
        match self {
            Self::Excellent => 1.5,
            Self::LessWell => 0.5,
        }
    }

    /// In words.
    pub fn label(self) -> &'static str {
        match self {
            Self::Excellent => "served excellently",
            Self::LessWell => "served less well",
        }
    }
}

/// One team or segment the cycle has chosen a stance on.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServeChoice {
    pub id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub team_id: Option<Uuid>,
    /// The team's name, or the segment as typed (compared in any case).
    pub name: String,
    /// Set when the choice is about a segment.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub segment: Option<String>,
    pub stance: Stance,
    /// What each of its people counts for in reach (1 is everyone else).
    pub weight: f64,
    pub note: String,
    /// A team in the trash: the choice is kept and weighs no one.
    pub trashed: bool,
}

/// A stance to take on a team or a segment (one of the two), or (no stance) to drop.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServeInput {
    #[serde(default)]
    #[ts(optional)]
    pub team_id: Option<Uuid>,
    #[serde(default)]
    #[ts(optional)]
    pub segment: Option<String>,
    /// Absent: no stance any more (everyone there counts 1 again).
    #[serde(default)]
    #[ts(optional)]
    pub stance: Option<Stance>,
    /// Absent: 1.5 for excellently, 0.5 for less well.
    #[serde(default)]
    #[ts(optional)]
    pub weight: Option<f64>,
    #[serde(default)]
    pub note: String,
}

/// One trade-off between two goods, and where the team stands on it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TradeoffAxis {
    pub id: Uuid,
    pub cycle_id: Uuid,
    pub pole_a: String,
    pub pole_b: String,
    /// -2 all the way to `pole_a` … 0 balanced … 2 all the way to `pole_b`.
    pub lean: i8,
    pub note: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A trade-off's fields, replaced whole.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AxisInput {
    pub pole_a: String,
    pub pole_b: String,
    #[serde(default)]
    pub lean: i8,
    #[serde(default)]
    pub note: String,
}

/// A cycle's trade-offs: the map the team draws, and what the ranking weighs by.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Tradeoffs {
    pub cycle_id: Uuid,
    /// Served excellently first, then less well; by name within each.
    pub serve: Vec<ServeChoice>,
    pub axes: Vec<TradeoffAxis>,
    pub read_only: bool,
}

/// What the ranking needs of a cycle's stances: the weight and name of each team and
/// segment chosen. A person's team decides before their segment.
#[derive(Debug, Default)]
pub(crate) struct Stances {
    teams: HashMap<Uuid, Arc<Weighs>>,
    segments: HashMap<String, Arc<Weighs>>,
}

/// One stance as reach applies it.
#[derive(Debug)]
pub(crate) struct Weighs {
    pub name: String,
    pub by_team: bool,
    pub stance: Stance,
    pub weight: f64,
}

impl Stances {
    /// The stance that weighs a person of `team` in `segment` (lower case), if any.
    pub(crate) fn of(&self, team: Option<Uuid>, segment: &str) -> Option<&Arc<Weighs>> {
        team.and_then(|t| self.teams.get(&t))
            .or_else(|| self.segments.get(segment))
    }
}

fn clean_segment(segment: &str) -> String {
    crate::store::input::clean_line(segment)
}

const SELECT_CHOICE: &str = "SELECT sc.id, sc.team_id, sc.segment, sc.stance, sc.weight, sc.note,
        coalesce(t.name, sc.segment) AS name, coalesce(t.deleted_at IS NOT NULL, 0) AS trashed
     FROM serve_choice sc LEFT JOIN team_view t ON t.id = sc.team_id
     WHERE sc.cycle_id = ?1";

fn choice_from_row(r: &Row<'_>) -> rusqlite::Result<ServeChoice> {
    Ok(ServeChoice {
        id: r.uuid("id")?,
        team_id: r.opt_uuid("team_id")?,
        name: r.get("name")?,
        segment: r.get("segment")?,
        stance: r.stored("stance")?,
        weight: r.get("weight")?,
        note: r.get("note")?,
        trashed: r.get("trashed")?,
    })
}

const SELECT_AXIS: &str =
    "SELECT id, cycle_id, pole_a, pole_b, lean, note, created_at, updated_at FROM tradeoff_axis";

fn axis_from_row(r: &Row<'_>) -> rusqlite::Result<TradeoffAxis> {
    Ok(TradeoffAxis {
        id: r.uuid("id")?,
        cycle_id: r.uuid("cycle_id")?,
        pole_a: r.get("pole_a")?,
        pole_b: r.get("pole_b")?,
        lean: r.get("lean")?,
        note: r.get("note")?,
        created_at: r.time("created_at")?,
        updated_at: r.time("updated_at")?,
    })
}

fn clean_axis(input: &AxisInput) -> Result<(String, String, i8, String), DomainError> {
    let max = crate::store::limits::SOLUTION_TITLE;
    let a = line(
        "poleA",
        &input.pole_a,
        max,
        Some("name both goods, e.g. \"flexibility\" vs. \"stability\""),
    )?;
    let b = line(
        "poleB",
        &input.pole_b,
        max,
        Some("name both goods, e.g. \"flexibility\" vs. \"stability\""),
    )?;
    if a.to_lowercase() == b.to_lowercase() {
        return Err(DomainError::invalid(
            "poleB",
            "a trade-off is between two different goods",
        ));
    }
    if !(-2..=2).contains(&input.lean) {
        return Err(DomainError::invalid(
            "lean",
            "lean is from -2 (all the way to the first) to 2 (all the way to the second)",
        ));
    }
    let note = bounded("note", &input.note, crate::store::limits::PLAN_TEXT, None)?;
    Ok((a, b, input.lean, note))
}

impl Db<'_> {
    /// A cycle's trade-offs.
    pub fn tradeoffs(&self, cycle: Uuid) -> Result<Tradeoffs, DomainError> {
        let (_, mode) = self.cycle_head(cycle)?;
        let mut serve: Vec<ServeChoice> = self
            .conn
            .prepare_cached(SELECT_CHOICE)?
            .query_map([cycle.to_string()], choice_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        serve.sort_by(|a, b| {
            a.stance
                .cmp(&b.stance)
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        let axes = self
            .conn
            .prepare_cached(&format!(
                "{SELECT_AXIS} WHERE cycle_id = ?1 AND deleted_at IS NULL ORDER BY created_at, id"
            ))?
            .query_map([cycle.to_string()], axis_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Tradeoffs {
            cycle_id: cycle,
            serve,
            axes,
            read_only: mode == crate::store::policy::CycleMode::Closed,
        })
    }

    /// The stances that weigh reach in a cycle (teams in the trash weigh no one).
    pub(crate) fn stances(&self, cycle: Uuid) -> Result<Stances, DomainError> {
        let mut stances = Stances::default();
        let mut stmt = self.conn.prepare_cached(SELECT_CHOICE)?;
        let mut rows = stmt.query([cycle.to_string()])?;
        while let Some(r) = rows.next()? {
            let c = choice_from_row(r)?;
            if c.trashed {
                continue;
            }
            let weighs = Arc::new(Weighs {
                name: c.name,
                by_team: c.team_id.is_some(),
                stance: c.stance,
                weight: c.weight,
            });
            match (c.team_id, c.segment) {
                (Some(team), _) => {
                    stances.teams.insert(team, weighs);
                }
                (None, Some(segment)) => {
                    // Speakers' segments are trimmed and in lower case.
                    stances.segments.insert(segment.to_lowercase(), weighs);
                }
                (None, None) => {}
            }
        }
        Ok(stances)
    }

    fn axis(&self, id: Uuid) -> Result<TradeoffAxis, DomainError> {
        self.conn
            .prepare_cached(&format!(
                "{SELECT_AXIS} WHERE id = ?1 AND deleted_at IS NULL"
            ))?
            .query_row([id.to_string()], axis_from_row)
            .optional()?
            .ok_or_else(|| DomainError::NotFound {
                entity: "trade-off",
                id: id.to_string(),
            })
    }
}

impl Tx<'_> {
    /// Takes (or, without a stance, drops) a stance on one team or one segment.
    pub fn set_serve(&self, cycle: Uuid, input: &ServeInput) -> Result<Tradeoffs, DomainError> {
        self.require(cycle, Act::Prioritize)?;
        let segment = input.segment.as_deref().map(clean_segment);
        let (team, segment) = match (input.team_id, segment) {
            (Some(team), None) => {
                let live: bool = self.conn.query_row(
                    "SELECT count(*) > 0 FROM team_view WHERE id = ?1 AND deleted_at IS NULL",
                    [team.to_string()],
                    |r| r.get(0),
                )?;
                if !live {
                    return Err(DomainError::NotFound {
                        entity: "team",
                        id: team.to_string(),
                    });
                }
                (Some(team.to_string()), None)
            }
            (None, Some(s)) if !s.is_empty() => {
                if s.chars().count() > crate::store::limits::SHORT {
                    return Err(DomainError::invalid(
                        "segment",
                        crate::store::wording::too_long(
                            s.chars().count(),
                            crate::store::limits::SHORT,
                        ),
                    ));
                }
                (None, Some(s))
            }
            _ => {
                return Err(DomainError::invalid(
                    "serve",
                    "choose one team or one segment",
                ))
            }
        };
        let note = bounded("note", &input.note, crate::store::limits::PLAN_TEXT, None)?;
        self.conn.execute(
            "DELETE FROM serve_choice WHERE cycle_id = ?1
               AND coalesce(team_id, '') = coalesce(?2, '')
               AND lower(coalesce(segment, '')) = lower(coalesce(?3, ''))",
            params![cycle.to_string(), team, segment],
        )?;
        if let Some(stance) = input.stance {
            let weight = input.weight.unwrap_or(stance.default_weight());
            if !weight.is_finite() || weight <= 0.0 || weight > 10.0 {
                return Err(DomainError::invalid(
                    "weight",
                    "a weight is above 0 and at most 10 (1 counts a person once)",
                ));
            }
            self.conn.execute(
                "INSERT INTO serve_choice (id, cycle_id, team_id, segment, stance, weight, note, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    new_id().to_string(),
                    cycle.to_string(),
                    team,
                    segment,
                    stance.as_stored(),
                    weight,
                    note,
                    self.now_text()
                ],
            )?;
        }
        self.tradeoffs(cycle)
    }

    /// Adds a trade-off to a cycle.
    pub fn create_axis(&self, cycle: Uuid, input: &AxisInput) -> Result<TradeoffAxis, DomainError> {
        self.require(cycle, Act::Prioritize)?;
        let (a, b, lean, note) = clean_axis(input)?;
        let id = new_id();
        self.conn.execute(
            "INSERT INTO tradeoff_axis (id, cycle_id, pole_a, pole_b, lean, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![id.to_string(), cycle.to_string(), a, b, lean, note, self.now_text()],
        )?;
        self.axis(id)
    }

    /// Replaces a trade-off's poles, lean and note.
    pub fn update_axis(&self, id: Uuid, input: &AxisInput) -> Result<TradeoffAxis, DomainError> {
        self.require_in("tradeoff_axis", id, false, Act::Prioritize)?;
        let (a, b, lean, note) = clean_axis(input)?;
        self.conn.execute(
            "UPDATE tradeoff_axis SET pole_a = ?2, pole_b = ?3, lean = ?4, note = ?5, updated_at = ?6
             WHERE id = ?1",
            params![id.to_string(), a, b, lean, note, self.now_text()],
        )?;
        self.axis(id)
    }

    /// Moves a trade-off to the trash.
    pub fn delete_axis(&self, id: Uuid) -> Result<(), DomainError> {
        self.require_in("tradeoff_axis", id, false, Act::Prioritize)?;
        self.move_to_trash("tradeoff_axis", id)
    }
}
