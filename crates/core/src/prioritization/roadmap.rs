//! The roadmap: items made of solutions (a solution may ship in phases, one item
//! each), placed in Now / Next / Later and optionally a quarter. Each item must say
//! what it delivers on its own before it leaves draft, so every phase is useful even
//! if nothing after it ships. Items carry a confidence and the items they depend on;
//! the plan shows its immediate/vision split against the cycle's target, and hints
//! when it strays from "the hardest migration first, then a burst of easy
//! integrations".
//!
//! Drafting items is drafting (prioritization or roadmap mode); taking one out of
//! draft commits it to the plan, which only the roadmap mode does.

use crate::prioritization::solution::{balance, Horizon, PlanBalance, SolutionStatus};
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::input::{bounded, line};
use crate::store::policy::{allows, Act};
use crate::store::row::{stored, RowExt, Stored};
use chrono::{DateTime, Datelike, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use ts_rs::TS;
use uuid::Uuid;

/// Where an item sits: a lane says order and intent, not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Lane {
    Now,
    Next,
    Later,
}

stored!(Lane, "roadmap lane", { Now => "now", Next => "next", Later => "later" });

impl Lane {
    pub const ALL: [Lane; 3] = [Lane::Now, Lane::Next, Lane::Later];

    pub fn label(self) -> &'static str {
        match self {
            Lane::Now => "Now",
            Lane::Next => "Next",
            Lane::Later => "Later",
        }
    }

    /// The quarters of the 12-month view (0 is this quarter) an item of this lane
    /// with no quarter of its own may fall in.
    fn quarters(self) -> (u8, u8) {
        match self {
            Lane::Now => (0, 1),
            Lane::Next => (1, 2),
            Lane::Later => (2, 3),
        }
    }
}

/// How sure the team is that an item ships as planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

stored!(Confidence, "confidence", { Low => "low", Medium => "medium", High => "high" });

impl Confidence {
    pub fn label(self) -> &'static str {
        match self {
            Confidence::Low => "Low",
            Confidence::Medium => "Medium",
            Confidence::High => "High",
        }
    }
}

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Being shaped; anything may change.
    Draft,
    /// Committed to the plan.
    Planned,
    Done,
}

stored!(ItemStatus, "roadmap item status", { Draft => "draft", Planned => "planned", Done => "done" });

impl ItemStatus {
    pub fn label(self) -> &'static str {
        match self {
            ItemStatus::Draft => "Draft",
            ItemStatus::Planned => "Planned",
            ItemStatus::Done => "Done",
        }
    }
}

/// What an item asks of its users: migrations are part of their experience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Work {
    /// Users move off something onto the platform.
    Migration,
    /// Users plug something into the platform.
    Integration,
    /// A capability that asks nothing of users to start.
    Capability,
}

stored!(Work, "kind of roadmap work", {
    Migration => "migration",
    Integration => "integration",
    Capability => "capability",
});

impl Work {
    pub fn label(self) -> &'static str {
        match self {
            Work::Migration => "migration",
            Work::Integration => "integration",
            Work::Capability => "capability",
        }
    }
}

/// Where the 12-month view puts an item: the quarters it may fall in (0 is this
/// quarter, 3 the last of the twelve months).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Span {
    pub from: u8,
    pub to: u8,
    /// The team gave a quarter; otherwise the span is its lane's, widened when
    /// confidence is low.
    pub exact: bool,
    /// It may well land after the twelve months.
    pub open_ended: bool,
    /// Its quarter has passed.
    pub overdue: bool,
}

/// One item of the roadmap.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoadmapItem {
    pub id: Uuid,
    pub cycle_id: Uuid,
    pub solution_id: Uuid,
    pub solution_title: String,
    pub bucket_name: String,
    /// The solution's horizon: what the item counts toward in the 70/30 split.
    pub horizon: Horizon,
    pub title: String,
    /// What it delivers on its own.
    pub value: String,
    pub lane: Lane,
    /// Its place in its lane, 1 first.
    pub position: u32,
    /// Its place in the whole plan, 1 first: Now, then Next, then Later.
    pub order: u32,
    /// `YYYY-Qn`, when the team gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub quarter: Option<String>,
    pub confidence: Confidence,
    pub status: ItemStatus,
    pub work: Work,
    /// Person-months; absent when not estimated.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub effort: Option<f64>,
    /// The live items it cannot start before.
    pub depends_on: Vec<Uuid>,
    pub span: Span,
    /// What does not add up: a dependency planned after it, no value stated…
    pub warnings: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A plan-wide hint from the method, pointing at the item it is about.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoadmapHint {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub item_id: Option<Uuid>,
    pub text: String,
}

/// A cycle's roadmap.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Roadmap {
    pub cycle_id: Uuid,
    pub cycle_name: String,
    /// In plan order.
    pub items: Vec<RoadmapItem>,
    /// The items' effort split between immediate needs and the vision.
    pub balance: PlanBalance,
    pub hints: Vec<RoadmapHint>,
    /// The four quarters of the 12-month view, this one first: `2027-Q1`.
    pub window: Vec<String>,
    /// Whether items can be drafted, moved and edited.
    pub editable: bool,
    /// Whether items can leave draft (the roadmap mode).
    pub committable: bool,
}

/// An item's fields, replaced whole (its place changes by a move).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoadmapItemInput {
    pub title: String,
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    #[ts(optional)]
    pub quarter: Option<String>,
    pub confidence: Confidence,
    pub status: ItemStatus,
    pub work: Work,
    #[serde(default)]
    #[ts(optional)]
    pub effort: Option<f64>,
    #[serde(default)]
    pub depends_on: Vec<Uuid>,
}

/// A quarter as `(year, 1..=4)`, read from `YYYY-Qn`.
fn parse_quarter(text: &str) -> Option<(i32, u8)> {
    let (year, q) = text.trim().split_once(['-', ' '])?;
    let year: i32 = year.parse().ok()?;
    let q = q.strip_prefix(['Q', 'q'])?;
    let q: u8 = q.parse().ok()?;
    ((2000..=2100).contains(&year) && (1..=4).contains(&q)).then_some((year, q))
}

/// Quarters from `a` to `b`: 0 when the same, negative when `b` is earlier.
fn quarters_between(a: (i32, u8), b: (i32, u8)) -> i32 {
    (b.0 - a.0) * 4 + i32::from(b.1) - i32::from(a.1)
}

fn quarter_text((year, q): (i32, u8)) -> String {
    format!("{year}-Q{q}")
}

fn quarter_of(t: DateTime<Utc>) -> (i32, u8) {
    (t.year(), (t.month0() / 3 + 1) as u8)
}

fn span(item: &RoadmapItem, now: (i32, u8)) -> Span {
    if let Some(q) = item.quarter.as_deref().and_then(parse_quarter) {
        let at = quarters_between(now, q);
        return Span {
            from: at.clamp(0, 3) as u8,
            to: at.clamp(0, 3) as u8,
            exact: true,
            open_ended: at > 3,
            overdue: at < 0 && item.status != ItemStatus::Done,
        };
    }
    let (from, mut to) = item.lane.quarters();
    let mut open_ended = item.lane == Lane::Later;
    if item.confidence == Confidence::Low {
        // Low confidence is shown as what it is: it could take a quarter longer.
        if to == 3 {
            open_ended = true;
        }
        to = (to + 1).min(3);
    }
    Span {
        from,
        to,
        exact: false,
        open_ended,
        overdue: false,
    }
}

const SELECT_ITEM: &str = "SELECT r.id, r.cycle_id, r.solution_id, s.title AS solution_title,
        b.name AS bucket_name, s.horizon, s.status AS solution_status, r.title, r.value, r.lane,
        r.position, r.quarter, r.confidence, r.status, r.work, r.effort, r.created_at, r.updated_at
     FROM roadmap_item r JOIN solution s ON s.id = r.solution_id JOIN bucket b ON b.id = s.bucket_id";

/// Live items of live solutions of live buckets.
const LIVE: &str = "r.deleted_at IS NULL AND s.deleted_at IS NULL AND b.deleted_at IS NULL";

const LANE_ORDER: &str =
    "CASE r.lane WHEN 'now' THEN 0 WHEN 'next' THEN 1 ELSE 2 END, r.position, r.created_at, r.id";

fn item_from_row(r: &Row<'_>) -> rusqlite::Result<(RoadmapItem, SolutionStatus)> {
    let item = RoadmapItem {
        id: r.uuid("id")?,
        cycle_id: r.uuid("cycle_id")?,
        solution_id: r.uuid("solution_id")?,
        solution_title: r.get("solution_title")?,
        bucket_name: r.get("bucket_name")?,
        horizon: r.stored("horizon")?,
        title: r.get("title")?,
        value: r.get("value")?,
        lane: r.stored("lane")?,
        position: r.get("position")?,
        order: 0,
        quarter: r.get("quarter")?,
        confidence: r.stored("confidence")?,
        status: r.stored("status")?,
        work: r.stored("work")?,
        effort: r.get("effort")?,
        depends_on: Vec::new(),
        span: Span {
            from: 0,
            to: 0,
            exact: false,
            open_ended: false,
            overdue: false,
        },
        warnings: Vec::new(),
        created_at: r.time("created_at")?,
        updated_at: r.time("updated_at")?,
    };
    Ok((item, r.stored("solution_status")?))
}

/// The method's plan-wide hints: the hardest migration first, then a burst of easy
/// integrations.
fn hints(items: &[RoadmapItem]) -> Vec<RoadmapHint> {
    let mut out = Vec::new();
    let migrations: Vec<&RoadmapItem> = items
        .iter()
        .filter(|i| i.work == Work::Migration && i.status != ItemStatus::Done)
        .collect();
    let hardest = migrations
        .iter()
        .filter(|i| i.effort.is_some())
        .max_by(|a, b| {
            a.effort
                .partial_cmp(&b.effort)
                .unwrap_or(std::cmp::Ordering::Equal)
                // Of two as hard, the earlier one.
                .then(b.order.cmp(&a.order))
        })
        .copied();
    let Some(hardest) = hardest else {
        return out;
    };
    if let Some(first) = migrations.first().filter(|f| f.id != hardest.id) {
        out.push(RoadmapHint {
            item_id: Some(hardest.id),
            text: format!(
                "“{}” is the hardest migration ({} person-months), but “{}” comes before it: \
                 plan the hardest migration first, while teams have the appetite for it.",
                hardest.title,
                months(hardest.effort.unwrap_or_default()),
                first.title
            ),
        });
    }
    let early: Vec<&RoadmapItem> = items
        .iter()
        .filter(|i| {
            i.work == Work::Integration && i.order < hardest.order && i.status != ItemStatus::Done
        })
        .collect();
    if let Some(first) = early.first() {
        let what = if early.len() == 1 {
            format!("“{}”, an integration,", first.title)
        } else {
            format!("{} integrations", early.len())
        };
        out.push(RoadmapHint {
            item_id: Some(first.id),
            text: format!(
                "{what} come{} before the hardest migration, “{}”: do the migration first, \
                 then a burst of easy integrations that show its value quickly.",
                if early.len() == 1 { "s" } else { "" },
                hardest.title
            ),
        });
    }
    out
}

fn months(effort: f64) -> String {
    if effort.fract() == 0.0 {
        format!("{effort:.0}")
    } else {
        format!("{effort:.1}")
    }
}

impl Db<'_> {
    /// A cycle's roadmap in plan order, with its split, hints and 12-month view.
    pub fn roadmap(&self, cycle: Uuid) -> Result<Roadmap, DomainError> {
        let (cycle_name, mode) = self.cycle_head(cycle)?;
        let rows: Vec<(RoadmapItem, SolutionStatus)> = self
            .conn
            .prepare_cached(&format!(
                "{SELECT_ITEM} WHERE r.cycle_id = ?1 AND {LIVE} ORDER BY {LANE_ORDER}"
            ))?
            .query_map([cycle.to_string()], item_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut depends: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.item_id, d.depends_on_id FROM roadmap_dependency d
             JOIN roadmap_item r ON r.id = d.item_id WHERE r.cycle_id = ?1",
        )?;
        let mut found = stmt.query([cycle.to_string()])?;
        while let Some(r) = found.next()? {
            depends
                .entry(r.uuid("item_id")?)
                .or_default()
                .push(r.uuid("depends_on_id")?);
        }
        let now = quarter_of(self.now());
        let order: HashMap<Uuid, (u32, String)> = rows
            .iter()
            .enumerate()
            .map(|(n, (i, _))| (i.id, (n as u32 + 1, i.title.clone())))
            .collect();
        let mut items = Vec::with_capacity(rows.len());
        for (mut item, solution_status) in rows {
            item.order = order[&item.id].0;
            // Dependencies on trashed items are kept for a restore, and not shown.
            let mut deps: Vec<Uuid> = depends
                .remove(&item.id)
                .unwrap_or_default()
                .into_iter()
                .filter(|d| order.contains_key(d))
                .collect();
            deps.sort_by_key(|d| order[d].0);
            item.depends_on = deps;
            item.span = span(&item, now);
            item.warnings = item_warnings(&item, solution_status, &order);
            items.push(item);
        }
        let target = self.plan_target(cycle)?;
        Ok(Roadmap {
            cycle_id: cycle,
            cycle_name,
            balance: balance(cycle, target, items.iter().map(|i| (i.horizon, i.effort))),
            hints: hints(&items),
            window: (0..4)
                .map(|n| {
                    let q = i32::from(now.1) - 1 + n;
                    quarter_text((now.0 + q / 4, (q % 4 + 1) as u8))
                })
                .collect(),
            items,
            editable: allows(mode, Act::Draft),
            committable: allows(mode, Act::PlanRoadmap),
        })
    }

    /// One live roadmap item, as the roadmap shows it.
    pub fn roadmap_item(&self, id: Uuid) -> Result<RoadmapItem, DomainError> {
        let cycle: Option<Uuid> = self
            .conn
            .prepare_cached("SELECT id, cycle_id FROM roadmap_item WHERE id = ?1")?
            .query_row([id.to_string()], |r| r.uuid("cycle_id"))
            .optional()?;
        let not_found = || DomainError::NotFound {
            entity: "roadmap item",
            id: id.to_string(),
        };
        self.roadmap(cycle.ok_or_else(not_found)?)?
            .items
            .into_iter()
            .find(|i| i.id == id)
            .ok_or_else(not_found)
    }
}

fn item_warnings(
    item: &RoadmapItem,
    solution: SolutionStatus,
    order: &HashMap<Uuid, (u32, String)>,
) -> Vec<String> {
    let mut out = Vec::new();
    if item.value.is_empty() {
        out.push(
            "Say what it delivers on its own before it leaves draft: every item must be \
             useful even if nothing after it ships."
                .to_owned(),
        );
    }
    for d in &item.depends_on {
        let (at, title) = &order[d];
        if *at > item.order {
            out.push(format!(
                "It depends on “{title}”, which comes later in the plan: move one of them."
            ));
        }
    }
    if solution == SolutionStatus::Disproven {
        out.push(
            "Its solution has been disproven: take it off the roadmap, or say why not.".into(),
        );
    }
    if item.lane == Lane::Now && item.confidence == Confidence::Low {
        out.push(
            "Low confidence for something planned now: an experiment could settle it first.".into(),
        );
    }
    if item.span.overdue {
        out.push(format!(
            "Its quarter, {}, has passed and it is not done.",
            item.quarter.as_deref().unwrap_or_default()
        ));
    }
    out
}

/// An item's fields, checked.
struct Clean {
    title: String,
    value: String,
    quarter: Option<String>,
}

fn clean_item(input: &RoadmapItemInput) -> Result<Clean, DomainError> {
    if let Some(e) = input.effort {
        if !e.is_finite() || e <= 0.0 || e > 1000.0 {
            return Err(DomainError::invalid(
                "effort",
                "effort is in person-months, above 0 and at most 1,000",
            ));
        }
    }
    if input.depends_on.len() > crate::store::limits::ROADMAP_DEPENDENCIES {
        return Err(DomainError::invalid(
            "dependsOn",
            format!(
                "an item depends on at most {} others",
                crate::store::limits::ROADMAP_DEPENDENCIES
            ),
        ));
    }
    let quarter = match input.quarter.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(q) => Some(quarter_text(parse_quarter(q).ok_or_else(|| {
            DomainError::invalid(
                "quarter",
                format!("\"{q}\" is not a quarter; write it as 2027-Q1, or leave it empty"),
            )
        })?)),
    };
    let title = line(
        "title",
        &input.title,
        crate::store::limits::SOLUTION_TITLE,
        Some("an item needs a title, e.g. \"Phase 1: warm caches for the three largest teams\""),
    )?;
    let value = bounded("value", &input.value, crate::store::limits::PLAN_TEXT, None)?;
    if input.status != ItemStatus::Draft && value.is_empty() {
        return Err(DomainError::invalid(
            "value",
            format!(
                "say what “{title}” delivers on its own before it leaves draft: every item must \
                 be useful even if nothing after it ships"
            ),
        ));
    }
    Ok(Clean {
        title,
        value,
        quarter,
    })
}

impl Tx<'_> {
    /// Drafts an item of `solution`, at the end of `lane`.
    pub fn create_roadmap_item(
        &self,
        solution: Uuid,
        lane: Lane,
        input: &RoadmapItemInput,
    ) -> Result<RoadmapItem, DomainError> {
        let cycle = self.require_in("solution", solution, false, Act::Draft)?;
        let status: SolutionStatus = self.conn.query_row(
            "SELECT status FROM solution WHERE id = ?1",
            [solution.to_string()],
            |r| r.stored("status"),
        )?;
        if status == SolutionStatus::Disproven {
            return Err(DomainError::invalid(
                "solution",
                "a disproven solution has no place on the roadmap",
            ));
        }
        let id = new_id();
        self.conn.execute(
            "INSERT INTO roadmap_item (id, cycle_id, solution_id, title, lane, position, created_at, updated_at)
             VALUES (?1, ?2, ?3, '', ?4,
                     (SELECT coalesce(max(position), 0) + 1 FROM roadmap_item
                      WHERE cycle_id = ?2 AND lane = ?4 AND deleted_at IS NULL), ?5, ?5)",
            params![
                id.to_string(),
                cycle.to_string(),
                solution.to_string(),
                lane.as_stored(),
                self.now_text()
            ],
        )?;
        self.write_item(id, cycle, input)
    }

    /// Replaces an item's fields and dependencies.
    pub fn update_roadmap_item(
        &self,
        id: Uuid,
        input: &RoadmapItemInput,
    ) -> Result<RoadmapItem, DomainError> {
        let cycle = self.require_in("roadmap_item", id, false, Act::Draft)?;
        self.write_item(id, cycle, input)
    }

    fn write_item(
        &self,
        id: Uuid,
        cycle: Uuid,
        input: &RoadmapItemInput,
    ) -> Result<RoadmapItem, DomainError> {
        let c = clean_item(input)?;
        if input.status != ItemStatus::Draft {
            self.require(cycle, Act::PlanRoadmap)?;
        }
        self.check_dependencies(id, cycle, &input.depends_on)?;
        self.conn.execute(
            "UPDATE roadmap_item SET title = ?2, value = ?3, quarter = ?4, confidence = ?5,
                status = ?6, work = ?7, effort = ?8, updated_at = ?9
             WHERE id = ?1",
            params![
                id.to_string(),
                c.title,
                c.value,
                c.quarter,
                input.confidence.as_stored(),
                input.status.as_stored(),
                input.work.as_stored(),
                input.effort,
                self.now_text()
            ],
        )?;
        // Links to trashed items stay for a restore; the live ones are replaced.
        self.conn.execute(
            "DELETE FROM roadmap_dependency WHERE item_id = ?1 AND depends_on_id IN
               (SELECT id FROM roadmap_item WHERE deleted_at IS NULL)",
            [id.to_string()],
        )?;
        let mut add = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO roadmap_dependency (item_id, depends_on_id) VALUES (?1, ?2)",
        )?;
        for d in &input.depends_on {
            add.execute(params![id.to_string(), d.to_string()])?;
        }
        self.roadmap_item(id)
    }

    /// Refuses dependencies on what is not a live item of the same cycle, on the item
    /// itself, or that would close a loop.
    fn check_dependencies(
        &self,
        id: Uuid,
        cycle: Uuid,
        depends_on: &[Uuid],
    ) -> Result<(), DomainError> {
        let mut edges: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.item_id, d.depends_on_id FROM roadmap_dependency d
             JOIN roadmap_item a ON a.id = d.item_id AND a.deleted_at IS NULL
             JOIN roadmap_item b ON b.id = d.depends_on_id AND b.deleted_at IS NULL
             WHERE a.cycle_id = ?1 AND d.item_id <> ?2",
        )?;
        let mut rows = stmt.query(params![cycle.to_string(), id.to_string()])?;
        while let Some(r) = rows.next()? {
            edges
                .entry(r.uuid("item_id")?)
                .or_default()
                .push(r.uuid("depends_on_id")?);
        }
        let mut live = self.conn.prepare_cached(
            "SELECT title FROM roadmap_item WHERE id = ?1 AND cycle_id = ?2 AND deleted_at IS NULL",
        )?;
        for d in depends_on {
            if *d == id {
                return Err(DomainError::invalid(
                    "dependsOn",
                    "an item cannot depend on itself",
                ));
            }
            let title: Option<String> = live
                .query_row(params![d.to_string(), cycle.to_string()], |r| r.get(0))
                .optional()?;
            let Some(title) = title else {
                return Err(DomainError::NotFound {
                    entity: "roadmap item of this cycle",
                    id: d.to_string(),
                });
            };
            // A loop: the item it would depend on already waits, through others, on it.
            let mut seen = HashSet::new();
            let mut stack = vec![*d];
            while let Some(at) = stack.pop() {
                if at == id {
                    return Err(DomainError::invalid(
                        "dependsOn",
                        format!("“{title}” already waits on this item; two items cannot wait on each other"),
                    ));
                }
                if seen.insert(at) {
                    stack.extend(edges.get(&at).into_iter().flatten().copied());
                }
            }
        }
        Ok(())
    }

    /// Moves an item to `lane`, at `index` (0 is the top; past the end is the end),
    /// renumbering the lanes it left and joined.
    pub fn move_roadmap_item(
        &self,
        id: Uuid,
        lane: Lane,
        index: u32,
    ) -> Result<Roadmap, DomainError> {
        let cycle = self.require_in("roadmap_item", id, false, Act::Draft)?;
        let from: Lane = self.conn.query_row(
            "SELECT lane FROM roadmap_item WHERE id = ?1",
            [id.to_string()],
            |r| r.stored("lane"),
        )?;
        let lane_ids = |l: Lane| -> Result<Vec<String>, DomainError> {
            Ok(self
                .conn
                .prepare_cached(
                    "SELECT id FROM roadmap_item r
                     WHERE cycle_id = ?1 AND lane = ?2 AND deleted_at IS NULL AND id <> ?3
                     ORDER BY position, created_at, id",
                )?
                .query_map(
                    params![cycle.to_string(), l.as_stored(), id.to_string()],
                    |r| r.get(0),
                )?
                .collect::<rusqlite::Result<_>>()?)
        };
        let mut joined = lane_ids(lane)?;
        let at = (index as usize).min(joined.len());
        joined.insert(at, id.to_string());
        let mut place = self.conn.prepare_cached(
            "UPDATE roadmap_item SET lane = ?2, position = ?3,
                updated_at = CASE WHEN id = ?4 THEN ?5 ELSE updated_at END
             WHERE id = ?1",
        )?;
        let now = self.now_text();
        for (n, item) in joined.iter().enumerate() {
            place.execute(params![
                item,
                lane.as_stored(),
                n as i64 + 1,
                id.to_string(),
                now
            ])?;
        }
        if from != lane {
            for (n, item) in lane_ids(from)?.iter().enumerate() {
                place.execute(params![
                    item,
                    from.as_stored(),
                    n as i64 + 1,
                    id.to_string(),
                    now
                ])?;
            }
        }
        self.roadmap(cycle)
    }

    /// Moves an item to the trash; what depends on it keeps the link for a restore.
    pub fn delete_roadmap_item(&self, id: Uuid) -> Result<(), DomainError> {
        self.require_in("roadmap_item", id, false, Act::Draft)?;
        self.move_to_trash("roadmap_item", id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quarter_is_read_in_the_ways_people_write_it_and_nothing_else() {
        assert_eq!(parse_quarter("2027-Q1"), Some((2027, 1)));
        assert_eq!(parse_quarter("2027 q4"), Some((2027, 4)));
        for wrong in [
            "2027-Q5", "2027-Q0", "Q1-2027", "27-Q1", "2027", "", "2027-Q1x",
        ] {
            assert_eq!(parse_quarter(wrong), None, "{wrong}");
        }
        assert_eq!(quarters_between((2026, 4), (2027, 1)), 1);
        assert_eq!(quarters_between((2027, 2), (2026, 4)), -2);
    }
}
