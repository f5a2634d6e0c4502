//! What each cycle mode allows, in one table that every write consults.
//!
//! Discovery captures and judges nothing; prioritization judges, scores and ranks;
//! the roadmap mode plans the roadmap; a closed cycle is history and changes no more.
//! New capabilities add rows here (an act), never checks of their own.

use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::row::{RowExt, Stored};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// The mode a cycle is in. Modes move forward one step at a time; only a return to
/// discovery goes back, with a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CycleMode {
    Discovery,
    Prioritization,
    Roadmap,
    Closed,
}

impl CycleMode {
    /// Every mode, in order.
    pub const ALL: [CycleMode; 4] = [
        Self::Discovery,
        Self::Prioritization,
        Self::Roadmap,
        Self::Closed,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Discovery => "discovery",
            Self::Prioritization => "prioritization",
            Self::Roadmap => "roadmap",
            Self::Closed => "closed",
        }
    }

    /// The mode after this one; `None` once closed.
    pub fn next(self) -> Option<Self> {
        match self {
            Self::Discovery => Some(Self::Prioritization),
            Self::Prioritization => Some(Self::Roadmap),
            Self::Roadmap => Some(Self::Closed),
            Self::Closed => None,
        }
    }
}

impl Stored for CycleMode {
    const WHAT: &'static str = "cycle mode";
    fn as_stored(self) -> &'static str {
        self.as_str()
    }
    fn all() -> &'static [Self] {
        &Self::ALL
    }
}

/// What a write does to a cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Log, edit, tag, merge, trash or restore what discovery heard: sessions,
    /// notes, observations, ideas.
    Capture,
    /// Rename the cycle.
    EditCycle,
    /// Judge: score, size, rank or vote.
    Judge,
    /// Turn evidence into pains and group them: the work of prioritization.
    Prioritize,
    /// Commit roadmap items: take them out of draft, into the plan.
    PlanRoadmap,
    /// Draft the charter, the vision and the roadmap (its items in draft), and
    /// snapshot them.
    Draft,
}

impl Act {
    /// Every act, in the table's order.
    pub const ALL: [Act; 6] = [
        Act::Capture,
        Act::EditCycle,
        Act::Judge,
        Act::Prioritize,
        Act::PlanRoadmap,
        Act::Draft,
    ];

    /// What it is, in words, for refusals.
    pub fn label(self) -> &'static str {
        match self {
            Act::Capture => "capturing",
            Act::EditCycle => "renaming the cycle",
            Act::Judge => "scoring, sizing and ranking",
            Act::Prioritize => "turning evidence into pains",
            Act::PlanRoadmap => "committing roadmap items",
            Act::Draft => "drafting the charter, vision and roadmap",
        }
    }
}

/// The policy: for each act, whether each mode (discovery, prioritization, roadmap,
/// closed) allows it.
const TABLE: [(Act, [bool; 4]); 6] = [
    //                     discovery prioritization roadmap closed
    (Act::Capture, [true, true, true, false]),
    (Act::EditCycle, [true, true, true, false]),
    (Act::Judge, [false, true, true, false]),
    (Act::Prioritize, [false, true, true, false]),
    (Act::PlanRoadmap, [false, false, true, false]),
    (Act::Draft, [false, true, true, false]),
];

/// Whether a cycle in `mode` allows `act`.
pub fn allows(mode: CycleMode, act: Act) -> bool {
    let column = match mode {
        CycleMode::Discovery => 0,
        CycleMode::Prioritization => 1,
        CycleMode::Roadmap => 2,
        CycleMode::Closed => 3,
    };
    TABLE
        .iter()
        .find(|(a, _)| *a == act)
        .is_some_and(|(_, modes)| modes[column])
}

/// Whether what was judged (scores, sizes, ranks) is shown: everywhere but in
/// discovery, where it stays stored but hidden. A closed cycle shows it as history.
pub fn shows_judgement(mode: CycleMode) -> bool {
    mode != CycleMode::Discovery
}

/// What a cycle in its mode allows, for the UI to show only what it may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CycleAllows {
    pub capture: bool,
    pub judge: bool,
    /// Whether evidence can be turned into pains.
    pub prioritize: bool,
    /// Whether roadmap items can leave draft.
    pub plan_roadmap: bool,
    /// Whether the charter, vision and roadmap can be drafted.
    pub draft: bool,
    /// Whether scores, sizes and ranks are shown (see [`shows_judgement`]).
    pub shows_judgement: bool,
}

impl CycleAllows {
    pub fn of(mode: CycleMode) -> Self {
        Self {
            capture: allows(mode, Act::Capture),
            judge: allows(mode, Act::Judge),
            prioritize: allows(mode, Act::Prioritize),
            plan_roadmap: allows(mode, Act::PlanRoadmap),
            draft: allows(mode, Act::Draft),
            shows_judgement: shows_judgement(mode),
        }
    }
}

/// The refusal of `act` in a cycle named `cycle` in `mode`.
fn refusal(cycle: String, mode: CycleMode, act: Act) -> DomainError {
    match (mode, act) {
        (CycleMode::Closed, _) => DomainError::CycleClosed { cycle },
        (CycleMode::Discovery, Act::Judge) => DomainError::JudgingInDiscovery { cycle },
        _ => DomainError::WrongMode {
            cycle,
            mode: mode.as_str(),
            act: act.label(),
            needed: CycleMode::ALL
                .into_iter()
                .find(|m| allows(*m, act))
                .map_or("another mode", CycleMode::as_str),
        },
    }
}

impl Db<'_> {
    /// The name and mode of a cycle, without counting anything (writes stay flat).
    pub(crate) fn cycle_head(&self, id: Uuid) -> Result<(String, CycleMode), DomainError> {
        self.conn
            .prepare_cached("SELECT id, name, mode FROM cycle WHERE id = ?1")?
            .query_row([id.to_string()], |r| {
                Ok((r.get("name")?, r.stored("mode")?))
            })
            .optional()?
            .ok_or_else(|| DomainError::NotFound {
                entity: "cycle",
                id: id.to_string(),
            })
    }
}

impl Db<'_> {
    /// Refuses `act` unless cycle `id`'s mode allows it (a read asks too: what only
    /// prioritization shows is not offered in discovery).
    pub(crate) fn require(&self, cycle: Uuid, act: Act) -> Result<(), DomainError> {
        let (name, mode) = self.cycle_head(cycle)?;
        if allows(mode, act) {
            Ok(())
        } else {
            Err(refusal(name, mode, act))
        }
    }
}

impl Tx<'_> {
    /// The cycle of a live (or, with `trashed`, a deleted) row of `table` (a session,
    /// observation or idea), once its mode allows `act`.
    pub(crate) fn require_in(
        &self,
        table: &'static str,
        id: Uuid,
        trashed: bool,
        act: Act,
    ) -> Result<Uuid, DomainError> {
        let deleted = if trashed { "IS NOT NULL" } else { "IS NULL" };
        let cycle = self
            .conn
            .prepare_cached(&format!(
                "SELECT id, cycle_id FROM {table} WHERE id = ?1 AND deleted_at {deleted}"
            ))?
            .query_row([id.to_string()], |r| r.uuid("cycle_id"))
            .optional()?
            .ok_or_else(|| DomainError::NotFound {
                entity: match (table, trashed) {
                    ("session", false) => "session",
                    ("session", true) => "trashed session",
                    ("observation", false) => "observation",
                    ("observation", true) => "trashed observation",
                    ("idea", false) => "idea",
                    ("idea", true) => "trashed idea",
                    ("pain", false) => "pain",
                    ("pain", true) => "trashed pain",
                    ("bucket", false) => "bucket",
                    ("bucket", true) => "trashed bucket",
                    ("tradeoff_axis", false) => "trade-off",
                    ("tradeoff_axis", true) => "trashed trade-off",
                    ("solution", false) => "solution",
                    ("solution", true) => "trashed solution",
                    ("experiment", false) => "experiment",
                    ("experiment", true) => "trashed experiment",
                    ("roadmap_item", false) => "roadmap item",
                    _ => "trashed roadmap item",
                },
                id: id.to_string(),
            })?;
        self.require(cycle, act)?;
        Ok(cycle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_table_says_what_each_mode_allows() {
        use CycleMode::*;
        let expected = [
            (Act::Capture, [true, true, true, false]),
            (Act::EditCycle, [true, true, true, false]),
            (Act::Judge, [false, true, true, false]),
            (Act::Prioritize, [false, true, true, false]),
            (Act::PlanRoadmap, [false, false, true, false]),
            (Act::Draft, [false, true, true, false]),
        ];
        for (act, modes) in expected {
            for (mode, allowed) in [Discovery, Prioritization, Roadmap, Closed]
                .into_iter()
                .zip(modes)
            {
                assert_eq!(allows(mode, act), allowed, "{act:?} in {mode:?}");
            }
        }
        // Every act has a row.
        for act in Act::ALL {
            assert!(TABLE.iter().any(|(a, _)| *a == act), "{act:?}");
        }
    }

    #[test]
    fn each_refusal_says_why_in_the_words_of_its_mode() {
        let closed = refusal("H1".into(), CycleMode::Closed, Act::Capture);
        assert!(matches!(closed, DomainError::CycleClosed { .. }));
        let judging = refusal("H1".into(), CycleMode::Discovery, Act::Judge);
        assert!(matches!(judging, DomainError::JudgingInDiscovery { .. }));
        let early = refusal("H1".into(), CycleMode::Prioritization, Act::PlanRoadmap);
        assert_eq!(
            early.to_string(),
            "the cycle \"H1\" is in prioritization; committing roadmap items waits until it is in roadmap"
        );
    }
}
