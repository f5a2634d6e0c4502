//! Adoption and migrations: per team, the milestones of adopting a platform capability
//! or finishing a migration, planned and done, and how much of the team has moved.
//! Migrations are part of the users' experience, so they are tracked like it.

use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::input::{check_date, date_text, line};
use crate::store::limits::{NAME, SOLUTION_TITLE};
use crate::store::row::{stored, RowExt, Stored};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Most milestones one adoption holds.
pub const MAX_MILESTONES: usize = 100;

/// Taking up something new, or moving off something old.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AdoptionKind {
    Adoption,
    Migration,
}

stored!(AdoptionKind, "kind of adoption", {
    Adoption => "adoption",
    Migration => "migration",
});

/// How an adoption is going, today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AdoptionState {
    /// No milestones yet.
    NotPlanned,
    /// Every milestone planned so far is done or not yet due.
    OnTrack,
    /// A milestone is past its planned day and not done.
    Late,
    /// Every milestone is done.
    Done,
}

/// One step of an adoption.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Milestone {
    pub id: Uuid,
    pub title: String,
    #[ts(type = "string | null")]
    pub planned_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub done_on: Option<NaiveDate>,
    /// How much of the team has moved once it is done, 0 to 100.
    #[ts(type = "number | null")]
    pub percent: Option<f64>,
    /// Past its planned day and not done.
    pub late: bool,
}

/// A team's adoption of a capability, or its migration.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Adoption {
    pub id: Uuid,
    pub team_id: Uuid,
    pub team_name: String,
    pub capability: String,
    pub kind: AdoptionKind,
    /// In planned order (unplanned last).
    pub milestones: Vec<Milestone>,
    /// How much has moved: the highest percentage of a done milestone, 100 when
    /// all are done, 0 before any.
    pub percent: f64,
    pub state: AdoptionState,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An adoption's fields.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AdoptionInput {
    pub team_id: Uuid,
    pub capability: String,
    pub kind: AdoptionKind,
}

/// A milestone's fields.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MilestoneInput {
    pub title: String,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub planned_on: Option<NaiveDate>,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub done_on: Option<NaiveDate>,
    #[serde(default)]
    #[ts(type = "number | null")]
    pub percent: Option<f64>,
}

fn clean_milestone(input: &MilestoneInput) -> Result<MilestoneInput, DomainError> {
    let title = line(
        "title",
        &input.title,
        SOLUTION_TITLE,
        Some("a milestone needs a title, e.g. \"First service on the new runners\""),
    )?;
    let planned_on = input
        .planned_on
        .map(|d| check_date("planned", d))
        .transpose()?;
    let done_on = input.done_on.map(|d| check_date("done", d)).transpose()?;
    if planned_on.is_none() && done_on.is_none() {
        return Err(DomainError::invalid(
            "planned",
            "give a milestone the day it is planned for, or the day it was done",
        ));
    }
    if let Some(p) = input.percent {
        if !p.is_finite() || !(0.0..=100.0).contains(&p) {
            return Err(DomainError::invalid(
                "percent",
                "a share migrated is between 0 and 100 percent",
            ));
        }
    }
    Ok(MilestoneInput {
        title,
        planned_on,
        done_on,
        percent: input.percent,
    })
}

/// The percentage moved and the state, from the milestones as they stand `today`.
fn progress(milestones: &[Milestone]) -> (f64, AdoptionState) {
    if milestones.is_empty() {
        return (0.0, AdoptionState::NotPlanned);
    }
    if milestones.iter().all(|m| m.done_on.is_some()) {
        return (100.0, AdoptionState::Done);
    }
    let percent = milestones
        .iter()
        .filter(|m| m.done_on.is_some())
        .filter_map(|m| m.percent)
        .fold(0.0, f64::max);
    let state = if milestones.iter().any(|m| m.late) {
        AdoptionState::Late
    } else {
        AdoptionState::OnTrack
    };
    (percent, state)
}

impl Db<'_> {
    /// Every live adoption and migration, by team, then capability.
    pub fn list_adoptions(&self) -> Result<Vec<Adoption>, DomainError> {
        let today = self.now().date_naive();
        let mut list: Vec<Adoption> = self
            .conn
            .prepare_cached(
                "SELECT a.id, a.team_id, coalesce(t.name, '') AS team_name, a.capability, a.kind,
                    a.created_at, a.updated_at
                 FROM adoption a LEFT JOIN team_view t ON t.id = a.team_id
                 WHERE a.deleted_at IS NULL
                 ORDER BY team_name COLLATE NOCASE, a.capability COLLATE NOCASE, a.id",
            )?
            .query_map([], |r| {
                Ok(Adoption {
                    id: r.uuid("id")?,
                    team_id: r.uuid("team_id")?,
                    team_name: r.get("team_name")?,
                    capability: r.get("capability")?,
                    kind: r.stored("kind")?,
                    milestones: Vec::new(),
                    percent: 0.0,
                    state: AdoptionState::NotPlanned,
                    created_at: r.time("created_at")?,
                    updated_at: r.time("updated_at")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, planned_on, done_on, percent FROM adoption_milestone
             WHERE adoption_id = ?1 AND deleted_at IS NULL
             ORDER BY coalesce(planned_on, done_on), created_at, id",
        )?;
        for a in &mut list {
            a.milestones = stmt
                .query_map([a.id.to_string()], |r| {
                    let planned_on = r.opt_date("planned_on")?;
                    let done_on = r.opt_date("done_on")?;
                    Ok(Milestone {
                        id: r.uuid("id")?,
                        title: r.get("title")?,
                        planned_on,
                        done_on,
                        percent: r.get("percent")?,
                        late: done_on.is_none() && planned_on.is_some_and(|p| p < today),
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            (a.percent, a.state) = progress(&a.milestones);
        }
        Ok(list)
    }

    fn adoption(&self, id: Uuid) -> Result<Adoption, DomainError> {
        self.list_adoptions()?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(|| DomainError::NotFound {
                entity: "adoption",
                id: id.to_string(),
            })
    }
}

impl Tx<'_> {
    /// Starts tracking a team's adoption of a capability, or its migration.
    pub fn create_adoption(&self, input: &AdoptionInput) -> Result<Adoption, DomainError> {
        self.team(input.team_id)?;
        let capability = line(
            "capability",
            &input.capability,
            NAME,
            Some("name the capability, e.g. \"Managed Postgres\""),
        )?;
        let id = new_id();
        self.conn.execute(
            "INSERT INTO adoption (id, team_id, capability, kind, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![
                id.to_string(),
                input.team_id.to_string(),
                capability,
                input.kind.as_stored(),
                self.now_text()
            ],
        )?;
        self.adoption(id)
    }

    /// Changes an adoption's team, capability or kind.
    pub fn update_adoption(
        &self,
        id: Uuid,
        input: &AdoptionInput,
    ) -> Result<Adoption, DomainError> {
        self.adoption(id)?;
        self.team(input.team_id)?;
        let capability = line(
            "capability",
            &input.capability,
            NAME,
            Some("name the capability, e.g. \"Managed Postgres\""),
        )?;
        self.conn.execute(
            "UPDATE adoption SET team_id = ?2, capability = ?3, kind = ?4, updated_at = ?5 WHERE id = ?1",
            params![
                id.to_string(),
                input.team_id.to_string(),
                capability,
                input.kind.as_stored(),
                self.now_text()
            ],
        )?;
        self.adoption(id)
    }

    /// Moves an adoption (with its milestones) to the trash.
    pub fn delete_adoption(&self, id: Uuid) -> Result<(), DomainError> {
        self.adoption(id)?;
        self.move_to_trash("adoption", id)
    }

    /// Adds a milestone to an adoption.
    pub fn add_milestone(
        &self,
        adoption: Uuid,
        input: &MilestoneInput,
    ) -> Result<Adoption, DomainError> {
        let a = self.adoption(adoption)?;
        if a.milestones.len() >= MAX_MILESTONES {
            return Err(DomainError::invalid(
                "milestones",
                format!("an adoption holds at most {MAX_MILESTONES} milestones"),
            ));
        }
        let m = clean_milestone(input)?;
        self.conn.execute(
            "INSERT INTO adoption_milestone (id, adoption_id, title, planned_on, done_on, percent, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                new_id().to_string(),
                adoption.to_string(),
                m.title,
                m.planned_on.map(date_text),
                m.done_on.map(date_text),
                m.percent,
                self.now_text()
            ],
        )?;
        self.touch_adoption(adoption)
    }

    /// Changes a milestone: marks it done, moves its plan, sets the share migrated.
    pub fn update_milestone(
        &self,
        id: Uuid,
        input: &MilestoneInput,
    ) -> Result<Adoption, DomainError> {
        let adoption = self.milestone_adoption(id)?;
        let m = clean_milestone(input)?;
        self.conn.execute(
            "UPDATE adoption_milestone SET title = ?2, planned_on = ?3, done_on = ?4, percent = ?5,
                updated_at = ?6 WHERE id = ?1",
            params![
                id.to_string(),
                m.title,
                m.planned_on.map(date_text),
                m.done_on.map(date_text),
                m.percent,
                self.now_text()
            ],
        )?;
        self.touch_adoption(adoption)
    }

    /// Moves a milestone to the trash.
    pub fn delete_milestone(&self, id: Uuid) -> Result<Adoption, DomainError> {
        let adoption = self.milestone_adoption(id)?;
        self.move_to_trash("adoption_milestone", id)?;
        self.touch_adoption(adoption)
    }

    fn milestone_adoption(&self, id: Uuid) -> Result<Uuid, DomainError> {
        self.conn
            .prepare_cached(
                "SELECT m.adoption_id FROM adoption_milestone m JOIN adoption a ON a.id = m.adoption_id
                 WHERE m.id = ?1 AND m.deleted_at IS NULL AND a.deleted_at IS NULL",
            )?
            .query_row([id.to_string()], |r| r.uuid("adoption_id"))
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => DomainError::NotFound {
                    entity: "milestone",
                    id: id.to_string(),
                },
                e => e.into(),
            })
    }

    fn touch_adoption(&self, id: Uuid) -> Result<Adoption, DomainError> {
        self.conn.execute(
            "UPDATE adoption SET updated_at = ?2 WHERE id = ?1",
            params![id.to_string(), self.now_text()],
        )?;
        self.adoption(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(planned: Option<&str>, done: Option<&str>, percent: Option<f64>, late: bool) -> Milestone {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        Milestone {
            id: Uuid::nil(),
            title: "step".into(),
            planned_on: planned.map(d),
            done_on: done.map(d),
            percent,
            late,
        }
    }

    #[test]
    fn progress_is_the_highest_share_done_and_all_done_is_a_hundred() {
        assert_eq!(progress(&[]), (0.0, AdoptionState::NotPlanned));
        let two = [
            m(Some("2027-01-01"), Some("2027-01-03"), Some(40.0), false),
            m(Some("2027-03-01"), None, Some(90.0), false),
        ];
        assert_eq!(progress(&two), (40.0, AdoptionState::OnTrack));
        let late = [two[0].clone(), m(Some("2027-03-01"), None, None, true)];
        assert_eq!(progress(&late).1, AdoptionState::Late);
        let done = [
            two[0].clone(),
            m(None, Some("2027-02-01"), Some(70.0), false),
        ];
        assert_eq!(progress(&done), (100.0, AdoptionState::Done));
    }
}
