//! The schema: numbered migrations from `migrations/`, embedded at compile time. A
//! landed migration is never edited; a change is a new file.
//!
//! Which migrations ran is kept apart from which builds may open the file. The
//! `schema_migration` table lists what ran; `PRAGMA user_version` is the file's
//! *format*, the number of breaking migrations in it. A build opens any file whose
//! format it reads: an additive migration (a new table or column) leaves the format
//! alone, so the previous release still opens the file; a breaking one raises it,
//! and older builds refuse the file untouched.

use rusqlite::{params, Connection, OptionalExtension};

/// Marks a SQLite file as a Groundwork workspace (`PRAGMA application_id`): "GRND".
pub const APPLICATION_ID: i32 = 0x4752_4E44;

/// One step of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
    /// Whether builds without this migration must refuse a file that has it (it
    /// changes or removes what they read or write). Additive steps are not breaking.
    pub breaking: bool,
}

/// Every migration, in order. Versions are 1, 2, 3… without gaps.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_init",
        sql: include_str!("../../../../migrations/0001_init.sql"),
        breaking: true,
    },
    Migration {
        version: 2,
        name: "0002_discovery",
        sql: include_str!("../../../../migrations/0002_discovery.sql"),
        breaking: true,
    },
    Migration {
        version: 3,
        name: "0003_tag_merge",
        sql: include_str!("../../../../migrations/0003_tag_merge.sql"),
        breaking: true,
    },
    Migration {
        version: 4,
        name: "0004_schema_migration",
        sql: include_str!("../../../../migrations/0004_schema_migration.sql"),
        breaking: false,
    },
    Migration {
        version: 5,
        name: "0005_notes_versions",
        sql: include_str!("../../../../migrations/0005_notes_versions.sql"),
        breaking: false,
    },
    Migration {
        version: 6,
        name: "0006_search_by_date",
        sql: include_str!("../../../../migrations/0006_search_by_date.sql"),
        breaking: true,
    },
    Migration {
        version: 7,
        name: "0007_idea_session_tags",
        sql: include_str!("../../../../migrations/0007_idea_session_tags.sql"),
        breaking: false,
    },
    Migration {
        version: 8,
        name: "0008_prioritization",
        sql: include_str!("../../../../migrations/0008_prioritization.sql"),
        breaking: false,
    },
    Migration {
        version: 9,
        name: "0009_tradeoffs_solutions",
        sql: include_str!("../../../../migrations/0009_tradeoffs_solutions.sql"),
        breaking: false,
    },
    Migration {
        version: 10,
        name: "0010_documents",
        sql: include_str!("../../../../migrations/0010_documents.sql"),
        breaking: false,
    },
    Migration {
        version: 11,
        name: "0011_roadmap",
        sql: include_str!("../../../../migrations/0011_roadmap.sql"),
        breaking: false,
    },
    Migration {
        version: 12,
        name: "0012_survey",
        sql: include_str!("../../../../migrations/0012_survey.sql"),
        breaking: false,
    },
    Migration {
        version: 13,
        name: "0013_loop",
        sql: include_str!("../../../../migrations/0013_loop.sql"),
        // A citation of a kudos is a kind older builds cannot read.
        breaking: true,
    },
    Migration {
        version: 14,
        name: "0014_area_reads",
        sql: include_str!("../../../../migrations/0014_area_reads.sql"),
        breaking: false,
    },
    Migration {
        version: 15,
        name: "0015_imports",
        sql: include_str!("../../../../migrations/0015_imports.sql"),
        breaking: false,
    },
    Migration {
        version: 16,
        name: "0016_transcripts",
        sql: include_str!("../../../../migrations/0016_transcripts.sql"),
        // A search hit of a transcript's turn is a kind older builds cannot show.
        breaking: true,
    },
    Migration {
        version: 17,
        name: "0017_tickets",
        sql: include_str!("../../../../migrations/0017_tickets.sql"),
        breaking: false,
    },
    Migration {
        version: 18,
        name: "0018_transcript_voices",
        sql: include_str!("../../../../migrations/0018_transcript_voices.sql"),
        // A search hit of code 6 names a voice now; older builds would read it as a turn.
        breaking: true,
    },
    Migration {
        version: 19,
        name: "0019_sharing",
        sql: include_str!("../../../../migrations/0019_sharing.sql"),
        breaking: false,
    },
    Migration {
        version: 20,
        name: "0020_candidate_pains",
        sql: include_str!("../../../../migrations/0020_candidate_pains.sql"),
        breaking: false,
    },
];

/// The highest migration this build knows.
pub fn latest_version() -> u32 {
    latest_of(MIGRATIONS)
}

pub(crate) fn latest_of(migrations: &[Migration]) -> u32 {
    migrations.last().map_or(0, |m| m.version)
}

/// The format of a file that has every one of `migrations`: how many break older builds.
pub(crate) fn format_of(migrations: &[Migration]) -> u32 {
    migrations.iter().filter(|m| m.breaking).count() as u32
}

/// The format this build reads and writes.
pub fn latest_format() -> u32 {
    format_of(MIGRATIONS)
}

/// Whether the file has the migration log (migration 4 made it).
fn has_log(conn: &Connection) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migration'",
            [],
            |_| Ok(true),
        )
        .optional()?
        .unwrap_or(false))
}

/// The migrations that ran on the file. Before `schema_migration` existed every
/// migration raised the format, so a file without the table has run 1..=format.
pub(crate) fn applied(conn: &Connection) -> rusqlite::Result<Vec<u32>> {
    if has_log(conn)? {
        conn.prepare("SELECT version FROM schema_migration ORDER BY version")?
            .query_map([], |r| r.get(0))?
            .collect()
    } else {
        let format: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        Ok((1..=format).collect())
    }
}

/// The migrations of `migrations` the file has not run yet.
pub(crate) fn pending<'m>(
    conn: &Connection,
    migrations: &'m [Migration],
) -> rusqlite::Result<Vec<&'m Migration>> {
    let done = applied(conn)?;
    Ok(migrations
        .iter()
        .filter(|m| !done.contains(&m.version))
        .collect())
}

/// Runs every migration the file lacks, each with its record and format in one
/// transaction, so a crash leaves the file at a whole step.
pub(crate) fn migrate(conn: &mut Connection, migrations: &[Migration]) -> rusqlite::Result<()> {
    let mut done = applied(conn)?;
    for migration in migrations {
        if done.contains(&migration.version) {
            continue;
        }
        let tx = conn.transaction()?;
        tx.execute_batch(migration.sql)?;
        if has_log(&tx)? {
            // The first time the log exists, it records what ran before it too.
            let mut record = tx.prepare(
                "INSERT OR IGNORE INTO schema_migration (version, name, applied_at)
                 VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
            )?;
            for m in migrations
                .iter()
                .filter(|m| done.contains(&m.version) || m.version == migration.version)
            {
                record.execute(params![m.version, m.name])?;
            }
        }
        let format: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let through: Vec<Migration> = migrations
            .iter()
            .filter(|m| done.contains(&m.version) || m.version <= migration.version)
            .copied()
            .collect();
        tx.pragma_update(None, "user_version", format.max(format_of(&through)))?;
        tx.commit()?;
        done.push(migration.version);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_one_by_one_without_gaps() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1, "{} is out of order", m.name);
            assert!(m.name.starts_with(&format!("{:04}_", m.version)));
        }
    }

    #[test]
    fn every_migration_file_is_listed() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../migrations");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .expect("migrations folder")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        files.sort();
        let listed: Vec<String> = MIGRATIONS
            .iter()
            .map(|m| format!("{}.sql", m.name))
            .collect();
        assert_eq!(files, listed);
    }

    #[test]
    fn the_schema_applies_to_an_empty_database_and_records_every_step() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        migrate(&mut conn, MIGRATIONS).expect("migrate");
        let v: u32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("v");
        assert_eq!(v, latest_format());
        assert_eq!(
            applied(&conn).expect("applied"),
            (1..=latest_version()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_formats_before_the_log_equal_their_versions() {
        // Files written before `schema_migration` say which migrations ran only by
        // their user_version: that reading holds while every early step was breaking.
        for m in MIGRATIONS
            .iter()
            .take_while(|m| m.name != "0004_schema_migration")
        {
            assert!(m.breaking, "{}", m.name);
        }
    }

    #[test]
    fn merges_recorded_before_tag_merges_existed_survive_the_rebuild_of_merge_record() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        migrate(&mut conn, &MIGRATIONS[..2]).expect("v2");
        conn.execute(
            "INSERT INTO merge_record (id, entity, kept_id, merged_id, moved, created_at)
             VALUES ('m1', 'person', 'a', 'b', '[]', '2026-11-01T00:00:00Z')",
            [],
        )
        .expect("a v2 merge");
        migrate(&mut conn, MIGRATIONS).expect("latest");
        let kept: (String, String) = conn
            .query_row("SELECT id, entity FROM merge_record", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("kept");
        assert_eq!(kept, ("m1".to_owned(), "person".to_owned()));
        conn.execute(
            "INSERT INTO merge_record (id, entity, kept_id, merged_id, moved, created_at)
             VALUES ('m2', 'tag', 'a', 'b', '[]', '2026-11-02T00:00:00Z')",
            [],
        )
        .expect("a tag merge is accepted");
    }
}
