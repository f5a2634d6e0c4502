//! Cycles: planning rounds ("2027 H1 planning") that move through modes —
//! discovery → prioritization → roadmap → closed. A closed cycle is read-only history.

use crate::error::DomainError;
use crate::id::{new_id, uuid_at};
use crate::store::{parse_timestamp, Store};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Longest cycle name accepted, in characters.
pub const MAX_CYCLE_NAME: usize = crate::limits::CYCLE_NAME;

const CURRENT_CYCLE_KEY: &str = "current_cycle_id";

/// The mode a cycle is in. Modes only move forward.
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

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
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

/// A planning cycle.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Cycle {
    pub id: Uuid,
    pub name: String,
    pub mode: CycleMode,
    /// Whether this is the workspace's current cycle.
    pub current: bool,
    /// Live (not trashed) sessions in the cycle.
    pub session_count: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Cycle {
    /// Whether the cycle can no longer change.
    pub fn is_read_only(&self) -> bool {
        self.mode == CycleMode::Closed
    }
}

const SELECT_CYCLE: &str = "SELECT c.id, c.name, c.mode, c.created_at, c.updated_at,
        (SELECT count(*) FROM session s WHERE s.cycle_id = c.id AND s.deleted_at IS NULL),
        c.id = (SELECT value FROM meta WHERE key = 'current_cycle_id')
     FROM cycle c";

fn cycle_from_row(row: &Row<'_>) -> rusqlite::Result<Cycle> {
    let mode: String = row.get(2)?;
    Ok(Cycle {
        id: uuid_at(row, 0)?,
        name: row.get(1)?,
        mode: CycleMode::parse(&mode).unwrap_or(CycleMode::Closed),
        created_at: parse_timestamp(&row.get::<_, String>(3)?),
        updated_at: parse_timestamp(&row.get::<_, String>(4)?),
        session_count: row.get(5)?,
        current: row.get::<_, Option<bool>>(6)?.unwrap_or(false),
    })
}

fn clean_name(name: &str) -> Result<String, DomainError> {
    crate::input::line(
        "name",
        name,
        MAX_CYCLE_NAME,
        Some("a cycle needs a name, e.g. \"2027 H1 planning\""),
    )
}

/// A write's error, read as "the name is taken" when the unique index refused it.
fn name_error(e: rusqlite::Error, name: &str) -> DomainError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => DomainError::DuplicateCycleName {
            name: name.to_owned(),
        },
        _ => e.into(),
    }
}

impl Store {
    /// Creates a cycle in discovery mode. The first cycle becomes the current one.
    pub fn create_cycle(&mut self, name: &str) -> Result<Cycle, DomainError> {
        let name = clean_name(name)?;
        let id = new_id();
        let now = self.now_text();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO cycle (id, name, mode, created_at, updated_at) VALUES (?1, ?2, 'discovery', ?3, ?3)",
            params![id.to_string(), name, now],
        )
        .map_err(|e| name_error(e, &name))?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
            params![CURRENT_CYCLE_KEY, id.to_string()],
        )?;
        tx.commit()?;
        self.cycle(id)
    }

    /// One cycle.
    pub fn cycle(&self, id: Uuid) -> Result<Cycle, DomainError> {
        self.conn
            .query_row(
                &format!("{SELECT_CYCLE} WHERE c.id = ?1"),
                [id.to_string()],
                cycle_from_row,
            )
            .optional()?
            .ok_or(DomainError::NotFound {
                entity: "cycle",
                id: id.to_string(),
            })
    }

    /// Every cycle, newest first.
    pub fn list_cycles(&self) -> Result<Vec<Cycle>, DomainError> {
        let mut stmt = self.conn.prepare(&format!(
            "{SELECT_CYCLE} ORDER BY c.created_at DESC, c.id DESC"
        ))?;
        let cycles = stmt
            .query_map([], cycle_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(cycles)
    }

    /// The current cycle, if the workspace has any.
    pub fn current_cycle(&self) -> Result<Option<Cycle>, DomainError> {
        let Some(id) = self.meta_get(CURRENT_CYCLE_KEY)? else {
            return Ok(None);
        };
        match Uuid::parse_str(&id) {
            Ok(id) => match self.cycle(id) {
                Ok(c) => Ok(Some(c)),
                Err(DomainError::NotFound { .. }) => Ok(None),
                Err(e) => Err(e),
            },
            Err(_) => Ok(None),
        }
    }

    /// Makes `id` the current cycle. Switching to a closed cycle is fine: it is read-only.
    pub fn set_current_cycle(&mut self, id: Uuid) -> Result<Cycle, DomainError> {
        self.cycle(id)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![CURRENT_CYCLE_KEY, id.to_string()],
        )?;
        tx.commit()?;
        self.cycle(id)
    }

    /// Renames a cycle that is not closed.
    pub fn rename_cycle(&mut self, id: Uuid, name: &str) -> Result<Cycle, DomainError> {
        let name = clean_name(name)?;
        let cycle = self.writable_cycle(id)?;
        if cycle.name == name {
            return Ok(cycle);
        }
        let now = self.now_text();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE cycle SET name = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.to_string(), name, now],
        )
        .map_err(|e| name_error(e, &name))?;
        tx.commit()?;
        self.cycle(id)
    }

    /// Moves a cycle to its next mode. The move is explicit and one step at a time;
    /// closing makes the cycle read-only for good.
    pub fn advance_cycle(&mut self, id: Uuid) -> Result<Cycle, DomainError> {
        let cycle = self.cycle(id)?;
        let next = cycle
            .mode
            .next()
            .ok_or(DomainError::CycleAlreadyClosed { cycle: cycle.name })?;
        let now = self.now_text();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE cycle SET mode = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.to_string(), next.as_str(), now],
        )?;
        tx.commit()?;
        self.cycle(id)
    }

    /// The cycle, if it may still change; a closed cycle is refused.
    /// The cycle of a live (or, with `trashed`, a deleted) row of `table` (a session,
    /// observation or idea), if that cycle may change.
    pub(crate) fn writable_in_cycle(
        &self,
        table: &'static str,
        id: Uuid,
        trashed: bool,
    ) -> Result<Uuid, DomainError> {
        let deleted = if trashed { "IS NOT NULL" } else { "IS NULL" };
        let cycle = self
            .conn
            .prepare_cached(&format!(
                "SELECT cycle_id FROM {table} WHERE id = ?1 AND deleted_at {deleted}"
            ))?
            .query_row([id.to_string()], |r| uuid_at(r, 0))
            .optional()?
            .ok_or_else(|| DomainError::NotFound {
                entity: match (table, trashed) {
                    ("session", false) => "session",
                    ("session", true) => "trashed session",
                    ("observation", false) => "observation",
                    ("observation", true) => "trashed observation",
                    ("idea", false) => "idea",
                    _ => "trashed idea",
                },
                id: id.to_string(),
            })?;
        self.writable_cycle(cycle)?;
        Ok(cycle)
    }

    pub(crate) fn writable_cycle(&self, id: Uuid) -> Result<Cycle, DomainError> {
        let cycle = self.cycle(id)?;
        if cycle.is_read_only() {
            return Err(DomainError::CycleClosed { cycle: cycle.name });
        }
        Ok(cycle)
    }
}
