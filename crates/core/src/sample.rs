//! The sample workspace: a fictional platform team's discovery cycle (people, teams,
//! sessions of every kind, observations, tags, ideas) that a new user can open from the
//! welcome screen to see what Groundwork holds. Dates are relative to today.

use crate::clock::Clock;
use crate::db::Tx;
use crate::error::DomainError;
use crate::idea::IdeaInput;
use crate::kind::{ObservationKind, SourceKind};
use crate::observation::NewObservation;
use crate::person::{PersonInput, Relation, TeamInput};
use crate::session::{NewSession, SessionLink};
use crate::store::{OpenError, Store};
use crate::tag::{TagGroup, TagInput};
use chrono::Days;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use thiserror::Error;
use uuid::Uuid;

/// The sample's content, shipped inside the binary.
pub const SAMPLE_JSON: &str = include_str!("../sample/workspace.json");

/// Why the sample could not be written.
#[derive(Debug, Error)]
pub enum SampleError {
    #[error("the sample's content is malformed: {0}")]
    Content(String),
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error(transparent)]
    Open(#[from] OpenError),
}

impl From<rusqlite::Error> for SampleError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Domain(e.into())
    }
}

#[derive(Deserialize)]
struct Sample {
    cycle: SampleCycle,
    teams: Vec<SampleTeam>,
    people: Vec<SamplePerson>,
    tags: Vec<SampleTag>,
    sessions: Vec<SampleSession>,
    ideas: Vec<SampleIdea>,
}

#[derive(Deserialize)]
struct SampleCycle {
    name: String,
}

#[derive(Deserialize)]
struct SampleTeam {
    key: String,
    name: String,
    org_area: String,
    segment: String,
}

#[derive(Deserialize)]
struct SamplePerson {
    key: String,
    name: String,
    team: Option<String>,
    role: String,
    relation: Relation,
    #[serde(default)]
    goals: String,
    #[serde(default)]
    support: String,
    #[serde(default)]
    interaction: String,
}

#[derive(Deserialize)]
struct SampleTag {
    key: String,
    name: String,
    group: String,
    colour: String,
}

#[derive(Deserialize)]
struct SampleSession {
    key: String,
    kind: SourceKind,
    title: String,
    days_ago: u64,
    people: Vec<String>,
    notes: String,
    #[serde(default)]
    links: Vec<SessionLink>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    observations: Vec<SampleObservation>,
}

#[derive(Deserialize)]
struct SampleObservation {
    kind: ObservationKind,
    passage: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    people: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Deserialize)]
struct SampleIdea {
    title: String,
    description: String,
    observations: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
}

fn lookup(map: &HashMap<String, Uuid>, key: &str, what: &str) -> Result<Uuid, SampleError> {
    map.get(key)
        .copied()
        .ok_or_else(|| SampleError::Content(format!("unknown {what} \"{key}\"")))
}

impl Store {
    /// Loads the sample into this workspace, all of it or (on any error) nothing.
    pub fn load_sample(&self, json: &str) -> Result<(), SampleError> {
        self.write(|tx| tx.load_sample(json))
    }
}

impl Tx<'_> {
    /// Fills this (empty) workspace with the sample.
    pub fn load_sample(&self, json: &str) -> Result<(), SampleError> {
        let sample: Sample =
            serde_json::from_str(json).map_err(|e| SampleError::Content(e.to_string()))?;
        let cycle = self.create_cycle(&sample.cycle.name)?.id;
        let mut teams = HashMap::new();
        for t in &sample.teams {
            let team = self.create_team(&TeamInput {
                name: t.name.clone(),
                org_area: t.org_area.clone(),
                segment: t.segment.clone(),
            })?;
            teams.insert(t.key.clone(), team.id);
        }
        let mut people = HashMap::new();
        for p in &sample.people {
            let team_id = match &p.team {
                Some(key) if !key.is_empty() => Some(lookup(&teams, key, "team")?),
                _ => None,
            };
            let person = self.create_person(&PersonInput {
                name: p.name.clone(),
                team_id,
                role: p.role.clone(),
                relation: p.relation,
                goals: p.goals.clone(),
                support: p.support.clone(),
                interaction: p.interaction.clone(),
            })?;
            people.insert(p.key.clone(), person.summary.id);
        }
        let mut tags = HashMap::new();
        for t in &sample.tags {
            let group = match t.group.as_str() {
                "area" => Some(TagGroup::Area),
                "segment" => Some(TagGroup::Segment),
                "theme" => Some(TagGroup::Theme),
                _ => None,
            };
            let tag = self.create_tag(&TagInput {
                name: t.name.clone(),
                colour: Some(t.colour.clone()),
                group,
            })?;
            tags.insert(t.key.clone(), tag.id);
        }
        let tag_ids = |keys: &[String]| -> Result<Vec<Uuid>, SampleError> {
            keys.iter().map(|k| lookup(&tags, k, "tag")).collect()
        };
        let today = self.now().date_naive();
        let mut observations = HashMap::new();
        for s in &sample.sessions {
            let ids = |keys: &[String]| -> Result<Vec<Uuid>, SampleError> {
                keys.iter().map(|k| lookup(&people, k, "person")).collect()
            };
            let session = self.create_session(&NewSession {
                cycle_id: cycle,
                kind: s.kind,
                title: s.title.clone(),
                held_on: today
                    .checked_sub_days(Days::new(s.days_ago))
                    .unwrap_or(today),
                people: ids(&s.people)?,
                links: s.links.clone(),
                tags: tag_ids(&s.tags)?,
                notes: Some(s.notes.clone()),
            })?;
            for (i, o) in s.observations.iter().enumerate() {
                let start = s.notes.find(&o.passage).ok_or_else(|| {
                    SampleError::Content(format!("{}#{i}: the passage is not in the notes", s.key))
                })?;
                let observation = self.create_observation(&NewObservation {
                    session_id: Some(session.id),
                    kind: o.kind,
                    text: o.text.clone().unwrap_or_default(),
                    passage: Some(o.passage.clone()),
                    passage_start: Some(s.notes[..start].encode_utf16().count() as u32),
                    people: ids(&o.people)?,
                    tags: tag_ids(&o.tags)?,
                    ..NewObservation::default()
                })?;
                observations.insert(format!("{}#{i}", s.key), observation.id);
            }
        }
        for idea in &sample.ideas {
            let evidence = idea
                .observations
                .iter()
                .map(|k| lookup(&observations, k, "observation"))
                .collect::<Result<Vec<_>, _>>()?;
            self.create_idea(
                cycle,
                &IdeaInput {
                    title: idea.title.clone(),
                    description: idea.description.clone(),
                    evidence,
                    tags: Some(tag_ids(&idea.tags)?),
                },
            )?;
        }
        Ok(())
    }
}

/// Writes the sample as a new workspace file at `path` (which must not exist).
/// It is built in memory and copied out whole, so a failure leaves no half sample.
pub fn write_sample(path: &Path, clock: Arc<dyn Clock>) -> Result<(), SampleError> {
    if path.exists() {
        return Err(OpenError::AlreadyExists { path: path.into() }.into());
    }
    let store = Store::open_in_memory(clock)?;
    store.load_sample(SAMPLE_JSON)?;
    // Written whole or not at all, like any new workspace.
    store.with_connection(|source| {
        crate::store::create::create_file(
            path,
            |dest| {
                let backup = rusqlite::backup::Backup::new(source, dest)?;
                backup.run_to_completion(256, std::time::Duration::ZERO, None)
            },
            &crate::store::create::no_faults,
        )
    })?;
    Ok(())
}
