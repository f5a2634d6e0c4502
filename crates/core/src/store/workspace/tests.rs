//! The store's promises about files: what it opens, what it refuses, and that it
//! never writes to a file it refuses.

use super::*;
use crate::store::clock::FixedClock;
use crate::store::schema::MIGRATIONS;
use chrono::TimeZone;
use tempfile::TempDir;

fn clock() -> Arc<dyn Clock> {
    Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 21, 9, 30, 0)
            .single()
            .expect("time"),
    ))
}

fn temp() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn open(path: &Path) -> Result<Store, OpenError> {
    Store::open(path, OpenMode::OpenOrCreate, clock())
}

/// Opens (or creates) `path` at schema 1 only, as the first release wrote it.
fn open_v1(path: &Path) -> Result<Store, OpenError> {
    Store::open_with(path, OpenMode::OpenOrCreate, clock(), &MIGRATIONS[..1])
}

/// Asserts that opening `path` fails and leaves its bytes exactly as they were.
fn refused_untouched(path: &Path) -> OpenError {
    let before = std::fs::read(path).ok();
    let err = open(path).expect_err("the file must be refused");
    assert_eq!(
        std::fs::read(path).ok(),
        before,
        "a refused file must not change"
    );
    assert_eq!(err.path(), path, "the error names the path");
    assert!(err.to_string().contains(&path.display().to_string()));
    err
}

#[test]
fn opening_a_missing_path_creates_a_groundwork_workspace() {
    let dir = temp();
    let path = dir.path().join("nested/folder/team.groundwork");
    let store = open(&path).expect("create");
    assert_eq!(store.outcome(), &OpenOutcome::Created);
    assert_eq!(store.schema_version().expect("v"), schema::latest_version());
    let app_id: i32 = store
        .conn()
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .expect("id");
    assert_eq!(app_id, APPLICATION_ID);
    assert_eq!(store.info().name, "team");
}

#[test]
fn pragmas_are_set_on_every_open() {
    let dir = temp();
    let path = dir.path().join("w.groundwork");
    drop(open(&path).expect("create"));
    let store = open(&path).expect("reopen");
    assert_eq!(store.outcome(), &OpenOutcome::Opened);
    let q = |name: &str| -> String {
        store
            .conn()
            .pragma_query_value(None, name, |r| r.get::<_, rusqlite::types::Value>(0))
            .map(|v| format!("{v:?}"))
            .expect(name)
    };
    assert_eq!(q("journal_mode"), r#"Text("wal")"#);
    assert_eq!(q("foreign_keys"), "Integer(1)");
    assert_eq!(q("synchronous"), "Integer(2)", "FULL");
    assert_eq!(q("busy_timeout"), "Integer(5000)");
}

#[test]
fn reopening_keeps_committed_data() {
    let dir = temp();
    let path = dir.path().join("w.groundwork");
    let store = open(&path).expect("create");
    let cycle = store
        .write(|tx| tx.create_cycle("2027 H1 planning"))
        .expect("cycle");
    drop(store);
    let store = open(&path).expect("reopen");
    assert_eq!(
        store.read(|db| db.list_cycles()).expect("list"),
        vec![cycle]
    );
}

#[test]
fn a_must_exist_open_of_a_missing_file_is_refused_and_creates_nothing() {
    let dir = temp();
    let path = dir.path().join("gone.groundwork");
    let err = Store::open(&path, OpenMode::MustExist, clock()).expect_err("missing");
    assert!(matches!(err, OpenError::NotFound { .. }));
    assert!(!path.exists());
}

#[test]
fn creating_a_new_workspace_over_an_existing_file_is_refused() {
    let dir = temp();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "keep me").expect("write");
    let err = Store::open(&path, OpenMode::CreateNew, clock()).expect_err("exists");
    assert!(matches!(err, OpenError::AlreadyExists { .. }));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "keep me");
}

#[test]
fn a_folder_is_refused() {
    let dir = temp();
    let err = open(dir.path()).expect_err("dir");
    assert!(matches!(err, OpenError::IsDirectory { .. }), "{err:?}");
}

#[test]
fn an_empty_file_is_refused_untouched() {
    let dir = temp();
    let path = dir.path().join("empty.groundwork");
    std::fs::write(&path, b"").expect("write");
    assert!(matches!(
        refused_untouched(&path),
        OpenError::EmptyFile { .. }
    ));
}

#[test]
fn a_text_file_is_refused_untouched() {
    let dir = temp();
    let path = dir.path().join("readme.groundwork");
    std::fs::write(&path, "# Just some notes\nnot a database at all, but long enough to have a header-sized prefix of text in it....\n").expect("write");
    assert!(matches!(
        refused_untouched(&path),
        OpenError::NotSqlite { .. }
    ));
    let short = dir.path().join("short.groundwork");
    std::fs::write(&short, "hi").expect("write");
    assert!(matches!(
        refused_untouched(&short),
        OpenError::NotSqlite { .. }
    ));
}

#[test]
fn another_programs_sqlite_file_is_refused_untouched() {
    let dir = temp();
    let path = dir.path().join("other.sqlite");
    {
        let conn = Connection::open(&path).expect("other db");
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .expect("schema");
    }
    assert!(matches!(
        refused_untouched(&path),
        OpenError::NotGroundwork { .. }
    ));
}

#[test]
fn a_workspace_from_a_newer_schema_is_refused_byte_for_byte_untouched() {
    let dir = temp();
    let path = dir.path().join("future.groundwork");
    {
        let store = open(&path).expect("create");
        store
            .write(|tx| tx.create_cycle("Future cycle"))
            .expect("cycle");
        store
            .conn()
            .pragma_update(None, "user_version", 999)
            .expect("bump");
        store
            .conn()
            .pragma_update_and_check(None, "journal_mode", "delete", |_| Ok(()))
            .expect("no wal");
    }
    let err = refused_untouched(&path);
    match &err {
        OpenError::NewerSchema {
            found, supported, ..
        } => {
            assert_eq!(*found, 999);
            assert_eq!(*supported, schema::latest_format());
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    assert!(err.to_string().contains("newer version of Groundwork"));
    let siblings: Vec<_> = std::fs::read_dir(dir.path()).expect("ls").collect();
    assert_eq!(
        siblings.len(),
        1,
        "no backup, journal or wal file was written"
    );
}

/// A workspace at `path` with `count` coffee chats, each with `notes`.
fn workspace_of_sessions(path: &Path, count: usize, notes: &str) -> Store {
    let store = open(path).expect("create");
    let cycle = store.write(|tx| tx.create_cycle("Cycle")).expect("cycle");
    for i in 0..count {
        store
            .write(|tx| {
                tx.create_session(&crate::NewSession {
                    cycle_id: cycle.id,
                    kind: crate::SourceKind::CoffeeChat,
                    title: format!("Chat {i}"),
                    held_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
                    people: vec![],
                    links: vec![],
                    notes: Some(notes.to_owned()),
                    tags: Vec::new(),
                })
            })
            .expect("session");
    }
    store
}

/// A workspace of 200 sessions whose pages past the first are scribbled over, keeping
/// the header valid.
fn damaged_workspace(dir: &TempDir) -> PathBuf {
    let path = dir.path().join("damaged.groundwork");
    workspace_of_sessions(&path, 200, &"note ".repeat(200))
        .conn()
        .pragma_update_and_check(None, "journal_mode", "delete", |_| Ok(()))
        .expect("no wal");
    let mut bytes = std::fs::read(&path).expect("read");
    assert!(bytes.len() > 40_000);
    for b in &mut bytes[5000..40_000] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).expect("write");
    path
}

#[test]
fn a_damaged_workspace_is_refused_with_a_clear_error() {
    let dir = temp();
    let path = damaged_workspace(&dir);
    let err = refused_untouched(&path);
    assert!(matches!(err, OpenError::Damaged { .. }), "{err:?}");
    assert!(err.to_string().contains("damaged"));
}

#[test]
fn a_check_that_runs_out_of_time_says_it_did_not_check_the_whole_file() {
    let dir = temp();
    let path = dir.path().join("large.groundwork");
    drop(workspace_of_sessions(&path, 3000, ""));
    let conn = Connection::open(&path).expect("conn");
    let whole = quick_check(&conn, &path, Some(std::time::Duration::ZERO)).expect("no damage");
    assert!(!whole, "with no time, the check stops early and says so");
    assert!(
        quick_check(&conn, &path, None).expect("sound"),
        "with no budget it goes to the end"
    );
}

#[test]
fn the_whole_file_check_finds_damage() {
    let dir = temp();
    let path = damaged_workspace(&dir);
    let err = check_whole_file(&path).expect_err("damaged");
    assert!(matches!(err, OpenError::Damaged { .. }), "{err:?}");
}

#[test]
fn a_sound_workspace_is_checked_whole_on_opening_and_passes_the_whole_file_check() {
    let dir = temp();
    let path = dir.path().join("sound.groundwork");
    open(&path).expect("create");
    let store = open(&path).expect("reopen");
    assert!(
        store.checked_whole(),
        "a small file is checked within the budget"
    );
    check_whole_file(&path).expect("sound, even while the store has it open");
}

/// Migration 2 exists only in this test, to prove what happens to a file at schema 1.
const WITH_A_SECOND_MIGRATION: &[Migration] = &[
    MIGRATIONS[0],
    Migration {
        version: 2,
        name: "0002_test",
        sql: "CREATE TABLE added_later (x TEXT) STRICT;",
        breaking: true,
    },
];

#[test]
fn an_older_workspace_is_backed_up_beside_it_before_migrating() {
    let dir = temp();
    let path = dir.path().join("team.groundwork");
    {
        let store = open_v1(&path).expect("create at v1");
        store
            .write(|tx| tx.create_cycle("Kept through the migration"))
            .expect("cycle");
    }
    let store = Store::open_with(
        &path,
        OpenMode::OpenOrCreate,
        clock(),
        WITH_A_SECOND_MIGRATION,
    )
    .expect("migrate");
    let OpenOutcome::Migrated { from, to, backup } = store.outcome().clone() else {
        panic!("expected a migration, got {:?}", store.outcome())
    };
    assert_eq!((from, to), (1, 2));
    assert_eq!(
        backup,
        dir.path()
            .join("team.backup-v1-20261121T093000Z.groundwork")
    );
    assert_eq!(store.schema_version().expect("v"), 2);
    assert_eq!(
        store.read(|db| db.list_cycles()).expect("cycles")[0].name,
        "Kept through the migration"
    );

    let old = Connection::open(&backup).expect("backup opens");
    let v: u32 = old
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("v");
    assert_eq!(v, 1, "the backup holds the file as it was");
    let names: String = old
        .query_row("SELECT group_concat(name) FROM cycle", [], |r| r.get(0))
        .expect("names");
    assert_eq!(names, "Kept through the migration");
}

#[test]
fn a_failed_migration_leaves_the_workspace_at_its_old_version() {
    let dir = temp();
    let path = dir.path().join("team.groundwork");
    drop(open_v1(&path).expect("create at v1"));
    let broken: &[Migration] = &[
        MIGRATIONS[0],
        Migration {
            version: 2,
            name: "0002_broken",
            sql: "CREATE TABLE ok (x); THIS IS NOT SQL;",
            breaking: true,
        },
    ];
    Store::open_with(&path, OpenMode::OpenOrCreate, clock(), broken).expect_err("broken migration");
    let store = open_v1(&path).expect("still opens at v1");
    assert_eq!(store.schema_version().expect("v"), 1);
    let leftover: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'ok'",
            [],
            |r| r.get(0),
        )
        .expect("q");
    assert_eq!(leftover, 0, "the half-applied migration was rolled back");
}

#[test]
fn a_committed_write_survives_a_connection_that_is_never_closed_cleanly() {
    let dir = temp();
    let path = dir.path().join("w.groundwork");
    let store = open(&path).expect("create");
    store
        .write(|tx| tx.create_cycle("Survives"))
        .expect("cycle");
    // Simulate a killed process: the connection is leaked, never closed or checkpointed.
    std::mem::forget(store);
    let store = open(&path).expect("reopen");
    assert_eq!(
        store.read(|db| db.list_cycles()).expect("list")[0].name,
        "Survives"
    );
}

#[test]
fn participants_typed_as_text_become_linked_people_when_a_v1_workspace_is_migrated() {
    let dir = temp();
    let path = dir.path().join("team.groundwork");
    {
        let store = open_v1(&path).expect("create at v1");
        store
            .conn()
            .execute_batch(
                "INSERT INTO cycle (id, name, created_at, updated_at)
                     VALUES ('0190f5a0-0000-7000-8000-000000000001', 'C', 't', 't');
                 INSERT INTO session (id, cycle_id, kind, title, held_on, participants, created_at, updated_at)
                     VALUES ('0190f5a0-0000-7000-8000-000000000002', '0190f5a0-0000-7000-8000-000000000001',
                             'coffee_chat', 'A', '2026-10-01', 'Priya (Payments), Tom', 't', 't'),
                            ('0190f5a0-0000-7000-8000-000000000003', '0190f5a0-0000-7000-8000-000000000001',
                             'coffee_chat', 'B', '2026-10-02', ' tom ,, Ana ', 't', 't'),
                            ('0190f5a0-0000-7000-8000-000000000004', '0190f5a0-0000-7000-8000-000000000001',
                             'coffee_chat', 'C', '2026-10-03', '', 't', 't');",
            )
            .expect("v1 rows");
    }
    let store = open(&path).expect("migrate");
    assert!(matches!(
        store.outcome(),
        OpenOutcome::Migrated { from: 1, .. }
    ));
    let people = store
        .read(|db| db.list_people(&crate::PeopleQuery::default()))
        .expect("people");
    let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["Ana", "Priya (Payments)", "Tom"],
        "one person per name, any case"
    );
    let id = |s: &str| uuid::Uuid::parse_str(s).expect("id");
    let a = store
        .read(|db| db.session(id("0190f5a0-0000-7000-8000-000000000002")))
        .expect("a");
    let a_names: Vec<&str> = a.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        a_names,
        vec!["Priya (Payments)", "Tom"],
        "in the order typed"
    );
    let b = store
        .read(|db| db.session(id("0190f5a0-0000-7000-8000-000000000003")))
        .expect("b");
    assert_eq!(b.people.len(), 2);
    let c = store
        .read(|db| db.session(id("0190f5a0-0000-7000-8000-000000000004")))
        .expect("c");
    assert!(c.people.is_empty());
}

/// Whether `path` is a whole workspace: it opens, at the latest schema, with the
/// tables every write needs.
fn is_whole_workspace(path: &Path) -> bool {
    let Ok(store) = Store::open(path, OpenMode::MustExist, clock()) else {
        return false;
    };
    store.outcome() == &OpenOutcome::Opened
        && store.schema_version().ok() == Some(schema::latest_version())
        && store.write(|tx| tx.create_cycle("Works")).is_ok()
}

#[test]
fn a_failure_at_any_step_of_creating_a_workspace_leaves_no_file_or_a_whole_one() {
    use super::create::{temp_files_of, Step};
    for step in Step::ALL {
        for kind in [std::io::ErrorKind::StorageFull, std::io::ErrorKind::Other] {
            let dir = temp();
            let path = dir.path().join("team.groundwork");
            let fail = |at: Step| {
                if at == step {
                    Err(std::io::Error::new(kind, "injected"))
                } else {
                    Ok(())
                }
            };
            let err =
                Store::open_with_faults(&path, OpenMode::OpenOrCreate, clock(), MIGRATIONS, &fail)
                    .expect_err("the injected failure stops the creation");
            assert!(
                !path.exists() || is_whole_workspace(&path),
                "{step:?}: a partial file was left at the workspace's path"
            );
            assert!(
                temp_files_of(&path).is_empty(),
                "{step:?}: temporary files were left: {:?}",
                temp_files_of(&path)
            );
            if kind == std::io::ErrorKind::StorageFull {
                assert!(
                    matches!(err, OpenError::DiskFull { .. }),
                    "{step:?}: {err:?}"
                );
                assert!(
                    err.to_string()
                        .starts_with("the disk is full: Groundwork could not create"),
                    "{err}"
                );
            }
            // Once the fault is gone, the same path is created whole.
            drop(open(&path).expect("created after the fault"));
            assert!(is_whole_workspace(&path), "{step:?}");
        }
    }
}

#[test]
fn a_temporary_file_left_by_a_crash_is_never_opened_and_is_cleaned_up() {
    use super::create::temp_files_of;
    let dir = temp();
    let path = dir.path().join("team.groundwork");
    // What a kill half way through an earlier creation leaves: a partial temp file.
    let leftover = dir.path().join(".team.groundwork.4242-17.creating");
    std::fs::write(&leftover, b"SQLite format 3\0partial").expect("leftover");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&leftover)
        .and_then(|f| f.set_modified(old))
        .expect("age it");
    assert!(!path.exists(), "a leftover is not the workspace");
    let store = open(&path).expect("a new workspace is created, not the leftover opened");
    assert_eq!(store.outcome(), &OpenOutcome::Created);
    assert!(temp_files_of(&path).is_empty(), "the leftover was removed");
}

#[test]
fn creating_over_a_file_that_appears_meanwhile_refuses_and_keeps_that_file() {
    let dir = temp();
    let path = dir.path().join("team.groundwork");
    let appear = |at: super::create::Step| {
        if at == super::create::Step::Place {
            std::fs::write(&path, "someone else's").expect("write");
        }
        Ok(())
    };
    let err = Store::open_with_faults(&path, OpenMode::OpenOrCreate, clock(), MIGRATIONS, &appear)
        .expect_err("refused");
    assert!(matches!(err, OpenError::AlreadyExists { .. }), "{err:?}");
    assert_eq!(
        std::fs::read_to_string(&path).expect("kept"),
        "someone else's"
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_at_once_and_never_read() {
    let dir = temp();
    let path = dir.path().join("x.groundwork");
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // Opening a pipe for reading would block forever: a refusal proves it was not read.
    for mode in [
        OpenMode::OpenOrCreate,
        OpenMode::MustExist,
        OpenMode::CreateNew,
    ] {
        let err = Store::open(&path, mode, clock()).expect_err("a pipe is no workspace");
        assert!(
            matches!(
                err,
                OpenError::NotAFile { .. } | OpenError::AlreadyExists { .. }
            ),
            "{err:?}"
        );
    }
    let err = open(&path).expect_err("pipe");
    assert!(err.to_string().contains("not a regular file"), "{err}");
    let dev = Store::open(Path::new("/dev/zero"), OpenMode::MustExist, clock())
        .expect_err("a device is no workspace");
    assert!(matches!(dev, OpenError::NotAFile { .. }), "{dev:?}");
}

#[test]
fn a_database_error_reads_in_words_without_sql() {
    let store = Store::open_in_memory(clock()).expect("store");
    let e: crate::DomainError = store
        .conn()
        .prepare("SELECT nonsense FROM nowhere WHERE x IN (?1)")
        .expect_err("bad sql")
        .into();
    let message = e.to_string();
    assert!(!message.contains("SELECT"), "{message}");
    assert!(message.contains("your saved work is safe"), "{message}");
}

/// This build's migrations plus one a newer build adds: additive, or breaking.
fn with_a_newer_migration(breaking: bool) -> Vec<Migration> {
    let mut all = MIGRATIONS.to_vec();
    all.push(Migration {
        version: schema::latest_version() + 1,
        name: "9999_from_a_newer_build",
        sql: "CREATE TABLE pain_from_a_newer_build (id TEXT PRIMARY KEY) STRICT;",
        breaking,
    });
    all
}

#[test]
fn a_file_with_an_additive_migration_from_a_newer_build_still_opens() {
    let dir = temp();
    let path = dir.path().join("team.groundwork");
    let newer = with_a_newer_migration(false);
    {
        let store =
            Store::open_with(&path, OpenMode::OpenOrCreate, clock(), &newer).expect("newer");
        store.write(|tx| tx.create_cycle("Kept")).expect("cycle");
    }
    // This build knows nothing of the newer table, and needs to know nothing.
    let store = open(&path).expect("an additive step does not lock out this build");
    assert_eq!(store.outcome(), &OpenOutcome::Opened, "nothing to migrate");
    assert_eq!(
        store.read(|db| db.list_cycles()).expect("list")[0].name,
        "Kept"
    );
    store
        .write(|tx| tx.create_cycle("Written by the older build"))
        .expect("and it writes");
    drop(store);
    let newer_again =
        Store::open_with(&path, OpenMode::MustExist, clock(), &newer).expect("newer reopens");
    assert_eq!(newer_again.outcome(), &OpenOutcome::Opened);
    assert_eq!(
        newer_again.read(|db| db.list_cycles()).expect("list").len(),
        2
    );
}

#[test]
fn a_file_with_a_breaking_migration_from_a_newer_build_is_refused_untouched() {
    let dir = temp();
    let path = dir.path().join("team.groundwork");
    {
        let store = Store::open_with(
            &path,
            OpenMode::OpenOrCreate,
            clock(),
            &with_a_newer_migration(true),
        )
        .expect("newer");
        store
            .conn()
            .pragma_update_and_check(None, "journal_mode", "delete", |_| Ok(()))
            .expect("no wal");
    }
    let err = refused_untouched(&path);
    assert!(matches!(err, OpenError::NewerSchema { .. }), "{err:?}");
}

#[test]
fn a_file_from_before_the_migration_log_runs_only_what_it_lacks() {
    let dir = temp();
    let path = dir.path().join("team.groundwork");
    drop(
        Store::open_with(&path, OpenMode::OpenOrCreate, clock(), &MIGRATIONS[..3])
            .expect("the previous release's file"),
    );
    let store = open(&path).expect("migrate");
    let latest = schema::latest_version();
    assert!(
        matches!(store.outcome(), OpenOutcome::Migrated { from: 3, to, .. } if *to == latest),
        "{:?}",
        store.outcome()
    );
    assert_eq!(
        schema::applied(&store.conn()).expect("log"),
        (1..=latest).collect::<Vec<_>>()
    );
    let format: u32 = store
        .conn()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("format");
    let breaking_after_3 = MIGRATIONS[3..].iter().filter(|m| m.breaking).count() as u32;
    assert_eq!(
        format,
        3 + breaking_after_3,
        "additive steps leave the format as it was; breaking ones raise it"
    );
}

#[test]
fn a_workspace_indexed_before_search_by_date_is_reindexed_whole_and_found() {
    let dir = temp();
    let path = dir.path().join("team.groundwork");
    {
        let store = Store::open_with(&path, OpenMode::OpenOrCreate, clock(), &MIGRATIONS[..5])
            .expect("a file from before 0006");
        // Written as that version wrote it: today's code expects today's tables.
        store.with_connection(|conn| {
            conn.execute_batch(
                "INSERT INTO cycle (id, name, created_at, updated_at)
                 VALUES ('00000000-0000-7000-8000-000000000001', 'C', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z');
                 INSERT INTO session (id, cycle_id, kind, title, held_on, notes, created_at, updated_at)
                 VALUES ('00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-000000000001', 'coffee_chat', 'Coffee with Priya', '2026-10-01',
                         'Refunds are slow', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z');",
            )
            .expect("a v5 session")
        });
    }
    let store = open(&path).expect("migrate");
    let found = store
        .read(|db| {
            db.search(&crate::SearchQuery {
                text: "refunds".into(),
                ..Default::default()
            })
        })
        .expect("search");
    assert_eq!(found.total, 1);
    assert_eq!(found.hits[0].date.as_deref(), Some("2026-10-01"));
    let rows = |store: &Store| -> Vec<(i64, String)> {
        store.with_connection(|conn| {
            conn.prepare("SELECT rowid, body FROM search_index ORDER BY rowid")
                .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
                .expect("rows")
        })
    };
    let migrated = rows(&store);
    store.rebuild_search_index().expect("rebuild");
    assert_eq!(
        rows(&store),
        migrated,
        "the migration indexed what a rebuild does"
    );
}

#[test]
fn a_workspace_whose_turns_were_indexed_one_by_one_is_indexed_by_voice_and_found() {
    let dir = temp();
    let path = dir.path().join("team.groundwork");
    let before_voices = MIGRATIONS
        .iter()
        .position(|m| m.name == "0018_transcript_voices")
        .expect("the voices migration");
    {
        let store = Store::open_with(
            &path,
            OpenMode::OpenOrCreate,
            clock(),
            &MIGRATIONS[..before_voices],
        )
        .expect("a file from before 0018");
        store.with_connection(|conn| {
            conn.execute_batch(
                "INSERT INTO cycle (id, name, created_at, updated_at)
                 VALUES ('00000000-0000-7000-8000-000000000001', 'C', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z');
                 INSERT INTO session (id, cycle_id, kind, title, held_on, notes, created_at, updated_at)
                 VALUES ('00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-000000000001', 'coffee_chat', 'Coffee with Priya', '2026-10-01',
                         '', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z');
                 INSERT INTO transcript (id, session_id, file_name, format, encoding, original, imported_at)
                 VALUES ('00000000-0000-7000-8000-000000000003', '00000000-0000-7000-8000-000000000002', 'talk.vtt', 'teams_vtt', 'UTF-8', x'00', '2026-10-01T00:00:00Z');
                 INSERT INTO transcript_turn (id, transcript_id, position, speaker, role, start_ms, text, line, day) VALUES
                   ('00000000-0000-7000-8000-000000000004', '00000000-0000-7000-8000-000000000003', 0, 'Priya', 'participant', 1000, 'Refunds are slow', 3, '2026-10-01'),
                   ('00000000-0000-7000-8000-000000000005', '00000000-0000-7000-8000-000000000003', 1, 'Alex', 'us', 5000, 'How slow?', 6, '2026-10-01'),
                   ('00000000-0000-7000-8000-000000000006', '00000000-0000-7000-8000-000000000003', 2, 'Priya', 'participant', 9000, 'The deploy queue is glacial', 9, '2026-10-01');",
            )
            .expect("a v17 transcript")
        });
    }
    let store = open(&path).expect("migrate");
    let found = store
        .read(|db| {
            db.search(&crate::SearchQuery {
                text: "glacial".into(),
                ..Default::default()
            })
        })
        .expect("search");
    assert_eq!(found.counts.turns, 1);
    assert_eq!(
        found.hits[0].id.to_string(),
        "00000000-0000-7000-8000-000000000006",
        "the hit is the turn that holds the word"
    );
    let voices: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM transcript_voice", [], |r| r.get(0))
        .expect("voices");
    assert_eq!(
        voices, 2,
        "Priya's two turns are one voice, Alex's one another"
    );
    let rows = |store: &Store| -> Vec<(i64, String)> {
        store.with_connection(|conn| {
            conn.prepare("SELECT rowid, body FROM search_index ORDER BY rowid")
                .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
                .expect("rows")
        })
    };
    let migrated = rows(&store);
    assert_eq!(
        migrated.len(),
        3,
        "the session and two voices: {migrated:?}"
    );
    store.rebuild_search_index().expect("rebuild");
    assert_eq!(
        rows(&store),
        migrated,
        "the migration indexed what a rebuild does"
    );
}
