//! Observations: the atoms of discovery (a quote, a pain, a request, an idea, a fact),
//! pulled out of a session's notes or typed directly, attributed to people and tagged.
//! One taken from notes keeps the exact passage; later edits of the notes move the
//! link with the passage, or flag it when the passage is gone.

use crate::error::DomainError;
use crate::id::{new_id, uuid_at};
use crate::input::{check_date, date_at, date_text, id_list, json_list};
use crate::limits;
use crate::person::{check_people, PersonRef};
use crate::session::SourceKind;
use crate::store::{parse_timestamp, Store};
use crate::tag::{check_tags, TagRef};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;
use uuid::Uuid;

/// Longest observation text, in characters.
pub const MAX_OBSERVATION: usize = limits::OBSERVATION_TEXT;
/// Most tags on one observation.
pub const MAX_TAGS_PER_OBSERVATION: usize = limits::OBSERVATION_TAGS;

/// What an observation is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ObservationKind {
    Quote,
    #[default]
    Pain,
    Request,
    Idea,
    Fact,
}

impl ObservationKind {
    pub const ALL: [ObservationKind; 5] = [
        Self::Quote,
        Self::Pain,
        Self::Request,
        Self::Idea,
        Self::Fact,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Quote => "quote",
            Self::Pain => "pain",
            Self::Request => "request",
            Self::Idea => "idea",
            Self::Fact => "fact",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The name people use for it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Quote => "Quote",
            Self::Pain => "Pain",
            Self::Request => "Request",
            Self::Idea => "Idea",
            Self::Fact => "Fact",
        }
    }
}

/// Whether an observation's passage is still in its session's notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PassageState {
    /// Typed directly: there is no passage.
    None,
    /// The passage is in the notes, at `passage_start`.
    Found,
    /// The notes no longer hold the passage; the observation keeps its copy.
    Lost,
}

impl PassageState {
    fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Found => "found",
            Self::Lost => "lost",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "found" => Self::Found,
            "lost" => Self::Lost,
            _ => Self::None,
        }
    }
}

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
    #[ts(type = "string")]
    pub observed_on: NaiveDate,
    pub people: Vec<PersonRef>,
    pub tags: Vec<TagRef>,
    /// Whether its cycle is closed.
    pub read_only: bool,
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
    #[serde(default)]
    pub people: Vec<Uuid>,
    #[serde(default)]
    pub tags: Vec<Uuid>,
    /// Defaults to the session's date, or today.
    #[serde(default)]
    #[ts(optional, type = "string")]
    pub observed_on: Option<NaiveDate>,
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

/// Filters shared by the observation list and search. Within one filter any value
/// matches; across filters all must.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ObservationFilter {
    #[serde(default)]
    #[ts(optional)]
    pub cycle_id: Option<Uuid>,
    #[serde(default)]
    pub kinds: Vec<ObservationKind>,
    #[serde(default)]
    pub tag_ids: Vec<Uuid>,
    #[serde(default)]
    pub person_ids: Vec<Uuid>,
    #[serde(default)]
    pub team_ids: Vec<Uuid>,
    #[serde(default)]
    pub source_kinds: Vec<SourceKind>,
    #[serde(default)]
    #[ts(optional)]
    pub session_id: Option<Uuid>,
    /// First day included.
    #[serde(default)]
    #[ts(optional, type = "string")]
    pub from: Option<NaiveDate>,
    /// Last day included.
    #[serde(default)]
    #[ts(optional, type = "string")]
    pub to: Option<NaiveDate>,
}

/// Which observations to list, newest first.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ObservationQuery {
    #[serde(default)]
    pub filter: ObservationFilter,
    /// Words to search for (search syntax is safe: see [`crate::search`]).
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

impl ObservationFilter {
    /// Whether the filter names tags, people or teams, whose links narrow the most.
    pub(crate) fn drives_by_links(&self) -> bool {
        !(self.tag_ids.is_empty() && self.person_ids.is_empty() && self.team_ids.is_empty())
    }

    /// Refuses dates no stored row can have (see [`check_date`]).
    pub(crate) fn check(&self) -> Result<(), DomainError> {
        if let Some(from) = self.from {
            check_date("from", from)?;
        }
        if let Some(to) = self.to {
            check_date("to", to)?;
        }
        Ok(())
    }

    /// Appends this filter's conditions on `o` (an observation). Each list is bound as
    /// one JSON parameter, so a filter of any length stays within SQLite's variables.
    pub(crate) fn push_sql(&self, sql: &mut String, args: &mut Vec<Value>) {
        let mut bind = |sql: &mut String, pattern: &str, value: String| {
            args.push(value.into());
            sql.push_str(&pattern.replace("?N", &format!("?{}", args.len())));
        };
        // With a tag, person or team, the few observations linked to them are fewer than
        // a cycle's: `+` keeps SQLite from reading the cycle's index instead.
        let plus = if self.drives_by_links() { "+" } else { "" };
        if let Some(cycle) = self.cycle_id {
            bind(
                sql,
                &format!(" AND {plus}o.cycle_id = ?N"),
                cycle.to_string(),
            );
        }
        if let Some(session) = self.session_id {
            bind(sql, " AND o.session_id = ?N", session.to_string());
        }
        if let Some(from) = self.from {
            bind(sql, " AND o.observed_on >= ?N", date_text(from));
        }
        if let Some(to) = self.to {
            bind(sql, " AND o.observed_on <= ?N", date_text(to));
        }
        if !self.kinds.is_empty() {
            bind(
                sql,
                " AND o.kind IN (SELECT value FROM json_each(?N))",
                json_list(self.kinds.iter().map(|k| k.as_str())),
            );
        }
        // Each facet is an IN over its own index, so a selective filter drives the
        // query instead of probing every observation (see `bench_discovery`).
        if !self.source_kinds.is_empty() {
            bind(
                sql,
                " AND o.session_id IN (SELECT id FROM session WHERE kind IN (SELECT value FROM json_each(?N)))",
                json_list(self.source_kinds.iter().map(|k| k.as_str())),
            );
        }
        if !self.tag_ids.is_empty() {
            bind(
                sql,
                " AND o.id IN (SELECT observation_id FROM observation_tag WHERE tag_id IN (SELECT value FROM json_each(?N)))",
                id_list(&self.tag_ids),
            );
        }
        if !self.person_ids.is_empty() {
            bind(
                sql,
                " AND o.id IN (SELECT observation_id FROM observation_person WHERE person_id IN (SELECT value FROM json_each(?N)))",
                id_list(&self.person_ids),
            );
        }
        if !self.team_ids.is_empty() {
            bind(
                sql,
                " AND o.id IN (SELECT op.observation_id FROM observation_person op
                               JOIN person p ON p.id = op.person_id WHERE p.team_id IN (SELECT value FROM json_each(?N)))",
                id_list(&self.team_ids),
            );
        }
    }
}

const SELECT_OBSERVATION: &str =
    "SELECT o.id, o.cycle_id, o.session_id, coalesce(s.title, ''), s.kind,
        o.kind, o.text, o.passage, o.passage_start, o.passage_state, o.observed_on,
        c.mode = 'closed', o.created_at, o.updated_at
     FROM observation o
     JOIN cycle c ON c.id = o.cycle_id
     LEFT JOIN session s ON s.id = o.session_id";

fn observation_from_row(r: &Row<'_>) -> rusqlite::Result<Observation> {
    let session_id = match r.get::<_, Option<String>>(2)? {
        Some(_) => Some(uuid_at(r, 2)?),
        None => None,
    };
    Ok(Observation {
        id: uuid_at(r, 0)?,
        cycle_id: uuid_at(r, 1)?,
        session_id,
        session_title: r.get(3)?,
        source_kind: r
            .get::<_, Option<String>>(4)?
            .and_then(|k| SourceKind::parse(&k)),
        kind: ObservationKind::parse(&r.get::<_, String>(5)?).unwrap_or(ObservationKind::Fact),
        text: r.get(6)?,
        passage: r.get(7)?,
        passage_start: r.get(8)?,
        passage_state: PassageState::parse(&r.get::<_, String>(9)?),
        observed_on: date_at(r, 10)?,
        read_only: r.get(11)?,
        created_at: parse_timestamp(&r.get::<_, String>(12)?),
        updated_at: parse_timestamp(&r.get::<_, String>(13)?),
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
                crate::input::too_long(count, MAX_OBSERVATION)
            ),
        ));
    }
    Ok(text.to_owned())
}

/// UTF-16 offset of a byte offset in `s`.
fn utf16_at(s: &str, byte: usize) -> u32 {
    s[..byte].encode_utf16().count() as u32
}

/// Byte offset of a UTF-16 offset in `s`, if it falls on a character boundary.
fn byte_at(s: &str, utf16: u32) -> Option<usize> {
    let mut units = 0u32;
    for (i, ch) in s.char_indices() {
        if units == utf16 {
            return Some(i);
        }
        units += ch.len_utf16() as u32;
        if units > utf16 {
            return None;
        }
    }
    (units == utf16).then_some(s.len())
}

/// Where `passage` is in `notes`: the occurrence nearest `hint` (UTF-16), if any.
pub(crate) fn locate(notes: &str, passage: &str, hint: Option<u32>) -> Option<u32> {
    if passage.is_empty() {
        return None;
    }
    if let Some(h) = hint {
        if let Some(b) = byte_at(notes, h) {
            if notes[b..].starts_with(passage) {
                return Some(h);
            }
        }
    }
    let hint = hint.unwrap_or(0) as i64;
    notes
        .match_indices(passage)
        .map(|(b, _)| utf16_at(notes, b))
        .min_by_key(|at| (i64::from(*at) - hint).abs())
}

/// Re-finds the passages of a session's observations after its notes changed.
pub(crate) fn reanchor(tx: &Transaction<'_>, session: Uuid, notes: &str) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, passage, passage_start, passage_state FROM observation
         WHERE session_id = ?1 AND passage <> ''",
    )?;
    let rows: Vec<(String, String, Option<u32>, String)> = stmt
        .query_map([session.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare_cached(
        "UPDATE observation SET passage_start = ?2, passage_state = ?3 WHERE id = ?1",
    )?;
    for (id, passage, start, state) in rows {
        let (new_start, new_state) = match locate(notes, &passage, start) {
            Some(at) => (Some(at), PassageState::Found),
            None => (start, PassageState::Lost),
        };
        if new_start != start || new_state.as_str() != state {
            update.execute(params![id, new_start, new_state.as_str()])?;
        }
    }
    Ok(())
}

fn write_links(
    tx: &Transaction<'_>,
    id: Uuid,
    people: &[Uuid],
    tags: &[Uuid],
) -> Result<(), DomainError> {
    check_people(tx, people)?;
    if tags.len() > MAX_TAGS_PER_OBSERVATION {
        return Err(DomainError::invalid(
            "tags",
            format!(
                "an observation holds at most {MAX_TAGS_PER_OBSERVATION} tags (this one has {})",
                crate::input::thousands(tags.len())
            ),
        ));
    }
    check_tags(tx, tags)?;
    tx.execute(
        "DELETE FROM observation_person WHERE observation_id = ?1",
        [id.to_string()],
    )?;
    tx.execute(
        "DELETE FROM observation_tag WHERE observation_id = ?1",
        [id.to_string()],
    )?;
    let mut add_person = tx.prepare_cached(
        "INSERT OR IGNORE INTO observation_person (observation_id, person_id) VALUES (?1, ?2)",
    )?;
    for p in people {
        add_person.execute(params![id.to_string(), p.to_string()])?;
    }
    let mut add_tag = tx.prepare_cached(
        "INSERT OR IGNORE INTO observation_tag (observation_id, tag_id) VALUES (?1, ?2)",
    )?;
    for t in tags {
        add_tag.execute(params![id.to_string(), t.to_string()])?;
    }
    Ok(())
}

impl Store {
    /// Records an observation. From a session, the passage must be in its saved notes.
    pub fn create_observation(&mut self, new: &NewObservation) -> Result<Observation, DomainError> {
        let mut text = clean_text(&new.text)?;
        let (cycle_id, session, observed_on) = match new.session_id {
            Some(session) => {
                let cycle = self.writable_session(session, false)?;
                let (held_on, notes): (String, String) = self.conn.query_row(
                    "SELECT held_on, notes FROM session WHERE id = ?1",
                    [session.to_string()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                let held_on = NaiveDate::parse_from_str(&held_on, "%Y-%m-%d")
                    .unwrap_or_else(|_| self.clock.now().date_naive());
                (cycle, Some((session, notes)), held_on)
            }
            None => {
                let cycle = new.cycle_id.ok_or(DomainError::invalid(
                    "cycle",
                    "an observation typed directly needs a cycle",
                ))?;
                self.writable_cycle(cycle)?;
                (cycle, None, self.clock.now().date_naive())
            }
        };
        let passage = new
            .passage
            .as_deref()
            .unwrap_or("")
            .trim_end_matches(['\r', '\n']);
        let (passage, start, state) = match (&session, passage.is_empty()) {
            (Some((_, notes)), false) => {
                let count = passage.chars().count();
                if count > MAX_OBSERVATION {
                    return Err(DomainError::invalid(
                        "passage",
                        format!(
                            "{}; select less for one observation",
                            crate::input::too_long(count, MAX_OBSERVATION)
                        ),
                    ));
                }
                let at = locate(notes, passage, new.passage_start).ok_or_else(|| {
                    DomainError::invalid(
                        "passage",
                        "that passage is not in the saved notes yet; wait for \"Saved\" and try again",
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
        let id = new_id();
        let now = self.now_text();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO observation (id, cycle_id, session_id, kind, text, passage, passage_start,
                                      passage_state, observed_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
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
                now
            ],
        )?;
        write_links(&tx, id, &new.people, &new.tags)?;
        tx.commit()?;
        self.observation(id)
    }

    /// Replaces an observation's kind, text, people, tags and date.
    pub fn update_observation(
        &mut self,
        id: Uuid,
        update: &ObservationUpdate,
    ) -> Result<Observation, DomainError> {
        self.writable_observation(id, false)?;
        let text = clean_text(&update.text)?;
        check_date("date", update.observed_on)?;
        if text.is_empty() {
            return Err(DomainError::invalid("text", "an observation needs words"));
        }
        let now = self.now_text();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE observation SET kind = ?2, text = ?3, observed_on = ?4, updated_at = ?5 WHERE id = ?1",
            params![
                id.to_string(),
                update.kind.as_str(),
                text,
                date_text(update.observed_on),
                now
            ],
        )?;
        write_links(&tx, id, &update.people, &update.tags)?;
        tx.commit()?;
        self.observation(id)
    }

    /// The cycle of a live (or, with `trashed`, a deleted) observation, if that cycle may change.
    pub(crate) fn writable_observation(
        &self,
        id: Uuid,
        trashed: bool,
    ) -> Result<Uuid, DomainError> {
        self.writable_in_cycle("observation", id, trashed)
    }

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
            people.entry(uuid_at(r, 0)?).or_default().push(PersonRef {
                id: uuid_at(r, 1)?,
                name: r.get(2)?,
            });
        }
        let mut tags: HashMap<Uuid, Vec<TagRef>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT ot.observation_id, t.id, t.name, t.colour FROM observation_tag ot
             JOIN tag t ON t.id = ot.tag_id
             WHERE ot.observation_id IN (SELECT value FROM json_each(?1)) AND t.deleted_at IS NULL
             ORDER BY t.name COLLATE NOCASE",
        )?;
        let mut rows = stmt.query([&ids])?;
        while let Some(r) = rows.next()? {
            tags.entry(uuid_at(r, 0)?).or_default().push(TagRef {
                id: uuid_at(r, 1)?,
                name: r.get(2)?,
                colour: r.get(3)?,
            });
        }
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
        let mut filter = String::from(if query.filter.drives_by_links() {
            "+o.deleted_at IS NULL"
        } else {
            "o.deleted_at IS NULL"
        });
        query.filter.check()?;
        let mut args: Vec<Value> = Vec::new();
        query.filter.push_sql(&mut filter, &mut args);
        if let Some(fts) = crate::search::fts_query(&query.text) {
            args.push(fts.expr.into());
            filter.push_str(&format!(
                " AND o.rowid IN (SELECT rowid / 8 FROM search_index WHERE search_index MATCH ?{} AND rowid % 8 = 2)",
                args.len()
            ));
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
        args.push(i64::from(crate::session::page_limit(query.limit)).into());
        args.push(i64::from(query.offset).into());
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_OBSERVATION} WHERE {filter} ORDER BY o.observed_on DESC, o.id DESC LIMIT ?{} OFFSET ?{}",
            args.len() - 1,
            args.len()
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

    /// Moves an observation to the trash; ideas citing it keep the link.
    pub fn delete_observation(&mut self, id: Uuid) -> Result<(), DomainError> {
        self.writable_observation(id, false)?;
        self.move_to_trash("observation", id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passage_is_found_at_its_hint_or_the_nearest_occurrence() {
        let notes = "pain here. é pain here.";
        assert_eq!(locate(notes, "pain here", Some(0)), Some(0));
        // "é" is one UTF-16 unit but two bytes: offsets are counted as editors count.
        assert_eq!(locate(notes, "pain here", Some(13)), Some(13));
        assert_eq!(locate(notes, "pain here", Some(12)), Some(13));
        assert_eq!(locate(notes, "absent", Some(0)), None);
        assert_eq!(locate("🚀 rocket", "rocket", Some(3)), Some(3));
    }
}
