//! The trash: what a user deleted, kept until they restore it. Deleting never erases.

use crate::error::DomainError;
use crate::id::uuid_at;
use crate::store::{parse_timestamp, Store};
use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// What kind of thing sits in the trash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TrashEntity {
    Session,
}

/// One deleted thing.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrashItem {
    pub entity: TrashEntity,
    pub id: Uuid,
    pub title: String,
    /// Where it came from, e.g. "Coffee chat · 2027 H1 planning".
    pub context: String,
    pub deleted_at: DateTime<Utc>,
}

impl Store {
    /// Everything in the trash, most recently deleted first.
    pub fn list_trash(&self) -> Result<Vec<TrashItem>, DomainError> {
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.title, s.kind, c.name, s.deleted_at
             FROM session s JOIN cycle c ON c.id = s.cycle_id
             WHERE s.deleted_at IS NOT NULL
             ORDER BY s.deleted_at DESC, s.id DESC",
        )?;
        let items = stmt
            .query_map([], |row| {
                let kind: String = row.get(2)?;
                let label = crate::SourceKind::parse(&kind).map_or("Session", |k| k.label());
                Ok(TrashItem {
                    entity: TrashEntity::Session,
                    id: uuid_at(row, 0)?,
                    title: row.get(1)?,
                    context: format!("{label} · {}", row.get::<_, String>(3)?),
                    deleted_at: parse_timestamp(&row.get::<_, String>(4)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(items)
    }

    /// Brings a deleted thing back where it was.
    pub fn restore(&mut self, entity: TrashEntity, id: Uuid) -> Result<(), DomainError> {
        match entity {
            TrashEntity::Session => {
                self.writable_session(id, true)?;
                let tx = self.conn.transaction()?;
                tx.execute(
                    "UPDATE session SET deleted_at = NULL WHERE id = ?1",
                    params![id.to_string()],
                )?;
                tx.commit()?;
                Ok(())
            }
        }
    }
}
