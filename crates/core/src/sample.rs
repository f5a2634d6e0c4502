//! The sample workspace: a fictional platform team's discovery cycle (people, teams,
//! sessions of every kind, two with a Zoom or Teams transcript of the talk,
//! observations, tags, ideas) and a second cycle that
//! prioritizes what it heard (pains in buckets, ranked, trade-offs, solutions with
//! experiments, late input), a survey of two waves, and what closes the loop (check-in
//! rhythms, SLAs, adoption, kudos, answers), which a new user can open from the
//! welcome screen to see what Groundwork holds. Dates are relative to today. The
//! discovery cycle stays the current one.

use crate::closing_the_loop::adoption::{AdoptionInput, AdoptionKind, MilestoneInput};
use crate::closing_the_loop::answer::{AnswerInput, AnswerTarget};
use crate::closing_the_loop::kudos::{KudosDirection, KudosInput};
use crate::closing_the_loop::sla::{Better, LevelKind, SlaInput, SlaLevelInput};
use crate::discovery::idea::IdeaInput;
use crate::discovery::observation::NewObservation;
use crate::discovery::person::checkin::CheckinInput;
use crate::discovery::person::{PersonInput, Relation, TeamInput};
use crate::discovery::session::{NewSession, SessionLink};
use crate::discovery::tag::{TagGroup, TagInput};
use crate::discovery::transcript::import::{TranscriptImport, TranscriptTarget};
use crate::discovery::transcript::speaker::{SpeakerChoice, SpeakerPerson, SpeakerRole};
use crate::documents::citation::CitedKind;
use crate::documents::document::DocumentKind;
use crate::prioritization::bucket::{BucketInput, BucketKind};
use crate::prioritization::pain::{EvidenceLink, Importance, PainInput, Severity};
use crate::prioritization::rank::ScoreInputs;
use crate::prioritization::roadmap::{Confidence, ItemStatus, Lane, RoadmapItemInput, Work};
use crate::prioritization::solution::{
    ExperimentInput, Horizon, Outcome, SolutionInput, SolutionStatus,
};
use crate::prioritization::tradeoff::{AxisInput, ServeInput, Stance};
use crate::store::clock::Clock;
use crate::store::db::Tx;
use crate::store::error::DomainError;
use crate::store::kind::{ObservationKind, SourceKind};
use crate::store::workspace::{OpenError, Store};
use crate::surveys::survey::{Respondents, WaveImport};
use chrono::Days;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
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
    #[serde(default)]
    prioritization: Option<SamplePrioritization>,
    /// A survey of two waves, imported as an export would be.
    #[serde(default)]
    survey: Option<SampleSurvey>,
    /// Check-in rhythms, SLAs, adoption, kudos and answers.
    #[serde(default, rename = "loop")]
    closing: Option<SampleLoop>,
}

#[derive(Deserialize)]
struct SampleSurvey {
    name: String,
    /// The export's columns after its first, the day each response was submitted.
    headers: Vec<String>,
    waves: Vec<SampleWave>,
}

#[derive(Deserialize)]
struct SampleWave {
    label: String,
    days_ago: u64,
    rows: Vec<SampleResponse>,
}

#[derive(Deserialize)]
struct SampleResponse {
    /// Days before the wave's day that it was submitted.
    days_ago: u64,
    cells: Vec<String>,
}

#[derive(Deserialize)]
struct SampleLoop {
    rhythms: Vec<SampleRhythm>,
    checkins: Vec<SampleCheckin>,
    slas: Vec<SampleSla>,
    adoptions: Vec<SampleAdoption>,
    kudos: Vec<SampleKudos>,
    answers: Vec<SampleAnswer>,
}

#[derive(Deserialize)]
struct SampleRhythm {
    person: String,
    weeks: u32,
}

#[derive(Deserialize)]
struct SampleCheckin {
    person: String,
    days_ago: u64,
    goals: String,
    support: String,
    interaction: String,
}

#[derive(Deserialize)]
struct SampleSla {
    service: String,
    team: String,
    measure: String,
    unit: String,
    better: Better,
    levels: Vec<SampleLevel>,
}

#[derive(Deserialize)]
struct SampleLevel {
    kind: LevelKind,
    value: f64,
    days_ago: u64,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
struct SampleAdoption {
    team: String,
    capability: String,
    kind: AdoptionKind,
    milestones: Vec<SampleMilestone>,
}

/// Days ago; negative for days ahead.
#[derive(Deserialize)]
struct SampleMilestone {
    title: String,
    planned_days_ago: i64,
    #[serde(default)]
    done_days_ago: Option<i64>,
    #[serde(default)]
    percent: Option<f64>,
}

#[derive(Deserialize)]
struct SampleKudos {
    direction: KudosDirection,
    days_ago: u64,
    what: String,
    people: Vec<String>,
}

#[derive(Deserialize)]
struct SampleAnswer {
    #[serde(default)]
    observation: Option<String>,
    #[serde(default)]
    pain: Option<String>,
    what_done: String,
    days_ago: u64,
    #[serde(default)]
    solution: Option<String>,
}

/// The second cycle, made from the first one's evidence.
#[derive(Deserialize)]
struct SamplePrioritization {
    cycle: SampleCycle,
    buckets: Vec<SampleBucket>,
    pains: Vec<SamplePain>,
    overrides: Vec<SampleOverride>,
    serve: Vec<SampleServe>,
    axes: Vec<SampleAxis>,
    solutions: Vec<SampleSolution>,
    /// Drafted from the solutions, in plan order within each lane.
    #[serde(default)]
    roadmap: Vec<SampleItem>,
    /// Heard after the cycle left discovery: late input.
    late_sessions: Vec<SampleLateSession>,
    #[serde(default)]
    documents: Option<SampleDocuments>,
}

/// The cycle's charter (with its earlier versions) and vision. Evidence is cited as
/// `{{obs:s01#1}}`, `{{pain:KEY}}` or `{{bucket:KEY}}`.
#[derive(Deserialize)]
struct SampleDocuments {
    charter: String,
    #[serde(default)]
    charter_versions: Vec<SampleVersion>,
    vision: String,
}

#[derive(Deserialize)]
struct SampleVersion {
    note: String,
    body: String,
}

/// A sample document's body with its `{{kind:key}}` citations made tokens.
fn cite_keys(
    body: &str,
    observations: &HashMap<String, Uuid>,
    pains: &HashMap<String, Uuid>,
    buckets: &HashMap<String, Uuid>,
) -> Result<String, SampleError> {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after
            .find("}}")
            .ok_or_else(|| SampleError::Content(format!("an unclosed citation in {after:.40}")))?;
        let (kind, key) = after[..end].split_once(':').ok_or_else(|| {
            SampleError::Content(format!("a citation without a kind: {}", &after[..end]))
        })?;
        let token = match kind {
            "obs" => CitedKind::Observation.token(lookup(observations, key, "observation")?),
            "pain" => CitedKind::Pain.token(lookup(pains, key, "pain")?),
            "bucket" => CitedKind::Bucket.token(lookup(buckets, key, "bucket")?),
            other => {
                return Err(SampleError::Content(format!(
                    "no citation kind \"{other}\""
                )))
            }
        };
        out.push_str(&token);
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

#[derive(Deserialize)]
struct SampleBucket {
    key: String,
    name: String,
    kind: BucketKind,
}

#[derive(Deserialize)]
struct SamplePain {
    key: String,
    statement: String,
    severity: Option<Severity>,
    bucket: Option<String>,
    evidence: Vec<SampleEvidence>,
    #[serde(default)]
    score: Option<SampleScore>,
}

#[derive(Deserialize)]
struct SampleEvidence {
    observation: String,
    #[serde(default)]
    importance: Option<Importance>,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
struct SampleScore {
    impact: f64,
    confidence: f64,
    effort: f64,
}

#[derive(Deserialize)]
struct SampleOverride {
    pain: String,
    position: u32,
    reason: String,
}

#[derive(Deserialize)]
struct SampleServe {
    #[serde(default)]
    team: Option<String>,
    #[serde(default)]
    segment: Option<String>,
    stance: Stance,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
struct SampleAxis {
    pole_a: String,
    pole_b: String,
    lean: i8,
    note: String,
}

/// A roadmap item; its solution and dependencies are named by title.
#[derive(Deserialize)]
struct SampleItem {
    solution: String,
    lane: Lane,
    title: String,
    value: String,
    #[serde(default)]
    quarter: Option<String>,
    confidence: Confidence,
    work: Work,
    effort: Option<f64>,
    #[serde(default)]
    depends_on: Vec<String>,
}

#[derive(Deserialize)]
struct SampleSolution {
    bucket: String,
    title: String,
    horizon: Horizon,
    status: SolutionStatus,
    effort: Option<f64>,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    capability: String,
    #[serde(default)]
    capability_outcome: String,
    #[serde(default)]
    vendor_absorb: bool,
    #[serde(default)]
    vendor_evidence: Vec<String>,
    #[serde(default)]
    experiments: Vec<SampleExperiment>,
}

#[derive(Deserialize)]
struct SampleExperiment {
    hypothesis: String,
    falsifier: String,
    result: String,
    #[serde(default)]
    outcome: Option<Outcome>,
    #[serde(default)]
    days_ago: Option<u64>,
}

#[derive(Deserialize)]
struct SampleLateSession {
    #[serde(flatten)]
    session: SampleSession,
    /// Pains (by key) its observations (by index) back.
    #[serde(default)]
    evidence_for: HashMap<String, Vec<usize>>,
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
    /// The talk's recording transcribed, kept with the session.
    #[serde(default)]
    transcript: Option<SampleTranscript>,
}

/// A transcript as a meeting tool writes it, built from its cues: a Zoom cloud
/// recording's (numbered cues, "Name: text") or a Teams meeting's (GUID-like cue ids,
/// `<v Name>text</v>`). Times follow from each cue's words, so the file is the same each
/// time.
#[derive(Deserialize)]
struct SampleTranscript {
    file: String,
    format: SampleTranscriptFormat,
    /// The meeting's id Teams starts each cue id with.
    #[serde(default)]
    guid: String,
    /// Who each label is: a person's key, or "us" for the interviewer.
    speakers: BTreeMap<String, String>,
    /// (label, words), in order.
    cues: Vec<(String, String)>,
    /// Taken from the turns whose words hold the passage, said by their speaker.
    #[serde(default)]
    observations: Vec<SampleObservation>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum SampleTranscriptFormat {
    Zoom,
    Teams,
}

impl SampleTranscript {
    /// The file's text, as the tool would have written it.
    fn vtt(&self) -> String {
        let stamp = |ms: u64| {
            format!(
                "{:02}:{:02}:{:02}.{:03}",
                ms / 3_600_000,
                ms / 60_000 % 60,
                ms / 1000 % 60,
                ms % 1000
            )
        };
        let mut out = String::from("WEBVTT\n");
        let mut at: u64 = 1_240;
        for (i, (speaker, text)) in self.cues.iter().enumerate() {
            let words = text.split_whitespace().count() as u64;
            let end = at + 700 + words * 310;
            let (id, line) = match self.format {
                SampleTranscriptFormat::Zoom => ((i + 1).to_string(), format!("{speaker}: {text}")),
                SampleTranscriptFormat::Teams => (
                    format!("{}/{}-0", self.guid, i + 11),
                    format!("<v {speaker}>{text}</v>"),
                ),
            };
            out.push_str(&format!(
                "\n{id}\n{} --> {}\n{line}\n",
                stamp(at),
                stamp(end)
            ));
            // A pause between speakers that is not always the same.
            at = end + 180 + (i as u64 % 4) * 520;
        }
        out
    }
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
        let mut observations = HashMap::new();
        for session in &sample.sessions {
            self.plant_session(cycle, session, &people, &tags, &mut observations)?;
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
        let mut planned = Planned::default();
        if let Some(plan) = &sample.prioritization {
            planned = self.plant_prioritization(plan, &teams, &people, &tags, &mut observations)?;
            // The discovery cycle is where a new user starts; the screens of judging
            // point to the prioritizing cycle from there.
            self.set_current_cycle(cycle)?;
        }
        if let Some(survey) = &sample.survey {
            self.plant_survey(cycle, survey)?;
        }
        if let Some(closing) = &sample.closing {
            self.plant_loop(closing, &teams, &people, &observations, &planned)?;
        }
        Ok(())
    }

    /// Each wave as the export a survey tool writes, imported as a user would: those
    /// already in People linked, the others counted in the survey only.
    fn plant_survey(&self, cycle: Uuid, survey: &SampleSurvey) -> Result<(), SampleError> {
        let today = self.now().date_naive();
        let quote = |cell: &str| format!("\"{}\"", cell.replace('"', "\"\""));
        for wave in &survey.waves {
            let mut csv = std::iter::once("Timestamp")
                .chain(survey.headers.iter().map(String::as_str))
                .map(quote)
                .collect::<Vec<_>>()
                .join(",");
            for r in &wave.rows {
                let day = today
                    .checked_sub_days(Days::new(wave.days_ago + r.days_ago))
                    .unwrap_or(today);
                csv.push('\n');
                csv.push_str(
                    &std::iter::once(day.to_string())
                        .chain(r.cells.iter().cloned())
                        .map(|c| quote(&c))
                        .collect::<Vec<_>>()
                        .join(","),
                );
            }
            let file = format!("{} - {}.csv", survey.name, wave.label);
            let preview =
                self.preview_survey_import(&file, csv.as_bytes(), Some(&survey.name), None)?;
            self.import_survey_wave(
                &file,
                csv.as_bytes(),
                &WaveImport {
                    survey: survey.name.clone(),
                    cycle_id: Some(cycle),
                    label: Some(wave.label.clone()),
                    mapping: Some(preview.mapping()),
                    respondents: Some(Respondents::Match),
                    add_teams: Some(false),
                    ..WaveImport::default()
                },
                &mut |_, _| true,
            )?;
        }
        Ok(())
    }

    /// Closing the loop: rhythms (one overdue), a check-in, SLAs with a gap, adoption
    /// with a late milestone, kudos, and answers that make a digest.
    fn plant_loop(
        &self,
        l: &SampleLoop,
        teams: &HashMap<String, Uuid>,
        people: &HashMap<String, Uuid>,
        observations: &HashMap<String, Uuid>,
        planned: &Planned,
    ) -> Result<(), SampleError> {
        let today = self.now().date_naive();
        let ago = |days: u64| today.checked_sub_days(Days::new(days)).unwrap_or(today);
        let around = |days: i64| {
            if days >= 0 {
                ago(days.unsigned_abs())
            } else {
                today
                    .checked_add_days(Days::new(days.unsigned_abs()))
                    .unwrap_or(today)
            }
        };
        for r in &l.rhythms {
            self.set_checkin_rhythm(lookup(people, &r.person, "person")?, Some(r.weeks))?;
        }
        for c in &l.checkins {
            self.record_checkin(
                lookup(people, &c.person, "person")?,
                &CheckinInput {
                    held_on: ago(c.days_ago),
                    goals: c.goals.clone(),
                    support: c.support.clone(),
                    interaction: c.interaction.clone(),
                },
            )?;
        }
        for s in &l.slas {
            let sla = self.create_sla(&SlaInput {
                service: s.service.clone(),
                team_id: lookup(teams, &s.team, "team")?,
                measure: s.measure.clone(),
                unit: s.unit.clone(),
                better: s.better,
            })?;
            for level in &s.levels {
                self.add_sla_level(
                    sla.id,
                    &SlaLevelInput {
                        kind: level.kind,
                        value: level.value,
                        on_date: ago(level.days_ago),
                        session_id: None,
                        note: level.note.clone(),
                    },
                )?;
            }
        }
        for a in &l.adoptions {
            let adoption = self.create_adoption(&AdoptionInput {
                team_id: lookup(teams, &a.team, "team")?,
                capability: a.capability.clone(),
                kind: a.kind,
            })?;
            for m in &a.milestones {
                self.add_milestone(
                    adoption.id,
                    &MilestoneInput {
                        title: m.title.clone(),
                        planned_on: Some(around(m.planned_days_ago)),
                        done_on: m.done_days_ago.map(around),
                        percent: m.percent,
                    },
                )?;
            }
        }
        for k in &l.kudos {
            self.create_kudos(&KudosInput {
                direction: k.direction,
                given_on: ago(k.days_ago),
                what: k.what.clone(),
                people: k
                    .people
                    .iter()
                    .map(|p| lookup(people, p, "person"))
                    .collect::<Result<_, _>>()?,
            })?;
        }
        for a in &l.answers {
            let target = match (&a.observation, &a.pain) {
                (Some(o), None) => {
                    AnswerTarget::Observation(lookup(observations, o, "observation")?)
                }
                (None, Some(p)) => AnswerTarget::Pain(lookup(&planned.pains, p, "pain")?),
                _ => {
                    return Err(SampleError::Content(
                        "an answer names one observation or one pain".into(),
                    ))
                }
            };
            let solution_id = match &a.solution {
                Some(title) => Some(lookup(&planned.solutions, title, "solution")?),
                None => None,
            };
            self.mark_answered(
                target,
                &AnswerInput {
                    what_done: a.what_done.clone(),
                    done_on: ago(a.days_ago),
                    solution_id,
                    roadmap_item_id: None,
                },
            )?;
        }
        Ok(())
    }

    /// One session with its observations, keyed `"<session>#<index>"`.
    fn plant_session(
        &self,
        cycle: Uuid,
        s: &SampleSession,
        people: &HashMap<String, Uuid>,
        tags: &HashMap<String, Uuid>,
        observations: &mut HashMap<String, Uuid>,
    ) -> Result<(), SampleError> {
        let today = self.now().date_naive();
        let ids = |keys: &[String]| -> Result<Vec<Uuid>, SampleError> {
            keys.iter().map(|k| lookup(people, k, "person")).collect()
        };
        let tag_ids = |keys: &[String]| -> Result<Vec<Uuid>, SampleError> {
            keys.iter().map(|k| lookup(tags, k, "tag")).collect()
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
        if let Some(t) = &s.transcript {
            self.plant_transcript(session.id, &s.key, t, people, tags, observations)?;
        }
        Ok(())
    }

    /// A session's transcript imported as a user would, each speaker mapped (the
    /// interviewer as us), and observations taken from its turns, keyed
    /// `"<session>#t<index>"`.
    fn plant_transcript(
        &self,
        session: Uuid,
        key: &str,
        t: &SampleTranscript,
        people: &HashMap<String, Uuid>,
        tags: &HashMap<String, Uuid>,
        observations: &mut HashMap<String, Uuid>,
    ) -> Result<(), SampleError> {
        let speakers = t
            .speakers
            .iter()
            .map(|(label, who)| {
                Ok(if who == "us" {
                    SpeakerChoice {
                        label: label.clone(),
                        role: SpeakerRole::Us,
                        person: SpeakerPerson::Nobody,
                    }
                } else {
                    SpeakerChoice {
                        label: label.clone(),
                        role: SpeakerRole::Participant,
                        person: SpeakerPerson::Existing {
                            id: lookup(people, who, "person")?,
                        },
                    }
                })
            })
            .collect::<Result<Vec<_>, SampleError>>()?;
        let vtt = t.vtt();
        let done = self.import_transcript(
            &t.file,
            vtt.as_bytes(),
            &TranscriptImport {
                target: TranscriptTarget::Session { id: session },
                speakers,
            },
        )?;
        let turns = self
            .session_transcripts(session)?
            .into_iter()
            .find(|v| v.id == done.transcript_id)
            .map(|v| v.turns)
            .unwrap_or_default();
        for (i, o) in t.observations.iter().enumerate() {
            let (turn, start) = turns
                .iter()
                .find_map(|turn| turn.text.find(&o.passage).map(|start| (turn, start)))
                .ok_or_else(|| {
                    SampleError::Content(format!("{key}#t{i}: the passage is in no turn"))
                })?;
            let observation = self.create_observation(&NewObservation {
                turn_id: Some(turn.id),
                kind: o.kind,
                text: o.text.clone().unwrap_or_default(),
                passage: Some(o.passage.clone()),
                passage_start: Some(turn.text[..start].encode_utf16().count() as u32),
                people: o
                    .people
                    .iter()
                    .map(|k| lookup(people, k, "person"))
                    .collect::<Result<_, _>>()?,
                tags: o
                    .tags
                    .iter()
                    .map(|k| lookup(tags, k, "tag"))
                    .collect::<Result<_, _>>()?,
                ..NewObservation::default()
            })?;
            observations.insert(format!("{key}#t{i}"), observation.id);
        }
        Ok(())
    }

    /// The second cycle: moved to prioritization, then pains from the first cycle's
    /// evidence, buckets, scores, trade-offs, solutions, and input heard late.
    fn plant_prioritization(
        &self,
        plan: &SamplePrioritization,
        teams: &HashMap<String, Uuid>,
        people: &HashMap<String, Uuid>,
        tags: &HashMap<String, Uuid>,
        observations: &mut HashMap<String, Uuid>,
    ) -> Result<Planned, SampleError> {
        let cycle = self.create_cycle(&plan.cycle.name)?.id;
        self.advance_cycle(cycle)?;
        let mut buckets = HashMap::new();
        for b in &plan.buckets {
            let bucket = self.create_bucket(
                cycle,
                &BucketInput {
                    name: b.name.clone(),
                    kind: b.kind,
                },
            )?;
            buckets.insert(b.key.clone(), bucket.id);
        }
        let mut pains = HashMap::new();
        for p in &plan.pains {
            let evidence = p
                .evidence
                .iter()
                .map(|e| {
                    Ok(EvidenceLink {
                        observation_id: lookup(observations, &e.observation, "observation")?,
                        importance: e.importance,
                        reason: e.reason.clone(),
                    })
                })
                .collect::<Result<Vec<_>, SampleError>>()?;
            let pain = self.create_pain(
                cycle,
                &PainInput {
                    statement: p.statement.clone(),
                    severity: p.severity,
                    evidence,
                },
            )?;
            if let Some(b) = &p.bucket {
                self.move_pain(pain.id, Some(lookup(&buckets, b, "bucket")?))?;
            }
            if let Some(score) = &p.score {
                self.score_pain(
                    pain.id,
                    &ScoreInputs {
                        impact: Some(score.impact),
                        confidence: Some(score.confidence),
                        effort: Some(score.effort),
                        ..Default::default()
                    },
                )?;
            }
            pains.insert(p.key.clone(), pain.id);
        }
        for o in &plan.overrides {
            self.override_rank(
                lookup(&pains, &o.pain, "pain")?,
                Some(o.position),
                &o.reason,
            )?;
        }
        for choice in &plan.serve {
            let team_id = match &choice.team {
                Some(key) => Some(lookup(teams, key, "team")?),
                None => None,
            };
            self.set_serve(
                cycle,
                &ServeInput {
                    team_id,
                    segment: choice.segment.clone(),
                    stance: Some(choice.stance),
                    weight: None,
                    note: choice.note.clone(),
                },
            )?;
        }
        for a in &plan.axes {
            self.create_axis(
                cycle,
                &AxisInput {
                    pole_a: a.pole_a.clone(),
                    pole_b: a.pole_b.clone(),
                    lean: a.lean,
                    note: a.note.clone(),
                },
            )?;
        }
        let today = self.now().date_naive();
        let mut solutions = HashMap::new();
        for s in &plan.solutions {
            let vendor_evidence = s
                .vendor_evidence
                .iter()
                .map(|k| lookup(observations, k, "observation"))
                .collect::<Result<Vec<_>, _>>()?;
            let mut input = SolutionInput {
                title: s.title.clone(),
                notes: s.notes.clone(),
                horizon: s.horizon,
                // Validated only once its experiment survived: set after them.
                status: SolutionStatus::Unvalidated,
                effort: s.effort,
                capability: s.capability.clone(),
                capability_outcome: s.capability_outcome.clone(),
                vendor_absorb: s.vendor_absorb,
                vendor_evidence,
            };
            let solution = self.create_solution(lookup(&buckets, &s.bucket, "bucket")?, &input)?;
            solutions.insert(s.title.clone(), solution.id);
            for e in &s.experiments {
                let experiment = self.create_experiment(
                    solution.id,
                    &ExperimentInput {
                        hypothesis: e.hypothesis.clone(),
                        falsifier: e.falsifier.clone(),
                        ..Default::default()
                    },
                )?;
                if e.outcome.is_some() || !e.result.is_empty() {
                    self.update_experiment(
                        experiment.id,
                        &ExperimentInput {
                            hypothesis: e.hypothesis.clone(),
                            falsifier: e.falsifier.clone(),
                            result: e.result.clone(),
                            outcome: e.outcome,
                            ran_on: e
                                .days_ago
                                .and_then(|d| today.checked_sub_days(Days::new(d))),
                        },
                    )?;
                }
            }
            if s.status != SolutionStatus::Unvalidated {
                input.status = s.status;
                self.update_solution(solution.id, &input)?;
            }
        }
        let mut items = HashMap::new();
        for i in &plan.roadmap {
            let depends_on = i
                .depends_on
                .iter()
                .map(|t| lookup(&items, t, "roadmap item"))
                .collect::<Result<Vec<_>, _>>()?;
            let item = self.create_roadmap_item(
                lookup(&solutions, &i.solution, "solution")?,
                i.lane,
                &RoadmapItemInput {
                    title: i.title.clone(),
                    value: i.value.clone(),
                    quarter: i.quarter.clone(),
                    confidence: i.confidence,
                    // The cycle is in prioritization: a roadmap drafted, not yet committed.
                    status: ItemStatus::Draft,
                    work: i.work,
                    effort: i.effort,
                    depends_on,
                },
            )?;
            items.insert(i.title.clone(), item.id);
        }
        for late in &plan.late_sessions {
            self.plant_session(cycle, &late.session, people, tags, observations)?;
            for (pain, indexes) in &late.evidence_for {
                let links = indexes
                    .iter()
                    .map(|i| {
                        Ok(EvidenceLink {
                            observation_id: lookup(
                                observations,
                                &format!("{}#{i}", late.session.key),
                                "observation",
                            )?,
                            importance: None,
                            reason: "heard after the switch".into(),
                        })
                    })
                    .collect::<Result<Vec<_>, SampleError>>()?;
                self.link_evidence(lookup(&pains, pain, "pain")?, &links)?;
            }
        }
        if let Some(docs) = &plan.documents {
            let cite = |body: &str| cite_keys(body, observations, &pains, &buckets);
            // The earlier drafts first, each snapshotted, then the charter as it is now.
            for v in &docs.charter_versions {
                let saved =
                    self.save_document(cycle, DocumentKind::Charter, &cite(&v.body)?, None)?;
                self.snapshot_document(saved.document_id, &v.note)?;
            }
            self.save_document(cycle, DocumentKind::Charter, &cite(&docs.charter)?, None)?;
            self.save_document(cycle, DocumentKind::Vision, &cite(&docs.vision)?, None)?;
        }
        Ok(Planned { pains, solutions })
    }
}

/// What the prioritizing cycle made, by the sample's keys, for what refers to it.
#[derive(Default)]
struct Planned {
    pains: HashMap<String, Uuid>,
    solutions: HashMap<String, Uuid>,
}

/// Writes the sample as a new workspace file at `path` (which must not exist).
/// It is built in memory and copied out whole, so a failure leaves no half sample.
pub fn write_sample(path: &Path, clock: Arc<dyn Clock>) -> Result<(), SampleError> {
    if path.exists() {
        return Err(OpenError::AlreadyExists { path: path.into() }.into());
    }
    let store = Store::open_in_memory(clock)?;
    store.write(|tx| tx.load_sample(SAMPLE_JSON))?;
    // Written whole or not at all, like any new workspace.
    store.with_connection(|source| {
        crate::store::workspace::create::create_file(
            path,
            |dest| {
                let backup = rusqlite::backup::Backup::new(source, dest)?;
                backup.run_to_completion(256, std::time::Duration::ZERO, None)
            },
            &crate::store::workspace::create::no_faults,
        )
    })?;
    Ok(())
}
