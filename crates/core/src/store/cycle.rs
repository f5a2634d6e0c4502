//! Cycles: planning rounds ("2027 H1 planning") that move through modes —
//! discovery → prioritization → roadmap → closed. A closed cycle is read-only history.

use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::policy::{Act, CycleAllows, CycleMode};
use crate::store::row::RowExt;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

/// Longest cycle name accepted, in characters.
pub const MAX_CYCLE_NAME: usize = crate::store::limits::CYCLE_NAME;

const CURRENT_CYCLE_KEY: &str = "current_cycle_id";

/// A planning cycle.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Cycle {
    pub id: Uuid,
    pub name: String,
    pub mode: CycleMode,
    /// What its mode allows (see [`crate::store::policy`]).
    pub allows: CycleAllows,
    /// Whether this is the workspace's current cycle.
    pub current: bool,
    /// Live (not trashed) sessions in the cycle. Sessions are discovery's, so the
    /// kernel leaves this 0 and the operations that show a cycle have discovery count
    /// them (`Db::with_session_counts`).
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
        c.id = (SELECT value FROM meta WHERE key = 'current_cycle_id') AS current
     FROM cycle c";

fn cycle_from_row(row: &Row<'_>) -> rusqlite::Result<Cycle> {
    let mode = row.stored("mode")?;
    Ok(Cycle {
        id: row.uuid("id")?,
        name: row.get("name")?,
        mode,
        allows: CycleAllows::of(mode),
        created_at: row.time("created_at")?,
        updated_at: row.time("updated_at")?,
        session_count: 0,
        current: row.get::<_, Option<bool>>("current")?.unwrap_or(false),
    })
}

fn clean_name(name: &str) -> Result<String, DomainError> {
    crate::store::input::line(
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

impl Db<'_> {
    /// One cycle.
    pub fn cycle(&self, id: Uuid) -> Result<Cycle, DomainError> {
        self.conn
            .prepare_cached(&format!("{SELECT_CYCLE} WHERE c.id = ?1"))?
            .query_row([id.to_string()], cycle_from_row)
            .optional()?
            .ok_or(DomainError::NotFound {
                entity: "cycle",
                id: id.to_string(),
            })
    }

    /// Every cycle, newest first.
    pub fn list_cycles(&self) -> Result<Vec<Cycle>, DomainError> {
        let mut stmt = self.conn.prepare_cached(&format!(
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
}

impl Tx<'_> {
    /// Sets the share of effort (0 to 100 percent) the cycle means for immediate
    /// needs; prioritization checks the value and the mode first.
    pub(crate) fn set_immediate_target(
        &self,
        cycle: Uuid,
        immediate: u8,
    ) -> Result<(), DomainError> {
        self.conn.execute(
            "UPDATE cycle SET immediate_target = ?2 WHERE id = ?1",
            params![cycle.to_string(), immediate],
        )?;
        Ok(())
    }

    /// Creates a cycle in discovery mode. The first cycle becomes the current one.
    pub fn create_cycle(&self, name: &str) -> Result<Cycle, DomainError> {
        let name = clean_name(name)?;
        let id = new_id();
        self.conn
            .execute(
                "INSERT INTO cycle (id, name, mode, created_at, updated_at) VALUES (?1, ?2, 'discovery', ?3, ?3)",
                params![id.to_string(), name, self.now_text()],
            )
            .map_err(|e| name_error(e, &name))?;
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
            params![CURRENT_CYCLE_KEY, id.to_string()],
        )?;
        self.cycle(id)
    }

    /// Makes `id` the current cycle. Switching to a closed cycle is fine: it is read-only.
    pub fn set_current_cycle(&self, id: Uuid) -> Result<Cycle, DomainError> {
        self.cycle_head(id)?;
        self.meta_set(CURRENT_CYCLE_KEY, &id.to_string())?;
        self.cycle(id)
    }

    /// Renames a cycle that is not closed.
    pub fn rename_cycle(&self, id: Uuid, name: &str) -> Result<Cycle, DomainError> {
        let name = clean_name(name)?;
        self.require(id, Act::EditCycle)?;
        self.conn
            .execute(
                "UPDATE cycle SET name = ?2, updated_at = ?3 WHERE id = ?1 AND name IS NOT ?2",
                params![id.to_string(), name, self.now_text()],
            )
            .map_err(|e| name_error(e, &name))?;
        self.cycle(id)
    }

    /// Moves a cycle to its next mode. The move is explicit and one step at a time;
    /// closing makes the cycle read-only for good. The move is kept in its history.
    pub fn advance_cycle(&self, id: Uuid) -> Result<Cycle, DomainError> {
        let (name, mode) = self.cycle_head(id)?;
        let next = mode
            .next()
            .ok_or(DomainError::CycleAlreadyClosed { cycle: name })?;
        self.change_mode(id, mode, next, "")?;
        self.cycle(id)
    }

    /// Takes a cycle in prioritization or roadmap back to discovery, for the reason
    /// given (kept in its history). What was judged stays stored, hidden and refused
    /// again until the cycle moves on.
    pub fn return_to_discovery(&self, id: Uuid, reason: &str) -> Result<Cycle, DomainError> {
        let (name, mode) = self.cycle_head(id)?;
        match mode {
            CycleMode::Discovery => {
                return Err(DomainError::invalid(
                    "mode",
                    format!("the cycle \"{name}\" is already in discovery"),
                ))
            }
            CycleMode::Closed => return Err(DomainError::CycleClosed { cycle: name }),
            CycleMode::Prioritization | CycleMode::Roadmap => {}
        }
        let reason = crate::store::input::line(
            "reason",
            reason,
            crate::store::limits::REASON,
            Some("say why the cycle goes back to discovery, e.g. \"a team we never heard from asked to be heard\""),
        )?;
        self.change_mode(id, mode, CycleMode::Discovery, &reason)?;
        self.cycle(id)
    }

    fn change_mode(
        &self,
        id: Uuid,
        from: CycleMode,
        to: CycleMode,
        reason: &str,
    ) -> Result<(), DomainError> {
        let now = self.now_text();
        self.conn.execute(
            "UPDATE cycle SET mode = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.to_string(), to.as_str(), now],
        )?;
        self.conn.execute(
            "INSERT INTO cycle_event (id, cycle_id, from_mode, to_mode, reason, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                new_id().to_string(),
                id.to_string(),
                from.as_str(),
                to.as_str(),
                reason,
                now
            ],
        )?;
        Ok(())
    }
}

/// One change of a cycle's mode.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CycleEvent {
    pub from: CycleMode,
    pub to: CycleMode,
    /// Why; empty for a step forward.
    pub reason: String,
    pub at: DateTime<Utc>,
}

impl Db<'_> {
    /// A cycle's changes of mode, oldest first.
    pub fn cycle_history(&self, id: Uuid) -> Result<Vec<CycleEvent>, DomainError> {
        self.cycle_head(id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT from_mode, to_mode, reason, at FROM cycle_event WHERE cycle_id = ?1 ORDER BY at, rowid",
        )?;
        let events = stmt
            .query_map([id.to_string()], |r| {
                Ok(CycleEvent {
                    from: r.stored("from_mode")?,
                    to: r.stored("to_mode")?,
                    reason: r.get("reason")?,
                    at: r.time("at")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(events)
    }
}
