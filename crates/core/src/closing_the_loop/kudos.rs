//! Kudos: appreciation received from the platform's users, or given to them, with the
//! day, the people and what for. A kudos can be cited in a document like an
//! observation: `[@kudos:UUID]`.

use crate::discovery::person::{check_people, PersonRef};
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::input::{bounded, check_date, date_text};
use crate::store::limits::OBSERVATION_TEXT;
use crate::store::row::{stored, RowExt, Stored};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Which way the appreciation went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KudosDirection {
    /// Users thanked the platform team.
    Received,
    /// The platform team thanked someone.
    Given,
}

stored!(KudosDirection, "direction of a kudos", {
    Received => "received",
    Given => "given",
});

/// One kudos.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Kudos {
    pub id: Uuid,
    pub direction: KudosDirection,
    #[ts(type = "string")]
    pub given_on: NaiveDate,
    /// What for, in their words.
    pub what: String,
    /// Who gave it (received) or who was thanked (given).
    pub people: Vec<PersonRef>,
    /// The teams of those people, by name.
    pub teams: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A kudos's fields.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KudosInput {
    pub direction: KudosDirection,
    #[ts(type = "string")]
    pub given_on: NaiveDate,
    pub what: String,
    #[serde(default)]
    pub people: Vec<Uuid>,
}

fn write_people(conn: &Connection, kudos: Uuid, people: &[Uuid]) -> Result<(), DomainError> {
    check_people(conn, people)?;
    conn.execute(
        "DELETE FROM kudos_person WHERE kudos_id = ?1",
        [kudos.to_string()],
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO kudos_person (kudos_id, person_id) VALUES (?1, ?2)",
    )?;
    for p in people {
        stmt.execute(params![kudos.to_string(), p.to_string()])?;
    }
    Ok(())
}

impl Db<'_> {
    /// Every live kudos, newest first: the timeline.
    pub fn list_kudos(&self) -> Result<Vec<Kudos>, DomainError> {
        let mut list: Vec<Kudos> = self
            .conn
            .prepare_cached(
                "SELECT id, direction, given_on, what, created_at, updated_at FROM kudos
                 WHERE deleted_at IS NULL ORDER BY given_on DESC, created_at DESC, id",
            )?
            .query_map([], |r| {
                Ok(Kudos {
                    id: r.uuid("id")?,
                    direction: r.stored("direction")?,
                    given_on: r.date("given_on")?,
                    what: r.get("what")?,
                    people: Vec::new(),
                    teams: Vec::new(),
                    created_at: r.time("created_at")?,
                    updated_at: r.time("updated_at")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut people = self.conn.prepare_cached(
            "SELECT p.id, p.name, coalesce(t.name, '') AS team FROM kudos_person k
             JOIN person_view p ON p.id = k.person_id AND p.deleted_at IS NULL
             LEFT JOIN team_view t ON t.id = p.team_id AND t.deleted_at IS NULL
             WHERE k.kudos_id = ?1 ORDER BY p.name COLLATE NOCASE",
        )?;
        for k in &mut list {
            let rows: Vec<(PersonRef, String)> = people
                .query_map([k.id.to_string()], |r| {
                    Ok((
                        PersonRef {
                            id: r.uuid("id")?,
                            name: r.get("name")?,
                        },
                        r.get("team")?,
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for (person, team) in rows {
                if !team.is_empty() && !k.teams.contains(&team) {
                    k.teams.push(team);
                }
                k.people.push(person);
            }
            k.teams.sort();
        }
        Ok(list)
    }

    fn kudos(&self, id: Uuid) -> Result<Kudos, DomainError> {
        self.list_kudos()?
            .into_iter()
            .find(|k| k.id == id)
            .ok_or_else(|| DomainError::NotFound {
                entity: "kudos",
                id: id.to_string(),
            })
    }
}

fn clean(input: &KudosInput) -> Result<(NaiveDate, String), DomainError> {
    Ok((
        check_date("date", input.given_on)?,
        bounded(
            "what",
            &input.what,
            OBSERVATION_TEXT,
            Some("say what the kudos was for, in their words"),
        )?,
    ))
}

impl Tx<'_> {
    /// Keeps a kudos.
    pub fn create_kudos(&self, input: &KudosInput) -> Result<Kudos, DomainError> {
        let (given_on, what) = clean(input)?;
        let id = new_id();
        self.conn.execute(
            "INSERT INTO kudos (id, direction, given_on, what, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![
                id.to_string(),
                input.direction.as_stored(),
                date_text(given_on),
                what,
                self.now_text()
            ],
        )?;
        write_people(self.conn, id, &input.people)?;
        self.kudos(id)
    }

    /// Replaces a kudos's fields and people.
    pub fn update_kudos(&self, id: Uuid, input: &KudosInput) -> Result<Kudos, DomainError> {
        self.kudos(id)?;
        let (given_on, what) = clean(input)?;
        self.conn.execute(
            "UPDATE kudos SET direction = ?2, given_on = ?3, what = ?4, updated_at = ?5 WHERE id = ?1",
            params![
                id.to_string(),
                input.direction.as_stored(),
                date_text(given_on),
                what,
                self.now_text()
            ],
        )?;
        write_people(self.conn, id, &input.people)?;
        self.kudos(id)
    }

    /// Moves a kudos to the trash; documents citing it keep what it said.
    pub fn delete_kudos(&self, id: Uuid) -> Result<(), DomainError> {
        self.kudos(id)?;
        self.move_to_trash("kudos", id)
    }
}
