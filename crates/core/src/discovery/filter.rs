//! The observation filter the observation list, search and the filter bar share:
//! cycle, kinds, tags, people, teams, source kinds, session and dates. Its SQL is
//! written here once, for the four things it can describe: an observation (`o`), a
//! session (`s`, whose date is when it was held), an idea (`i`) and a turn of a
//! transcript (`t`, dated and sourced by its session, said by its speaker's person).

use crate::discovery::tag::Tagged;
use crate::store::error::DomainError;
use crate::store::input::{check_date, date_text};
use crate::store::kind::{ObservationKind, SourceKind};
use crate::store::sql::Args;
use chrono::NaiveDate;
use serde::Deserialize;
use ts_rs::TS;
use uuid::Uuid;

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

/// What the filter's conditions are written against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Subject {
    /// An observation, as `o`.
    Observation,
    /// A session, as `s`: kinds do not describe one.
    Session,
    /// An idea, as `i`: only the cycle and tags describe one.
    Idea,
    /// A turn of a transcript, as `t`: neither kinds nor tags describe one.
    Turn,
}

impl ObservationFilter {
    /// Whether the filter names tags, people or teams, whose links narrow the most.
    pub(crate) fn drives_by_links(&self) -> bool {
        !(self.tag_ids.is_empty() && self.person_ids.is_empty() && self.team_ids.is_empty())
    }

    /// Whether every condition of the filter can be asked of `subject`: kinds describe
    /// observations only; people, teams, sources, a session and dates sessions too; a
    /// cycle and tags describe ideas as well; everything but kinds and tags turns.
    pub(crate) fn describes(&self, subject: Subject) -> bool {
        let session = self.kinds.is_empty();
        match subject {
            Subject::Observation => true,
            Subject::Session => session,
            Subject::Turn => session && self.tag_ids.is_empty(),
            Subject::Idea => {
                session
                    && self.person_ids.is_empty()
                    && self.team_ids.is_empty()
                    && self.source_kinds.is_empty()
                    && self.session_id.is_none()
                    && self.from.is_none()
                    && self.to.is_none()
            }
        }
    }

    /// Whether the filter narrows nothing.
    pub(crate) fn is_empty(&self) -> bool {
        *self == ObservationFilter::default()
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

    /// Appends this filter's conditions on `subject` (each starting with ` AND`), of
    /// which it must [describe](Self::describes) every one. Each list is bound as one
    /// JSON parameter, so a filter of any length stays within SQLite's variables. For a
    /// turn, who said it is not among them: see [`Self::turn_speakers`].
    pub(crate) fn push_sql(&self, subject: Subject, sql: &mut String, args: &mut Args) {
        debug_assert!(self.describes(subject));
        if subject == Subject::Turn {
            return self.push_turn_sql(sql, args);
        }
        let (row, date, tagged) = match subject {
            Subject::Observation => ("o", "o.observed_on", Tagged::Observation),
            Subject::Session => ("s", "s.held_on", Tagged::Session),
            // A turn's were written above.
            Subject::Idea | Subject::Turn => ("i", "", Tagged::Idea),
        };
        // With a tag, person or team, the few observations linked to them are fewer than
        // a cycle's: `+` keeps SQLite from reading the cycle's index instead.
        let plus = if subject == Subject::Observation && self.drives_by_links() {
            "+"
        } else {
            ""
        };
        if let Some(cycle) = self.cycle_id {
            let at = args.bind(cycle.to_string());
            sql.push_str(&format!(" AND {plus}{row}.cycle_id = {at}"));
        }
        if !self.tag_ids.is_empty() {
            let list = args.bind_list(self.tag_ids.iter().map(Uuid::to_string));
            let (_, link, column) = tagged.tables();
            sql.push_str(&format!(
                " AND {row}.id IN (SELECT {column} FROM {link} WHERE tag_id IN {list})"
            ));
        }
        if subject == Subject::Idea {
            return;
        }
        if let Some(session) = self.session_id {
            let column = match subject {
                Subject::Session => "s.id",
                _ => "o.session_id",
            };
            sql.push_str(&format!(
                " AND {column} = {}",
                args.bind(session.to_string())
            ));
        }
        if let Some(from) = self.from {
            sql.push_str(&format!(" AND {date} >= {}", args.bind(date_text(from))));
        }
        if let Some(to) = self.to {
            sql.push_str(&format!(" AND {date} <= {}", args.bind(date_text(to))));
        }
        match subject {
            Subject::Observation => self.push_observation_sql(sql, args),
            Subject::Session => self.push_session_sql(sql, args),
            Subject::Idea | Subject::Turn => {}
        }
    }

    /// A voice's conditions but who said it (see [`Self::turn_speakers`]): its session's
    /// cycle, kind and id through its transcript, and its own day (its session's). Its
    /// table is `transcript_voice t`.
    fn push_turn_sql(&self, sql: &mut String, args: &mut Args) {
        let mut session = String::new();
        if let Some(cycle) = self.cycle_id {
            session.push_str(&format!(
                " AND s.cycle_id = {}",
                args.bind(cycle.to_string())
            ));
        }
        if let Some(id) = self.session_id {
            session.push_str(&format!(" AND s.id = {}", args.bind(id.to_string())));
        }
        if !self.source_kinds.is_empty() {
            let list = args.bind_list(self.source_kinds.iter().map(|k| k.as_str()));
            session.push_str(&format!(" AND s.kind IN {list}"));
        }
        if !session.is_empty() {
            sql.push_str(&format!(
                " AND t.transcript_id IN (SELECT tr.id FROM transcript tr
                                          JOIN session s ON s.id = tr.session_id WHERE 1{session})"
            ));
        }
        if let Some(from) = self.from {
            sql.push_str(&format!(" AND t.day >= {}", args.bind(date_text(from))));
        }
        if let Some(to) = self.to {
            sql.push_str(&format!(" AND t.day <= {}", args.bind(date_text(to))));
        }
    }

    /// The rowids of the voices (see `transcript::voice`) of the filter's people and
    /// teams, as SQL sets (each a `SELECT` of rowids), for a caller that holds a voice's
    /// rowid without reading it: a person's few voices are found once, by
    /// `voice_person`, instead of every candidate being read to ask who said it.
    pub(crate) fn turn_speakers(&self, args: &mut Args) -> Vec<String> {
        let voices = "CROSS JOIN transcript_voice v ON v.id = vp.voice_id";
        let mut sets = Vec::new();
        if !self.person_ids.is_empty() {
            let list = args.bind_list(self.person_ids.iter().map(Uuid::to_string));
            sets.push(format!(
                "SELECT v.rowid FROM voice_person vp {voices} WHERE vp.person_id IN {list}"
            ));
        }
        if !self.team_ids.is_empty() {
            let list = args.bind_list(self.team_ids.iter().map(Uuid::to_string));
            sets.push(format!(
                "SELECT v.rowid FROM person p CROSS JOIN voice_person vp ON vp.person_id = p.id
                 {voices} WHERE p.team_id IN {list}"
            ));
        }
        sets
    }

    fn push_observation_sql(&self, sql: &mut String, args: &mut Args) {
        if !self.kinds.is_empty() {
            let list = args.bind_list(self.kinds.iter().map(|k| k.as_str()));
            sql.push_str(&format!(" AND o.kind IN {list}"));
        }
        // Each facet is an IN over its own index, so a selective filter drives the
        // query instead of probing every observation (see `bench_discovery`).
        if !self.source_kinds.is_empty() {
            let list = args.bind_list(self.source_kinds.iter().map(|k| k.as_str()));
            sql.push_str(&format!(
                " AND o.session_id IN (SELECT id FROM session WHERE kind IN {list})"
            ));
        }
        if !self.person_ids.is_empty() {
            let list = args.bind_list(self.person_ids.iter().map(Uuid::to_string));
            sql.push_str(&format!(
                " AND o.id IN (SELECT observation_id FROM observation_person WHERE person_id IN {list})"
            ));
        }
        if !self.team_ids.is_empty() {
            let list = args.bind_list(self.team_ids.iter().map(Uuid::to_string));
            // CROSS JOIN: from the team's few people to their links, never every link.
            sql.push_str(&format!(
                " AND o.id IN (SELECT op.observation_id FROM person p
                               CROSS JOIN observation_person op ON op.person_id = p.id
                               WHERE p.team_id IN {list})"
            ));
        }
    }

    fn push_session_sql(&self, sql: &mut String, args: &mut Args) {
        if !self.source_kinds.is_empty() {
            let list = args.bind_list(self.source_kinds.iter().map(|k| k.as_str()));
            sql.push_str(&format!(" AND s.kind IN {list}"));
        }
        if !self.person_ids.is_empty() {
            let list = args.bind_list(self.person_ids.iter().map(Uuid::to_string));
            // An IN, like an observation's: SQLite may start from the person's few
            // sessions, or ask each candidate, whichever reads less.
            sql.push_str(&format!(
                " AND s.id IN (SELECT session_id FROM session_person WHERE person_id IN {list})"
            ));
        }
        if !self.team_ids.is_empty() {
            let list = args.bind_list(self.team_ids.iter().map(Uuid::to_string));
            sql.push_str(&format!(
                " AND s.id IN (SELECT sp.session_id FROM person p
                               CROSS JOIN session_person sp ON sp.person_id = p.id
                               WHERE p.team_id IN {list})"
            ));
        }
    }
}
