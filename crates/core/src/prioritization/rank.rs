//! The prioritized list of user pain. Each pain's score is computed from raw inputs the
//! team stores (never a stored score) and the reach its evidence gives, by the
//! workspace's framework: RICE by default, ICE or value/effort. A missing input leaves
//! a pain unscored, never zero. A position set by hand needs a written reason and is
//! kept in the pain's history. Every position explains itself, and ties break the
//! same way every time (severity, then reach, then the older pain).

use crate::prioritization::bucket::BucketRef;
use crate::prioritization::criterion::Criterion;
use crate::prioritization::pain::{Pain, Reach, Severity};
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::input::line;
use crate::store::policy::Act;
use crate::store::policy::CycleMode;
use crate::store::row::{RowExt, Stored};
use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;
use uuid::Uuid;

const FRAMEWORK_KEY: &str = "scoring_framework";

/// How pains are scored, for the whole workspace.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Framework {
    /// Reach × impact × confidence ÷ effort.
    #[default]
    Rice,
    /// Impact × confidence × ease.
    Ice,
    /// Value ÷ effort.
    ValueEffort,
    /// The weighted mean of the pain's ratings on the team's criteria.
    Weighted,
}

impl Stored for Framework {
    const WHAT: &'static str = "scoring framework";
    fn as_stored(self) -> &'static str {
        match self {
            Self::Rice => "rice",
            Self::Ice => "ice",
            Self::ValueEffort => "value_effort",
            Self::Weighted => "weighted",
        }
    }
    fn all() -> &'static [Self] {
        &[Self::Rice, Self::Ice, Self::ValueEffort, Self::Weighted]
    }
}

impl Framework {
    /// The formula, in words.
    pub fn formula(self) -> &'static str {
        match self {
            Self::Rice => "RICE = weighted reach × impact × confidence ÷ effort",
            Self::Ice => "ICE = impact × confidence (out of 10) × ease",
            Self::ValueEffort => "value ÷ effort",
            Self::Weighted => "Σ (rating × weight) ÷ Σ weights, over the team's criteria",
        }
    }

    /// The inputs it needs from the team (reach comes from the evidence).
    fn needs(self) -> &'static [Input] {
        match self {
            Self::Rice => &[Input::Impact, Input::Confidence, Input::Effort],
            Self::Ice => &[Input::Impact, Input::Confidence, Input::Ease],
            Self::ValueEffort => &[Input::Value, Input::Effort],
            // Its inputs are the team's criteria, read from the workspace.
            Self::Weighted => &[],
        }
    }
}

/// One input a team sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Input {
    Impact,
    Confidence,
    Effort,
    Ease,
    Value,
}

impl Input {
    fn name(self) -> &'static str {
        match self {
            Self::Impact => "impact",
            Self::Confidence => "confidence",
            Self::Effort => "effort",
            Self::Ease => "ease",
            Self::Value => "value",
        }
    }

    fn of(self, s: &ScoreInputs) -> Option<f64> {
        match self {
            Self::Impact => s.impact,
            Self::Confidence => s.confidence,
            Self::Effort => s.effort,
            Self::Ease => s.ease,
            Self::Value => s.value,
        }
    }

    /// The range a value must be in, and how to say it.
    fn range(self) -> (f64, f64, &'static str) {
        match self {
            Self::Impact => (
                0.0,
                10.0,
                "impact is above 0 and at most 10 (RICE: 0.25 minimal … 3 massive)",
            ),
            Self::Confidence => (
                0.0,
                100.0,
                "confidence is a percentage, above 0 and at most 100",
            ),
            Self::Effort => (
                0.0,
                1000.0,
                "effort is in person-months, above 0 and at most 1,000",
            ),
            Self::Ease | Self::Value => (0.0, 10.0, "ease and value are above 0 and at most 10"),
        }
    }
}

/// A pain's raw scoring inputs, as the team set them; any may be missing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScoreInputs {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub impact: Option<f64>,
    /// Percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub confidence: Option<f64>,
    /// Person-months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub effort: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ease: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub value: Option<f64>,
    /// Ratings (0 to 10) on the weighted criteria, by criterion id.
    #[serde(default)]
    #[ts(type = "Record<string, number>")]
    pub criteria: BTreeMap<Uuid, f64>,
}

/// The score of inputs and reach under `framework` (weighted by `criteria`); `None`
/// when an input is missing. RICE's reach is the people weighed by the trade-offs.
pub fn score(
    framework: Framework,
    inputs: &ScoreInputs,
    reach: &Reach,
    criteria: &[Criterion],
) -> Option<f64> {
    let i = inputs;
    match framework {
        Framework::Rice => {
            Some(reach.weighted_people * i.impact? * i.confidence? / 100.0 / i.effort?)
        }
        Framework::Ice => Some(i.impact? * i.confidence? / 10.0 * i.ease?),
        Framework::ValueEffort => Some(i.value? / i.effort?),
        Framework::Weighted => {
            if criteria.is_empty() {
                return None;
            }
            let mut sum = 0.0;
            let mut weights = 0.0;
            for c in criteria {
                sum += i.criteria.get(&c.id)? * c.weight;
                weights += c.weight;
            }
            Some(sum / weights)
        }
    }
}

/// One pain in the ranked list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RankedPain {
    /// 1 is the top.
    pub position: u32,
    pub pain_id: Uuid,
    pub statement: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub bucket_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub severity: Option<Severity>,
    /// Absent: unscored (an input is missing), never zero.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub score: Option<f64>,
    pub inputs: ScoreInputs,
    pub reach: Reach,
    pub user_evidence: bool,
    /// "mostly Payments (3 of 4)" and the like.
    pub loud_voices: Vec<String>,
    /// Set when the position was set by hand: the written reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub override_reason: Option<String>,
}

/// The prioritized list of user pain of a cycle.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Ranking {
    pub cycle_id: Uuid,
    pub framework: Framework,
    pub formula: String,
    /// The criteria scores are weighed by, under the weighted-criteria framework.
    pub criteria: Vec<Criterion>,
    /// The cycle's live buckets, to name each item's.
    pub buckets: Vec<BucketRef>,
    pub items: Vec<RankedPain>,
}

/// One term of a score, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Term {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub value: Option<f64>,
    pub source: String,
}

/// A position set by hand, or given back to the score.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OverrideEvent {
    /// Absent: given back to its score.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub position: Option<u32>,
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// Why a pain sits where it does.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    pub item: RankedPain,
    pub framework: Framework,
    pub formula: String,
    pub terms: Vec<Term>,
    /// Sentences: how the position follows from the score, ties and any override.
    pub why: Vec<String>,
    /// What single change of input would move it past the pain above it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub to_pass: Option<String>,
    pub history: Vec<OverrideEvent>,
}

/// The fixed order of the ranking, before overrides: score (unscored last), then
/// severity, reach and age, then id, so equal inputs always give the same order.
fn natural(a: &(Pain, Option<f64>), b: &(Pain, Option<f64>)) -> Ordering {
    let by_score = match (a.1, b.1) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    by_score
        .then_with(|| b.0.severity.cmp(&a.0.severity))
        .then_with(|| b.0.reach.people.cmp(&a.0.reach.people))
        .then_with(|| a.0.created_at.cmp(&b.0.created_at))
        .then_with(|| a.0.id.cmp(&b.0.id))
}

fn number(x: f64) -> String {
    let rounded = (x * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}

/// A ranking and what it was made from.
type Ranked = (
    Ranking,
    HashMap<Uuid, (ScoreInputs, DateTime<Utc>)>,
    HashMap<Uuid, Vec<OverrideEvent>>,
);

impl Db<'_> {
    /// The workspace's scoring framework.
    pub fn framework(&self) -> Result<Framework, DomainError> {
        Ok(self
            .meta_get(FRAMEWORK_KEY)?
            .and_then(|s| Framework::from_stored(&s))
            .unwrap_or_default())
    }

    fn inputs(
        &self,
        cycle: Uuid,
    ) -> Result<HashMap<Uuid, (ScoreInputs, DateTime<Utc>)>, DomainError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.pain_id, s.impact, s.confidence, s.effort, s.ease, s.value, s.updated_at
             FROM pain_score s JOIN pain p ON p.id = s.pain_id WHERE p.cycle_id = ?1",
        )?;
        let rows = stmt
            .query_map([cycle.to_string()], |r| {
                Ok((
                    r.uuid("pain_id")?,
                    (
                        ScoreInputs {
                            impact: r.get("impact")?,
                            confidence: r.get("confidence")?,
                            effort: r.get("effort")?,
                            ease: r.get("ease")?,
                            value: r.get("value")?,
                            criteria: BTreeMap::new(),
                        },
                        r.time("updated_at")?,
                    ),
                ))
            })?
            .collect::<rusqlite::Result<HashMap<_, _>>>()?;
        let mut rows = rows;
        let mut stmt = self.conn.prepare_cached(
            "SELECT pc.pain_id, pc.criterion_id, pc.value FROM pain_criterion pc
             JOIN pain p ON p.id = pc.pain_id WHERE p.cycle_id = ?1",
        )?;
        let mut ratings = stmt.query([cycle.to_string()])?;
        while let Some(r) = ratings.next()? {
            let entry = rows
                .entry(r.uuid("pain_id")?)
                .or_insert_with(|| (ScoreInputs::default(), DateTime::<Utc>::MIN_UTC));
            entry
                .0
                .criteria
                .insert(r.uuid("criterion_id")?, r.get("value")?);
        }
        Ok(rows)
    }

    /// Every pain's overrides, oldest first.
    fn overrides(&self, cycle: Uuid) -> Result<HashMap<Uuid, Vec<OverrideEvent>>, DomainError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.pain_id, o.position, o.reason, o.at FROM rank_override o
             JOIN pain p ON p.id = o.pain_id WHERE p.cycle_id = ?1 ORDER BY o.at, o.rowid",
        )?;
        let mut all: HashMap<Uuid, Vec<OverrideEvent>> = HashMap::new();
        let mut rows = stmt.query([cycle.to_string()])?;
        while let Some(r) = rows.next()? {
            all.entry(r.uuid("pain_id")?)
                .or_default()
                .push(OverrideEvent {
                    position: r.get("position")?,
                    reason: r.get("reason")?,
                    at: r.time("at")?,
                });
        }
        Ok(all)
    }

    /// The prioritized list of a cycle's pains. Refused in discovery, which judges nothing.
    pub fn rank(&self, cycle: Uuid) -> Result<Ranking, DomainError> {
        Ok(self.ranked(cycle)?.0)
    }

    /// The ranking, with what explanations need: the inputs (and their date) and the
    /// overrides of each pain.
    fn ranked(&self, cycle: Uuid) -> Result<Ranked, DomainError> {
        let (name, mode) = self.cycle_head(cycle)?;
        if mode == CycleMode::Discovery {
            return Err(DomainError::JudgingInDiscovery { cycle: name });
        }
        let framework = self.framework()?;
        let criteria = self.criteria()?;
        let inputs = self.inputs(cycle)?;
        let overrides = self.overrides(cycle)?;
        let (pains, _) = self.pains_reached(cycle)?;
        let none = ScoreInputs::default();
        let mut scored: Vec<(Pain, Option<f64>)> = pains
            .into_iter()
            .map(|p| {
                let i = inputs.get(&p.id).map_or(&none, |(i, _)| i);
                let s = score(framework, i, &p.reach, &criteria);
                (p, s)
            })
            .collect();
        scored.sort_by(natural);
        // Hand-set positions go where they were put; the rest keep their order around them.
        let placed = |p: &Pain| {
            overrides
                .get(&p.id)
                .and_then(|h| h.last())
                .filter(|o| o.position.is_some())
                .cloned()
        };
        let (mut pinned, rest): (Vec<_>, Vec<_>) =
            scored.into_iter().partition(|(p, _)| placed(p).is_some());
        pinned.sort_by_key(|(p, _)| placed(p).map(|o| (o.position, o.at)));
        let mut order = rest;
        for item in pinned {
            let at = placed(&item.0).and_then(|o| o.position).unwrap_or(1) as usize;
            let at = at.saturating_sub(1).min(order.len());
            order.insert(at, item);
        }
        let items = order
            .into_iter()
            .enumerate()
            .map(|(i, (p, score))| RankedPain {
                position: i as u32 + 1,
                pain_id: p.id,
                statement: p.statement.clone(),
                bucket_id: p.bucket_id,
                severity: p.severity,
                score,
                inputs: inputs
                    .get(&p.id)
                    .map(|(i, _)| i.clone())
                    .unwrap_or_default(),
                reach: p.reach.clone(),
                user_evidence: p.user_evidence,
                loud_voices: p
                    .loud_voices
                    .iter()
                    .map(|v| format!("mostly {} ({} of {})", v.name, v.evidence, v.of))
                    .collect(),
                override_reason: placed(&p).map(|o| o.reason),
            })
            .collect();
        Ok((
            Ranking {
                cycle_id: cycle,
                framework,
                formula: framework.formula().to_owned(),
                buckets: self.bucket_refs(cycle)?,
                criteria: if framework == Framework::Weighted {
                    criteria
                } else {
                    Vec::new()
                },
                items,
            },
            inputs,
            overrides,
        ))
    }

    /// Why the pain at `position` (1 is the top) sits there.
    pub fn explain_rank(&self, cycle: Uuid, position: u32) -> Result<Explanation, DomainError> {
        let (ranking, inputs, overrides) = self.ranked(cycle)?;
        let index = (position as usize)
            .checked_sub(1)
            .filter(|i| *i < ranking.items.len())
            .ok_or_else(|| {
                DomainError::invalid(
                    "position",
                    format!(
                        "the list holds {} pains; choose 1 to {0}",
                        ranking.items.len()
                    ),
                )
            })?;
        let item = ranking.items[index].clone();
        // The one pain explained is read whole: its evidence names who said it.
        let pain = &self.pain(item.pain_id)?;
        let framework = ranking.framework;
        let set_on = inputs
            .get(&pain.id)
            .map(|(_, at)| at.format("%-d %b %Y").to_string());
        let mut terms = Vec::new();
        if framework == Framework::Rice {
            let mut names: Vec<&str> = Vec::new();
            for e in pain.evidence.iter().filter(|e| !e.trashed) {
                for p in &e.people {
                    if !names.contains(&p.name.as_str()) {
                        names.push(&p.name);
                    }
                }
            }
            let shown = names.iter().take(5).copied().collect::<Vec<_>>().join(", ");
            let more = names.len().saturating_sub(5);
            let r = &pain.reach;
            let weighed: Vec<String> = r
                .weights
                .iter()
                .map(|w| {
                    format!(
                        "{} {} from {} {} {} times ({})",
                        w.people,
                        if w.people == 1 { "person" } else { "people" },
                        w.name,
                        if w.people == 1 {
                            "counts"
                        } else {
                            "each count"
                        },
                        number(w.weight),
                        w.stance.label(),
                    )
                })
                .collect();
            terms.push(Term {
                name: "reach".into(),
                value: Some(r.weighted_people),
                source: format!(
                    "{} behind its {}, each counted once{}{}",
                    crate::store::wording::count(r.people as usize, "person", "people"),
                    crate::store::wording::count(
                        r.evidence as usize,
                        "live observation",
                        "live observations"
                    ),
                    if names.is_empty() {
                        String::new()
                    } else if more > 0 {
                        format!(": {shown} and {more} more")
                    } else {
                        format!(": {shown}")
                    },
                    if weighed.is_empty() {
                        String::new()
                    } else {
                        format!(
                            ". Weighed by the trade-offs, {}; so reach is {}",
                            weighed.join(", "),
                            number(r.weighted_people)
                        )
                    }
                ),
            });
        }
        let criteria = &ranking.criteria;
        for c in criteria {
            let value = item.inputs.criteria.get(&c.id).copied();
            terms.push(Term {
                name: format!("{} (weight {})", c.name, number(c.weight)),
                value,
                source: match (value, &set_on) {
                    (Some(_), Some(day)) => {
                        format!("rated by the team (inputs last changed {day})")
                    }
                    _ => "not rated: the pain is unscored until it is".into(),
                },
            });
        }
        for input in framework.needs() {
            let value = input.of(&item.inputs);
            terms.push(Term {
                name: input.name().into(),
                value,
                source: match (value, &set_on) {
                    (Some(_), Some(day)) => format!("set by the team (inputs last changed {day})"),
                    _ => "not set: the pain is unscored until it is".into(),
                },
            });
        }
        let mut why = Vec::new();
        match item.score {
            Some(s) => why.push(format!("{}: {}.", framework.formula(), number(s))),
            None if framework == Framework::Weighted && criteria.is_empty() => why.push(
                "Unscored: the weighted-criteria framework has no criteria yet; add them \
                 (Pains → Criteria) and rate each pain."
                    .into(),
            ),
            None => {
                let mut missing: Vec<&str> = framework
                    .needs()
                    .iter()
                    .filter(|i| i.of(&item.inputs).is_none())
                    .map(|i| i.name())
                    .collect();
                missing.extend(
                    criteria
                        .iter()
                        .filter(|c| !item.inputs.criteria.contains_key(&c.id))
                        .map(|c| c.name.as_str()),
                );
                why.push(format!(
                    "Unscored: set its {} to score it. Unscored pains come after every scored one.",
                    missing.join(", ")
                ));
            }
        }
        if let Some(reason) = &item.override_reason {
            why.push(format!("Placed #{} by hand: “{reason}”.", item.position));
        }
        let above = index.checked_sub(1).map(|i| &ranking.items[i]);
        if let (Some(a), None) = (above, &item.override_reason) {
            if a.score == item.score {
                why.push(format!(
                    "Ties with “{}”, which comes first by severity, then reach, then age.",
                    a.statement
                ));
            }
        }
        let to_pass = above.and_then(|a| {
            let target = a.score?;
            let i = &item.inputs;
            let r = &pain.reach;
            let mut options = Vec::new();
            match framework {
                Framework::Rice => {
                    let (impact, conf, effort) = (i.impact?, i.confidence? / 100.0, i.effort?);
                    let people = r.weighted_people;
                    if people > 0.0 && conf > 0.0 {
                        options.push(format!(
                            "impact above {} (now {})",
                            number(target * effort / (people * conf)),
                            number(impact)
                        ));
                    }
                    if target > 0.0 {
                        options.push(format!(
                            "effort below {} person-months (now {})",
                            number(people * impact * conf / target),
                            number(effort)
                        ));
                    }
                    if impact > 0.0 && conf > 0.0 && r.weights.is_empty() {
                        let needed = (target * effort / (impact * conf)).floor() + 1.0;
                        options.push(format!(
                            "{} people behind it (now {})",
                            number(needed),
                            r.people
                        ));
                    } else if impact > 0.0 && conf > 0.0 {
                        options.push(format!(
                            "a weighted reach above {} (now {})",
                            number(target * effort / (impact * conf)),
                            number(people)
                        ));
                    }
                }
                Framework::Ice => {
                    let (impact, conf, ease) = (i.impact?, i.confidence? / 10.0, i.ease?);
                    if conf > 0.0 && ease > 0.0 {
                        options.push(format!(
                            "impact above {} (now {})",
                            number(target / (conf * ease)),
                            number(impact)
                        ));
                    }
                }
                Framework::Weighted => {
                    // The heaviest criterion not yet at 10 is the shortest way up.
                    let total: f64 = criteria.iter().map(|c| c.weight).sum();
                    let now = item.score?;
                    if let Some((c, v)) = criteria
                        .iter()
                        .filter_map(|c| Some((c, *i.criteria.get(&c.id)?)))
                        .filter(|(_, v)| *v < 10.0)
                        .max_by(|a, b| a.0.weight.total_cmp(&b.0.weight))
                    {
                        let needed = v + (target - now) * total / c.weight;
                        if needed <= 10.0 {
                            options.push(format!(
                                "{} above {} (now {})",
                                c.name,
                                number(needed),
                                number(v)
                            ));
                        }
                    }
                }
                Framework::ValueEffort => {
                    let (value, effort) = (i.value?, i.effort?);
                    options.push(format!(
                        "value above {} (now {})",
                        number(target * effort),
                        number(value)
                    ));
                    if target > 0.0 {
                        options.push(format!(
                            "effort below {} (now {})",
                            number(value / target),
                            number(effort)
                        ));
                    }
                }
            }
            (!options.is_empty()).then(|| {
                format!(
                    "{} would move it past “{}” (#{}, {}).",
                    options.join(", or "),
                    a.statement,
                    a.position,
                    number(target)
                )
            })
        });
        Ok(Explanation {
            item,
            framework,
            formula: framework.formula().to_owned(),
            terms,
            why,
            to_pass,
            history: overrides.get(&pain.id).cloned().unwrap_or_default(),
        })
    }
}

impl Tx<'_> {
    /// Chooses the workspace's scoring framework; every score follows from the inputs.
    pub fn set_framework(&self, framework: Framework) -> Result<Framework, DomainError> {
        self.meta_set(FRAMEWORK_KEY, framework.as_stored())?;
        Ok(framework)
    }

    /// Stores a pain's raw scoring inputs (all of them, replaced whole).
    pub fn score_pain(&self, pain: Uuid, inputs: &ScoreInputs) -> Result<ScoreInputs, DomainError> {
        self.require_in("pain", pain, false, Act::Judge)?;
        for input in [
            Input::Impact,
            Input::Confidence,
            Input::Effort,
            Input::Ease,
            Input::Value,
        ] {
            if let Some(v) = input.of(inputs) {
                let (low, high, says) = input.range();
                if !v.is_finite() || v <= low || v > high {
                    return Err(DomainError::invalid(input.name(), says));
                }
            }
        }
        let live: Vec<Uuid> = self.criteria()?.iter().map(|c| c.id).collect();
        for (id, v) in &inputs.criteria {
            if !live.contains(id) {
                return Err(DomainError::NotFound {
                    entity: "criterion",
                    id: id.to_string(),
                });
            }
            if !v.is_finite() || !(0.0..=10.0).contains(v) {
                return Err(DomainError::invalid(
                    "criteria",
                    "a rating on a criterion is from 0 to 10",
                ));
            }
        }
        // Ratings on criteria in the trash are kept for their restore.
        self.conn.execute(
            "DELETE FROM pain_criterion WHERE pain_id = ?1
               AND criterion_id IN (SELECT id FROM criterion WHERE deleted_at IS NULL)",
            [pain.to_string()],
        )?;
        let mut rate = self.conn.prepare_cached(
            "INSERT INTO pain_criterion (pain_id, criterion_id, value) VALUES (?1, ?2, ?3)",
        )?;
        for (id, v) in &inputs.criteria {
            rate.execute(params![pain.to_string(), id.to_string(), v])?;
        }
        self.conn.execute(
            "INSERT INTO pain_score (pain_id, impact, confidence, effort, ease, value, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (pain_id) DO UPDATE SET impact = excluded.impact,
                confidence = excluded.confidence, effort = excluded.effort, ease = excluded.ease,
                value = excluded.value, updated_at = excluded.updated_at",
            params![
                pain.to_string(),
                inputs.impact,
                inputs.confidence,
                inputs.effort,
                inputs.ease,
                inputs.value,
                self.now_text()
            ],
        )?;
        Ok(inputs.clone())
    }

    /// Puts a pain at `position` by hand, for a written reason; `None` gives it back to
    /// its score. Either way the change is kept in its history.
    pub fn override_rank(
        &self,
        pain: Uuid,
        position: Option<u32>,
        reason: &str,
    ) -> Result<(), DomainError> {
        self.require_in("pain", pain, false, Act::Judge)?;
        if position == Some(0) {
            return Err(DomainError::invalid("position", "positions start at 1"));
        }
        let reason = line(
            "reason",
            reason,
            crate::store::limits::REASON,
            Some("say why this pain goes here, e.g. \"the audit deadline is in March\""),
        )?;
        self.conn.execute(
            "INSERT INTO rank_override (id, pain_id, position, reason, at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![new_id().to_string(), pain.to_string(), position, reason, self.now_text()],
        )?;
        Ok(())
    }
}
