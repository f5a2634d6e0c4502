//! Observations: the atoms of discovery (a quote, a pain, a request, an idea, a fact),
//! pulled out of a session's notes or typed directly, attributed to people and tagged.
//! One taken from notes keeps the exact passage; later edits of the notes move the
//! link with the passage, or flag it when the passage is gone (see [`crate::discovery::passage`]).

use crate::discovery::filter::{ObservationFilter, Subject};
use crate::discovery::passage::{locate, PassageState};
use crate::discovery::person::{check_people, PersonRef};
use crate::discovery::search_index::{CODE_OF, SOURCE_OF};
use crate::discovery::tag::{tags_of, write_tags, TagRef, Tagged};
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::input::{check_date, date_text};
use crate::store::kind::{ObservationKind, SourceKind};
use crate::store::limits;
use crate::store::policy::Act;
use crate::store::row::RowExt;
use crate::store::sql::{json_list, Args};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, params_from_iter, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;
use uuid::Uuid;

/// Longest observation text, in characters.
pub const MAX_OBSERVATION: usize = limits::OBSERVATION_TEXT;
/// Most tags on one observation.
pub const MAX_TAGS_PER_OBSERVATION: usize = limits::TAGS;

/// One observation with its people and tags.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    pub id: Uuid,
    pub cycle_id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub session_id: Option<Uuid>,
    /// The session's title, empty when typed directly.
    pub session_title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub source_kind: Option<SourceKind>,
    pub kind: ObservationKind,
    pub text: String,
    /// The exact passage of the notes it came from; empty when typed directly.
    pub passage: String,
    /// Where the passage starts in the notes, in UTF-16 code units (as editors count).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub passage_start: Option<u32>,
    pub passage_state: PassageState,
    /// The transcript turn it was taken from, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub turn_id: Option<Uuid>,
    /// When in the recording it was said (milliseconds), when the transcript has times.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub said_at_ms: Option<u64>,
    /// The label of the turn's speaker as the transcript writes it; empty without a turn.
    pub speaker: String,
    #[ts(type = "string")]
    pub observed_on: NaiveDate,
    pub people: Vec<PersonRef>,
    pub tags: Vec<TagRef>,
    /// Whether its cycle is closed.
    pub read_only: bool,
    /// Captured after its cycle left discovery: it counts, and says so.
    pub late_input: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new observation: from a passage of a session's notes, or typed directly.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewObservation {
    /// The cycle, needed when there is no session (a session's observation is in its cycle).
    #[serde(default)]
    #[ts(optional)]
    pub cycle_id: Option<Uuid>,
    #[serde(default)]
    #[ts(optional)]
    pub session_id: Option<Uuid>,
    pub kind: ObservationKind,
    /// The observation in words; empty means the passage itself.
    #[serde(default)]
    pub text: String,
    /// The selected passage of the session's saved notes.
    #[serde(default)]
    #[ts(optional)]
    pub passage: Option<String>,
    /// Where the selection starts, in UTF-16 code units.
    #[serde(default)]
    #[ts(optional)]
    pub passage_start: Option<u32>,
    /// A turn of the session's transcript the passage was selected in (instead of the
    /// notes); without people given, the observation is its speaker's.
    #[serde(default)]
    #[ts(optional)]
    pub turn_id: Option<Uuid>,
    #[serde(default)]
    pub people: Vec<Uuid>,
    #[serde(default)]
    pub tags: Vec<Uuid>,
    /// Defaults to the session's date, or today.
    #[serde(default)]
    #[ts(optional, type = "string")]
    pub observed_on: Option<NaiveDate>,
}

/// One observation of many an import records at once ([`Tx::add_observations`]).
#[derive(Debug, Clone)]
pub(crate) struct ObservationRow {
    pub kind: ObservationKind,
    pub text: String,
    pub observed_on: NaiveDate,
    pub people: Vec<Uuid>,
    pub tags: Vec<Uuid>,
}

/// An observation's editable fields, replaced whole.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ObservationUpdate {
    pub kind: ObservationKind,
    pub text: String,
    pub people: Vec<Uuid>,
    pub tags: Vec<Uuid>,
    #[ts(type = "string")]
    pub observed_on: NaiveDate,
}

/// Which observations to list, newest first.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ObservationQuery {
    #[serde(default)]
    pub filter: ObservationFilter,
    /// Words to search for (search syntax is safe: see [`crate::discovery::search`]).
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub offset: u32,
    /// Most rows to return: 100 when absent, never more than 1,000 (a page).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
}

/// A page of observations and how many match in all.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ObservationList {
    pub observations: Vec<Observation>,
    pub offset: u32,
    pub matching: u32,
}

const SELECT_OBSERVATION: &str =
    "SELECT o.id, o.cycle_id, o.session_id, coalesce(s.title, '') AS session_title,
        s.kind AS source_kind, o.kind, o.text, o.passage, o.passage_start, o.passage_state,
        o.observed_on, c.mode = 'closed' AS read_only, o.late_input, o.created_at, o.updated_at,
        o.turn_id, o.said_at_ms, coalesce(t.speaker, '') AS speaker
     FROM observation o
     JOIN cycle_view c ON c.id = o.cycle_id
     LEFT JOIN session s ON s.id = o.session_id
     LEFT JOIN transcript_turn t ON t.id = o.turn_id";

fn observation_from_row(r: &Row<'_>) -> rusqlite::Result<Observation> {
    Ok(Observation {
        id: r.uuid("id")?,
        cycle_id: r.uuid("cycle_id")?,
        session_id: r.opt_uuid("session_id")?,
        session_title: r.get("session_title")?,
        source_kind: r.opt_stored("source_kind")?,
        kind: r.stored("kind")?,
        text: r.get("text")?,
        passage: r.get("passage")?,
        passage_start: r.get("passage_start")?,
        passage_state: r.stored("passage_state")?,
        turn_id: r.opt_uuid("turn_id")?,
        said_at_ms: r.get::<_, Option<i64>>("said_at_ms")?.map(|t| t as u64),
        speaker: r.get("speaker")?,
        observed_on: r.date("observed_on")?,
        read_only: r.get("read_only")?,
        late_input: r.get("late_input")?,
        created_at: r.time("created_at")?,
        updated_at: r.time("updated_at")?,
        people: Vec::new(),
        tags: Vec::new(),
    })
}

fn clean_text(text: &str) -> Result<String, DomainError> {
    let text = text.trim();
    let count = text.chars().count();
    if count > MAX_OBSERVATION {
        return Err(DomainError::invalid(
            "text",
            format!(
                "{}; an observation is one atom of what was said",
                crate::store::wording::too_long(count, MAX_OBSERVATION)
            ),
        ));
    }
    Ok(text.to_owned())
}

fn write_links(tx: &Tx<'_>, id: Uuid, people: &[Uuid], tags: &[Uuid]) -> Result<(), DomainError> {
    check_people(tx.conn, people)?;
    write_tags(tx.conn, Tagged::Observation, id, tags)?;
    tx.conn.execute(
        "DELETE FROM observation_person WHERE observation_id = ?1",
        [id.to_string()],
    )?;
    let mut add_person = tx.conn.prepare_cached(
        "INSERT OR IGNORE INTO observation_person (observation_id, person_id) VALUES (?1, ?2)",
    )?;
    for p in people {
        add_person.execute(params![id.to_string(), p.to_string()])?;
    }
    Ok(())
}

impl Db<'_> {
    /// One live observation.
    pub fn observation(&self, id: Uuid) -> Result<Observation, DomainError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_OBSERVATION} WHERE o.id = ?1 AND o.deleted_at IS NULL"
        ))?;
        let found = stmt
            .query_row([id.to_string()], observation_from_row)
            .optional()?;
        let mut list = vec![found.ok_or_else(|| DomainError::NotFound {
            entity: "observation",
            id: id.to_string(),
        })?];
        self.fill_links(&mut list)?;
        Ok(list.remove(0))
    }

    /// Loads people and tags for a page of observations in two queries.
    fn fill_links(&self, list: &mut [Observation]) -> Result<(), DomainError> {
        if list.is_empty() {
            return Ok(());
        }
        let ids = json_list(list.iter().map(|o| o.id.to_string()));
        let mut people: HashMap<Uuid, Vec<PersonRef>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            // CROSS JOIN keeps SQLite from walking every person to find a page's few.
            "SELECT op.observation_id, p.id, p.name FROM observation_person op
             CROSS JOIN person p ON p.id = op.person_id
             WHERE op.observation_id IN (SELECT value FROM json_each(?1)) AND p.deleted_at IS NULL
             ORDER BY p.name COLLATE NOCASE",
        )?;
        let mut rows = stmt.query([&ids])?;
        while let Some(r) = rows.next()? {
            people
                .entry(r.uuid("observation_id")?)
                .or_default()
                .push(PersonRef {
                    id: r.uuid("id")?,
                    name: r.get("name")?,
                });
        }
        let mut tags = tags_of(self.conn, Tagged::Observation, list.iter().map(|o| o.id))?;
        for o in list.iter_mut() {
            o.people = people.remove(&o.id).unwrap_or_default();
            o.tags = tags.remove(&o.id).unwrap_or_default();
        }
        Ok(())
    }

    /// A page of live observations matching `query`, newest first.
    pub fn list_observations(
        &self,
        query: &ObservationQuery,
    ) -> Result<ObservationList, DomainError> {
        query.filter.check()?;
        let mut filter = String::from(if query.filter.drives_by_links() {
            "+o.deleted_at IS NULL"
        } else {
            "o.deleted_at IS NULL"
        });
        let mut args = Args::default();
        query
            .filter
            .push_sql(Subject::Observation, &mut filter, &mut args);
        // The list's own text box: words, phrases, OR and -word (fields are the filter
        // bar's job here).
        let parsed = crate::discovery::query::parse(&query.text, false);
        let in_index = |expr: &str| {
            format!(
                "SELECT {SOURCE_OF} FROM search_index si WHERE search_index MATCH {expr} AND {CODE_OF} = 2"
            )
        };
        if let Some(fts) = parsed.fts_expr() {
            let expr = args.bind(fts);
            filter.push_str(&format!(" AND o.rowid IN ({})", in_index(&expr)));
        } else if let Some(ex) = parsed.exclusion_expr() {
            let expr = args.bind(ex);
            filter.push_str(&format!(" AND o.rowid NOT IN ({})", in_index(&expr)));
        } else if !query.text.trim().is_empty() {
            // Only symbols or emoji: nothing to search for, so nothing matches.
            filter.push_str(" AND 0");
        }
        let matching: u32 = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM observation o WHERE {filter}"
            ))?
            .query_row(params_from_iter(args.iter()), |r| r.get(0))?;
        let limit = args.bind(i64::from(crate::discovery::session::page_limit(
            query.limit,
        )));
        let offset = args.bind(i64::from(query.offset));
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_OBSERVATION} WHERE {filter} ORDER BY o.observed_on DESC, o.id DESC LIMIT {limit} OFFSET {offset}"
        ))?;
        let mut observations: Vec<Observation> = stmt
            .query_map(params_from_iter(args.iter()), observation_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        self.fill_links(&mut observations)?;
        Ok(ObservationList {
            observations,
            offset: query.offset,
            matching,
        })
    }
}

impl Tx<'_> {
    /// Records an observation. From a session, the passage must be in its saved notes.
    pub fn create_observation(&self, new: &NewObservation) -> Result<Observation, DomainError> {
        let mut text = clean_text(&new.text)?;
        let turn = match new.turn_id {
            Some(turn) => Some(self.turn_source(turn, new.session_id)?),
            None => None,
        };
        let session_id = turn.as_ref().map(|t| t.session).or(new.session_id);
        let (cycle_id, session, observed_on) = match session_id {
            Some(session) => {
                let cycle = self.require_in("session", session, false, Act::Capture)?;
                let (held_on, notes): (NaiveDate, String) = self
                    .conn
                    .prepare_cached("SELECT id, held_on, notes FROM session WHERE id = ?1")?
                    .query_row([session.to_string()], |r| {
                        Ok((r.date("held_on")?, r.get("notes")?))
                    })?;
                (cycle, Some((session, notes)), held_on)
            }
            None => {
                let cycle = new.cycle_id.ok_or(DomainError::invalid(
                    "cycle",
                    "an observation typed directly needs a cycle",
                ))?;
                self.require(cycle, Act::Capture)?;
                (cycle, None, self.now().date_naive())
            }
        };
        let passage = new
            .passage
            .as_deref()
            .unwrap_or("")
            .trim_end_matches(['\r', '\n']);
        // A passage of a turn is found in the turn's words, not in the notes.
        let within = match (&turn, &session) {
            (Some(t), _) => Some(t.text.as_str()),
            (None, Some((_, notes))) => Some(notes.as_str()),
            (None, None) => None,
        };
        let (passage, start, state) = match (within, passage.is_empty()) {
            (Some(notes), false) => {
                let count = passage.chars().count();
                if count > MAX_OBSERVATION {
                    return Err(DomainError::invalid(
                        "passage",
                        format!(
                            "{}; select less for one observation",
                            crate::store::wording::too_long(count, MAX_OBSERVATION)
                        ),
                    ));
                }
                let at = locate(notes, passage, new.passage_start).ok_or_else(|| {
                    DomainError::invalid(
                        "passage",
                        if turn.is_some() {
                            "that passage is not in the turn's words; select it again"
                        } else {
                            "that passage is not in the saved notes yet; wait for \"Saved\" and try again"
                        },
                    )
                })?;
                (passage.to_owned(), Some(at), PassageState::Found)
            }
            _ => (String::new(), None, PassageState::None),
        };
        if text.is_empty() {
            text = passage.trim().to_owned();
        }
        if text.is_empty() {
            return Err(DomainError::invalid(
                "text",
                "write what was observed, or select a passage of the notes",
            ));
        }
        let observed_on = check_date("date", new.observed_on.unwrap_or(observed_on))?;
        let said_at = turn.as_ref().and_then(|t| t.said_at(start));
        let people = match &turn {
            Some(t) if new.people.is_empty() => t.said_by.into_iter().collect(),
            _ => new.people.clone(),
        };
        let id = new_id();
        self.conn.execute(
            "INSERT INTO observation (id, cycle_id, session_id, kind, text, passage, passage_start,
                                      passage_state, observed_on, created_at, updated_at, late_input,
                                      turn_id, said_at_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, (SELECT mode <> 'discovery' FROM cycle_view WHERE id = ?2),
                     ?11, ?12)",
            params![
                id.to_string(),
                cycle_id.to_string(),
                session.as_ref().map(|(s, _)| s.to_string()),
                new.kind.as_str(),
                text,
                passage,
                start,
                state.as_str(),
                date_text(observed_on),
                self.now_text(),
                new.turn_id.map(|t| t.to_string()),
                said_at.map(|t| t as i64)
            ],
        )?;
        write_links(self, id, &people, &new.tags)?;
        self.observation(id)
    }

    /// Replaces an observation's kind, text, people, tags and date.
    pub fn update_observation(
        &self,
        id: Uuid,
        update: &ObservationUpdate,
    ) -> Result<Observation, DomainError> {
        self.require_in("observation", id, false, Act::Capture)?;
        let text = clean_text(&update.text)?;
        check_date("date", update.observed_on)?;
        if text.is_empty() {
            return Err(DomainError::invalid("text", "an observation needs words"));
        }
        self.conn.execute(
            "UPDATE observation SET kind = ?2, text = ?3, observed_on = ?4, updated_at = ?5 WHERE id = ?1",
            params![
                id.to_string(),
                update.kind.as_str(),
                text,
                date_text(update.observed_on),
                self.now_text()
            ],
        )?;
        write_links(self, id, &update.people, &update.tags)?;
        self.observation(id)
    }

    /// Records many observations of one session at once, as an import brings them: the
    /// session and its cycle checked once, each row written with statements prepared
    /// once, nothing read back. The people and tags named must be live (an import has
    /// just found or made them). Returns the new ids, in order.
    pub(crate) fn add_observations(
        &self,
        session: Uuid,
        rows: &[ObservationRow],
    ) -> Result<Vec<Uuid>, DomainError> {
        let cycle = self.require_in("session", session, false, Act::Capture)?;
        let late: bool = self.conn.query_row(
            "SELECT mode <> 'discovery' FROM cycle_view WHERE id = ?1",
            [cycle.to_string()],
            |r| r.get(0),
        )?;
        let mut insert = self.conn.prepare_cached(
            "INSERT INTO observation (id, cycle_id, session_id, kind, text, passage, passage_start,
                                      passage_state, observed_on, created_at, updated_at, late_input)
             VALUES (?1, ?2, ?3, ?4, ?5, '', NULL, 'none', ?6, ?7, ?7, ?8)",
        )?;
        let mut person = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO observation_person (observation_id, person_id) VALUES (?1, ?2)",
        )?;
        let mut tag = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO observation_tag (observation_id, tag_id) VALUES (?1, ?2)",
        )?;
        let (cycle, session, now) = (cycle.to_string(), session.to_string(), self.now_text());
        let mut ids = Vec::with_capacity(rows.len());
        for row in rows {
            let text = clean_text(&row.text)?;
            if text.is_empty() {
                return Err(DomainError::invalid("text", "an observation needs words"));
            }
            let on = check_date("date", row.observed_on)?;
            let id = new_id();
            let key = id.to_string();
            insert.execute(params![
                key,
                cycle,
                session,
                row.kind.as_str(),
                text,
                date_text(on),
                now,
                late
            ])?;
            for p in row.people.iter().take(limits::PEOPLE_PER_ITEM) {
                person.execute(params![key, p.to_string()])?;
            }
            for t in row.tags.iter().take(MAX_TAGS_PER_OBSERVATION) {
                tag.execute(params![key, t.to_string()])?;
            }
            ids.push(id);
        }
        Ok(ids)
    }

    /// Moves an observation to the trash; ideas citing it keep the link.
    pub fn delete_observation(&self, id: Uuid) -> Result<(), DomainError> {
        self.require_in("observation", id, false, Act::Capture)?;
        self.move_to_trash("observation", id)
    }
}
