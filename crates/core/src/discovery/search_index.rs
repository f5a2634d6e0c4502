//! The search index, defined once: which tables it holds, under which code, with
//! which title and body. The triggers that keep it in step and
//! [`Tx::rebuild_search_index`] both come from [`INDEXED`]; a test checks that the
//! triggers in the workspace are exactly the ones this definition makes, so a change
//! here without a migration that recreates them fails.
//!
//! A row's index rowid is `day << 32 | source rowid << 3 | code`: a trigger touches
//! one index row by rowid, a hit maps back to its row without a join table, and the
//! index's own rowid order is newest first by the row's date (a session's day, an
//! observation's, the day an idea was written; people and tags have none and come
//! last), so "newest first" reads a few rows of the index instead of sorting every
//! match. Source rowids stay below 2^29. Trashed rows are not indexed.

use crate::store::db::Tx;
use crate::store::error::DomainError;

/// One indexed table.
pub struct Indexed {
    /// The entity code in the index's rowid.
    pub code: i64,
    pub table: &'static str,
    /// The title and body, as SQL over the row written `{r}.column`.
    pub title: &'static str,
    pub body: &'static str,
    /// The row's day (`YYYY-MM-DD…`), as SQL over the row, or `NULL`.
    pub day: &'static str,
    /// The columns whose change re-indexes the row (besides `deleted_at`).
    pub columns: &'static [&'static str],
}

/// The entity code of an index rowid, as SQL.
pub const CODE_OF: &str = "(si.rowid & 7)";
/// The source rowid of an index rowid, as SQL.
pub const SOURCE_OF: &str = "((si.rowid >> 3) & 536870911)";

/// The source rowid of an index rowid.
pub fn source_of(rowid: i64) -> i64 {
    (rowid >> 3) & 0x1FFF_FFFF
}

/// The entity code of an index rowid.
pub fn code_of(rowid: i64) -> i64 {
    rowid & 7
}

/// What the search index holds.
pub const INDEXED: [Indexed; 6] = [
    Indexed {
        code: 1,
        table: "session",
        title: "{r}.title",
        body: "{r}.notes",
        day: "{r}.held_on",
        columns: &["title", "notes", "held_on"],
    },
    Indexed {
        code: 2,
        table: "observation",
        title: "''",
        body: "{r}.text",
        day: "{r}.observed_on",
        columns: &["text", "observed_on"],
    },
    Indexed {
        code: 3,
        table: "person",
        title: "{r}.name",
        body: "concat_ws(' ', {r}.role, {r}.goals, {r}.support, {r}.interaction)",
        day: "NULL",
        columns: &["name", "role", "goals", "support", "interaction"],
    },
    Indexed {
        code: 4,
        table: "idea",
        title: "{r}.title",
        body: "{r}.description",
        day: "substr({r}.created_at, 1, 10)",
        columns: &["title", "description"],
    },
    Indexed {
        code: 5,
        table: "tag",
        title: "{r}.name",
        body: "''",
        day: "NULL",
        columns: &["name"],
    },
    Indexed {
        code: 6,
        // What one speaker said in one transcript (see `transcript::voice`).
        table: "transcript_voice",
        title: "{r}.speaker",
        body: "{r}.text",
        day: "{r}.day",
        columns: &["speaker", "text", "day"],
    },
];

impl Indexed {
    fn title_of(&self, row: &str) -> String {
        self.title.replace("{r}", row)
    }

    fn body_of(&self, row: &str) -> String {
        self.body.replace("{r}", row)
    }

    /// The row's index rowid, as SQL over the row. Days count from 1900-01-01, so
    /// every stored date is positive, and a row without one is 0.
    pub(crate) fn key_of(&self, row: &str) -> String {
        let day = self.day.replace("{r}", row);
        format!(
            "(coalesce(unixepoch({day}) / 86400 + 25567, 0) << 32) + ({row}.rowid << 3) + {}",
            self.code
        )
    }

    /// The three triggers that keep this table's rows in the index, as
    /// `(name, CREATE TRIGGER …)`.
    pub fn triggers(&self) -> [(String, String); 3] {
        let t = self.table;
        let (old, new) = (self.key_of("old"), self.key_of("new"));
        let insert = format!(
            "CREATE TRIGGER {t}_search_insert AFTER INSERT ON {t} WHEN new.deleted_at IS NULL BEGIN \
             INSERT INTO search_index (rowid, title, body) VALUES ({new}, {}, {}); END",
            self.title_of("new"),
            self.body_of("new")
        );
        let update = format!(
            "CREATE TRIGGER {t}_search_update AFTER UPDATE OF {}, deleted_at ON {t} BEGIN \
             DELETE FROM search_index WHERE rowid = {old}; \
             INSERT INTO search_index (rowid, title, body) SELECT {new}, {}, {} \
             WHERE new.deleted_at IS NULL; END",
            self.columns.join(", "),
            self.title_of("new"),
            self.body_of("new")
        );
        let delete = format!(
            "CREATE TRIGGER {t}_search_delete AFTER DELETE ON {t} BEGIN \
             DELETE FROM search_index WHERE rowid = {old}; END"
        );
        [
            (format!("{t}_search_insert"), insert),
            (format!("{t}_search_update"), update),
            (format!("{t}_search_delete"), delete),
        ]
    }

    /// Indexes every live row of the table.
    fn fill(&self) -> String {
        format!(
            "INSERT INTO search_index (rowid, title, body) SELECT {}, {}, {} FROM {} WHERE deleted_at IS NULL",
            self.key_of(self.table),
            self.title_of(self.table),
            self.body_of(self.table),
            self.table
        )
    }
}

/// SQL with its whitespace collapsed, to compare statements however they were laid out.
pub fn normalized(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    for word in sql.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.replace("( ", "(").replace(" )", ")").replace(" ;", ";")
}

impl Tx<'_> {
    /// Rebuilds the search index from the tables (after a VACUUM renumbered rowids, or
    /// to repair it).
    pub fn rebuild_search_index(&self) -> Result<(), DomainError> {
        self.conn.execute("DELETE FROM search_index", [])?;
        for indexed in &INDEXED {
            self.conn.execute(&indexed.fill(), [])?;
        }
        Ok(())
    }
}

impl crate::store::workspace::Store {
    /// Rebuilds the search index from the tables.
    pub fn rebuild_search_index(&self) -> Result<(), DomainError> {
        self.write(|tx| tx.rebuild_search_index())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::*;
    use chrono::NaiveDate;
    use std::sync::Arc;

    #[test]
    fn the_workspaces_triggers_are_exactly_the_ones_the_definition_makes() {
        let store = Store::open_in_memory(Arc::new(SystemClock)).expect("store");
        store.with_connection(|conn| {
            for indexed in &INDEXED {
                for (name, sql) in indexed.triggers() {
                    let stored: String = conn
                        .query_row(
                            "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                            [&name],
                            |r| r.get(0),
                        )
                        .unwrap_or_else(|_| panic!("trigger {name} exists"));
                    assert_eq!(normalized(&stored), normalized(&sql), "{name}");
                }
            }
            let count: i64 = conn
                .query_row(
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%_search_%'",
                    [],
                    |r| r.get(0),
                )
                .expect("count");
            assert_eq!(count as usize, INDEXED.len() * 3, "no trigger outside the definition");
        });
    }

    fn index_rows(store: &Store) -> Vec<(i64, String, String)> {
        store.with_connection(|conn| {
            conn.prepare("SELECT rowid, title, body FROM search_index ORDER BY rowid")
                .and_then(|mut s| {
                    s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                        .collect()
                })
                .expect("rows")
        })
    }

    #[test]
    fn a_rebuild_holds_exactly_what_the_triggers_keep() {
        let store = Store::open_in_memory(Arc::new(SystemClock)).expect("store");
        let cycle = store.write(|tx| tx.create_cycle("C")).expect("cycle");
        let team = store
            .write(|tx| {
                tx.create_team(&TeamInput {
                    name: "Payments".into(),
                    ..Default::default()
                })
            })
            .expect("team");
        let person = store
            .write(|tx| {
                tx.create_person(&PersonInput {
                    name: "Priya".into(),
                    role: "Staff engineer".into(),
                    goals: "Faster refunds".into(),
                    team_id: Some(team.id),
                    ..Default::default()
                })
            })
            .expect("person");
        let session = store
            .write(|tx| {
                tx.create_session(&NewSession {
                    cycle_id: cycle.id,
                    kind: SourceKind::CoffeeChat,
                    title: "Coffee with Priya".into(),
                    held_on: NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"),
                    people: vec![person.summary.id],
                    links: vec![],
                    notes: Some("Builds are slow".into()),
                    tags: Vec::new(),
                })
            })
            .expect("session");
        let kept = store
            .write(|tx| {
                tx.create_observation(&NewObservation {
                    session_id: Some(session.id),
                    text: "Builds are slow".into(),
                    ..Default::default()
                })
            })
            .expect("observation");
        let trashed = store
            .write(|tx| {
                tx.create_observation(&NewObservation {
                    cycle_id: Some(cycle.id),
                    text: "Gone".into(),
                    ..Default::default()
                })
            })
            .expect("observation");
        store
            .write(|tx| tx.delete_observation(trashed.id))
            .expect("trash");
        store
            .write(|tx| {
                tx.create_tag(&TagInput {
                    name: "speed".into(),
                    ..Default::default()
                })
            })
            .expect("tag");
        store
            .write(|tx| {
                tx.create_idea(
                    cycle.id,
                    &IdeaInput {
                        title: "Cache builds".into(),
                        description: "Remote cache".into(),
                        evidence: vec![kept.id],
                        tags: None,
                    },
                )
            })
            .expect("idea");
        store
            .write(|tx| tx.save_notes(session.id, "Builds are slow, and flaky"))
            .expect("notes");
        let kept_by_triggers = index_rows(&store);
        // A session, the live observation, the person, the idea and the tag.
        assert_eq!(kept_by_triggers.len(), 5, "{kept_by_triggers:?}");
        store.rebuild_search_index().expect("rebuild");
        assert_eq!(index_rows(&store), kept_by_triggers);
    }
}
