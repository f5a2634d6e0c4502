//! Checks on what people type: trimmed, bounded, and refused with a reason a person reads.

use crate::error::DomainError;
use chrono::NaiveDate;
use rusqlite::Row;

/// `text` trimmed, refused when longer than `max` characters (or empty, when `required`).
pub(crate) fn bounded(
    field: &'static str,
    text: &str,
    max: usize,
    required: Option<&str>,
) -> Result<String, DomainError> {
    let text = text.trim();
    if text.is_empty() {
        if let Some(hint) = required {
            return Err(DomainError::invalid(field, hint));
        }
    }
    if text.chars().count() > max {
        return Err(DomainError::invalid(
            field,
            format!("keep it under {max} characters"),
        ));
    }
    Ok(text.to_owned())
}

/// Reads a stored `YYYY-MM-DD` date from column `idx`.
pub(crate) fn date_at(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = row.get(idx)?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Stored form of a date.
pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// `?N, ?N+1, …` placeholders for `count` arguments starting at `first`.
pub(crate) fn marks(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}
