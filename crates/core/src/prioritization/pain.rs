//! Pains: the user-pain statements prioritization makes from discovery's evidence.
//! A pain's evidence is a set of links to observations, each with its own importance
//! and the when and why of its linking. Reach is derived from that evidence, never
//! typed: the distinct people, teams, segments and channels behind it, each person
//! counted once however often they said it. Two flags keep the team honest: evidence
//! only from what others do (peers, research, scans) is "no user evidence yet", and a
//! pain heard mostly from one person, team or channel says so.

use crate::discovery::person::{PersonRef, Relation};
use crate::prioritization::tradeoff::{Stance, Stances};
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::input::{bounded, line};
use crate::store::kind::{ObservationKind, SourceKind};
use crate::store::policy::{shows_judgement, Act};
use crate::store::row::{RowExt, Stored};
use crate::store::sql::json_list;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use ts_rs::TS;
use uuid::Uuid;

/// Longest pain statement, in characters.
pub const MAX_STATEMENT: usize = crate::store::limits::PAIN_STATEMENT;
/// Longest reason for a link, in characters.
pub const MAX_REASON: usize = crate::store::limits::REASON;
/// Most observations behind one pain.
pub const MAX_EVIDENCE: usize = crate::store::limits::PAIN_EVIDENCE;

/// How badly a pain hurts, as the team judges it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Stored for Severity {
    const WHAT: &'static str = "severity";
    fn as_stored(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }
    fn all() -> &'static [Self] {
        &[Self::Low, Self::Medium, Self::High, Self::Critical]
    }
}

/// How much one piece of evidence matters to the pain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    NiceToHave,
    Important,
    Critical,
}

impl Stored for Importance {
    const WHAT: &'static str = "importance";
    fn as_stored(self) -> &'static str {
        match self {
            Self::NiceToHave => "nice_to_have",
            Self::Important => "important",
            Self::Critical => "critical",
        }
    }
    fn all() -> &'static [Self] {
        &[Self::NiceToHave, Self::Important, Self::Critical]
    }
}

/// One observation behind a pain, as the pain shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PainEvidence {
    pub observation_id: Uuid,
    pub kind: ObservationKind,
    pub text: String,
    /// Who said it.
    pub people: Vec<PersonRef>,
    /// The session it was heard in; empty when typed directly.
    pub session_title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub source_kind: Option<SourceKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub importance: Option<Importance>,
    /// Why it was linked; may be empty.
    pub reason: String,
    pub linked_at: DateTime<Utc>,
    /// In the trash: the link is kept, and it no longer counts towards reach.
    pub trashed: bool,
    /// Captured after its cycle left discovery.
    pub late_input: bool,
    /// The session it was heard in, to open it (and its transcript).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub session_id: Option<Uuid>,
    /// The transcript turn it was taken from, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub turn_id: Option<Uuid>,
    /// When in the recording it was said, in milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub said_at_ms: Option<u64>,
}

/// Who is behind a pain, each counted once: derived from the live evidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reach {
    pub people: u32,
    pub teams: u32,
    pub segments: u32,
    pub source_kinds: u32,
    /// Live observations behind the pain.
    pub evidence: u32,
    /// The people weighed by the cycle's trade-offs: one from a team or segment
    /// served excellently counts more, one served less well counts less. Equal to
    /// `people` when no stance touches them.
    pub weighted_people: f64,
    /// Which stances weighed whom, served excellently first.
    pub weights: Vec<ReachWeight>,
}

/// The people of one team or segment the trade-offs weighed, and by how much.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReachWeight {
    /// The team, or the segment.
    pub name: String,
    pub by_team: bool,
    pub stance: Stance,
    pub weight: f64,
    pub people: u32,
}

/// What a loud voice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VoiceKind {
    Person,
    Team,
    Channel,
}

/// One person, team or channel behind most of a pain's evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoudVoice {
    pub by: VoiceKind,
    pub name: String,
    /// Live evidence it is behind, of `of`.
    pub evidence: u32,
    pub of: u32,
}

/// A pain with its evidence, reach and flags.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Pain {
    pub id: Uuid,
    pub cycle_id: Uuid,
    pub statement: String,
    /// The bucket it sits in; absent when in none (or when its bucket is in the trash).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub bucket_id: Option<Uuid>,
    /// Absent when not set, and while the cycle is back in discovery (kept, not shown).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub severity: Option<Severity>,
    pub evidence: Vec<PainEvidence>,
    pub reach: Reach,
    /// Whether any live evidence comes from our users; false is "no user evidence yet".
    pub user_evidence: bool,
    /// Whoever is behind more than half of the live evidence (two pieces or more).
    pub loud_voices: Vec<LoudVoice>,
    pub read_only: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A pain an observation backs, for the way back from evidence to what it supports.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PainCited {
    pub pain_id: Uuid,
    pub statement: String,
    pub cycle_id: Uuid,
    pub cycle_name: String,
    /// Its bucket's name; empty when in none.
    pub bucket_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub importance: Option<Importance>,
}

/// Links an observation to a pain.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceLink {
    pub observation_id: Uuid,
    #[serde(default)]
    #[ts(optional)]
    pub importance: Option<Importance>,
    #[serde(default)]
    pub reason: String,
}

/// A new pain.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PainInput {
    pub statement: String,
    #[serde(default)]
    #[ts(optional)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub evidence: Vec<EvidenceLink>,
}

/// A pain's own fields, replaced whole (evidence is linked on its own).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PainUpdate {
    pub statement: String,
    #[serde(default)]
    #[ts(optional)]
    pub severity: Option<Severity>,
}

fn clean_statement(statement: &str) -> Result<String, DomainError> {
    line(
        "statement",
        statement,
        MAX_STATEMENT,
        Some("a pain needs a statement, e.g. \"Flaky tests block releases\""),
    )
}

const SELECT_PAIN: &str = "SELECT p.id, p.cycle_id, p.statement, p.severity, c.mode,
        CASE WHEN b.deleted_at IS NULL THEN p.bucket_id END AS bucket_id,
        p.created_at, p.updated_at
     FROM pain p JOIN cycle_view c ON c.id = p.cycle_id LEFT JOIN bucket b ON b.id = p.bucket_id";

fn pain_from_row(r: &Row<'_>) -> rusqlite::Result<Pain> {
    let mode = r.stored("mode")?;
    let severity: Option<Severity> = r.opt_stored("severity")?;
    Ok(Pain {
        id: r.uuid("id")?,
        cycle_id: r.uuid("cycle_id")?,
        statement: r.get("statement")?,
        bucket_id: r.opt_uuid("bucket_id")?,
        severity: severity.filter(|_| shows_judgement(mode)),
        evidence: Vec::new(),
        reach: Reach::default(),
        user_evidence: false,
        loud_voices: Vec::new(),
        read_only: mode == crate::store::policy::CycleMode::Closed,
        created_at: r.time("created_at")?,
        updated_at: r.time("updated_at")?,
    })
}

/// Who said each observation, with what reach needs of them.
pub(crate) type Speakers = HashMap<Uuid, Vec<Arc<Speaker>>>;

/// Who said one piece of evidence, with what reach needs of them.
pub(crate) struct Speaker {
    person: PersonRef,
    relation: Relation,
    team: Option<(Uuid, String)>,
    /// Trimmed and in lower case, so two spellings are one segment.
    segment: String,
}

/// The evidence of a cycle's pains as weighing needs it, to weigh any group of them.
pub(crate) struct CycleEvidence {
    pieces: HashMap<Uuid, Vec<Piece>>,
    speakers: Speakers,
    stances: Stances,
}

impl CycleEvidence {
    /// The pains' evidence weighed together, each observation and person once.
    pub(crate) fn weigh(&self, pains: impl Iterator<Item = Uuid>) -> Weight {
        let pieces = pains.flat_map(|p| self.pieces.get(&p).into_iter().flatten().copied());
        weigh(pieces, &self.speakers, &self.stances)
    }
}

/// One observation behind a pain, as weighing needs it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Piece {
    pub observation: Uuid,
    pub trashed: bool,
    pub source: Option<SourceKind>,
}

impl From<&PainEvidence> for Piece {
    fn from(e: &PainEvidence) -> Self {
        Piece {
            observation: e.observation_id,
            trashed: e.trashed,
            source: e.source_kind,
        }
    }
}

/// Whether a piece of evidence hears our users: from a channel that does, or, typed
/// directly, said by a user or stakeholder.
fn from_users(source: Option<SourceKind>, speakers: &[Arc<Speaker>]) -> bool {
    match source {
        Some(kind) => kind.hears_users(),
        None => speakers
            .iter()
            .any(|s| matches!(s.relation, Relation::InternalUser | Relation::Stakeholder)),
    }
}

fn speaker_from_row(r: &Row<'_>) -> rusqlite::Result<Speaker> {
    let team = match r.opt_uuid("team_id")? {
        Some(id) => Some((id, r.get("team_name")?)),
        None => None,
    };
    Ok(Speaker {
        person: PersonRef {
            id: r.uuid("id")?,
            name: r.get("name")?,
        },
        relation: r.stored("relation")?,
        team,
        segment: r.get::<_, String>("segment")?.trim().to_lowercase(),
    })
}

/// The reach of a cycle's pains as a read of a committed snapshot weighed it, with the
/// reach generation it was weighed at (`reach_generation`, raised by triggers on every
/// change reach reads). While the generation stands still a ranking reuses it:
/// scoring, placing and moving pains re-rank without weighing 100,000 links again.
/// It is kept in the store's [`crate::store::cache::ReadCache`].
pub(crate) struct CachedReach {
    cycle: Uuid,
    generation: i64,
    weights: HashMap<Uuid, Weight>,
    /// The evidence it was weighed from, to weigh groups of pains (buckets) again.
    evidence: Arc<CycleEvidence>,
}

/// What evidence weighs: its reach, whether users are in it, and its loud voices.
#[derive(Clone)]
pub(crate) struct Weight {
    pub reach: Reach,
    pub user_evidence: bool,
    pub loud_voices: Vec<LoudVoice>,
}

/// Weighs evidence by who said each piece; each observation counts once, and each
/// person once, by the stance on their team or segment.
fn weigh(evidence: impl Iterator<Item = Piece>, speakers: &Speakers, stances: &Stances) -> Weight {
    let mut people = BTreeSet::new();
    let mut weighted = 0.0;
    // Per stance, served excellently first: the people it weighed.
    let mut weighed: BTreeMap<(Stance, &str, bool), (f64, u32)> = BTreeMap::new();
    let mut teams = BTreeSet::new();
    let mut segments = BTreeSet::new();
    let mut channels = BTreeSet::new();
    // How many live pieces each voice is behind (a voice counts once per piece).
    let mut voices: BTreeMap<(u8, &str), u32> = BTreeMap::new();
    let mut live = 0;
    let mut users = false;
    let mut seen = BTreeSet::new();
    let none = Vec::new();
    for e in evidence.filter(|e| !e.trashed && seen.insert(e.observation)) {
        live += 1;
        let said = speakers.get(&e.observation).unwrap_or(&none);
        users |= from_users(e.source, said);
        let mut piece: BTreeSet<(u8, &str)> = BTreeSet::new();
        for s in said {
            if people.insert(s.person.id) {
                match stances.of(s.team.as_ref().map(|t| t.0), &s.segment) {
                    Some(w) => {
                        weighted += w.weight;
                        let key = (w.stance, w.name.as_str(), w.by_team);
                        weighed.entry(key).or_insert((w.weight, 0)).1 += 1;
                    }
                    None => weighted += 1.0,
                }
            }
            piece.insert((0, s.person.name.as_str()));
            if let Some((team, name)) = &s.team {
                teams.insert(*team);
                piece.insert((1, name.as_str()));
            }
            if !s.segment.is_empty() {
                segments.insert(s.segment.as_str());
            }
        }
        if let Some(kind) = e.source {
            channels.insert(kind.as_str());
            piece.insert((2, kind.label()));
        }
        for voice in piece {
            *voices.entry(voice).or_default() += 1;
        }
    }
    let reach = Reach {
        people: people.len() as u32,
        teams: teams.len() as u32,
        segments: segments.len() as u32,
        source_kinds: channels.len() as u32,
        evidence: live,
        weighted_people: weighted,
        weights: weighed
            .into_iter()
            .map(|((stance, name, by_team), (weight, people))| ReachWeight {
                name: name.to_owned(),
                by_team,
                stance,
                weight,
                people,
            })
            .collect(),
    };
    let loud_voices = if live < 2 {
        Vec::new()
    } else {
        // The loudest of each kind, when it is behind more than half; ties by name.
        [VoiceKind::Person, VoiceKind::Team, VoiceKind::Channel]
            .into_iter()
            .enumerate()
            .filter_map(|(code, by)| {
                voices
                    .iter()
                    .filter(|((c, _), _)| usize::from(*c) == code)
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0 .1.cmp(a.0 .1)))
                    .filter(|(_, n)| **n * 2 > live)
                    .map(|((_, name), n)| LoudVoice {
                        by,
                        name: (*name).to_owned(),
                        evidence: *n,
                        of: live,
                    })
            })
            .collect()
    };
    Weight {
        reach,
        user_evidence: users,
        loud_voices,
    }
}

impl Db<'_> {
    /// One live pain with its evidence, reach and flags.
    pub fn pain(&self, id: Uuid) -> Result<Pain, DomainError> {
        let found = self
            .conn
            .prepare_cached(&format!(
                "{SELECT_PAIN} WHERE p.id = ?1 AND p.deleted_at IS NULL"
            ))?
            .query_row([id.to_string()], pain_from_row)
            .optional()?;
        let mut pains = vec![found.ok_or_else(|| DomainError::NotFound {
            entity: "pain",
            id: id.to_string(),
        })?];
        self.fill_pains(&mut pains)?;
        Ok(pains.remove(0))
    }

    /// The live pains of a cycle, oldest first, weighed but without their evidence
    /// (`evidence` is left empty): what a list of pains shows, quick at thousands.
    pub fn pain_rows(&self, cycle: Uuid) -> Result<Vec<Pain>, DomainError> {
        Ok(self.pains_reached(cycle)?.0)
    }

    /// The live pains of a cycle, oldest first.
    pub fn list_pains(&self, cycle: Uuid) -> Result<Vec<Pain>, DomainError> {
        self.cycle_head(cycle)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_PAIN} WHERE p.cycle_id = ?1 AND p.deleted_at IS NULL
             ORDER BY p.created_at, p.id"
        ))?;
        let mut pains: Vec<Pain> = stmt
            .query_map([cycle.to_string()], pain_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        self.fill_pains(&mut pains)?;
        Ok(pains)
    }

    /// The live pains of a cycle weighed, without their evidence: what ranking and
    /// buckets need. The cycle's observations, sessions and people are read in a few
    /// scans, not one look-up per link, so weighing thousands of pains stays quick; the
    /// evidence comes back to weigh groups of them.
    pub(crate) fn pains_weighed(
        &self,
        cycle: Uuid,
    ) -> Result<(Vec<Pain>, CycleEvidence), DomainError> {
        self.cycle_head(cycle)?;
        let c = cycle.to_string();
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_PAIN} WHERE p.cycle_id = ?1 AND p.deleted_at IS NULL ORDER BY p.created_at, p.id"
        ))?;
        let mut pains: Vec<Pain> = stmt
            .query_map([&c], pain_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut links: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT pe.pain_id, pe.observation_id FROM pain p
             JOIN pain_evidence pe ON pe.pain_id = p.id
             WHERE p.cycle_id = ?1 AND p.deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([&c])?;
        while let Some(r) = rows.next()? {
            links
                .entry(r.uuid("pain_id")?)
                .or_default()
                .push(r.uuid("observation_id")?);
        }
        let needed: HashSet<Uuid> = links.values().flatten().copied().collect();
        // Each needed observation: its session and whether it is in the trash. Most
        // are the cycle's own (one scan); evidence from other cycles is looked up.
        let mut facts: HashMap<Uuid, (Option<Uuid>, bool)> = HashMap::with_capacity(needed.len());
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, session_id, deleted_at IS NOT NULL AS trashed FROM observation_view WHERE cycle_id = ?1",
        )?;
        let mut rows = stmt.query([&c])?;
        while let Some(r) = rows.next()? {
            let id = r.uuid("id")?;
            if needed.contains(&id) {
                facts.insert(id, (r.opt_uuid("session_id")?, r.get("trashed")?));
            }
        }
        let mut one = self.conn.prepare_cached(
            "SELECT id, session_id, deleted_at IS NOT NULL AS trashed FROM observation_view WHERE id = ?1",
        )?;
        for id in &needed {
            if !facts.contains_key(id) {
                if let Some(f) = one
                    .query_row([id.to_string()], |r| {
                        Ok((r.opt_uuid("session_id")?, r.get("trashed")?))
                    })
                    .optional()?
                {
                    facts.insert(*id, f);
                }
            }
        }
        let mut kinds: HashMap<Uuid, SourceKind> = HashMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, kind FROM session_view WHERE cycle_id = ?1")?;
        let mut rows = stmt.query([&c])?;
        while let Some(r) = rows.next()? {
            kinds.insert(r.uuid("id")?, r.stored("kind")?);
        }
        let mut one = self
            .conn
            .prepare_cached("SELECT kind FROM session_view WHERE id = ?1")?;
        for session in facts.values().filter_map(|f| f.0) {
            if let std::collections::hash_map::Entry::Vacant(slot) = kinds.entry(session) {
                if let Some(kind) = one
                    .query_row([session.to_string()], |r| r.stored::<SourceKind>("kind"))
                    .optional()?
                {
                    slot.insert(kind);
                }
            }
        }
        // Everyone live, once; then who said each needed observation.
        let mut people: HashMap<Uuid, Arc<Speaker>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.name, p.relation, t.id AS team_id, t.name AS team_name,
                    coalesce(t.segment, '') AS segment
             FROM person_view p LEFT JOIN team_view t ON t.id = p.team_id AND t.deleted_at IS NULL
             WHERE p.deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let s = speaker_from_row(r)?;
            people.insert(s.person.id, Arc::new(s));
        }
        let mut speakers = Speakers::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT observation_id, person_id FROM observation_person_view")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let observation = r.uuid("observation_id")?;
            if needed.contains(&observation) {
                if let Some(s) = people.get(&r.uuid("person_id")?) {
                    speakers.entry(observation).or_default().push(Arc::clone(s));
                }
            }
        }
        let pieces = links
            .into_iter()
            .map(|(pain, observations)| {
                let of = observations
                    .into_iter()
                    .filter_map(|o| {
                        facts.get(&o).map(|(session, trashed)| Piece {
                            observation: o,
                            trashed: *trashed,
                            source: session.and_then(|s| kinds.get(&s).copied()),
                        })
                    })
                    .collect();
                (pain, of)
            })
            .collect();
        let evidence = CycleEvidence {
            pieces,
            speakers,
            stances: self.stances(cycle)?,
        };
        for pain in &mut pains {
            let w = evidence.weigh(std::iter::once(pain.id));
            pain.reach = w.reach;
            pain.user_evidence = w.user_evidence;
            pain.loud_voices = w.loud_voices;
        }
        Ok((pains, evidence))
    }

    /// The live pains of a cycle weighed, as [`Db::pains_weighed`] gives them, reusing
    /// the reach weighed last when nothing it reads has changed since.
    pub(crate) fn pains_reached(
        &self,
        cycle: Uuid,
    ) -> Result<(Vec<Pain>, Arc<CycleEvidence>), DomainError> {
        let Some(cache) = self.read_cache else {
            let (pains, evidence) = self.pains_weighed(cycle)?;
            return Ok((pains, Arc::new(evidence)));
        };
        let generation: i64 = self
            .conn
            .query_row("SELECT n FROM reach_generation", [], |r| r.get(0))?;
        let kept = cache.with(|kept: &mut Option<CachedReach>| {
            let Some(c) = kept
                .as_ref()
                .filter(|c| c.cycle == cycle && c.generation == generation)
            else {
                return Ok(None);
            };
            self.cycle_head(cycle)?;
            let mut stmt = self.conn.prepare_cached(&format!(
                "{SELECT_PAIN} WHERE p.cycle_id = ?1 AND p.deleted_at IS NULL ORDER BY p.created_at, p.id"
            ))?;
            let mut pains: Vec<Pain> = stmt
                .query_map([cycle.to_string()], pain_from_row)?
                .collect::<rusqlite::Result<_>>()?;
            // A pain restored from the trash since was not weighed: weigh them all.
            if !pains.iter().all(|p| c.weights.contains_key(&p.id)) {
                return Ok(None);
            }
            for pain in &mut pains {
                let w = &c.weights[&pain.id];
                pain.reach = w.reach.clone();
                pain.user_evidence = w.user_evidence;
                pain.loud_voices = w.loud_voices.clone();
            }
            Ok::<_, DomainError>(Some((pains, Arc::clone(&c.evidence))))
        })?;
        if let Some(kept) = kept {
            return Ok(kept);
        }
        let (pains, evidence) = self.pains_weighed(cycle)?;
        let evidence = Arc::new(evidence);
        let weights = pains
            .iter()
            .map(|p| {
                (
                    p.id,
                    Weight {
                        reach: p.reach.clone(),
                        user_evidence: p.user_evidence,
                        loud_voices: p.loud_voices.clone(),
                    },
                )
            })
            .collect();
        cache.with(|kept: &mut Option<CachedReach>| {
            *kept = Some(CachedReach {
                cycle,
                generation,
                weights,
                evidence: Arc::clone(&evidence),
            })
        });
        Ok((pains, evidence))
    }

    /// The live pains an observation backs, in any cycle, oldest link first.
    pub fn pains_citing(&self, observation: Uuid) -> Result<Vec<PainCited>, DomainError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.statement, p.cycle_id, c.name AS cycle_name,
                    CASE WHEN b.deleted_at IS NULL THEN coalesce(b.name, '') ELSE '' END AS bucket_name,
                    pe.importance
             FROM pain_evidence pe JOIN pain p ON p.id = pe.pain_id
             JOIN cycle_view c ON c.id = p.cycle_id LEFT JOIN bucket b ON b.id = p.bucket_id
             WHERE pe.observation_id = ?1 AND p.deleted_at IS NULL
             ORDER BY pe.linked_at, p.id",
        )?;
        let list = stmt
            .query_map([observation.to_string()], |r| {
                Ok(PainCited {
                    pain_id: r.uuid("id")?,
                    statement: r.get("statement")?,
                    cycle_id: r.uuid("cycle_id")?,
                    cycle_name: r.get("cycle_name")?,
                    bucket_name: r.get("bucket_name")?,
                    importance: r.opt_stored("importance")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// Loads the evidence of `pains` and who said it, in two queries, and weighs it.
    fn fill_pains(&self, pains: &mut [Pain]) -> Result<(), DomainError> {
        if pains.is_empty() {
            return Ok(());
        }
        let ids = json_list(pains.iter().map(|p| p.id.to_string()));
        let mut stmt = self.conn.prepare_cached(
            "SELECT pe.pain_id, pe.observation_id, pe.importance, pe.reason, pe.linked_at,
                    o.kind, o.text, o.deleted_at IS NOT NULL AS trashed, o.late_input,
                    coalesce(s.title, '') AS session_title, s.kind AS source_kind,
                    o.session_id, o.turn_id, o.said_at_ms
             FROM pain_evidence pe
             JOIN observation_view o ON o.id = pe.observation_id
             LEFT JOIN session_view s ON s.id = o.session_id
             WHERE pe.pain_id IN (SELECT value FROM json_each(?1))
             ORDER BY pe.linked_at, pe.observation_id",
        )?;
        let mut evidence: HashMap<Uuid, Vec<PainEvidence>> = HashMap::new();
        let mut rows = stmt.query([&ids])?;
        while let Some(r) = rows.next()? {
            evidence
                .entry(r.uuid("pain_id")?)
                .or_default()
                .push(PainEvidence {
                    observation_id: r.uuid("observation_id")?,
                    kind: r.stored("kind")?,
                    text: r.get("text")?,
                    people: Vec::new(),
                    session_title: r.get("session_title")?,
                    source_kind: r.opt_stored("source_kind")?,
                    importance: r.opt_stored("importance")?,
                    reason: r.get("reason")?,
                    linked_at: r.time("linked_at")?,
                    trashed: r.get("trashed")?,
                    late_input: r.get("late_input")?,
                    session_id: r.opt_uuid("session_id")?,
                    turn_id: r.opt_uuid("turn_id")?,
                    said_at_ms: r.get::<_, Option<i64>>("said_at_ms")?.map(|t| t as u64),
                });
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT op.observation_id, p.id, p.name, p.relation,
                    t.id AS team_id, t.name AS team_name, coalesce(t.segment, '') AS segment
             FROM observation_person_view op
             CROSS JOIN person_view p ON p.id = op.person_id
             LEFT JOIN team_view t ON t.id = p.team_id AND t.deleted_at IS NULL
             WHERE op.observation_id IN
                   (SELECT observation_id FROM pain_evidence
                    WHERE pain_id IN (SELECT value FROM json_each(?1)))
               AND p.deleted_at IS NULL
             ORDER BY p.name COLLATE NOCASE",
        )?;
        let mut speakers = Speakers::new();
        let mut rows = stmt.query([&ids])?;
        while let Some(r) = rows.next()? {
            speakers
                .entry(r.uuid("observation_id")?)
                .or_default()
                .push(Arc::new(speaker_from_row(r)?));
        }
        let mut stances: HashMap<Uuid, Stances> = HashMap::new();
        for pain in pains.iter_mut() {
            if let std::collections::hash_map::Entry::Vacant(slot) = stances.entry(pain.cycle_id) {
                slot.insert(self.stances(pain.cycle_id)?);
            }
            pain.evidence = evidence.remove(&pain.id).unwrap_or_default();
            for e in &mut pain.evidence {
                e.people = speakers
                    .get(&e.observation_id)
                    .map(|s| s.iter().map(|s| s.person.clone()).collect())
                    .unwrap_or_default();
            }
            let w = weigh(
                pain.evidence.iter().map(Piece::from),
                &speakers,
                &stances[&pain.cycle_id],
            );
            pain.reach = w.reach;
            pain.user_evidence = w.user_evidence;
            pain.loud_voices = w.loud_voices;
        }
        Ok(())
    }
}

impl Tx<'_> {
    /// Makes a pain in a cycle that is prioritizing, from the evidence given.
    pub fn create_pain(&self, cycle: Uuid, input: &PainInput) -> Result<Pain, DomainError> {
        self.require(cycle, Act::Prioritize)?;
        let statement = clean_statement(&input.statement)?;
        let id = new_id();
        self.conn.execute(
            "INSERT INTO pain (id, cycle_id, statement, severity, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![
                id.to_string(),
                cycle.to_string(),
                statement,
                input.severity.map(Stored::as_stored),
                self.now_text()
            ],
        )?;
        self.link(id, &input.evidence)?;
        self.pain(id)
    }

    /// Makes a pain from one observation in one step: its words become the statement.
    pub fn pain_from_observation(&self, observation: Uuid) -> Result<Pain, DomainError> {
        let (cycle, text): (Uuid, String) = self
            .conn
            .query_row(
                "SELECT cycle_id, text FROM observation_view WHERE id = ?1 AND deleted_at IS NULL",
                [observation.to_string()],
                |r| Ok((r.uuid("cycle_id")?, r.get("text")?)),
            )
            .optional()?
            .ok_or_else(|| DomainError::NotFound {
                entity: "observation",
                id: observation.to_string(),
            })?;
        let statement: String = text.chars().take(MAX_STATEMENT).collect();
        self.create_pain(
            cycle,
            &PainInput {
                statement,
                severity: None,
                evidence: vec![EvidenceLink {
                    observation_id: observation,
                    importance: None,
                    reason: String::new(),
                }],
            },
        )
    }

    /// Replaces a pain's statement and severity.
    pub fn update_pain(&self, id: Uuid, update: &PainUpdate) -> Result<Pain, DomainError> {
        self.require_in("pain", id, false, Act::Prioritize)?;
        let statement = clean_statement(&update.statement)?;
        self.conn.execute(
            "UPDATE pain SET statement = ?2, severity = ?3, updated_at = ?4 WHERE id = ?1",
            params![
                id.to_string(),
                statement,
                update.severity.map(Stored::as_stored),
                self.now_text()
            ],
        )?;
        self.pain(id)
    }

    /// Links observations to a pain; a link already there takes the new importance and
    /// reason and keeps when it was first made.
    pub fn link_evidence(&self, pain: Uuid, links: &[EvidenceLink]) -> Result<Pain, DomainError> {
        self.require_in("pain", pain, false, Act::Prioritize)?;
        self.link(pain, links)?;
        self.touch(pain)?;
        self.pain(pain)
    }

    /// Unlinks an observation from a pain.
    pub fn unlink_evidence(&self, pain: Uuid, observation: Uuid) -> Result<Pain, DomainError> {
        self.require_in("pain", pain, false, Act::Prioritize)?;
        self.conn.execute(
            "DELETE FROM pain_evidence WHERE pain_id = ?1 AND observation_id = ?2",
            params![pain.to_string(), observation.to_string()],
        )?;
        self.touch(pain)?;
        self.pain(pain)
    }

    /// Puts a pain in a bucket of its cycle, or (with `None`) in none.
    pub fn move_pain(&self, id: Uuid, bucket: Option<Uuid>) -> Result<Pain, DomainError> {
        let cycle = self.require_in("pain", id, false, Act::Prioritize)?;
        if let Some(b) = bucket {
            let same: Option<bool> = self
                .conn
                .query_row(
                    "SELECT cycle_id = ?2 FROM bucket WHERE id = ?1 AND deleted_at IS NULL",
                    params![b.to_string(), cycle.to_string()],
                    |r| r.get(0),
                )
                .optional()?;
            match same {
                None => {
                    return Err(DomainError::NotFound {
                        entity: "bucket",
                        id: b.to_string(),
                    })
                }
                Some(false) => {
                    return Err(DomainError::invalid(
                        "bucket",
                        "a pain goes into a bucket of its own cycle",
                    ))
                }
                Some(true) => {}
            }
        }
        self.conn.execute(
            "UPDATE pain SET bucket_id = ?2, updated_at = ?3 WHERE id = ?1",
            params![
                id.to_string(),
                bucket.map(|b| b.to_string()),
                self.now_text()
            ],
        )?;
        self.pain(id)
    }

    /// Moves a pain to the trash; its evidence links stay for a restore.
    pub fn delete_pain(&self, id: Uuid) -> Result<(), DomainError> {
        self.require_in("pain", id, false, Act::Prioritize)?;
        self.move_to_trash("pain", id)
    }

    fn touch(&self, pain: Uuid) -> Result<(), DomainError> {
        self.conn.execute(
            "UPDATE pain SET updated_at = ?2 WHERE id = ?1",
            params![pain.to_string(), self.now_text()],
        )?;
        Ok(())
    }

    fn link(&self, pain: Uuid, links: &[EvidenceLink]) -> Result<(), DomainError> {
        let count: i64 = self.conn.query_row(
            "SELECT count(*) FROM pain_evidence WHERE pain_id = ?1",
            [pain.to_string()],
            |r| r.get(0),
        )?;
        if count as usize + links.len() > MAX_EVIDENCE {
            return Err(DomainError::invalid(
                "evidence",
                format!(
                    "a pain rests on at most {} observations",
                    crate::store::wording::thousands(MAX_EVIDENCE)
                ),
            ));
        }
        let mut live = self.conn.prepare_cached(
            "SELECT 1 FROM observation_view WHERE id = ?1 AND deleted_at IS NULL",
        )?;
        let mut add = self.conn.prepare_cached(
            "INSERT INTO pain_evidence (pain_id, observation_id, importance, reason, linked_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (pain_id, observation_id)
             DO UPDATE SET importance = excluded.importance, reason = excluded.reason",
        )?;
        for l in links {
            if !live.exists([l.observation_id.to_string()])? {
                return Err(DomainError::NotFound {
                    entity: "observation",
                    id: l.observation_id.to_string(),
                });
            }
            let reason = bounded("reason", &l.reason, MAX_REASON, None)?;
            add.execute(params![
                pain.to_string(),
                l.observation_id.to_string(),
                l.importance.map(Stored::as_stored),
                reason.trim(),
                self.now_text()
            ])?;
        }
        Ok(())
    }
}
