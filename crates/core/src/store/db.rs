//! The unit of work. Reads see the workspace through a [`Db`]; writes run inside one
//! IMMEDIATE transaction, a [`Tx`], which also reads (through `Deref`), so guards
//! and the write they guard see the same state and land together or not at all.
//! Operations compose: a bulk change or an import is one closure given to
//! [`crate::store::workspace::Store::write`] that calls as many writes as it needs.

use crate::store::clock::Clock;
use crate::store::error::DomainError;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use std::ops::Deref;

/// A view of the workspace for reading (a snapshot: one read transaction).
pub struct Db<'a> {
    pub(crate) conn: &'a Connection,
    pub(crate) clock: &'a dyn Clock,
    /// The store's last weighed reach, for reads of committed snapshots only: a write
    /// transaction may roll back, so what it weighs is never kept.
    pub(crate) read_cache: Option<&'a crate::store::cache::ReadCache>,
}

impl<'a> Db<'a> {
    pub(crate) fn new(conn: &'a Connection, clock: &'a dyn Clock) -> Self {
        Self {
            conn,
            clock,
            read_cache: None,
        }
    }

    /// A read of a committed snapshot, which may reuse and keep weighed reach.
    pub(crate) fn reading(
        conn: &'a Connection,
        clock: &'a dyn Clock,
        cache: &'a crate::store::cache::ReadCache,
    ) -> Self {
        Self {
            conn,
            clock,
            read_cache: Some(cache),
        }
    }

    /// The current instant.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The current time as stored: RFC 3339, UTC, millisecond precision.
    pub(crate) fn now_text(&self) -> String {
        crate::store::clock::timestamp(self.clock.now())
    }

    /// Reads a value from the workspace's key/value metadata.
    pub(crate) fn meta_get(&self, key: &str) -> Result<Option<String>, DomainError> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }
}

/// One write transaction: everything done through it commits together.
pub struct Tx<'a> {
    db: Db<'a>,
}

impl<'a> Tx<'a> {
    pub(crate) fn new(conn: &'a Connection, clock: &'a dyn Clock) -> Self {
        Self {
            db: Db::new(conn, clock),
        }
    }

    /// Sets a value in the workspace's key/value metadata.
    pub(crate) fn meta_set(&self, key: &str, value: &str) -> Result<(), DomainError> {
        self.conn
            .prepare_cached(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![key, value])?;
        Ok(())
    }
}

impl<'a> Deref for Tx<'a> {
    type Target = Db<'a>;

    fn deref(&self) -> &Db<'a> {
        &self.db
    }
}
