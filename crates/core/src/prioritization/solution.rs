//! Solutions, validated skeptically. Each bucket's problem gets candidate solutions,
//! each for an immediate need or for the vision. Validation comes first: is there a
//! capability users already have that only needs telling about? Then experiments,
//! each with the test that could prove the solution cannot work. A solution is
//! validated only once an experiment that could have disproved it did not. A flag
//! says when cloud vendors may absorb it within two or three years (underinvest),
//! citing the cloud-vendor-scan observations behind it. The plan's effort is split
//! between immediate needs and the vision, against the cycle's target (70/30 unless
//! the team sets another).

use crate::prioritization::bucket::BucketKind;
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::input::{bounded, check_date, date_text, line};
use crate::store::kind::SourceKind;
use crate::store::policy::Act;
use crate::store::row::{stored, RowExt, Stored};
use crate::store::sql::json_list;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;
use uuid::Uuid;

/// How far off the plan may drift from its target, in points, before it warns.
pub const DRIFT_POINTS: f64 = 10.0;

/// Whom a solution is for: an immediate need, or the vision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Horizon {
    Immediate,
    Vision,
}

stored!(Horizon, "horizon", { Immediate => "immediate", Vision => "vision" });

/// Where a solution's validation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SolutionStatus {
    Unvalidated,
    Validating,
    Validated,
    Disproven,
}

stored!(SolutionStatus, "solution status", {
    Unvalidated => "unvalidated",
    Validating => "validating",
    Validated => "validated",
    Disproven => "disproven",
});

/// What an experiment showed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The test could have shown the solution cannot work, and did not.
    Survived,
    /// It showed the solution cannot work.
    Disproved,
    Inconclusive,
}

stored!(Outcome, "experiment outcome", {
    Survived => "survived",
    Disproved => "disproved",
    Inconclusive => "inconclusive",
});

/// One experiment on a solution.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Experiment {
    pub id: Uuid,
    pub solution_id: Uuid,
    pub hypothesis: String,
    /// The test that could prove the solution cannot work.
    pub falsifier: String,
    pub result: String,
    /// Absent until it has run.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub outcome: Option<Outcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ran_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An experiment's fields, replaced whole.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExperimentInput {
    pub hypothesis: String,
    pub falsifier: String,
    #[serde(default)]
    pub result: String,
    #[serde(default)]
    #[ts(optional)]
    pub outcome: Option<Outcome>,
    #[serde(default)]
    #[ts(optional)]
    pub ran_on: Option<NaiveDate>,
}

/// A cloud-vendor-scan observation a vendor-absorb flag cites.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VendorCitation {
    pub observation_id: Uuid,
    pub text: String,
    pub session_id: Uuid,
    pub session_title: String,
    /// In the trash: kept, and it no longer holds the flag up.
    pub trashed: bool,
}

/// A candidate solution with its validation.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Solution {
    pub id: Uuid,
    pub cycle_id: Uuid,
    pub bucket_id: Uuid,
    pub bucket_name: String,
    pub bucket_kind: BucketKind,
    pub title: String,
    pub notes: String,
    pub horizon: Horizon,
    pub status: SolutionStatus,
    /// Person-months; absent when not estimated.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub effort: Option<f64>,
    /// An existing capability to tell users about instead; empty when none.
    pub capability: String,
    /// What telling users about it showed.
    pub capability_outcome: String,
    /// Cloud vendors may absorb this within 2–3 years, so underinvest.
    pub vendor_absorb: bool,
    pub vendor_evidence: Vec<VendorCitation>,
    /// Oldest first.
    pub experiments: Vec<Experiment>,
    /// What does not add up: "an experiment disproved it" while it is not disproven…
    pub warnings: Vec<String>,
    pub read_only: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A solution's fields, replaced whole.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SolutionInput {
    pub title: String,
    #[serde(default)]
    pub notes: String,
    pub horizon: Horizon,
    pub status: SolutionStatus,
    #[serde(default)]
    #[ts(optional)]
    pub effort: Option<f64>,
    #[serde(default)]
    pub capability: String,
    #[serde(default)]
    pub capability_outcome: String,
    #[serde(default)]
    pub vendor_absorb: bool,
    /// Cloud-vendor-scan observations behind the flag.
    #[serde(default)]
    pub vendor_evidence: Vec<Uuid>,
}

/// How the plan's effort splits between immediate needs and the vision.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanBalance {
    pub cycle_id: Uuid,
    /// The share of effort meant for immediate needs, in percent (70 unless set).
    pub target_immediate: u8,
    /// Person-months of live solutions not disproven, by horizon.
    pub immediate_effort: f64,
    pub vision_effort: f64,
    /// Percent; absent while nothing is estimated.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub immediate_share: Option<f64>,
    /// Solutions counted in the plan without an estimate.
    pub unestimated: u32,
    /// Set when the plan drifts more than 10 points from its target: what to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub warning: Option<String>,
}

const SELECT_SOLUTION: &str = "SELECT s.id, s.cycle_id, s.bucket_id, b.name AS bucket_name,
        b.kind AS bucket_kind, s.title, s.notes, s.horizon, s.status, s.effort, s.capability,
        s.capability_outcome, s.vendor_absorb, c.mode, s.created_at, s.updated_at
     FROM solution s JOIN bucket b ON b.id = s.bucket_id JOIN cycle_view c ON c.id = s.cycle_id";

fn solution_from_row(r: &Row<'_>) -> rusqlite::Result<Solution> {
    let mode: crate::store::policy::CycleMode = r.stored("mode")?;
    Ok(Solution {
        id: r.uuid("id")?,
        cycle_id: r.uuid("cycle_id")?,
        bucket_id: r.uuid("bucket_id")?,
        bucket_name: r.get("bucket_name")?,
        bucket_kind: r.stored("bucket_kind")?,
        title: r.get("title")?,
        notes: r.get("notes")?,
        horizon: r.stored("horizon")?,
        status: r.stored("status")?,
        effort: r.get("effort")?,
        capability: r.get("capability")?,
        capability_outcome: r.get("capability_outcome")?,
        vendor_absorb: r.get("vendor_absorb")?,
        vendor_evidence: Vec::new(),
        experiments: Vec::new(),
        warnings: Vec::new(),
        read_only: mode == crate::store::policy::CycleMode::Closed,
        created_at: r.time("created_at")?,
        updated_at: r.time("updated_at")?,
    })
}

const SELECT_EXPERIMENT: &str = "SELECT id, solution_id, hypothesis, falsifier, result, outcome,
        ran_on, created_at, updated_at FROM experiment";

fn experiment_from_row(r: &Row<'_>) -> rusqlite::Result<Experiment> {
    Ok(Experiment {
        id: r.uuid("id")?,
        solution_id: r.uuid("solution_id")?,
        hypothesis: r.get("hypothesis")?,
        falsifier: r.get("falsifier")?,
        result: r.get("result")?,
        outcome: r.opt_stored("outcome")?,
        ran_on: r.opt_date("ran_on")?,
        created_at: r.time("created_at")?,
        updated_at: r.time("updated_at")?,
    })
}

/// What does not add up in a solution's validation.
fn warnings(s: &Solution) -> Vec<String> {
    let mut out = Vec::new();
    let survived = s
        .experiments
        .iter()
        .any(|e| e.outcome == Some(Outcome::Survived));
    let disproved = s
        .experiments
        .iter()
        .any(|e| e.outcome == Some(Outcome::Disproved));
    if disproved && s.status != SolutionStatus::Disproven {
        out.push(
            "An experiment disproved it: mark it disproven, or say in its notes why not.".into(),
        );
    }
    if s.status == SolutionStatus::Validated && !survived {
        out.push("Validated, but no experiment that could disprove it is on record.".into());
    }
    if s.vendor_absorb && !s.vendor_evidence.iter().any(|v| !v.trashed) {
        out.push("The cloud-vendor flag cites no live cloud-vendor-scan observation.".into());
    }
    if !s.capability.is_empty() && s.capability_outcome.is_empty() {
        out.push(
            "An existing capability is named: tell users about it and note what happened.".into(),
        );
    }
    out
}

/// How `efforts` (each a horizon and person-months, absent when not estimated) split
/// between immediate needs and the vision, against `target` percent for the first:
/// the solutions' plan and the roadmap's are weighed alike.
pub(crate) fn balance(
    cycle: Uuid,
    target: u8,
    efforts: impl IntoIterator<Item = (Horizon, Option<f64>)>,
) -> PlanBalance {
    let (mut immediate, mut vision, mut unestimated) = (0.0, 0.0, 0);
    for effort in efforts {
        match effort {
            (_, None) => unestimated += 1,
            (Horizon::Immediate, Some(e)) => immediate += e,
            (Horizon::Vision, Some(e)) => vision += e,
        }
    }
    let total = immediate + vision;
    let share = (total > 0.0).then(|| immediate / total * 100.0);
    let warning = share.and_then(|share| {
        let gap = share - f64::from(target);
        (gap.abs() > DRIFT_POINTS).then(|| {
            let (most, least) = if gap > 0.0 {
                ("immediate needs", "the vision is starved")
            } else {
                ("the vision", "immediate needs go short")
            };
            format!(
                "The plan puts {:.0}% of its effort into immediate needs against a target of {target}%: \
                 too much goes to {most}, and {least}.",
                share
            )
        })
    });
    PlanBalance {
        cycle_id: cycle,
        target_immediate: target,
        immediate_effort: immediate,
        vision_effort: vision,
        immediate_share: share,
        unestimated,
        warning,
    }
}

impl Db<'_> {
    /// The live solutions of a cycle's live buckets, oldest first, with their experiments
    /// and citations.
    pub fn list_solutions(&self, cycle: Uuid) -> Result<Vec<Solution>, DomainError> {
        self.cycle_head(cycle)?;
        let mut list: Vec<Solution> = self
            .conn
            .prepare_cached(&format!(
                "{SELECT_SOLUTION} WHERE s.cycle_id = ?1 AND s.deleted_at IS NULL
                   AND b.deleted_at IS NULL ORDER BY s.created_at, s.id"
            ))?
            .query_map([cycle.to_string()], solution_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        self.fill_solutions(&mut list)?;
        Ok(list)
    }

    /// One live solution.
    pub fn solution(&self, id: Uuid) -> Result<Solution, DomainError> {
        let found = self
            .conn
            .prepare_cached(&format!(
                "{SELECT_SOLUTION} WHERE s.id = ?1 AND s.deleted_at IS NULL"
            ))?
            .query_row([id.to_string()], solution_from_row)
            .optional()?;
        let mut list = vec![found.ok_or_else(|| DomainError::NotFound {
            entity: "solution",
            id: id.to_string(),
        })?];
        self.fill_solutions(&mut list)?;
        Ok(list.remove(0))
    }

    fn fill_solutions(&self, list: &mut [Solution]) -> Result<(), DomainError> {
        if list.is_empty() {
            return Ok(());
        }
        let ids = json_list(list.iter().map(|s| s.id.to_string()));
        let mut experiments: HashMap<Uuid, Vec<Experiment>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_EXPERIMENT} WHERE deleted_at IS NULL
               AND solution_id IN (SELECT value FROM json_each(?1)) ORDER BY created_at, id"
        ))?;
        for e in stmt.query_map([&ids], experiment_from_row)? {
            let e = e?;
            experiments.entry(e.solution_id).or_default().push(e);
        }
        let mut cited: HashMap<Uuid, Vec<VendorCitation>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.solution_id, o.id, o.text, s.id AS session_id, s.title,
                    o.deleted_at IS NOT NULL AS trashed
             FROM solution_vendor_evidence v JOIN observation_view o ON o.id = v.observation_id
             JOIN session_view s ON s.id = o.session_id
             WHERE v.solution_id IN (SELECT value FROM json_each(?1)) ORDER BY o.created_at, o.id",
        )?;
        let mut rows = stmt.query([&ids])?;
        while let Some(r) = rows.next()? {
            cited
                .entry(r.uuid("solution_id")?)
                .or_default()
                .push(VendorCitation {
                    observation_id: r.uuid("id")?,
                    text: r.get("text")?,
                    session_id: r.uuid("session_id")?,
                    session_title: r.get("title")?,
                    trashed: r.get("trashed")?,
                });
        }
        for s in list {
            s.experiments = experiments.remove(&s.id).unwrap_or_default();
            s.vendor_evidence = cited.remove(&s.id).unwrap_or_default();
            s.warnings = warnings(s);
        }
        Ok(())
    }

    /// How a cycle's plan splits its effort, against its target.
    pub fn plan_balance(&self, cycle: Uuid) -> Result<PlanBalance, DomainError> {
        let target = self.plan_target(cycle)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.horizon, s.effort FROM solution s JOIN bucket b ON b.id = s.bucket_id
             WHERE s.cycle_id = ?1 AND s.deleted_at IS NULL AND b.deleted_at IS NULL
               AND s.status <> 'disproven'",
        )?;
        let mut efforts = Vec::new();
        let mut rows = stmt.query([cycle.to_string()])?;
        while let Some(r) = rows.next()? {
            efforts.push((r.stored::<Horizon>("horizon")?, r.get("effort")?));
        }
        Ok(balance(cycle, target, efforts))
    }

    /// The share of effort a cycle means for immediate needs, in percent.
    pub(crate) fn plan_target(&self, cycle: Uuid) -> Result<u8, DomainError> {
        self.cycle_head(cycle)?;
        let target: i64 = self.conn.query_row(
            "SELECT immediate_target FROM cycle_view WHERE id = ?1",
            [cycle.to_string()],
            |r| r.get(0),
        )?;
        Ok(target.clamp(0, 100) as u8)
    }

    fn experiment(&self, id: Uuid) -> Result<Experiment, DomainError> {
        self.conn
            .prepare_cached(&format!(
                "{SELECT_EXPERIMENT} WHERE id = ?1 AND deleted_at IS NULL"
            ))?
            .query_row([id.to_string()], experiment_from_row)
            .optional()?
            .ok_or_else(|| DomainError::NotFound {
                entity: "experiment",
                id: id.to_string(),
            })
    }
}

/// A solution's fields, checked.
struct Clean {
    title: String,
    notes: String,
    capability: String,
    capability_outcome: String,
}

fn clean_solution(input: &SolutionInput) -> Result<Clean, DomainError> {
    let text = crate::store::limits::PLAN_TEXT;
    if let Some(e) = input.effort {
        if !e.is_finite() || e <= 0.0 || e > 1000.0 {
            return Err(DomainError::invalid(
                "effort",
                "effort is in person-months, above 0 and at most 1,000",
            ));
        }
    }
    if input.vendor_evidence.len() > crate::store::limits::VENDOR_EVIDENCE {
        return Err(DomainError::invalid(
            "vendorEvidence",
            format!(
                "cite at most {} observations",
                crate::store::limits::VENDOR_EVIDENCE
            ),
        ));
    }
    Ok(Clean {
        title: line(
            "title",
            &input.title,
            crate::store::limits::SOLUTION_TITLE,
            Some("a solution needs a title, e.g. \"Shared CI runners with warm caches\""),
        )?,
        notes: bounded("notes", &input.notes, text, None)?,
        capability: bounded("capability", &input.capability, text, None)?,
        capability_outcome: bounded("capabilityOutcome", &input.capability_outcome, text, None)?,
    })
}

impl Tx<'_> {
    /// Proposes a solution to a bucket's problem.
    pub fn create_solution(
        &self,
        bucket: Uuid,
        input: &SolutionInput,
    ) -> Result<Solution, DomainError> {
        let cycle = self.require_in("bucket", bucket, false, Act::Prioritize)?;
        let id = new_id();
        self.conn.execute(
            "INSERT INTO solution (id, cycle_id, bucket_id, title, horizon, created_at, updated_at)
             VALUES (?1, ?2, ?3, '', 'immediate', ?4, ?4)",
            params![
                id.to_string(),
                cycle.to_string(),
                bucket.to_string(),
                self.now_text()
            ],
        )?;
        self.write_solution(id, input)
    }

    /// Replaces a solution's fields and citations.
    pub fn update_solution(
        &self,
        id: Uuid,
        input: &SolutionInput,
    ) -> Result<Solution, DomainError> {
        self.require_in("solution", id, false, Act::Prioritize)?;
        self.write_solution(id, input)
    }

    fn write_solution(&self, id: Uuid, input: &SolutionInput) -> Result<Solution, DomainError> {
        let c = clean_solution(input)?;
        let mut cite = self.conn.prepare_cached(
            "SELECT s.kind FROM observation_view o JOIN session_view s ON s.id = o.session_id
             WHERE o.id = ?1 AND o.deleted_at IS NULL",
        )?;
        for o in &input.vendor_evidence {
            let kind = cite
                .query_row([o.to_string()], |r| r.stored::<SourceKind>("kind"))
                .optional()?;
            match kind {
                None => {
                    return Err(DomainError::NotFound {
                        entity: "observation",
                        id: o.to_string(),
                    })
                }
                Some(SourceKind::CloudVendorScan) => {}
                Some(_) => {
                    return Err(DomainError::invalid(
                        "vendorEvidence",
                        "the cloud-vendor flag cites observations from cloud-vendor scans only",
                    ))
                }
            }
        }
        if input.vendor_absorb && input.vendor_evidence.is_empty() {
            return Err(DomainError::invalid(
                "vendorAbsorb",
                "cite the cloud-vendor-scan observations that say vendors may absorb this",
            ));
        }
        if input.status == SolutionStatus::Validated {
            let survived: bool = self.conn.query_row(
                "SELECT count(*) > 0 FROM experiment
                 WHERE solution_id = ?1 AND deleted_at IS NULL AND outcome = 'survived'",
                [id.to_string()],
                |r| r.get(0),
            )?;
            if !survived {
                return Err(DomainError::invalid(
                    "status",
                    "a solution is validated once an experiment that could prove it cannot work \
                     has run and it survived; record that experiment first",
                ));
            }
        }
        self.conn.execute(
            "UPDATE solution SET title = ?2, notes = ?3, horizon = ?4, status = ?5, effort = ?6,
                capability = ?7, capability_outcome = ?8, vendor_absorb = ?9, updated_at = ?10
             WHERE id = ?1",
            params![
                id.to_string(),
                c.title,
                c.notes,
                input.horizon.as_stored(),
                input.status.as_stored(),
                input.effort,
                c.capability,
                c.capability_outcome,
                input.vendor_absorb,
                self.now_text()
            ],
        )?;
        self.conn.execute(
            "DELETE FROM solution_vendor_evidence WHERE solution_id = ?1",
            [id.to_string()],
        )?;
        let mut add = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO solution_vendor_evidence (solution_id, observation_id) VALUES (?1, ?2)",
        )?;
        for o in &input.vendor_evidence {
            add.execute(params![id.to_string(), o.to_string()])?;
        }
        self.solution(id)
    }

    /// Moves a solution to the trash, with its experiments kept for a restore.
    pub fn delete_solution(&self, id: Uuid) -> Result<(), DomainError> {
        self.require_in("solution", id, false, Act::Prioritize)?;
        self.move_to_trash("solution", id)
    }

    /// Records an experiment on a solution.
    pub fn create_experiment(
        &self,
        solution: Uuid,
        input: &ExperimentInput,
    ) -> Result<Experiment, DomainError> {
        let cycle = self.require_in("solution", solution, false, Act::Prioritize)?;
        let id = new_id();
        self.conn.execute(
            "INSERT INTO experiment (id, cycle_id, solution_id, hypothesis, falsifier, created_at, updated_at)
             VALUES (?1, ?2, ?3, '', '', ?4, ?4)",
            params![
                id.to_string(),
                cycle.to_string(),
                solution.to_string(),
                self.now_text()
            ],
        )?;
        self.write_experiment(id, input)
    }

    /// Replaces an experiment's fields.
    pub fn update_experiment(
        &self,
        id: Uuid,
        input: &ExperimentInput,
    ) -> Result<Experiment, DomainError> {
        self.require_in("experiment", id, false, Act::Prioritize)?;
        self.write_experiment(id, input)
    }

    fn write_experiment(
        &self,
        id: Uuid,
        input: &ExperimentInput,
    ) -> Result<Experiment, DomainError> {
        let text = crate::store::limits::PLAN_TEXT;
        let hypothesis = bounded(
            "hypothesis",
            &input.hypothesis,
            text,
            Some("say what you believe, e.g. \"Warm caches halve CI time for most teams\""),
        )?;
        let falsifier = bounded(
            "falsifier",
            &input.falsifier,
            text,
            Some("name the test that could prove the solution cannot work"),
        )?;
        let result = bounded("result", &input.result, text, None)?;
        if input.outcome.is_some() && result.is_empty() {
            return Err(DomainError::invalid(
                "result",
                "say what the experiment showed before giving its outcome",
            ));
        }
        let ran_on = input
            .ran_on
            .map(|d| check_date("ranOn", d).map(date_text))
            .transpose()?;
        self.conn.execute(
            "UPDATE experiment SET hypothesis = ?2, falsifier = ?3, result = ?4, outcome = ?5,
                ran_on = ?6, updated_at = ?7 WHERE id = ?1",
            params![
                id.to_string(),
                hypothesis,
                falsifier,
                result,
                input.outcome.map(Stored::as_stored),
                ran_on,
                self.now_text()
            ],
        )?;
        self.experiment(id)
    }

    /// Moves an experiment to the trash.
    pub fn delete_experiment(&self, id: Uuid) -> Result<(), DomainError> {
        self.require_in("experiment", id, false, Act::Prioritize)?;
        self.move_to_trash("experiment", id)
    }

    /// Sets the share of effort a cycle means for immediate needs (0 to 100 percent;
    /// 100 where vendors will absorb the rest).
    pub fn set_plan_target(&self, cycle: Uuid, immediate: u8) -> Result<PlanBalance, DomainError> {
        self.require(cycle, Act::Prioritize)?;
        if immediate > 100 {
            return Err(DomainError::invalid(
                "immediate",
                "the share for immediate needs is a percentage, 0 to 100",
            ));
        }
        self.set_immediate_target(cycle, immediate)?;
        self.plan_balance(cycle)
    }
}
