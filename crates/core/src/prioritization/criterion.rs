//! The criteria of the weighted-criteria framework: what the team weighs pains by
//! (security exposure, toil, audit risk…), each with its weight, for the whole
//! workspace. A pain's score is the weighted mean of its ratings (0 to 10); a pain
//! missing a rating is unscored.

use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::input::line;
use crate::store::row::RowExt;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Most live criteria a workspace weighs by.
pub const MAX_CRITERIA: usize = 20;

/// One criterion and its weight.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Criterion {
    pub id: Uuid,
    pub name: String,
    /// Relative: a criterion of weight 2 counts twice one of weight 1.
    pub weight: f64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A criterion's fields.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CriterionInput {
    pub name: String,
    pub weight: f64,
}

fn clean(input: &CriterionInput) -> Result<(String, f64), DomainError> {
    let name = line(
        "name",
        &input.name,
        crate::store::limits::SOLUTION_TITLE,
        Some("a criterion needs a name, e.g. \"Audit risk\""),
    )?;
    if !input.weight.is_finite() || input.weight <= 0.0 || input.weight > 100.0 {
        return Err(DomainError::invalid(
            "weight",
            "a weight is above 0 and at most 100",
        ));
    }
    Ok((name, input.weight))
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Criterion> {
    Ok(Criterion {
        id: r.uuid("id")?,
        name: r.get("name")?,
        weight: r.get("weight")?,
        created_at: r.time("created_at")?,
        updated_at: r.time("updated_at")?,
    })
}

const SELECT: &str = "SELECT id, name, weight, created_at, updated_at FROM criterion";

impl Db<'_> {
    /// The live criteria, oldest first.
    pub fn criteria(&self) -> Result<Vec<Criterion>, DomainError> {
        let list = self
            .conn
            .prepare_cached(&format!(
                "{SELECT} WHERE deleted_at IS NULL ORDER BY created_at, id"
            ))?
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    fn criterion(&self, id: Uuid) -> Result<Criterion, DomainError> {
        self.conn
            .prepare_cached(&format!("{SELECT} WHERE id = ?1 AND deleted_at IS NULL"))?
            .query_row([id.to_string()], from_row)
            .optional()?
            .ok_or_else(|| DomainError::NotFound {
                entity: "criterion",
                id: id.to_string(),
            })
    }
}

impl Tx<'_> {
    /// Adds a criterion.
    pub fn create_criterion(&self, input: &CriterionInput) -> Result<Criterion, DomainError> {
        let (name, weight) = clean(input)?;
        if self.criteria()?.len() >= MAX_CRITERIA {
            return Err(DomainError::invalid(
                "criteria",
                format!("weigh by at most {MAX_CRITERIA} criteria; merge some first"),
            ));
        }
        let id = new_id();
        self.conn.execute(
            "INSERT INTO criterion (id, name, weight, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![id.to_string(), name, weight, self.now_text()],
        )?;
        self.criterion(id)
    }

    /// Renames a criterion or changes its weight; every score follows.
    pub fn update_criterion(
        &self,
        id: Uuid,
        input: &CriterionInput,
    ) -> Result<Criterion, DomainError> {
        self.criterion(id)?;
        let (name, weight) = clean(input)?;
        self.conn.execute(
            "UPDATE criterion SET name = ?2, weight = ?3, updated_at = ?4 WHERE id = ?1",
            params![id.to_string(), name, weight, self.now_text()],
        )?;
        self.criterion(id)
    }

    /// Moves a criterion to the trash; the ratings on it are kept for a restore.
    pub fn delete_criterion(&self, id: Uuid) -> Result<(), DomainError> {
        self.criterion(id)?;
        self.move_to_trash("criterion", id)
    }
}
