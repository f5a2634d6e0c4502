//! The unit of work and what rests on it: writes that land whole or not at all, reads
//! that never wait for a write, one mode policy for every write, stored values that
//! are read or refused (never guessed), merges whose undo refuses a record it cannot
//! read, other processes' commits noticed.

use chrono::NaiveDate;
use groundwork_core::store::policy;
use groundwork_core::*;
use std::sync::{mpsc, Arc};
use std::time::Duration;
use uuid::Uuid;

use crate::common;

fn clock() -> Arc<FixedClock> {
    common::clock_on(2026, 11, 21)
}

fn file_store(dir: &tempfile::TempDir) -> Store {
    Store::open(
        &dir.path().join("w.groundwork"),
        OpenMode::OpenOrCreate,
        clock(),
    )
    .expect("store")
}

fn coffee(cycle: Uuid, title: &str) -> NewSession {
    NewSession {
        cycle_id: cycle,
        kind: SourceKind::CoffeeChat,
        title: title.into(),
        held_on: NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"),
        people: vec![],
        links: vec![],
        notes: Some("Builds are slow".into()),
        tags: Vec::new(),
    }
}

fn counts(store: &Store) -> (i64, i64, i64) {
    store.with_connection(|c| {
        let n = |t: &str| -> i64 {
            c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .expect("count")
        };
        (n("session"), n("observation"), n("observation_tag"))
    })
}

#[test]
fn writes_composed_in_one_unit_land_whole_or_not_at_all() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = file_store(&dir);
    let cycle = store.write(|tx| tx.create_cycle("C")).expect("cycle");
    let before = counts(&store);
    let failed: Result<(), DomainError> = store.write(|tx| {
        let s = tx.create_session(&coffee(cycle.id, "First"))?;
        tx.create_observation(&NewObservation {
            session_id: Some(s.id),
            text: "Half way".into(),
            ..Default::default()
        })?;
        // A failure after two writes: the import, the bulk change, stops here.
        Err(DomainError::InvalidInput {
            field: "import",
            reason: "row 3 is not readable".into(),
        })
    });
    assert!(failed.is_err());
    assert_eq!(counts(&store), before, "nothing of the failed unit landed");

    let landed = store.write(|tx| {
        let s = tx.create_session(&coffee(cycle.id, "Second"))?;
        tx.create_observation(&NewObservation {
            session_id: Some(s.id),
            text: "Whole".into(),
            ..Default::default()
        })
    });
    assert!(landed.is_ok());
    assert_eq!(counts(&store), (before.0 + 1, before.1 + 1, before.2));
}

#[test]
fn a_merge_that_fails_half_way_changes_nothing() {
    let store = Store::open_in_memory(clock()).expect("store");
    let cycle = store.write(|tx| tx.create_cycle("C")).expect("cycle");
    let tag = store
        .write(|tx| {
            tx.create_tag(&TagInput {
                name: "slow".into(),
                ..Default::default()
            })
        })
        .expect("tag");
    let obs = |text: &str| {
        store
            .write(|tx| {
                tx.create_observation(&NewObservation {
                    cycle_id: Some(cycle.id),
                    text: text.into(),
                    tags: vec![tag.id],
                    ..Default::default()
                })
            })
            .expect("observation")
    };
    let (kept, merged) = (obs("Builds are slow"), obs("CI is slow"));
    // The record is written last: refusing it fails the merge after its links moved.
    store.with_connection(|c| {
        c.execute_batch(
            "CREATE TEMP TRIGGER fail_merge BEFORE INSERT ON merge_record
             BEGIN SELECT RAISE(ABORT, 'injected'); END;",
        )
        .expect("trigger")
    });
    store
        .write(|tx| tx.merge_observations(kept.id, merged.id))
        .expect_err("the injected failure");
    assert_eq!(
        store
            .read(|db| db.observation(merged.id))
            .expect("still live")
            .tags
            .len(),
        1
    );
    assert_eq!(
        store
            .read(|db| db.list_observations(&ObservationQuery::default()))
            .expect("list")
            .matching,
        2
    );
}

#[test]
fn a_long_read_never_holds_up_a_save() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = Arc::new(file_store(&dir));
    let cycle = store.write(|tx| tx.create_cycle("C")).expect("cycle");
    let session = store
        .write(|tx| tx.create_session(&coffee(cycle.id, "Chat")))
        .expect("session");
    let (started_tx, started) = mpsc::channel();
    let (saved_tx, saved) = mpsc::channel::<()>();
    let reader = {
        let store = store.clone();
        std::thread::spawn(move || {
            store.read(|db| -> Result<bool, DomainError> {
                let before = db.session(session.id)?.notes;
                started_tx.send(()).expect("send");
                // Hold the read open until the save is done (or give up).
                let saved_meanwhile = saved.recv_timeout(Duration::from_secs(20)).is_ok();
                // The snapshot does not change under the read.
                assert_eq!(db.session(session.id)?.notes, before);
                Ok(saved_meanwhile)
            })
        })
    };
    started.recv().expect("read started");
    store
        .write(|tx| tx.save_notes(session.id, "Saved while a read was open"))
        .expect("save");
    saved_tx.send(()).expect("send");
    assert!(
        reader.join().expect("reader").expect("read"),
        "the save finished while the read held its snapshot"
    );
    assert_eq!(
        store
            .read(|db| db.session(session.id))
            .expect("session")
            .notes,
        "Saved while a read was open"
    );
}

#[test]
fn every_mode_allows_exactly_what_the_policy_table_says() {
    let store = Store::open_in_memory(clock()).expect("store");
    for mode in CycleMode::ALL {
        let cycle = store
            .write(|tx| tx.create_cycle(&format!("{mode:?}")))
            .expect("cycle");
        // A session and an idea made while capture is allowed, before the cycle moves on.
        let session = store
            .write(|tx| tx.create_session(&coffee(cycle.id, "Chat")))
            .expect("session");
        let idea = store
            .write(|tx| {
                tx.create_idea(
                    cycle.id,
                    &IdeaInput {
                        title: "Idea".into(),
                        ..Default::default()
                    },
                )
            })
            .expect("idea");
        while store.read(|db| db.cycle(cycle.id)).expect("cycle").mode != mode {
            store
                .write(|tx| tx.advance_cycle(cycle.id))
                .expect("advance");
        }
        let shown = store.read(|db| db.cycle(cycle.id)).expect("cycle");
        assert_eq!(shown.allows, CycleAllows::of(mode));

        let capture = store.write(|tx| tx.create_session(&coffee(cycle.id, "Another")));
        let notes = store.write(|tx| tx.save_notes(session.id, "changed"));
        let rename = store.write(|tx| tx.rename_cycle(cycle.id, &format!("{mode:?} renamed")));
        let judge = store.write(|tx| {
            tx.assess_idea(
                idea.id,
                &Assessment {
                    score: Some(7),
                    effort: None,
                },
            )
        });
        for (act, outcome) in [
            (Act::Capture, capture.map(|_| ())),
            (Act::Capture, notes.map(|_| ())),
            (Act::EditCycle, rename.map(|_| ())),
            (Act::Judge, judge.map(|_| ())),
        ] {
            assert_eq!(
                outcome.is_ok(),
                policy::allows(mode, act),
                "{act:?} in {mode:?}: {outcome:?}"
            );
            if let Err(e) = outcome {
                let expected = match (mode, act) {
                    (CycleMode::Closed, _) => matches!(e, DomainError::CycleClosed { .. }),
                    (CycleMode::Discovery, Act::Judge) => {
                        matches!(e, DomainError::JudgingInDiscovery { .. })
                    }
                    _ => matches!(e, DomainError::WrongMode { .. }),
                };
                assert!(expected, "{act:?} in {mode:?} refused as {e:?}");
            }
        }
    }
}

#[test]
fn a_stored_kind_this_version_does_not_know_is_an_error_naming_the_row() {
    let store = Store::open_in_memory(clock()).expect("store");
    let cycle = store.write(|tx| tx.create_cycle("C")).expect("cycle");
    let session = store
        .write(|tx| tx.create_session(&coffee(cycle.id, "Chat")))
        .expect("session");
    // What a newer build could write: a kind this one has never heard of.
    store.with_connection(|c| {
        c.execute_batch("PRAGMA ignore_check_constraints = ON;")
            .expect("pragma");
        c.execute(
            "UPDATE session SET kind = 'hallway_chat' WHERE id = ?1",
            [session.id.to_string()],
        )
        .expect("update");
    });
    let err = store
        .read(|db| db.session(session.id))
        .expect_err("not read as another kind");
    let message = err.to_string();
    assert!(message.contains("hallway_chat"), "{message}");
    assert!(message.contains(&session.id.to_string()), "{message}");
    assert!(store
        .read(|db| db.list_sessions(&SessionQuery::default()))
        .expect_err("nor listed as one")
        .to_string()
        .contains("hallway_chat"));
}

#[test]
fn undoing_a_merge_whose_record_cannot_be_read_refuses_and_changes_nothing() {
    let store = Store::open_in_memory(clock()).expect("store");
    let person = |name: &str, role: &str| {
        store
            .write(|tx| {
                tx.create_person(&PersonInput {
                    name: name.into(),
                    role: role.into(),
                    ..Default::default()
                })
            })
            .expect("person")
            .summary
            .id
    };
    let (kept, merged) = (person("Priya", ""), person("Priya R.", "Staff engineer"));
    let done = store
        .write(|tx| tx.merge_people(kept, merged))
        .expect("merge");
    assert_eq!(
        store.read(|db| db.person(kept)).expect("kept").summary.role,
        "Staff engineer"
    );
    for garbled in [
        "not json",
        r#"[{"table":"person_fields","other":"{","kept_had_it":true}]"#,
        r#"[{"table":"secret_table","other":"x","kept_had_it":false}]"#,
    ] {
        store.with_connection(|c| {
            c.execute(
                "UPDATE merge_record SET moved = ?2 WHERE id = ?1",
                [done.merge_id.to_string(), garbled.to_owned()],
            )
            .expect("garble")
        });
        let err = store
            .write(|tx| tx.undo_merge(done.merge_id))
            .expect_err("refused");
        assert!(
            err.to_string()
                .contains("cannot be undone; nothing was changed"),
            "{err}"
        );
        assert_eq!(
            store.read(|db| db.person(kept)).expect("kept").summary.role,
            "Staff engineer",
            "the kept person's fields are as they were"
        );
        assert!(
            store.read(|db| db.person(merged)).is_err(),
            "the merged one stays merged"
        );
    }
}

#[test]
fn a_commit_by_another_process_is_noticed_and_the_stores_own_are_not() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("w.groundwork");
    let store = Store::open(&path, OpenMode::OpenOrCreate, clock()).expect("store");
    assert!(!store.changed_outside().expect("first look"));
    store
        .write(|tx| tx.create_cycle("Mine"))
        .expect("own write");
    assert!(
        !store.changed_outside().expect("own"),
        "its own commits are not outside"
    );
    let other = Store::open(&path, OpenMode::MustExist, clock()).expect("second writer");
    other
        .write(|tx| tx.create_cycle("Theirs"))
        .expect("their write");
    assert!(store.changed_outside().expect("outside"));
    assert!(
        !store.changed_outside().expect("once"),
        "each change is told once"
    );
    assert_eq!(store.read(|db| db.list_cycles()).expect("list").len(), 2);
}

#[test]
fn two_writers_on_one_file_take_turns_instead_of_failing() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("w.groundwork");
    let a = Arc::new(Store::open(&path, OpenMode::OpenOrCreate, clock()).expect("a"));
    let cycle = a.write(|tx| tx.create_cycle("C")).expect("cycle");
    let b = Arc::new(Store::open(&path, OpenMode::MustExist, clock()).expect("b"));
    let writers: Vec<_> = [a, b]
        .into_iter()
        .enumerate()
        .map(|(w, store)| {
            std::thread::spawn(move || {
                for i in 0..50 {
                    store
                        .write(|tx| {
                            tx.create_session(&coffee(cycle.id, &format!("writer {w} session {i}")))
                        })
                        .expect("every write lands");
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("writer");
    }
    let check = Store::open(&path, OpenMode::MustExist, clock()).expect("check");
    assert_eq!(
        check
            .read(|db| db.list_sessions(&SessionQuery::default()))
            .expect("list")
            .matching,
        100
    );
}

#[test]
fn notes_saved_elsewhere_meanwhile_are_a_conflict_and_settling_it_keeps_both_texts() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("w.groundwork");
    let app = Store::open(&path, OpenMode::OpenOrCreate, clock()).expect("app");
    let cycle = app.write(|tx| tx.create_cycle("C")).expect("cycle");
    let session = app
        .write(|tx| tx.create_session(&coffee(cycle.id, "Chat")))
        .expect("session");
    let typed_over = session.notes_rev;
    // The command line (another process) saves the same notes first.
    let cli = Store::open(&path, OpenMode::MustExist, clock()).expect("cli");
    let theirs = cli
        .write(|tx| tx.save_notes_over(session.id, "Changed by the command line", Some(typed_over)))
        .expect("their save");
    assert_eq!(theirs.notes_rev, typed_over + 1);

    let mine = "Typed in the app";
    let err = app
        .write(|tx| tx.save_notes_over(session.id, mine, Some(typed_over)))
        .expect_err("a save over an old revision");
    assert!(matches!(err, DomainError::NotesConflict { .. }), "{err:?}");
    assert_eq!(
        app.read(|db| db.session(session.id)).expect("s").notes,
        "Changed by the command line",
        "nothing was overwritten"
    );
    // Saving exactly what is stored is no conflict.
    app.write(|tx| tx.save_notes_over(session.id, "Changed by the command line", Some(typed_over)))
        .expect("the same text");

    let settled = app
        .write(|tx| tx.resolve_notes(session.id, mine, NotesChoice::Mine))
        .expect("keep mine");
    assert_eq!(settled.notes, mine);
    let kept = app
        .read(|db| db.notes_versions(session.id))
        .expect("versions");
    assert_eq!(kept.len(), 1);
    assert_eq!(
        kept[0].notes, "Changed by the command line",
        "their text is kept"
    );

    // Again, the other way round: theirs stays, mine is kept.
    cli.write(|tx| tx.save_notes(session.id, "Second change elsewhere"))
        .expect("their save");
    let err = app
        .write(|tx| tx.save_notes_over(session.id, "More typed here", Some(settled.notes_rev)))
        .expect_err("conflict");
    assert!(matches!(err, DomainError::NotesConflict { .. }));
    let settled = app
        .write(|tx| tx.resolve_notes(session.id, "More typed here", NotesChoice::Theirs))
        .expect("take theirs");
    assert_eq!(settled.notes, "Second change elsewhere");
    let kept = app
        .read(|db| db.notes_versions(session.id))
        .expect("versions");
    assert_eq!(kept.len(), 2);
    assert_eq!(kept[0].notes, "More typed here", "my text is kept");
    // And a save over the current revision goes through.
    app.write(|tx| tx.save_notes_over(session.id, "Carry on", Some(settled.notes_rev)))
        .expect("current revision");
}
