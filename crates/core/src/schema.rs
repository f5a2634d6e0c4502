//! The schema: numbered migrations from `migrations/`, embedded at compile time and
//! tracked in `PRAGMA user_version`. A landed migration is never edited; a change
//! is a new file.

use rusqlite::Connection;

/// Marks a SQLite file as a Groundwork workspace (`PRAGMA application_id`): "GRND".
pub const APPLICATION_ID: i32 = 0x4752_4E44;

/// One step of the schema: applying `sql` to version `version - 1` yields `version`.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration, in order. Versions are 1, 2, 3… without gaps.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_init",
        sql: include_str!("../../../migrations/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "0002_discovery",
        sql: include_str!("../../../migrations/0002_discovery.sql"),
    },
    Migration {
        version: 3,
        name: "0003_tag_merge",
        sql: include_str!("../../../migrations/0003_tag_merge.sql"),
    },
];

/// The schema version this build writes.
pub fn latest_version() -> u32 {
    latest_of(MIGRATIONS)
}

pub(crate) fn latest_of(migrations: &[Migration]) -> u32 {
    migrations.last().map_or(0, |m| m.version)
}

/// Applies every migration above `from`, each with its version bump in one
/// transaction, so a crash leaves the file at a whole version.
pub(crate) fn migrate(
    conn: &mut Connection,
    from: u32,
    migrations: &[Migration],
) -> rusqlite::Result<()> {
    for migration in migrations.iter().filter(|m| m.version > from) {
        let tx = conn.transaction()?;
        tx.execute_batch(migration.sql)?;
        tx.pragma_update(None, "user_version", migration.version)?;
        tx.commit()?;
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
    fn the_schema_applies_to_an_empty_database() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        migrate(&mut conn, 0, MIGRATIONS).expect("migrate");
        let v: u32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("v");
        assert_eq!(v, latest_version());
    }

    #[test]
    fn merges_recorded_before_tag_merges_existed_survive_the_rebuild_of_merge_record() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        migrate(&mut conn, 0, &MIGRATIONS[..2]).expect("v2");
        conn.execute(
            "INSERT INTO merge_record (id, entity, kept_id, merged_id, moved, created_at)
             VALUES ('m1', 'person', 'a', 'b', '[]', '2026-11-01T00:00:00Z')",
            [],
        )
        .expect("a v2 merge");
        migrate(&mut conn, 2, MIGRATIONS).expect("latest");
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
