//! Reading stored rows by column name. A value this build cannot read (an unknown
//! kind, a malformed id) is an error naming the row, never some other value.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Row;
use thiserror::Error;
use uuid::Uuid;

/// A stored value this version cannot read, with the row it is in.
#[derive(Debug, Error)]
#[error("the stored {what} \"{value}\" of row {id} is not one this version of Groundwork knows")]
pub struct Unreadable {
    pub what: &'static str,
    pub value: String,
    pub id: String,
}

/// A closed set of names stored as text (kinds, modes, relations).
pub(crate) trait Stored: Sized + Copy + 'static {
    /// What it is, for messages: "source kind".
    const WHAT: &'static str;
    /// The stored name.
    fn as_stored(self) -> &'static str;
    /// Every value.
    fn all() -> &'static [Self];
    /// The value of a stored name.
    fn from_stored(s: &str) -> Option<Self> {
        Self::all().iter().copied().find(|v| v.as_stored() == s)
    }
}

/// Implements [`Stored`] for a fieldless enum: `stored!(Horizon, "horizon", { Immediate
/// => "immediate", Vision => "vision" });`.
macro_rules! stored {
    ($ty:ty, $what:literal, { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $crate::store::row::Stored for $ty {
            const WHAT: &'static str = $what;
            fn as_stored(self) -> &'static str {
                match self {
                    $(Self::$variant => $name),+
                }
            }
            fn all() -> &'static [Self] {
                &[$(Self::$variant),+]
            }
        }
    };
}
pub(crate) use stored;

fn unreadable(row: &Row<'_>, column: &str, what: &'static str, value: String) -> rusqlite::Error {
    let id = row.get::<_, String>("id").unwrap_or_default();
    let idx = row.as_ref().column_index(column).unwrap_or(0);
    rusqlite::Error::FromSqlConversionFailure(
        idx,
        rusqlite::types::Type::Text,
        Box::new(Unreadable { what, value, id }),
    )
}

/// Typed reads of a row's columns by name.
pub(crate) trait RowExt {
    fn uuid(&self, column: &str) -> rusqlite::Result<Uuid>;
    fn opt_uuid(&self, column: &str) -> rusqlite::Result<Option<Uuid>>;
    fn date(&self, column: &str) -> rusqlite::Result<NaiveDate>;
    fn opt_date(&self, column: &str) -> rusqlite::Result<Option<NaiveDate>>;
    /// A stored instant; a malformed one reads as the Unix epoch rather than failing a list.
    fn time(&self, column: &str) -> rusqlite::Result<DateTime<Utc>>;
    fn stored<T: Stored>(&self, column: &str) -> rusqlite::Result<T>;
    fn opt_stored<T: Stored>(&self, column: &str) -> rusqlite::Result<Option<T>>;
}

impl RowExt for Row<'_> {
    fn uuid(&self, column: &str) -> rusqlite::Result<Uuid> {
        let text: String = self.get(column)?;
        Uuid::parse_str(&text).map_err(|_| unreadable(self, column, "id", text))
    }

    fn opt_uuid(&self, column: &str) -> rusqlite::Result<Option<Uuid>> {
        match self.get::<_, Option<String>>(column)? {
            Some(_) => self.uuid(column).map(Some),
            None => Ok(None),
        }
    }

    fn date(&self, column: &str) -> rusqlite::Result<NaiveDate> {
        let text: String = self.get(column)?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map_err(|_| unreadable(self, column, "date", text))
    }

    fn opt_date(&self, column: &str) -> rusqlite::Result<Option<NaiveDate>> {
        match self.get::<_, Option<String>>(column)? {
            Some(_) => self.date(column).map(Some),
            None => Ok(None),
        }
    }

    fn time(&self, column: &str) -> rusqlite::Result<DateTime<Utc>> {
        let text: String = self.get(column)?;
        Ok(crate::store::clock::parse_timestamp(&text))
    }

    fn stored<T: Stored>(&self, column: &str) -> rusqlite::Result<T> {
        let text: String = self.get(column)?;
        T::from_stored(&text).ok_or_else(|| unreadable(self, column, T::WHAT, text))
    }

    fn opt_stored<T: Stored>(&self, column: &str) -> rusqlite::Result<Option<T>> {
        match self.get::<_, Option<String>>(column)? {
            Some(_) => self.stored(column).map(Some),
            None => Ok(None),
        }
    }
}
