//! Stakeholder cadence: how often to check in with someone, who is due or overdue,
//! and their answers to the three questions (goals, how we can support them, how they
//! like to work with us) kept by date, so a profile shows how they changed.

use crate::discovery::person::{PersonRef, Relation};
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::input::{bounded, check_date, date_text};
use crate::store::limits::ANSWER;
use crate::store::row::RowExt;
use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// The longest rhythm, in weeks: twice a year round.
pub const MAX_CHECKIN_WEEKS: u32 = 104;
/// A check-in falling due within this many days is listed as due.
pub const DUE_SOON_DAYS: u64 = 7;

/// A person and everyone merged into them (through chains of merges): their
/// check-ins stay where they were written, and reads follow the merge.
const FOLDED: &str = "WITH RECURSIVE folded(id) AS (
        SELECT ?1 UNION SELECT p.id FROM person p JOIN folded f ON p.merged_into = f.id)";

/// A stakeholder's answers to the three questions, as given on one day.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Checkin {
    pub id: Uuid,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    pub goals: String,
    pub support: String,
    pub interaction: String,
    pub created_at: DateTime<Utc>,
}

/// The answers of a check-in.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckinInput {
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    #[serde(default)]
    pub goals: String,
    #[serde(default)]
    pub support: String,
    #[serde(default)]
    pub interaction: String,
}

/// Where a check-in stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    /// Past its day.
    Overdue,
    /// Within a week.
    Due,
    /// Later.
    Upcoming,
}

/// A person with a check-in rhythm, and when the next check-in falls.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckinDue {
    pub person: PersonRef,
    pub team_name: String,
    pub relation: Relation,
    pub weeks: u32,
    /// The later of their last session and their last check-in; none if never.
    #[ts(type = "string | null")]
    pub last_contact: Option<NaiveDate>,
    /// A rhythm with no contact yet is due today.
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    pub state: DueState,
    /// Days past the due day (0 unless overdue).
    pub days_overdue: u32,
}

fn clean(input: &CheckinInput) -> Result<CheckinInput, DomainError> {
    let out = CheckinInput {
        held_on: check_date("date", input.held_on)?,
        goals: bounded("goals", &input.goals, ANSWER, None)?,
        support: bounded("support", &input.support, ANSWER, None)?,
        interaction: bounded("interaction", &input.interaction, ANSWER, None)?,
    };
    if out.goals.is_empty() && out.support.is_empty() && out.interaction.is_empty() {
        return Err(DomainError::invalid(
            "answers",
            "a check-in keeps at least one of the three answers",
        ));
    }
    Ok(out)
}

impl Db<'_> {
    /// A person's check-ins (theirs and those of people merged into them), newest first.
    pub fn checkins(&self, person: Uuid) -> Result<Vec<Checkin>, DomainError> {
        let list = self
            .conn
            .prepare_cached(&format!(
                "{FOLDED} SELECT id, held_on, goals, support, interaction, created_at FROM checkin
                 WHERE person_id IN folded AND deleted_at IS NULL
                 ORDER BY held_on DESC, created_at DESC, id"
            ))?
            .query_map([person.to_string()], |r| {
                Ok(Checkin {
                    id: r.uuid("id")?,
                    held_on: r.date("held_on")?,
                    goals: r.get("goals")?,
                    support: r.get("support")?,
                    interaction: r.get("interaction")?,
                    created_at: r.time("created_at")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// Everyone with a check-in rhythm, the most overdue first.
    pub fn checkins_due(&self) -> Result<Vec<CheckinDue>, DomainError> {
        let today = self.now().date_naive();
        let rows: Vec<(PersonRef, String, Relation, u32, Option<NaiveDate>)> = self
            .conn
            .prepare_cached(
                "WITH RECURSIVE folded(root, id) AS (
                    SELECT id, id FROM person WHERE checkin_weeks IS NOT NULL AND deleted_at IS NULL
                    UNION SELECT f.root, p.id FROM person p JOIN folded f ON p.merged_into = f.id)
                 SELECT p.id, p.name, coalesce(t.name, '') AS team_name, p.relation, p.checkin_weeks,
                    max(
                        coalesce((SELECT max(s.held_on) FROM session_asked sa JOIN session s ON s.id = sa.session_id
                                  WHERE sa.person_id = p.id AND s.deleted_at IS NULL), ''),
                        coalesce((SELECT max(c.held_on) FROM checkin c JOIN folded f ON f.id = c.person_id
                                  WHERE f.root = p.id AND c.deleted_at IS NULL), '')
                    ) AS last_contact
                 FROM person p LEFT JOIN team t ON t.id = p.team_id AND t.deleted_at IS NULL
                 WHERE p.checkin_weeks IS NOT NULL AND p.deleted_at IS NULL",
            )?
            .query_map([], |r| {
                let last: String = r.get("last_contact")?;
                let last = if last.is_empty() {
                    None
                } else {
                    r.opt_date("last_contact")?
                };
                Ok((
                    PersonRef {
                        id: r.uuid("id")?,
                        name: r.get("name")?,
                    },
                    r.get("team_name")?,
                    r.stored("relation")?,
                    r.get("checkin_weeks")?,
                    last,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut due: Vec<CheckinDue> = rows
            .into_iter()
            .map(|(person, team_name, relation, weeks, last_contact)| {
                let due_on = last_contact
                    .and_then(|d| d.checked_add_days(Days::new(u64::from(weeks) * 7)))
                    .unwrap_or(today);
                let state = if due_on < today {
                    DueState::Overdue
                } else if due_on <= today + Days::new(DUE_SOON_DAYS) {
                    DueState::Due
                } else {
                    DueState::Upcoming
                };
                CheckinDue {
                    person,
                    team_name,
                    relation,
                    weeks,
                    last_contact,
                    due_on,
                    state,
                    days_overdue: (today - due_on).num_days().max(0) as u32,
                }
            })
            .collect();
        due.sort_by(|a, b| {
            a.due_on.cmp(&b.due_on).then_with(|| {
                a.person
                    .name
                    .to_lowercase()
                    .cmp(&b.person.name.to_lowercase())
            })
        });
        Ok(due)
    }
}

impl Tx<'_> {
    /// Sets how often to check in with a person, in weeks; `None` stops the rhythm.
    pub fn set_checkin_rhythm(&self, person: Uuid, weeks: Option<u32>) -> Result<(), DomainError> {
        self.live_person(person)?;
        if let Some(w) = weeks {
            if !(1..=MAX_CHECKIN_WEEKS).contains(&w) {
                return Err(DomainError::invalid(
                    "rhythm",
                    format!("check in every 1 to {MAX_CHECKIN_WEEKS} weeks"),
                ));
            }
        }
        self.conn.execute(
            "UPDATE person SET checkin_weeks = ?2, updated_at = ?3 WHERE id = ?1",
            params![person.to_string(), weeks, self.now_text()],
        )?;
        Ok(())
    }

    /// Keeps a stakeholder's answers of one day. The newest check-in's answers become
    /// the ones their profile shows; an older one only fills in the history.
    pub fn record_checkin(
        &self,
        person: Uuid,
        input: &CheckinInput,
    ) -> Result<Checkin, DomainError> {
        self.live_person(person)?;
        let input = clean(input)?;
        let newest: Option<String> = self
            .conn
            .prepare_cached(&format!(
                "{FOLDED} SELECT max(held_on) FROM checkin WHERE person_id IN folded AND deleted_at IS NULL"
            ))?
            .query_row([person.to_string()], |r| r.get(0))?;
        let id = new_id();
        let held_on = date_text(input.held_on);
        self.conn.execute(
            "INSERT INTO checkin (id, person_id, held_on, goals, support, interaction, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id.to_string(),
                person.to_string(),
                held_on,
                input.goals,
                input.support,
                input.interaction,
                self.now_text()
            ],
        )?;
        if newest.is_none_or(|n| held_on >= n) {
            self.conn.execute(
                "UPDATE person SET goals = ?2, support = ?3, interaction = ?4, updated_at = ?5 WHERE id = ?1",
                params![
                    person.to_string(),
                    input.goals,
                    input.support,
                    input.interaction,
                    self.now_text()
                ],
            )?;
        }
        self.checkins(person)?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| DomainError::NotFound {
                entity: "check-in",
                id: id.to_string(),
            })
    }

    /// Moves a check-in to the trash; the profile's current answers stay as they are.
    pub fn delete_checkin(&self, id: Uuid) -> Result<(), DomainError> {
        let found: Option<String> = self
            .conn
            .prepare_cached("SELECT id FROM checkin WHERE id = ?1 AND deleted_at IS NULL")?
            .query_row([id.to_string()], |r| r.get(0))
            .optional()?;
        if found.is_none() {
            return Err(DomainError::NotFound {
                entity: "check-in",
                id: id.to_string(),
            });
        }
        self.move_to_trash("checkin", id)
    }
}
