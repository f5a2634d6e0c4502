//! "You said, we did": an observation or a pain marked answered, with what was done
//! (and the solution or roadmap item that did it), and per team a digest of what they
//! told us and what came of it, to send back as Markdown or HTML.
//!
//! An answer is the workspace's record of closing the loop, not an edit of what was
//! heard: it can be written for an observation of a closed cycle too.

use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::exported::{escape_markdown, file_stem, ExportFormat, Exported};
use crate::store::id::new_id;
use crate::store::input::{bounded, check_date, date_text};
use crate::store::limits::PLAN_TEXT;
use crate::store::row::RowExt;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use ts_rs::TS;
use uuid::Uuid;

/// What was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind", content = "id")]
pub enum AnswerTarget {
    Observation(Uuid),
    Pain(Uuid),
}

impl AnswerTarget {
    fn column(self) -> (&'static str, Uuid) {
        match self {
            Self::Observation(id) => ("observation_id", id),
            Self::Pain(id) => ("pain_id", id),
        }
    }
}

/// A solution or roadmap item an answer names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnswerLink {
    pub id: Uuid,
    pub title: String,
}

/// What was done about something heard.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    pub id: Uuid,
    pub target: AnswerTarget,
    pub what_done: String,
    #[ts(type = "string")]
    pub done_on: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub solution: Option<AnswerLink>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub roadmap_item: Option<AnswerLink>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An answer's fields.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnswerInput {
    pub what_done: String,
    #[ts(type = "string")]
    pub done_on: NaiveDate,
    #[serde(default)]
    #[ts(optional)]
    pub solution_id: Option<Uuid>,
    #[serde(default)]
    #[ts(optional)]
    pub roadmap_item_id: Option<Uuid>,
}

/// One thing a team told us, and what we did about it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DigestItem {
    pub target: AnswerTarget,
    pub text: String,
    /// Who said it (an observation), or how many teams felt it (a pain).
    pub who: String,
    #[ts(type = "string | null")]
    pub heard_on: Option<NaiveDate>,
    pub session_title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub answer: Option<Answer>,
    /// The pain whose answer covers this observation, when it has none of its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub via_pain: Option<String>,
}

/// What one team told the platform team, and what was done about it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamDigest {
    pub team_id: Uuid,
    pub team_name: String,
    /// The cycle it covers; every cycle when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cycle_name: Option<String>,
    /// The pains the team's words support, answered first.
    pub pains: Vec<DigestItem>,
    /// What the team's people said, answered first, newest first within.
    pub observations: Vec<DigestItem>,
    pub answered: u32,
    pub open: u32,
}

const SELECT: &str = "SELECT a.id, a.observation_id, a.pain_id, a.what_done, a.done_on,
        a.solution_id, s.title AS solution_title, a.roadmap_item_id, r.title AS roadmap_title,
        a.created_at, a.updated_at
    FROM answer a
    LEFT JOIN solution_view s ON s.id = a.solution_id AND s.deleted_at IS NULL
    LEFT JOIN roadmap_item_view r ON r.id = a.roadmap_item_id AND r.deleted_at IS NULL";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Answer> {
    let target = match r.opt_uuid("observation_id")? {
        Some(o) => AnswerTarget::Observation(o),
        None => AnswerTarget::Pain(r.uuid("pain_id")?),
    };
    let link = |id: &str, title: &str| -> rusqlite::Result<Option<AnswerLink>> {
        Ok(
            match (r.opt_uuid(id)?, r.get::<_, Option<String>>(title)?) {
                (Some(id), Some(title)) => Some(AnswerLink { id, title }),
                _ => None,
            },
        )
    };
    Ok(Answer {
        id: r.uuid("id")?,
        target,
        what_done: r.get("what_done")?,
        done_on: r.date("done_on")?,
        solution: link("solution_id", "solution_title")?,
        roadmap_item: link("roadmap_item_id", "roadmap_title")?,
        created_at: r.time("created_at")?,
        updated_at: r.time("updated_at")?,
    })
}

impl Db<'_> {
    /// The live answer to an observation or pain, if it has one.
    pub fn answer_of(&self, target: AnswerTarget) -> Result<Option<Answer>, DomainError> {
        let (column, id) = target.column();
        let found = self
            .conn
            .prepare_cached(&format!(
                "{SELECT} WHERE a.{column} = ?1 AND a.deleted_at IS NULL"
            ))?
            .query_row([id.to_string()], from_row)
            .optional()?;
        Ok(found)
    }

    /// Every live answer, most recently done first.
    pub fn list_answers(&self) -> Result<Vec<Answer>, DomainError> {
        let list = self
            .conn
            .prepare_cached(&format!(
                "{SELECT} WHERE a.deleted_at IS NULL ORDER BY a.done_on DESC, a.created_at DESC"
            ))?
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    fn require_target(&self, target: AnswerTarget) -> Result<(), DomainError> {
        let (table, entity, id) = match target {
            AnswerTarget::Observation(id) => ("observation", "observation", id),
            AnswerTarget::Pain(id) => ("pain", "pain", id),
        };
        let live = self
            .conn
            .prepare_cached(&format!(
                "SELECT 1 FROM {table} WHERE id = ?1 AND deleted_at IS NULL"
            ))?
            .exists([id.to_string()])?;
        if live {
            Ok(())
        } else {
            Err(DomainError::NotFound {
                entity,
                id: id.to_string(),
            })
        }
    }

    /// What team `team` told us (in `cycle`, or ever) and what was done about it.
    pub fn team_digest(&self, team: Uuid, cycle: Option<Uuid>) -> Result<TeamDigest, DomainError> {
        let team = self.team(team)?;
        let cycle_name = match cycle {
            Some(c) => Some(self.cycle_head(c)?.0),
            None => None,
        };
        let cycle_arg = cycle.map(|c| c.to_string());
        // The team's live observations, by the people of the team they are attributed to.
        let observations: Vec<(Uuid, String, String, NaiveDate, String)> = self
            .conn
            .prepare_cached(
                "SELECT o.id, o.text, coalesce(s.held_on, o.observed_on) AS day,
                    coalesce(s.title, '') AS session_title,
                    (SELECT group_concat(name, ', ') FROM (SELECT p.name FROM observation_person_view op
                        JOIN person_view p ON p.id = op.person_id AND p.deleted_at IS NULL
                        WHERE op.observation_id = o.id AND p.team_id = ?1 ORDER BY p.name)) AS who
                 FROM observation_view o LEFT JOIN session_view s ON s.id = o.session_id
                 WHERE o.deleted_at IS NULL AND (?2 IS NULL OR o.cycle_id = ?2)
                   AND EXISTS (SELECT 1 FROM observation_person_view op JOIN person_view p ON p.id = op.person_id
                               WHERE op.observation_id = o.id AND p.team_id = ?1 AND p.deleted_at IS NULL)
                 ORDER BY day DESC, o.created_at DESC, o.id",
            )?
            .query_map(params![team.id.to_string(), cycle_arg], |r| {
                Ok((
                    r.uuid("id")?,
                    r.get("text")?,
                    r.get::<_, Option<String>>("who")?.unwrap_or_default(),
                    r.date("day")?,
                    r.get("session_title")?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // The live pains those observations support.
        let pains: Vec<(Uuid, String, u32)> = self
            .conn
            .prepare_cached(
                "SELECT p.id, p.statement,
                    (SELECT count(*) FROM pain_evidence_view e JOIN observation_view o ON o.id = e.observation_id
                        AND o.deleted_at IS NULL
                     WHERE e.pain_id = p.id AND EXISTS (SELECT 1 FROM observation_person_view op
                        JOIN person_view pe ON pe.id = op.person_id
                        WHERE op.observation_id = o.id AND pe.team_id = ?1 AND pe.deleted_at IS NULL)) AS heard
                 FROM pain_view p WHERE p.deleted_at IS NULL AND (?2 IS NULL OR p.cycle_id = ?2)
                 ORDER BY p.statement COLLATE NOCASE",
            )?
            .query_map(params![team.id.to_string(), cycle_arg], |r| {
                Ok((r.uuid("id")?, r.get("statement")?, r.get("heard")?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|(_, _, heard)| *heard > 0)
            .collect();
        let mut pain_items = Vec::with_capacity(pains.len());
        for (id, statement, heard) in &pains {
            pain_items.push(DigestItem {
                target: AnswerTarget::Pain(*id),
                text: statement.clone(),
                who: format!(
                    "heard {} from {}",
                    crate::store::wording::count(*heard as usize, "time", "times"),
                    team.name
                ),
                heard_on: None,
                session_title: String::new(),
                answer: self.answer_of(AnswerTarget::Pain(*id))?,
                via_pain: None,
            });
        }
        let mut via = self.conn.prepare_cached(
            "SELECT p.statement FROM pain_evidence_view e JOIN pain_view p ON p.id = e.pain_id AND p.deleted_at IS NULL
             JOIN answer a ON a.pain_id = p.id AND a.deleted_at IS NULL
             WHERE e.observation_id = ?1 ORDER BY a.done_on DESC LIMIT 1",
        )?;
        let mut obs_items = Vec::with_capacity(observations.len());
        for (id, text, who, day, session_title) in observations {
            let answer = self.answer_of(AnswerTarget::Observation(id))?;
            let via_pain = if answer.is_none() {
                via.query_row([id.to_string()], |r| r.get(0)).optional()?
            } else {
                None
            };
            obs_items.push(DigestItem {
                target: AnswerTarget::Observation(id),
                text,
                who,
                heard_on: Some(day),
                session_title,
                answer,
                via_pain,
            });
        }
        let done = |i: &DigestItem| i.answer.is_some() || i.via_pain.is_some();
        // Answered first; the order within each half is kept (stable sort).
        pain_items.sort_by_key(|i| !done(i));
        obs_items.sort_by_key(|i| !done(i));
        let answered = pain_items
            .iter()
            .chain(&obs_items)
            .filter(|i| done(i))
            .count() as u32;
        let open = (pain_items.len() + obs_items.len()) as u32 - answered;
        Ok(TeamDigest {
            team_id: team.id,
            team_name: team.name,
            cycle_name,
            pains: pain_items,
            observations: obs_items,
            answered,
            open,
        })
    }

    /// A team's digest as a document to send back: Markdown, or HTML through the
    /// renderer and sanitizer every export uses.
    pub fn export_digest(
        &self,
        team: Uuid,
        cycle: Option<Uuid>,
        format: ExportFormat,
    ) -> Result<Exported, DomainError> {
        let d = self.team_digest(team, cycle)?;
        let md = crate::store::render::html_as_markdown_text(&digest_markdown(&d));
        let title = format!("You said, we did - {}", d.team_name);
        let content = match format {
            ExportFormat::Md => md,
            ExportFormat::Html => crate::store::render::html_document(&title, &md),
        };
        Ok(Exported {
            file_name: format!("{}.{}", file_stem(&title), format.extension()),
            title,
            format,
            content,
            citations: 0,
        })
    }
}

/// "“text” — who, session, 2027-01-12".
fn heard_line(i: &DigestItem) -> String {
    let mut s = format!("“{}”", escape_markdown(&i.text));
    let place: Vec<String> = [
        (!i.who.is_empty()).then(|| escape_markdown(&i.who)),
        (!i.session_title.is_empty()).then(|| escape_markdown(&i.session_title)),
        i.heard_on.map(date_text),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !place.is_empty() {
        let _ = write!(s, " — {}", place.join(", "));
    }
    s
}

fn did_line(a: &Answer) -> String {
    let mut s = format!(
        "**We did:** {} ({})",
        escape_markdown(&a.what_done).replace('\n', " "),
        date_text(a.done_on)
    );
    if let Some(sol) = &a.solution {
        let _ = write!(s, " · Solution: {}", escape_markdown(&sol.title));
    }
    if let Some(item) = &a.roadmap_item {
        let _ = write!(s, " · Roadmap: {}", escape_markdown(&item.title));
    }
    s
}

fn digest_markdown(d: &TeamDigest) -> String {
    let team = escape_markdown(&d.team_name);
    let mut md = format!("# You said, we did: {team}\n\n");
    let scope = match &d.cycle_name {
        Some(c) => format!(" in {}", escape_markdown(c)),
        None => String::new(),
    };
    let _ = writeln!(
        md,
        "*What {team} told the platform team{scope}, and what we did about it: {} answered, {} still open. Thank you for your time.*\n",
        d.answered, d.open
    );
    let done = |i: &&DigestItem| i.answer.is_some() || i.via_pain.is_some();
    let answered_pains: Vec<&DigestItem> = d.pains.iter().filter(done).collect();
    let answered_obs: Vec<&DigestItem> = d.observations.iter().filter(done).collect();
    if !answered_pains.is_empty() || !answered_obs.is_empty() {
        md.push_str("## What we did\n\n");
        for i in answered_pains.iter().chain(&answered_obs) {
            match (&i.answer, &i.via_pain) {
                (Some(a), _) => {
                    let _ = writeln!(md, "- {}  \n  {}", heard_line(i), did_line(a));
                }
                (None, Some(pain)) => {
                    let _ = writeln!(
                        md,
                        "- {}  \n  *Answered with the pain “{}”, above.*",
                        heard_line(i),
                        escape_markdown(pain)
                    );
                }
                (None, None) => {}
            }
        }
        md.push('\n');
    }
    let open: Vec<&DigestItem> = d
        .pains
        .iter()
        .chain(&d.observations)
        .filter(|i| !done(i))
        .collect();
    if !open.is_empty() {
        md.push_str("## What we heard and are still working on\n\n");
        for i in open {
            let _ = writeln!(md, "- {}", heard_line(i));
        }
        md.push('\n');
    }
    if d.answered == 0 && d.open == 0 {
        md.push_str("*Nothing heard from this team yet.*\n");
    }
    md.trim_end().to_owned() + "\n"
}

fn clean(input: &AnswerInput) -> Result<(String, NaiveDate), DomainError> {
    Ok((
        bounded(
            "what was done",
            &input.what_done,
            PLAN_TEXT,
            Some("say what was done, e.g. \"Runners now start in under a minute\""),
        )?,
        check_date("date", input.done_on)?,
    ))
}

impl Tx<'_> {
    /// Marks an observation or pain answered with what was done, or changes the answer
    /// it has. A roadmap item named without its solution brings its solution along.
    pub fn mark_answered(
        &self,
        target: AnswerTarget,
        input: &AnswerInput,
    ) -> Result<Answer, DomainError> {
        self.require_target(target)?;
        let (what_done, done_on) = clean(input)?;
        let mut solution = input.solution_id;
        if let Some(item) = input.roadmap_item_id {
            let of: Option<String> = self
                .conn
                .prepare_cached(
                    "SELECT solution_id FROM roadmap_item_view WHERE id = ?1 AND deleted_at IS NULL",
                )?
                .query_row([item.to_string()], |r| r.get(0))
                .optional()?;
            let Some(of) = of else {
                return Err(DomainError::NotFound {
                    entity: "roadmap item",
                    id: item.to_string(),
                });
            };
            let of = Uuid::parse_str(&of).ok();
            match solution {
                None => solution = of,
                Some(s) if Some(s) != of => {
                    return Err(DomainError::invalid(
                        "roadmap item",
                        "this roadmap item is a phase of another solution; name its own solution, or none",
                    ))
                }
                Some(_) => {}
            }
        }
        if let Some(s) = solution {
            let live = self
                .conn
                .prepare_cached("SELECT 1 FROM solution_view WHERE id = ?1 AND deleted_at IS NULL")?
                .exists([s.to_string()])?;
            if !live {
                return Err(DomainError::NotFound {
                    entity: "solution",
                    id: s.to_string(),
                });
            }
        }
        let (column, target_id) = target.column();
        let now = self.now_text();
        match self.answer_of(target)? {
            Some(existing) => {
                self.conn.execute(
                    "UPDATE answer SET what_done = ?2, done_on = ?3, solution_id = ?4,
                        roadmap_item_id = ?5, updated_at = ?6 WHERE id = ?1",
                    params![
                        existing.id.to_string(),
                        what_done,
                        date_text(done_on),
                        solution.map(|s| s.to_string()),
                        input.roadmap_item_id.map(|s| s.to_string()),
                        now
                    ],
                )?;
            }
            None => {
                self.conn.execute(
                    &format!(
                        "INSERT INTO answer (id, {column}, what_done, done_on, solution_id, roadmap_item_id,
                            created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)"
                    ),
                    params![
                        new_id().to_string(),
                        target_id.to_string(),
                        what_done,
                        date_text(done_on),
                        solution.map(|s| s.to_string()),
                        input.roadmap_item_id.map(|s| s.to_string()),
                        now
                    ],
                )?;
            }
        }
        self.answer_of(target)?
            .ok_or_else(|| DomainError::NotFound {
                entity: "answer",
                id: target_id.to_string(),
            })
    }

    /// Takes an answer back: it goes to the trash, and can be restored from there.
    pub fn unmark_answered(&self, target: AnswerTarget) -> Result<(), DomainError> {
        let Some(answer) = self.answer_of(target)? else {
            return Err(DomainError::NotFound {
                entity: "answer",
                id: target.column().1.to_string(),
            });
        };
        self.move_to_trash("answer", answer.id)
    }
}
