//! People and teams: the register of who the platform team listens to — internal
//! users, stakeholders (with their three feedback answers), peers, vendors — and how
//! often each was asked for their time.

pub mod checkin;

use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::input::{bounded, date_text, line};
use crate::store::kind::SourceKind;
use crate::store::limits;
use crate::store::row::{RowExt, Stored};
use crate::store::sql::{id_list, Args};
use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Longest name (of a person or a team), in characters.
pub const MAX_NAME: usize = limits::NAME;
/// Longest short field (role, org area, segment), in characters.
pub const MAX_SHORT: usize = limits::SHORT;
/// Longest answer to one of the three stakeholder questions, in characters.
pub const MAX_ANSWER: usize = limits::ANSWER;
/// Most people one session or observation may name.
pub const MAX_PEOPLE_PER_ITEM: usize = limits::PEOPLE_PER_ITEM;
/// How far back ask-load looks.
pub const ASK_LOAD_DAYS: u64 = 90;
/// The ask-load warning threshold until a team sets its own.
pub const DEFAULT_ASK_LOAD_THRESHOLD: u32 = 3;
const ASK_LOAD_THRESHOLD_KEY: &str = "ask_load_threshold";

/// How a person relates to the platform team.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    #[default]
    InternalUser,
    Stakeholder,
    PeerCompany,
    Vendor,
    Researcher,
    Teammate,
}

impl Relation {
    pub const ALL: [Relation; 6] = [
        Self::InternalUser,
        Self::Stakeholder,
        Self::PeerCompany,
        Self::Vendor,
        Self::Researcher,
        Self::Teammate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::InternalUser => "internal_user",
            Self::Stakeholder => "stakeholder",
            Self::PeerCompany => "peer_company",
            Self::Vendor => "vendor",
            Self::Researcher => "researcher",
            Self::Teammate => "teammate",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl Stored for Relation {
    const WHAT: &'static str = "relation";
    fn as_stored(self) -> &'static str {
        self.as_str()
    }
    fn all() -> &'static [Self] {
        &Self::ALL
    }
}

/// A team of the company (or outside it) whose people the platform team hears from.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Team {
    pub id: Uuid,
    pub name: String,
    pub org_area: String,
    /// The customer segment the team belongs to, e.g. "Data & ML".
    pub segment: String,
    /// Live people in the team.
    pub people: u32,
}

/// A team's fields, for creating or replacing.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamInput {
    pub name: String,
    #[serde(default)]
    pub org_area: String,
    #[serde(default)]
    pub segment: String,
}

/// A person named somewhere (a session's participant, an observation's source).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonRef {
    pub id: Uuid,
    pub name: String,
}

/// A person as a list row or picker entry.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonSummary {
    pub id: Uuid,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub team_id: Option<Uuid>,
    /// The team's name, empty without one.
    pub team_name: String,
    pub role: String,
    pub relation: Relation,
    /// The date of the latest session they took part in.
    #[ts(type = "string | null")]
    pub last_contact: Option<NaiveDate>,
    /// Sessions (surveys included) that involved them in the last 90 days.
    pub ask_load: u32,
}

/// A session someone took part in, for their profile.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonSession {
    pub id: Uuid,
    pub kind: SourceKind,
    pub title: String,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
}

/// A person's whole profile.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    #[serde(flatten)]
    pub summary: PersonSummary,
    /// Their goals (stakeholder question 1).
    pub goals: String,
    /// How the platform team can support them (question 2).
    pub support: String,
    /// Their preferred form of interaction (question 3).
    pub interaction: String,
    /// Live sessions they took part in, newest first.
    pub sessions: Vec<PersonSession>,
    /// Live observations attributed to them.
    pub observation_count: u32,
    /// How often to check in with them, in weeks; none without a rhythm.
    #[ts(type = "number | null")]
    pub checkin_weeks: Option<u32>,
    /// Their dated answers to the three questions, newest first.
    pub checkins: Vec<crate::discovery::person::checkin::Checkin>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A person's fields, for creating or replacing.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonInput {
    pub name: String,
    #[serde(default)]
    #[ts(optional)]
    pub team_id: Option<Uuid>,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub relation: Relation,
    #[serde(default)]
    pub goals: String,
    #[serde(default)]
    pub support: String,
    #[serde(default)]
    pub interaction: String,
}

/// Which people to list.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeopleQuery {
    /// Only names containing this text (any case); everyone when empty.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    #[ts(optional)]
    pub team_id: Option<Uuid>,
    #[serde(default)]
    #[ts(optional)]
    pub relation: Option<Relation>,
}

/// Columns of a [`PersonSummary`]; `?1` is the first day counted by ask-load.
// The team id is the person's own link (kept while the team is in the trash, so an
// edit meanwhile does not drop it); the name shows only while the team is live.
const PERSON_COLUMNS: &str =
    "SELECT p.id, p.name, p.team_id, coalesce(t.name, '') AS team_name, p.role, p.relation,
        (SELECT max(s.held_on) FROM session_asked sp JOIN session s ON s.id = sp.session_id
         WHERE sp.person_id = p.id AND s.deleted_at IS NULL) AS last_contact,
        (SELECT count(*) FROM session_asked sp JOIN session s ON s.id = sp.session_id
         WHERE sp.person_id = p.id AND s.deleted_at IS NULL AND s.held_on >= ?1) AS ask_load";
const PERSON_FROM: &str =
    "FROM person p LEFT JOIN team t ON t.id = p.team_id AND t.deleted_at IS NULL";

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<PersonSummary> {
    Ok(PersonSummary {
        id: row.uuid("id")?,
        name: row.get("name")?,
        team_id: row.opt_uuid("team_id")?,
        team_name: row.get("team_name")?,
        role: row.get("role")?,
        relation: row.stored("relation")?,
        last_contact: row.opt_date("last_contact")?,
        ask_load: row.get("ask_load")?,
    })
}

fn clean_team(input: &TeamInput) -> Result<TeamInput, DomainError> {
    Ok(TeamInput {
        name: line(
            "name",
            &input.name,
            MAX_NAME,
            Some("a team needs a name, e.g. \"Payments\""),
        )?,
        org_area: line("org area", &input.org_area, MAX_SHORT, None)?,
        segment: line("segment", &input.segment, MAX_SHORT, None)?,
    })
}

fn team_name_error(e: rusqlite::Error, name: &str) -> DomainError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => {
            DomainError::invalid("name", format!("a team named \"{name}\" already exists"))
        }
        _ => e.into(),
    }
}

/// Replaces the people of a session (in the order given).
pub(crate) fn write_session_people(
    conn: &Connection,
    session: Uuid,
    people: &[Uuid],
) -> Result<(), DomainError> {
    check_people(conn, people)?;
    conn.execute(
        "DELETE FROM session_person WHERE session_id = ?1",
        [session.to_string()],
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO session_person (session_id, person_id, position) VALUES (?1, ?2, ?3)",
    )?;
    for (i, person) in people.iter().enumerate() {
        stmt.execute(params![session.to_string(), person.to_string(), i as i64])?;
    }
    Ok(())
}

/// Refuses a list of people that is too long or names someone who is not a live person.
pub(crate) fn check_people(conn: &Connection, people: &[Uuid]) -> Result<(), DomainError> {
    if people.len() > MAX_PEOPLE_PER_ITEM {
        return Err(DomainError::invalid(
            "people",
            format!(
                "name at most {MAX_PEOPLE_PER_ITEM} people (this names {})",
                crate::store::wording::thousands(people.len())
            ),
        ));
    }
    let mut stmt =
        conn.prepare_cached("SELECT 1 FROM person WHERE id = ?1 AND deleted_at IS NULL")?;
    for person in people {
        if !stmt.exists([person.to_string()])? {
            return Err(DomainError::NotFound {
                entity: "person",
                id: person.to_string(),
            });
        }
    }
    Ok(())
}

/// The live people of a session, in their order.
pub(crate) fn session_people(conn: &Connection, session: Uuid) -> rusqlite::Result<Vec<PersonRef>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.name FROM session_person sp JOIN person p ON p.id = sp.person_id
         WHERE sp.session_id = ?1 AND p.deleted_at IS NULL ORDER BY sp.position, p.name",
    )?;
    let people = stmt
        .query_map([session.to_string()], |r| {
            Ok(PersonRef {
                id: r.uuid("id")?,
                name: r.get("name")?,
            })
        })?
        .collect();
    people
}

impl Db<'_> {
    /// The first day ask-load counts: 90 days before today.
    pub(crate) fn ask_load_since(&self) -> String {
        let today = self.now().date_naive();
        date_text(
            today
                .checked_sub_days(Days::new(ASK_LOAD_DAYS))
                .unwrap_or(today),
        )
    }

    /// One live team.
    pub fn team(&self, id: Uuid) -> Result<Team, DomainError> {
        self.list_teams()?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or_else(|| DomainError::NotFound {
                entity: "team",
                id: id.to_string(),
            })
    }

    /// Every live team, by name.
    pub fn list_teams(&self) -> Result<Vec<Team>, DomainError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.name, t.org_area, t.segment,
                    (SELECT count(*) FROM person p WHERE p.team_id = t.id AND p.deleted_at IS NULL) AS people
             FROM team t WHERE t.deleted_at IS NULL ORDER BY t.name COLLATE NOCASE",
        )?;
        let teams = stmt
            .query_map([], |r| {
                Ok(Team {
                    id: r.uuid("id")?,
                    name: r.get("name")?,
                    org_area: r.get("org_area")?,
                    segment: r.get("segment")?,
                    people: r.get("people")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(teams)
    }

    pub(crate) fn live_person(&self, id: Uuid) -> Result<(), DomainError> {
        let live = self
            .conn
            .prepare_cached("SELECT 1 FROM person WHERE id = ?1 AND deleted_at IS NULL")?
            .exists([id.to_string()])?;
        if live {
            Ok(())
        } else {
            Err(DomainError::NotFound {
                entity: "person",
                id: id.to_string(),
            })
        }
    }

    /// A live person's profile, with their sessions and last contact.
    pub fn person(&self, id: Uuid) -> Result<Person, DomainError> {
        let since = self.ask_load_since();
        let found = self
            .conn
            .prepare_cached(&format!(
                "{PERSON_COLUMNS}, p.goals, p.support, p.interaction, p.checkin_weeks, p.created_at, p.updated_at,
                    (SELECT count(*) FROM observation_person op JOIN observation o ON o.id = op.observation_id
                     WHERE op.person_id = p.id AND o.deleted_at IS NULL) AS observations
                 {PERSON_FROM} WHERE p.id = ?2 AND p.deleted_at IS NULL"
            ))?
            .query_row(params![since, id.to_string()], |r| {
                Ok(Person {
                    summary: summary_from_row(r)?,
                    goals: r.get("goals")?,
                    support: r.get("support")?,
                    interaction: r.get("interaction")?,
                    created_at: r.time("created_at")?,
                    updated_at: r.time("updated_at")?,
                    observation_count: r.get("observations")?,
                    checkin_weeks: r.get("checkin_weeks")?,
                    checkins: Vec::new(),
                    sessions: Vec::new(),
                })
            })
            .optional()?;
        let mut person = found.ok_or_else(|| DomainError::NotFound {
            entity: "person",
            id: id.to_string(),
        })?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.kind, s.title, s.held_on FROM session_asked sp
             JOIN session s ON s.id = sp.session_id
             WHERE sp.person_id = ?1 AND s.deleted_at IS NULL
             ORDER BY s.held_on DESC, s.id DESC",
        )?;
        person.sessions = stmt
            .query_map([id.to_string()], |r| {
                Ok(PersonSession {
                    id: r.uuid("id")?,
                    kind: r.stored("kind")?,
                    title: r.get("title")?,
                    held_on: r.date("held_on")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        person.checkins = self.checkins(id)?;
        Ok(person)
    }

    /// Live people matching `query`, by name.
    pub fn list_people(&self, query: &PeopleQuery) -> Result<Vec<PersonSummary>, DomainError> {
        let mut filter = String::from("p.deleted_at IS NULL");
        let mut args = Args::default();
        args.bind(self.ask_load_since());
        let text: String = crate::store::input::clean_line(&query.text)
            .chars()
            .take(limits::PEOPLE_QUERY)
            .collect();
        if !text.is_empty() {
            let pattern = format!(
                "%{}%",
                text.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            filter.push_str(&format!(
                " AND p.name LIKE {} ESCAPE '\\'",
                args.bind(pattern)
            ));
        }
        if let Some(team) = query.team_id {
            filter.push_str(&format!(" AND p.team_id = {}", args.bind(team.to_string())));
        }
        if let Some(relation) = query.relation {
            filter.push_str(&format!(
                " AND p.relation = {}",
                args.bind(relation.as_str().to_owned())
            ));
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "{PERSON_COLUMNS} {PERSON_FROM} WHERE {filter} ORDER BY p.name COLLATE NOCASE, p.id"
        ))?;
        let people = stmt
            .query_map(params_from_iter(args.iter()), summary_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(people)
    }

    /// Summaries of the given live people (for warnings about asking them again).
    pub fn people_by_id(&self, ids: &[Uuid]) -> Result<Vec<PersonSummary>, DomainError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "{PERSON_COLUMNS} {PERSON_FROM}
             WHERE p.deleted_at IS NULL AND p.id IN (SELECT value FROM json_each(?2))
             ORDER BY p.name COLLATE NOCASE"
        ))?;
        let people = stmt
            .query_map(
                params![self.ask_load_since(), id_list(ids)],
                summary_from_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(people)
    }

    /// How many sessions in 90 days make asking someone again worth a warning.
    pub fn ask_load_threshold(&self) -> Result<u32, DomainError> {
        Ok(self
            .meta_get(ASK_LOAD_THRESHOLD_KEY)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_ASK_LOAD_THRESHOLD))
    }

    fn clean_person(&self, input: &PersonInput) -> Result<PersonInput, DomainError> {
        if let Some(team) = input.team_id {
            // A trashed team is kept (restoring it brings the link back); an unknown one is not.
            let known = self
                .conn
                .prepare_cached("SELECT 1 FROM team WHERE id = ?1")?
                .exists([team.to_string()])?;
            if !known {
                return Err(DomainError::NotFound {
                    entity: "team",
                    id: team.to_string(),
                });
            }
        }
        Ok(PersonInput {
            name: line("name", &input.name, MAX_NAME, Some("a person needs a name"))?,
            team_id: input.team_id,
            role: line("role", &input.role, MAX_SHORT, None)?,
            relation: input.relation,
            goals: bounded("goals", &input.goals, MAX_ANSWER, None)?,
            support: bounded("support", &input.support, MAX_ANSWER, None)?,
            interaction: bounded("interaction", &input.interaction, MAX_ANSWER, None)?,
        })
    }
}

impl Tx<'_> {
    /// Adds a team by a name an import has already cleaned and found new, in bulk:
    /// no lookup, one insert.
    pub(crate) fn add_team_named(&self, name: &str) -> Result<Uuid, DomainError> {
        let id = new_id();
        self.conn
            .prepare_cached(
                "INSERT INTO team (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
            )?
            .execute(params![id.to_string(), name, self.now_text()])?;
        Ok(id)
    }

    /// Adds a person by a name an import has already cleaned and found new, in bulk.
    pub(crate) fn add_person_named(
        &self,
        name: &str,
        team: Option<Uuid>,
    ) -> Result<Uuid, DomainError> {
        let id = new_id();
        self.conn
            .prepare_cached(
                "INSERT INTO person (id, name, team_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            )?
            .execute(params![id.to_string(), name, team.map(|t| t.to_string()), self.now_text()])?;
        Ok(id)
    }
}

impl Tx<'_> {
    /// Creates a team.
    pub fn create_team(&self, input: &TeamInput) -> Result<Team, DomainError> {
        let t = clean_team(input)?;
        let id = new_id();
        self.conn
            .execute(
                "INSERT INTO team (id, name, org_area, segment, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![
                    id.to_string(),
                    t.name,
                    t.org_area,
                    t.segment,
                    self.now_text()
                ],
            )
            .map_err(|e| team_name_error(e, &t.name))?;
        self.team(id)
    }

    /// Replaces a team's fields.
    pub fn update_team(&self, id: Uuid, input: &TeamInput) -> Result<Team, DomainError> {
        let t = clean_team(input)?;
        self.team(id)?;
        self.conn
            .execute(
                "UPDATE team SET name = ?2, org_area = ?3, segment = ?4, updated_at = ?5 WHERE id = ?1",
                params![id.to_string(), t.name, t.org_area, t.segment, self.now_text()],
            )
            .map_err(|e| team_name_error(e, &t.name))?;
        self.team(id)
    }

    /// Moves a team to the trash; its people keep their link and show it again on restore.
    pub fn delete_team(&self, id: Uuid) -> Result<(), DomainError> {
        self.team(id)?;
        self.move_to_trash("team", id)
    }

    /// Adds a person to the register (also used inline, from a participant picker).
    pub fn create_person(&self, input: &PersonInput) -> Result<Person, DomainError> {
        let p = self.clean_person(input)?;
        let id = new_id();
        self.conn.execute(
            "INSERT INTO person (id, name, team_id, role, relation, goals, support, interaction, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                id.to_string(),
                p.name,
                p.team_id.map(|t| t.to_string()),
                p.role,
                p.relation.as_str(),
                p.goals,
                p.support,
                p.interaction,
                self.now_text()
            ],
        )?;
        self.person(id)
    }

    /// Replaces a person's fields.
    pub fn update_person(&self, id: Uuid, input: &PersonInput) -> Result<Person, DomainError> {
        self.live_person(id)?;
        let p = self.clean_person(input)?;
        self.conn.execute(
            "UPDATE person SET name = ?2, team_id = ?3, role = ?4, relation = ?5, goals = ?6,
                    support = ?7, interaction = ?8, updated_at = ?9
             WHERE id = ?1",
            params![
                id.to_string(),
                p.name,
                p.team_id.map(|t| t.to_string()),
                p.role,
                p.relation.as_str(),
                p.goals,
                p.support,
                p.interaction,
                self.now_text()
            ],
        )?;
        self.person(id)
    }

    /// Moves a person to the trash. Sessions and observations keep citing them;
    /// restoring brings every link back.
    pub fn delete_person(&self, id: Uuid) -> Result<(), DomainError> {
        self.live_person(id)?;
        self.move_to_trash("person", id)
    }

    /// Sets the team's ask-load threshold (1–100 sessions in 90 days).
    pub fn set_ask_load_threshold(&self, threshold: u32) -> Result<u32, DomainError> {
        if !(1..=100).contains(&threshold) {
            return Err(DomainError::invalid(
                "threshold",
                "choose between 1 and 100 sessions in 90 days",
            ));
        }
        self.meta_set(ASK_LOAD_THRESHOLD_KEY, &threshold.to_string())?;
        Ok(threshold)
    }
}
