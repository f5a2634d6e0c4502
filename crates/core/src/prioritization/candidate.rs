//! Candidate pains: the pain and request observations of a cycle that are no pain's
//! evidence yet, grouped by what they say, so a few hundred observations read as a few
//! dozen groups. A suggestion, never an act: nothing changes until the person accepts
//! a group (a pain with that evidence, through `create_pain`), takes part of it, or
//! dismisses it (remembered, so the same group is not offered again).
//!
//! How: each observation is its telling words (folded, stemmed lightly), weighed by how
//! rare they are among the observations grouped (a word most of them say tells
//! nothing); two observations are as alike as the cosine of those weights. The most
//! central observation not yet grouped gathers those alike enough to it; what is left
//! joins the group it is most like on average, if alike enough. The same workspace
//! gives the same groups; each says the words that tie it and how alike its members
//! are. Grouping judges what belongs together, so it is offered in prioritization only.

use crate::discovery::similar::{stem, telling_words};
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::kind::ObservationKind;
use crate::store::policy::Act;
use crate::store::row::RowExt;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;
use uuid::Uuid;

/// How alike (cosine, 0 to 1) an observation must be to a group's centre to join it.
pub const ALIKE: f64 = 0.3;

/// The fewest observations rarity is judged among (see `group`).
const BACKGROUND: usize = 500;

/// Stems, each once, with the first way each was written.
type Stems = Vec<(String, String)>;

/// Adds the stems of `text` to `into`.
fn stems_of(text: &str, into: &mut Stems) {
    for w in telling_words(text) {
        let s = stem(&w);
        if !into.iter().any(|(x, _)| *x == s) {
            into.push((s, w));
        }
    }
}

/// How much a word weighs, said by `df` of `n` texts: rarer, heavier. Rarity is judged
/// as if among at least [`BACKGROUND`]: in a cycle of a dozen observations, a word
/// three of them share is what ties them, not a word too common to count.
fn rarity(df: u32, n: usize) -> f64 {
    ((n.max(BACKGROUND) as f64 + 1.0) / (f64::from(df) + 0.5)).ln()
}

/// An observation of a candidate pain.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CandidateObservation {
    pub id: Uuid,
    pub kind: ObservationKind,
    pub text: String,
    /// Who said it ("Priya Raman, Tom Berg"), if anyone is named.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub said_by: Option<String>,
    /// How alike it is to the group's centre (cosine of the words' weights, 0 to 1).
    pub alike: f64,
}

/// A word that ties a candidate together.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TyingWord {
    pub word: String,
    /// How much it weighs: rarer among the observations grouped, heavier.
    pub weight: f64,
    /// How many of the group say it.
    pub said: u32,
}

/// A group of observations that may be one pain.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CandidatePain {
    /// Names the group by its observations: dismissing it remembers this.
    pub key: String,
    /// A proposed statement: the most central observation's words, to edit.
    pub statement: String,
    pub observations: Vec<CandidateObservation>,
    /// Distinct people, teams and channels (kinds of session) behind it.
    pub people: u32,
    pub teams: u32,
    pub channels: u32,
    /// The words that tie it together, heaviest first.
    pub words: Vec<TyingWord>,
    /// How alike its members are to its centre, on average (0 to 1).
    pub cohesion: f64,
}

/// One observation to group.
struct Item {
    id: Uuid,
    kind: ObservationKind,
    text: String,
    session_kind: Option<String>,
    /// Its words' stems, each once, and the first way each was written.
    words: Stems,
}

/// A group as made: indices into the items, centre first, each with its likeness to
/// the centre.
type Members = Vec<(usize, f64)>;

/// Groups `items` (already read) into candidates, and gives the weight of every stem.
fn group(items: &[Item]) -> (Vec<Members>, HashMap<String, f64>) {
    let n = items.len();
    let mut df: HashMap<&str, u32> = HashMap::new();
    for item in items {
        for (stem, _) in &item.words {
            *df.entry(stem.as_str()).or_default() += 1;
        }
    }
    // A word a quarter of a large set says ties nothing together.
    let common = |d: u32| n >= 40 && d as usize * 4 > n;
    let weight: HashMap<String, f64> = df
        .iter()
        .map(|(w, d)| {
            let weight = if common(*d) { 0.0 } else { rarity(*d, n) };
            ((*w).to_owned(), weight)
        })
        .collect();
    let norms: Vec<f64> = items
        .iter()
        .map(|i| {
            i.words
                .iter()
                .map(|(w, _)| weight[w].powi(2))
                .sum::<f64>()
                .sqrt()
        })
        .collect();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        for (stem, _) in &item.words {
            if weight[stem] > 0.0 {
                postings.entry(stem.as_str()).or_default().push(i);
            }
        }
    }
    // Every pair that shares a weighed word, with its cosine.
    let mut alike: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); n];
    for (i, item) in items.iter().enumerate() {
        let mut dot: HashMap<usize, f64> = HashMap::new();
        for (stem, _) in &item.words {
            let w = weight[stem];
            if w <= 0.0 {
                continue;
            }
            for &j in postings.get(stem.as_str()).into_iter().flatten() {
                if j > i {
                    *dot.entry(j).or_default() += w * w;
                }
            }
        }
        for (j, d) in dot {
            let cos = d / (norms[i] * norms[j]).max(f64::MIN_POSITIVE);
            alike[i].insert(j, cos);
            alike[j].insert(i, cos);
        }
    }
    let centrality: Vec<f64> = alike
        .iter()
        .map(|a| a.values().filter(|c| **c >= ALIKE).sum())
        .collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| {
        centrality[*b]
            .total_cmp(&centrality[*a])
            .then_with(|| items[*a].id.cmp(&items[*b].id))
    });
    let mut placed: Vec<Option<usize>> = vec![None; n];
    let mut groups: Vec<Members> = Vec::new();
    for &c in &order {
        if placed[c].is_some() {
            continue;
        }
        let members: Vec<(usize, f64)> = alike[c]
            .iter()
            .filter(|(j, cos)| placed[**j].is_none() && **cos >= ALIKE)
            .map(|(j, cos)| (*j, *cos))
            .collect();
        if members.is_empty() {
            continue;
        }
        let g = groups.len();
        placed[c] = Some(g);
        let mut group = vec![(c, 1.0)];
        for (j, cos) in members {
            placed[j] = Some(g);
            group.push((j, cos));
        }
        groups.push(group);
    }
    // What is left joins the group it is most like on average, if alike enough.
    for i in 0..n {
        if placed[i].is_some() {
            continue;
        }
        let mut best: Option<(usize, f64)> = None;
        for (g, members) in groups.iter().enumerate() {
            let sum: f64 = members
                .iter()
                .map(|(j, _)| alike[i].get(j).copied().unwrap_or(0.0))
                .sum();
            let mean = sum / members.len() as f64;
            if mean >= ALIKE && best.is_none_or(|(_, b)| mean > b) {
                best = Some((g, mean));
            }
        }
        if let Some((g, _)) = best {
            let centre = groups[g][0].0;
            let cos = alike[i].get(&centre).copied().unwrap_or(0.0);
            groups[g].push((i, cos));
            placed[i] = Some(g);
        }
    }
    (groups, weight)
}

/// The key of a group: a digest of its observations' ids, in order.
fn key_of(ids: &[Uuid]) -> String {
    let mut sorted: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    sorted.sort();
    let digest = Sha256::digest(sorted.join(",").as_bytes());
    digest[..12].iter().map(|b| format!("{b:02x}")).collect()
}

impl Db<'_> {
    /// The candidate pains of `cycle`: its pain and request observations that are no
    /// pain's evidence yet, grouped; the largest groups first. Refused in discovery.
    pub fn candidate_pains(&self, cycle: Uuid) -> Result<Vec<CandidatePain>, DomainError> {
        self.require(cycle, Act::Prioritize)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, o.kind, o.text, s.kind AS session_kind FROM observation_view o
             LEFT JOIN session_view s ON s.id = o.session_id
             WHERE o.cycle_id = ?1 AND o.deleted_at IS NULL AND o.merged_into IS NULL
               AND o.kind IN ('pain', 'request')
               AND NOT EXISTS (SELECT 1 FROM pain_evidence_view e
                               JOIN pain_view p ON p.id = e.pain_id AND p.deleted_at IS NULL
                               WHERE e.observation_id = o.id)
             ORDER BY o.id",
        )?;
        let items: Vec<Item> = stmt
            .query_map([cycle.to_string()], |r| {
                let text: String = r.get("text")?;
                let mut words = Stems::new();
                stems_of(&text, &mut words);
                Ok(Item {
                    id: r.uuid("id")?,
                    kind: r.stored("kind")?,
                    session_kind: r.get("session_kind")?,
                    text,
                    words,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let dismissed: Vec<String> = self
            .conn
            .prepare_cached("SELECT key FROM candidate_dismissal WHERE cycle_id = ?1")?
            .query_map([cycle.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let (groups, weight) = group(&items);
        let mut who = self.conn.prepare_cached(
            "SELECT p.name, p.team_id FROM observation_person_view op
             JOIN person_view p ON p.id = op.person_id AND p.deleted_at IS NULL
             WHERE op.observation_id = ?1 ORDER BY p.name COLLATE NOCASE",
        )?;
        let mut candidates = Vec::new();
        for members in groups {
            let ids: Vec<Uuid> = members.iter().map(|(i, _)| items[*i].id).collect();
            let key = key_of(&ids);
            if dismissed.contains(&key) {
                continue;
            }
            let mut people = std::collections::BTreeSet::new();
            let mut teams = std::collections::BTreeSet::new();
            let mut channels = std::collections::BTreeSet::new();
            let mut observations = Vec::with_capacity(members.len());
            for (i, alike) in &members {
                let item = &items[*i];
                let named: Vec<(String, Option<String>)> = who
                    .query_map(params![item.id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                for (name, team) in &named {
                    people.insert(name.clone());
                    teams.extend(team.clone());
                }
                channels.extend(item.session_kind.clone());
                observations.push(CandidateObservation {
                    id: item.id,
                    kind: item.kind,
                    text: item.text.clone(),
                    said_by: (!named.is_empty()).then(|| {
                        named
                            .iter()
                            .map(|(n, _)| n.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    }),
                    alike: (alike * 100.0).round() / 100.0,
                });
            }
            // The words two or more members say, heaviest first.
            let mut said: BTreeMap<&str, (u32, &str)> = BTreeMap::new();
            for (i, _) in &members {
                for (stem, surface) in &items[*i].words {
                    let entry = said.entry(stem.as_str()).or_insert((0, surface.as_str()));
                    entry.0 += 1;
                }
            }
            let mut words: Vec<TyingWord> = said
                .into_iter()
                .filter(|(stem, (count, _))| *count >= 2 && weight[*stem] > 0.0)
                .map(|(stem, (count, surface))| TyingWord {
                    word: surface.to_owned(),
                    weight: (weight[stem] * 100.0).round() / 100.0,
                    said: count,
                })
                .collect();
            words.sort_by(|a, b| {
                (b.weight * f64::from(b.said))
                    .total_cmp(&(a.weight * f64::from(a.said)))
                    .then_with(|| a.word.cmp(&b.word))
            });
            words.truncate(8);
            let cohesion = members.iter().skip(1).map(|(_, c)| c).sum::<f64>()
                / (members.len() - 1).max(1) as f64;
            candidates.push(CandidatePain {
                key,
                statement: items[members[0].0].text.clone(),
                observations,
                people: people.len() as u32,
                teams: teams.len() as u32,
                channels: channels.len() as u32,
                words,
                cohesion: (cohesion * 100.0).round() / 100.0,
            });
        }
        candidates.sort_by(|a, b| {
            b.observations
                .len()
                .cmp(&a.observations.len())
                .then(b.people.cmp(&a.people))
                .then_with(|| a.key.cmp(&b.key))
        });
        Ok(candidates)
    }
}

/// A pain that observations being made into a pain may belong to.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PainLike {
    pub id: Uuid,
    pub statement: String,
    /// How many observations are its evidence now.
    pub evidence: u32,
    /// How alike (cosine of the words' weights, 0 to 1).
    pub alike: f64,
    /// The words both say, as the observations write them.
    pub shared: Vec<String>,
}

/// How alike a pain must be to observations to be suggested for them.
const PAIN_ALIKE: f64 = 0.2;

impl Db<'_> {
    /// The pains of `cycle` the observations `ids` may belong to (their statement and
    /// evidence say alike), most alike first, at most three, each with the words both
    /// say: offered before a new pain is made of them, so a pain is not made twice.
    pub fn pains_like(&self, cycle: Uuid, ids: &[Uuid]) -> Result<Vec<PainLike>, DomainError> {
        let mut text = self.conn.prepare_cached(
            "SELECT text FROM observation_view WHERE id = ?1 AND deleted_at IS NULL",
        )?;
        let mut asked: Stems = Vec::new();
        for id in ids {
            let said: Option<String> = text.query_row([id.to_string()], |r| r.get(0)).optional()?;
            if let Some(said) = said {
                stems_of(&said, &mut asked);
            }
        }
        if asked.is_empty() {
            return Ok(Vec::new());
        }
        let mut pains: Vec<(Uuid, String, u32, Stems)> = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.statement,
                    (SELECT group_concat(o.text, char(10)) FROM pain_evidence_view e
                     JOIN observation_view o ON o.id = e.observation_id AND o.deleted_at IS NULL
                     WHERE e.pain_id = p.id) AS said,
                    (SELECT count(*) FROM pain_evidence_view e WHERE e.pain_id = p.id) AS evidence
             FROM pain_view p WHERE p.cycle_id = ?1 AND p.deleted_at IS NULL ORDER BY p.id",
        )?;
        let rows = stmt.query_map([cycle.to_string()], |r| {
            Ok((
                r.uuid("id")?,
                r.get::<_, String>("statement")?,
                r.get::<_, Option<String>>("said")?,
                r.get::<_, u32>("evidence")?,
            ))
        })?;
        for row in rows {
            let (id, statement, said, evidence) = row?;
            let mut words = Vec::new();
            stems_of(&statement, &mut words);
            stems_of(said.as_deref().unwrap_or(""), &mut words);
            pains.push((id, statement, evidence, words));
        }
        let n = pains.len() + 1;
        let mut df: HashMap<&str, u32> = HashMap::new();
        for (s, _) in &asked {
            *df.entry(s.as_str()).or_default() += 1;
        }
        for (_, _, _, words) in &pains {
            for (s, _) in words {
                *df.entry(s.as_str()).or_default() += 1;
            }
        }
        let weight = |s: &str| rarity(df[s], n);
        let norm = |words: &[(String, String)]| {
            words
                .iter()
                .map(|(s, _)| weight(s).powi(2))
                .sum::<f64>()
                .sqrt()
        };
        let asked_norm = norm(&asked);
        let mut like: Vec<PainLike> = pains
            .iter()
            .filter_map(|(id, statement, evidence, words)| {
                let shared: Vec<&(String, String)> = asked
                    .iter()
                    .filter(|(s, _)| words.iter().any(|(w, _)| w == s))
                    .collect();
                let dot: f64 = shared.iter().map(|(s, _)| weight(s).powi(2)).sum();
                let alike = dot / (asked_norm * norm(words)).max(f64::MIN_POSITIVE);
                (alike >= PAIN_ALIKE).then(|| PainLike {
                    id: *id,
                    statement: statement.clone(),
                    evidence: *evidence,
                    alike: (alike * 100.0).round() / 100.0,
                    shared: shared.iter().map(|(_, w)| w.clone()).collect(),
                })
            })
            .collect();
        like.sort_by(|a, b| b.alike.total_cmp(&a.alike).then(a.id.cmp(&b.id)));
        like.truncate(3);
        Ok(like)
    }
}

impl Tx<'_> {
    /// Dismisses the candidate `key` of `cycle`: it is not offered again (a group with
    /// other observations is another candidate).
    pub fn dismiss_candidate(&self, cycle: Uuid, key: &str) -> Result<(), DomainError> {
        self.require(cycle, Act::Prioritize)?;
        if key.len() != 24 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(DomainError::InvalidInput {
                field: "key",
                reason: "names no candidate pain".into(),
            });
        }
        self.conn.execute(
            "INSERT INTO candidate_dismissal (cycle_id, key, dismissed_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (cycle_id, key) DO NOTHING",
            params![cycle.to_string(), key, self.now_text()],
        )?;
        Ok(())
    }
}
