//! Buckets: pains grouped into one problem a solution could *address*, *eliminate* or
//! *empower* (the kind is part of the bucket). A bucket's reach is its pains' evidence
//! weighed together, each observation and each person counted once.

use crate::prioritization::pain::{LoudVoice, Reach};
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::input::line;
use crate::store::policy::Act;
use crate::store::policy::CycleMode;
use crate::store::row::{RowExt, Stored};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// What one solution would do to the bucket's problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BucketKind {
    /// Make the problem smaller.
    Address,
    /// Make it go away.
    Eliminate,
    /// Let users do something they could not.
    Empower,
}

impl BucketKind {
    /// The word people use for it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Address => "address",
            Self::Eliminate => "eliminate",
            Self::Empower => "empower",
        }
    }
}

impl Stored for BucketKind {
    const WHAT: &'static str = "kind of bucket";
    fn as_stored(self) -> &'static str {
        match self {
            Self::Address => "address",
            Self::Eliminate => "eliminate",
            Self::Empower => "empower",
        }
    }
    fn all() -> &'static [Self] {
        &[Self::Address, Self::Eliminate, Self::Empower]
    }
}

/// A bucket with its pains and their combined reach.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Bucket {
    pub id: Uuid,
    pub cycle_id: Uuid,
    pub name: String,
    pub kind: BucketKind,
    /// Its live pains, oldest first.
    pub pain_ids: Vec<Uuid>,
    /// The pains' live evidence weighed together, without double counting.
    pub reach: Reach,
    pub user_evidence: bool,
    pub loud_voices: Vec<LoudVoice>,
    pub read_only: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A bucket named, without weighing it: what a list of pains shows beside each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BucketRef {
    pub id: Uuid,
    pub name: String,
    pub kind: BucketKind,
}

/// A bucket's own fields.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BucketInput {
    pub name: String,
    pub kind: BucketKind,
}

fn clean_name(name: &str) -> Result<String, DomainError> {
    line(
        "name",
        name,
        crate::store::limits::PAIN_STATEMENT,
        Some("a bucket needs a name, e.g. \"Slow feedback from CI\""),
    )
}

const SELECT_BUCKET: &str =
    "SELECT b.id, b.cycle_id, b.name, b.kind, c.mode, b.created_at, b.updated_at
     FROM bucket b JOIN cycle_view c ON c.id = b.cycle_id";

fn bucket_from_row(r: &Row<'_>) -> rusqlite::Result<Bucket> {
    let mode: CycleMode = r.stored("mode")?;
    Ok(Bucket {
        id: r.uuid("id")?,
        cycle_id: r.uuid("cycle_id")?,
        name: r.get("name")?,
        kind: r.stored("kind")?,
        pain_ids: Vec::new(),
        reach: Reach::default(),
        user_evidence: false,
        loud_voices: Vec::new(),
        read_only: mode == CycleMode::Closed,
        created_at: r.time("created_at")?,
        updated_at: r.time("updated_at")?,
    })
}

impl Db<'_> {
    /// The live buckets of a cycle by name and kind, oldest first, unweighed.
    pub(crate) fn bucket_refs(&self, cycle: Uuid) -> Result<Vec<BucketRef>, DomainError> {
        let list = self
            .conn
            .prepare_cached(
                "SELECT id, name, kind FROM bucket WHERE cycle_id = ?1 AND deleted_at IS NULL
                 ORDER BY created_at, id",
            )?
            .query_map([cycle.to_string()], |r| {
                Ok(BucketRef {
                    id: r.uuid("id")?,
                    name: r.get("name")?,
                    kind: r.stored("kind")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// The live buckets of a cycle, oldest first, each with its pains weighed together.
    pub fn list_buckets(&self, cycle: Uuid) -> Result<Vec<Bucket>, DomainError> {
        let (pains, evidence) = self.pains_reached(cycle)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_BUCKET} WHERE b.cycle_id = ?1 AND b.deleted_at IS NULL ORDER BY b.created_at, b.id"
        ))?;
        let mut buckets: Vec<Bucket> = stmt
            .query_map([cycle.to_string()], bucket_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        for bucket in &mut buckets {
            let inside: Vec<_> = pains
                .iter()
                .filter(|p| p.bucket_id == Some(bucket.id))
                .collect();
            bucket.pain_ids = inside.iter().map(|p| p.id).collect();
            let w = evidence.weigh(inside.iter().map(|p| p.id));
            bucket.reach = w.reach;
            bucket.user_evidence = w.user_evidence;
            bucket.loud_voices = w.loud_voices;
        }
        Ok(buckets)
    }

    /// One live bucket, weighed.
    pub fn bucket(&self, id: Uuid) -> Result<Bucket, DomainError> {
        let cycle: Uuid = self
            .conn
            .query_row(
                "SELECT cycle_id FROM bucket WHERE id = ?1 AND deleted_at IS NULL",
                [id.to_string()],
                |r| r.uuid("cycle_id"),
            )
            .optional()?
            .ok_or_else(|| DomainError::NotFound {
                entity: "bucket",
                id: id.to_string(),
            })?;
        self.list_buckets(cycle)?
            .into_iter()
            .find(|b| b.id == id)
            .ok_or_else(|| DomainError::NotFound {
                entity: "bucket",
                id: id.to_string(),
            })
    }
}

impl Tx<'_> {
    /// Makes a bucket in a cycle that is prioritizing.
    pub fn create_bucket(&self, cycle: Uuid, input: &BucketInput) -> Result<Bucket, DomainError> {
        self.require(cycle, Act::Prioritize)?;
        let name = clean_name(&input.name)?;
        let id = new_id();
        self.conn.execute(
            "INSERT INTO bucket (id, cycle_id, name, kind, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![
                id.to_string(),
                cycle.to_string(),
                name,
                input.kind.as_stored(),
                self.now_text()
            ],
        )?;
        self.bucket(id)
    }

    /// Renames a bucket or changes its kind.
    pub fn update_bucket(&self, id: Uuid, input: &BucketInput) -> Result<Bucket, DomainError> {
        self.require_in("bucket", id, false, Act::Prioritize)?;
        let name = clean_name(&input.name)?;
        self.conn.execute(
            "UPDATE bucket SET name = ?2, kind = ?3, updated_at = ?4 WHERE id = ?1",
            params![
                id.to_string(),
                name,
                input.kind.as_stored(),
                self.now_text()
            ],
        )?;
        self.bucket(id)
    }

    /// Moves a bucket to the trash; its pains stay, in no bucket until it is restored.
    pub fn delete_bucket(&self, id: Uuid) -> Result<(), DomainError> {
        self.require_in("bucket", id, false, Act::Prioritize)?;
        self.move_to_trash("bucket", id)
    }
}
