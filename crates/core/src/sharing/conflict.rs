//! Conflicts a sync found: one field two people changed to different values. The
//! record keeps one value meanwhile and the conflict keeps the other, so nothing is
//! lost; settling writes the value chosen (either, or one written anew) and removes
//! the conflict, here and, at the next sync, everywhere.

use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::folder::{self, Record, Table};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A field in conflict, as the app shows it: both values side by side, who and when.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub id: String,
    /// The kind of record (its table).
    pub kind: String,
    /// The record's key, as JSON.
    pub record: String,
    /// What the record is, in a line: its title, name or words.
    pub label: String,
    pub field: String,
    /// The value the record holds meanwhile, as text.
    pub kept: String,
    pub kept_by: String,
    pub kept_at: String,
    /// The value kept aside, as text.
    pub other: String,
    pub other_by: String,
    pub other_at: String,
}

/// How a conflict is settled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "take", content = "value")]
pub enum Settle {
    /// The value the record holds.
    Kept,
    /// The value kept aside.
    Other,
    /// A value written anew (text; for a number, its digits).
    Written(String),
}

/// A JSON value as a person reads it: text as it is, the rest as JSON.
fn shown(json: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Null) => String::new(),
        Ok(other) => other.to_string(),
        Err(_) => json.to_owned(),
    }
}

const LABELS: &[&str] = &["title", "name", "statement", "text", "question", "key"];

/// A line naming the record `key` of `table`, from its first labelling column.
fn label(conn: &Connection, tables: &[Table], table: &str, key: &Record) -> String {
    let Some(t) = tables.iter().find(|t| t.name == table) else {
        return table.into();
    };
    let Some(column) = LABELS.iter().find(|c| t.columns.iter().any(|x| x == *c)) else {
        return table.replace('_', " ");
    };
    let values: Vec<rusqlite::types::Value> = t
        .key
        .iter()
        .map(|k| folder::sql_value(&key.get(k).cloned().unwrap_or_default()))
        .collect();
    let text: Option<String> = conn
        .query_row(
            &format!(
                "SELECT CAST(\"{column}\" AS TEXT) FROM \"{table}\" WHERE {}",
                t.where_key(1)
            ),
            rusqlite::params_from_iter(values),
            |r| r.get(0),
        )
        .optional()
        .ok()
        .flatten();
    let text = text.unwrap_or_else(|| table.replace('_', " "));
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() > 80 {
        format!("{}…", line.chars().take(79).collect::<String>())
    } else {
        line.to_owned()
    }
}

impl Db<'_> {
    /// Every conflict waiting, oldest first.
    pub fn sync_conflicts(&self) -> Result<Vec<Conflict>, DomainError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, table_name, record_key, field, kept, kept_by, kept_at, other,
                    other_by, other_at
             FROM sync_conflict ORDER BY found_at, id",
        )?;
        let found: Vec<Conflict> = stmt
            .query_map([], |r| {
                Ok(Conflict {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    record: r.get(2)?,
                    label: String::new(),
                    field: r.get(3)?,
                    kept: shown(&r.get::<_, String>(4)?),
                    kept_by: r.get(5)?,
                    kept_at: r.get(6)?,
                    other: shown(&r.get::<_, String>(7)?),
                    other_by: r.get(8)?,
                    other_at: r.get(9)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        // The tables are read once for every label, not once a conflict.
        let tables = folder::tables(self.conn)?;
        Ok(found
            .into_iter()
            .map(|mut c| {
                let key: Record = serde_json::from_str(&c.record).unwrap_or_default();
                c.label = label(self.conn, &tables, &c.kind, &key);
                c
            })
            .collect())
    }
}

impl Tx<'_> {
    /// Settles the conflict `id`: the record's field takes the value chosen, and the
    /// conflict is gone.
    pub fn settle_conflict(&self, id: &str, choice: &Settle) -> Result<(), DomainError> {
        let conn = self.conn;
        let row: Option<(String, String, String, String, String)> = conn
            .query_row(
                "SELECT table_name, record_key, field, kept, other FROM sync_conflict WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let Some((table, key, field, kept, other)) = row else {
            return Err(DomainError::NotFound {
                entity: "conflict",
                id: id.into(),
            });
        };
        let tables = folder::tables(conn)?;
        let t = tables
            .iter()
            .find(|t| t.name == table && t.columns.contains(&field))
            .ok_or_else(|| DomainError::NotFound {
                entity: "record",
                id: table.clone(),
            })?;
        let value: serde_json::Value = match choice {
            Settle::Kept => serde_json::from_str(&kept).unwrap_or_default(),
            Settle::Other => serde_json::from_str(&other).unwrap_or_default(),
            Settle::Written(text) => match serde_json::from_str::<serde_json::Value>(&kept) {
                // A number's field takes the digits written, as a number.
                Ok(serde_json::Value::Number(_)) => serde_json::from_str(text)
                    .ok()
                    .filter(serde_json::Value::is_number)
                    .unwrap_or_else(|| serde_json::Value::String(text.clone())),
                _ => serde_json::Value::String(text.clone()),
            },
        };
        let key: Record = serde_json::from_str(&key).unwrap_or_default();
        let mut values = vec![folder::sql_value(&value)];
        values.extend(
            t.key
                .iter()
                .map(|k| folder::sql_value(&key.get(k).cloned().unwrap_or_default())),
        );
        conn.execute(
            &format!(
                "UPDATE \"{table}\" SET \"{field}\" = ?1 WHERE {}",
                t.where_key(2)
            ),
            rusqlite::params_from_iter(values),
        )?;
        conn.execute("DELETE FROM sync_conflict WHERE id = ?1", params![id])?;
        Ok(())
    }
}
