//! What points at nothing: a link, a piece of evidence or an attribution whose record
//! is gone (SQLite's foreign keys), or a document's citation of a record that no longer
//! exists. A sync brings such a record back into the trash; `groundwork-cli check`
//! reports any that remain.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

/// Something that names a record that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Dangling {
    /// The kind of record that points (its table).
    pub from: String,
    /// The kind of record it names (its table).
    pub to: String,
    /// How many rows point at nothing.
    pub count: u32,
}

/// The kinds a citation names, each a table of the same name.
const CITED: &[&str] = &[
    "observation",
    "pain",
    "bucket",
    "solution",
    "session",
    "kudos",
];

/// Everything that points at nothing, by kind.
pub fn dangling(conn: &Connection) -> rusqlite::Result<Vec<Dangling>> {
    let mut found: Vec<Dangling> = conn
        .prepare(
            "SELECT \"table\", parent, count(*) FROM pragma_foreign_key_check
             GROUP BY \"table\", parent ORDER BY \"table\", parent",
        )?
        .query_map([], |r| {
            Ok(Dangling {
                from: r.get(0)?,
                to: r.get(1)?,
                count: r.get::<_, i64>(2)? as u32,
            })
        })?
        .collect::<Result<_, _>>()?;
    for kind in CITED {
        let count: i64 = conn.query_row(
            &format!(
                "SELECT count(*) FROM document_citation c WHERE c.kind = '{kind}'
                 AND NOT EXISTS (SELECT 1 FROM \"{kind}\" t WHERE t.id = c.target_id)"
            ),
            [],
            |r| r.get(0),
        )?;
        if count > 0 {
            found.push(Dangling {
                from: "document_citation".into(),
                to: (*kind).into(),
                count: count as u32,
            });
        }
    }
    Ok(found)
}

/// The ids a document cites of `kind` that no longer exist.
pub(crate) fn cited_missing(conn: &Connection, kind: &str) -> rusqlite::Result<Vec<String>> {
    if !CITED.contains(&kind) {
        return Ok(Vec::new());
    }
    conn.prepare(&format!(
        "SELECT DISTINCT target_id FROM document_citation c WHERE c.kind = '{kind}'
         AND NOT EXISTS (SELECT 1 FROM \"{kind}\" t WHERE t.id = c.target_id)"
    ))?
    .query_map([], |r| r.get(0))?
    .collect()
}
