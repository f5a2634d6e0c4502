//! Building SQL with bound parameters: values are always bound, never formatted in,
//! and a list of any length is one parameter read with `json_each`.

use rusqlite::types::Value;
use uuid::Uuid;

/// The parameters of a statement being built.
#[derive(Debug, Default)]
pub(crate) struct Args(pub(crate) Vec<Value>);

impl Args {
    /// Binds `value` and returns its placeholder (`?3`).
    pub(crate) fn bind(&mut self, value: impl Into<Value>) -> String {
        self.0.push(value.into());
        format!("?{}", self.0.len())
    }

    /// Binds a list and returns the `(SELECT value FROM json_each(?N))` to use after `IN`.
    pub(crate) fn bind_list<I, T>(&mut self, values: I) -> String
    where
        I: IntoIterator<Item = T>,
        T: serde::Serialize,
    {
        format!(
            "(SELECT value FROM json_each({}))",
            self.bind(json_list(values))
        )
    }

    /// For `params_from_iter`.
    pub(crate) fn iter(&self) -> std::slice::Iter<'_, Value> {
        self.0.iter()
    }
}

/// A list as one JSON parameter (see [`Args::bind_list`]): any number of values costs
/// one of SQLite's 32,766 variables.
pub(crate) fn json_list<I, T>(values: I) -> String
where
    I: IntoIterator<Item = T>,
    T: serde::Serialize,
{
    let values: Vec<T> = values.into_iter().collect();
    serde_json::to_string(&values).unwrap_or_else(|_| "[]".to_owned())
}

/// A list of ids as one JSON parameter.
pub(crate) fn id_list(ids: &[Uuid]) -> String {
    json_list(ids.iter().map(Uuid::to_string))
}
