//! Public ids are UUIDv7: time-ordered, and never renumbered when workspaces are merged.

use uuid::Uuid;

/// A new public id.
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// Reads a text id from column `idx`; a malformed id is a conversion error, not a panic.
pub(crate) fn uuid_at(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Uuid> {
    let text: String = row.get(idx)?;
    Uuid::parse_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}
