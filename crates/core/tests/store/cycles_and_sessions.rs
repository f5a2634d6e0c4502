//! The rules of cycles, sessions and the trash, on a real store.

use chrono::{Duration, NaiveDate};
use groundwork_core::discovery::session;
use groundwork_core::*;

use crate::common;

/// These tests start from an empty workspace (no cycle yet) on 21 November 2026.
fn world() -> common::Empty {
    common::empty_on(2026, 11, 21)
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, d).expect("date")
}

fn new_session(cycle: &Cycle, kind: SourceKind, title: &str, d: u32) -> NewSession {
    NewSession {
        cycle_id: cycle.id,
        kind,
        title: title.into(),
        held_on: day(d),
        people: vec![],
        links: vec![SessionLink {
            url: "https://wiki.example/notes".into(),
            label: "Wiki".into(),
        }],
        notes: Some("# Notes\nThey wait **20 minutes** for CI.".into()),
        tags: Vec::new(),
    }
}

#[test]
fn the_first_cycle_becomes_current_and_later_ones_do_not() {
    let w = world();
    let first = w
        .store
        .write(|tx| tx.create_cycle("2027 H1 planning"))
        .expect("first");
    let second = w
        .store
        .write(|tx| tx.create_cycle("2027 H2 planning"))
        .expect("second");
    assert!(first.current);
    assert!(!second.current);
    assert_eq!(
        w.store
            .read(|db| db.current_cycle())
            .expect("current")
            .map(|c| c.id),
        Some(first.id)
    );
    assert_eq!(first.mode, CycleMode::Discovery);
}

#[test]
fn switching_the_current_cycle_is_remembered() {
    let w = world();
    w.store.write(|tx| tx.create_cycle("A")).expect("a");
    let b = w.store.write(|tx| tx.create_cycle("B")).expect("b");
    w.store
        .write(|tx| tx.set_current_cycle(b.id))
        .expect("switch");
    let cycles = w.store.read(|db| db.list_cycles()).expect("list");
    assert_eq!(
        cycles
            .iter()
            .filter(|c| c.current)
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        vec!["B"]
    );
}

#[test]
fn cycles_are_listed_newest_first() {
    let w = world();
    w.store.write(|tx| tx.create_cycle("Older")).expect("a");
    w.clock.advance(Duration::minutes(1));
    w.store.write(|tx| tx.create_cycle("Newer")).expect("b");
    let names: Vec<_> = w
        .store
        .read(|db| db.list_cycles())
        .expect("list")
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, vec!["Newer", "Older"]);
}

#[test]
fn a_cycle_needs_a_unique_non_empty_name() {
    let w = world();
    assert!(matches!(
        w.store.write(|tx| tx.create_cycle("   ")),
        Err(DomainError::InvalidInput { field: "name", .. })
    ));
    w.store.write(|tx| tx.create_cycle("2027 H1")).expect("a");
    assert!(matches!(
        w.store.write(|tx| tx.create_cycle(" 2027 h1 ")),
        Err(DomainError::DuplicateCycleName { .. })
    ));
    assert!(matches!(
        w.store.write(|tx| tx.create_cycle(&"x".repeat(500))),
        Err(DomainError::InvalidInput { .. })
    ));
}

#[test]
fn renaming_a_cycle_keeps_its_sessions() {
    let w = world();
    let c = w
        .store
        .write(|tx| tx.create_cycle("Draft name"))
        .expect("c");
    w.store
        .write(|tx| tx.create_session(&new_session(&c, SourceKind::CoffeeChat, "Chat", 1)))
        .expect("s");
    w.clock.advance(Duration::seconds(5));
    let renamed = w
        .store
        .write(|tx| {
            tx.rename_cycle(c.id, "2027 H1 planning")
                .and_then(|c| tx.with_session_count(c))
        })
        .expect("rename");
    assert_eq!(renamed.name, "2027 H1 planning");
    assert_eq!(renamed.session_count, 1);
    assert!(renamed.updated_at > c.updated_at);
}

#[test]
fn a_cycle_moves_forward_one_mode_at_a_time_until_closed() {
    let w = world();
    let c = w.store.write(|tx| tx.create_cycle("C")).expect("c");
    let modes: Vec<CycleMode> = (0..3)
        .map(|_| {
            w.store
                .write(|tx| tx.advance_cycle(c.id))
                .expect("advance")
                .mode
        })
        .collect();
    assert_eq!(
        modes,
        vec![
            CycleMode::Prioritization,
            CycleMode::Roadmap,
            CycleMode::Closed
        ]
    );
    assert!(matches!(
        w.store.write(|tx| tx.advance_cycle(c.id)),
        Err(DomainError::CycleAlreadyClosed { .. })
    ));
}

#[test]
fn a_closed_cycle_is_read_only() {
    let w = world();
    let c = w.store.write(|tx| tx.create_cycle("History")).expect("c");
    let s = w
        .store
        .write(|tx| tx.create_session(&new_session(&c, SourceKind::CoffeeChat, "Chat", 1)))
        .expect("s");
    for _ in 0..3 {
        w.store.write(|tx| tx.advance_cycle(c.id)).expect("advance");
    }
    let closed = |r: Result<_, DomainError>| matches!(r, Err(DomainError::CycleClosed { .. }));
    assert!(closed(
        w.store
            .write(|tx| tx.rename_cycle(c.id, "New name"))
            .map(|_| ())
    ));
    assert!(closed(
        w.store
            .write(|tx| tx.create_session(&new_session(&c, SourceKind::UserSurvey, "Late", 2)))
            .map(|_| ())
    ));
    assert!(closed(
        w.store
            .write(|tx| tx.save_notes(s.id, "changed"))
            .map(|_| ())
    ));
    let update = SessionUpdate {
        kind: s.kind,
        title: "x".into(),
        held_on: s.held_on,
        people: vec![],
        links: vec![],
        tags: None,
    };
    assert!(closed(
        w.store
            .write(|tx| tx.update_session(s.id, &update))
            .map(|_| ())
    ));
    assert!(closed(w.store.write(|tx| tx.delete_session(s.id))));
    let still = w.store.read(|db| db.session(s.id)).expect("still there");
    assert_eq!(still.notes, s.notes);
    assert!(still.read_only);
    // Reading and switching to it still work.
    w.store
        .write(|tx| tx.set_current_cycle(c.id))
        .expect("switch to history");
}

#[test]
fn every_source_kind_can_be_logged() {
    let w = world();
    let c = w
        .store
        .write(|tx| tx.create_cycle("All channels"))
        .expect("c");
    for (i, kind) in SourceKind::ALL.into_iter().enumerate() {
        let s = w
            .store
            .write(|tx| tx.create_session(&new_session(&c, kind, kind.label(), (i + 1) as u32)))
            .expect("session");
        assert_eq!(s.kind, kind);
    }
    let list = w
        .store
        .read(|db| {
            db.list_sessions(&SessionQuery {
                cycle_id: Some(c.id),
                ..Default::default()
            })
        })
        .expect("list");
    assert_eq!(list.total, 14);
    assert!(list.counts.iter().all(|k| k.count == 1));
    assert_eq!(source_kinds().len(), 14);
}

#[test]
fn a_session_keeps_everything_it_was_given() {
    let w = world();
    let c = w.store.write(|tx| tx.create_cycle("C")).expect("c");
    let priya = w
        .store
        .write(|tx| {
            tx.create_person(&PersonInput {
                name: "Priya".into(),
                ..Default::default()
            })
        })
        .expect("priya");
    let mut new = new_session(
        &c,
        SourceKind::SlaConversation,
        "  SLA talk with Data Platform  ",
        3,
    );
    new.people = vec![priya.summary.id];
    let s = w.store.write(|tx| tx.create_session(&new)).expect("s");
    assert_eq!(s.title, "SLA talk with Data Platform", "titles are trimmed");
    assert_eq!(s.kind, SourceKind::SlaConversation);
    assert_eq!(s.held_on, day(3));
    assert_eq!(
        s.people,
        vec![PersonRef {
            id: priya.summary.id,
            name: "Priya".into()
        }]
    );
    assert_eq!(s.links, new.links);
    assert_eq!(Some(s.notes.clone()), new.notes);
    assert_eq!(w.store.read(|db| db.session(s.id)).expect("read"), s);
}

#[test]
fn sessions_list_by_cycle_and_kind_sorted_by_date_with_counts_per_kind() {
    let w = world();
    let a = w.store.write(|tx| tx.create_cycle("A")).expect("a");
    let b = w.store.write(|tx| tx.create_cycle("B")).expect("b");
    w.store
        .write(|tx| tx.create_session(&new_session(&a, SourceKind::CoffeeChat, "chat 5", 5)))
        .expect("s");
    w.store
        .write(|tx| tx.create_session(&new_session(&a, SourceKind::CoffeeChat, "chat 9", 9)))
        .expect("s");
    w.store
        .write(|tx| tx.create_session(&new_session(&a, SourceKind::UserSurvey, "survey 7", 7)))
        .expect("s");
    w.store
        .write(|tx| tx.create_session(&new_session(&b, SourceKind::CoffeeChat, "other cycle", 8)))
        .expect("s");

    let titles = |q: SessionQuery| -> Vec<String> {
        w.store
            .read(|db| db.list_sessions(&q))
            .expect("list")
            .sessions
            .into_iter()
            .map(|s| s.title)
            .collect()
    };
    assert_eq!(
        titles(SessionQuery {
            cycle_id: Some(a.id),
            ..Default::default()
        }),
        vec!["chat 9", "survey 7", "chat 5"]
    );
    assert_eq!(
        titles(SessionQuery {
            cycle_id: Some(a.id),
            sort: SessionSort::OldestFirst,
            ..Default::default()
        }),
        vec!["chat 5", "survey 7", "chat 9"]
    );
    assert_eq!(
        titles(SessionQuery {
            cycle_id: Some(a.id),
            kinds: vec![SourceKind::CoffeeChat],
            ..Default::default()
        }),
        vec!["chat 9", "chat 5"]
    );
    assert_eq!(
        titles(SessionQuery::default()).len(),
        4,
        "no cycle means every cycle"
    );

    let list = w
        .store
        .read(|db| {
            db.list_sessions(&SessionQuery {
                cycle_id: Some(a.id),
                kinds: vec![SourceKind::UserSurvey],
                ..Default::default()
            })
        })
        .expect("list");
    assert_eq!(list.total, 3, "counts ignore the kind filter");
    assert_eq!(
        list.counts,
        vec![
            KindCount {
                kind: SourceKind::UserSurvey,
                count: 1
            },
            KindCount {
                kind: SourceKind::CoffeeChat,
                count: 2
            }
        ]
    );
}

#[test]
fn a_long_list_pages_in_a_stable_order() {
    let w = world();
    let c = w.store.write(|tx| tx.create_cycle("C")).expect("c");
    for i in 0..25u32 {
        let kind = if i % 5 == 0 {
            SourceKind::UserSurvey
        } else {
            SourceKind::CoffeeChat
        };
        w.store
            .write(|tx| tx.create_session(&new_session(&c, kind, &format!("s{i:02}"), 1 + i % 3)))
            .expect("s");
    }
    let page = |offset, limit, kinds: Vec<SourceKind>| {
        w.store
            .read(|db| {
                db.list_sessions(&SessionQuery {
                    cycle_id: Some(c.id),
                    kinds,
                    offset,
                    limit: Some(limit),
                    ..Default::default()
                })
            })
            .expect("page")
    };
    let all = w
        .store
        .read(|db| {
            db.list_sessions(&SessionQuery {
                cycle_id: Some(c.id),
                ..Default::default()
            })
        })
        .expect("all");
    let mut paged = Vec::new();
    for offset in (0..25).step_by(10) {
        let p = page(offset, 10, vec![]);
        assert_eq!((p.offset, p.total, p.matching), (offset, 25, 25));
        paged.extend(p.sessions);
    }
    assert_eq!(
        paged, all.sessions,
        "pages put together are the whole list, in order"
    );
    let surveys = page(0, 100, vec![SourceKind::UserSurvey]);
    assert_eq!(
        (surveys.matching, surveys.total, surveys.sessions.len()),
        (5, 25, 5)
    );
    assert!(
        page(30, 10, vec![]).sessions.is_empty(),
        "a page past the end is empty, not an error"
    );
}

#[test]
fn list_rows_carry_a_plain_text_excerpt_of_what_was_written_not_the_whole_notes_nor_its_headings() {
    let w = world();
    let c = w.store.write(|tx| tx.create_cycle("C")).expect("c");
    let mut new = new_session(&c, SourceKind::CoffeeChat, "Long", 1);
    new.notes = Some(format!(
        "## Context\n\n## What they said\n**Big** pain: {}",
        "very long notes ".repeat(1000)
    ));
    w.store.write(|tx| tx.create_session(&new)).expect("s");
    let row = &w
        .store
        .read(|db| db.list_sessions(&SessionQuery::default()))
        .expect("list")
        .sessions[0];
    assert!(
        row.excerpt.starts_with("Big pain: very long"),
        "{}",
        row.excerpt
    );
    assert!(row.excerpt.chars().count() <= 160);
}

#[test]
fn editing_a_session_replaces_its_details_and_links() {
    let w = world();
    let c = w.store.write(|tx| tx.create_cycle("C")).expect("c");
    let s = w
        .store
        .write(|tx| tx.create_session(&new_session(&c, SourceKind::CoffeeChat, "Chat", 1)))
        .expect("s");
    w.clock.advance(Duration::seconds(30));
    let update = SessionUpdate {
        kind: SourceKind::StakeholderFeedback,
        title: "Stakeholder feedback: VP Eng".into(),
        held_on: day(2),
        people: vec![],
        links: vec![
            SessionLink {
                url: "https://a.example".into(),
                label: "".into(),
            },
            SessionLink {
                url: "  ".into(),
                label: " ".into(),
            },
            SessionLink {
                url: "https://b.example".into(),
                label: "Recording".into(),
            },
        ],
        tags: None,
    };
    let edited = w
        .store
        .write(|tx| tx.update_session(s.id, &update))
        .expect("update");
    assert_eq!(edited.kind, SourceKind::StakeholderFeedback);
    assert_eq!(edited.held_on, day(2));
    assert_eq!(
        edited
            .links
            .iter()
            .map(|l| l.url.as_str())
            .collect::<Vec<_>>(),
        vec!["https://a.example", "https://b.example"],
        "blank rows are dropped, order kept"
    );
    assert_eq!(
        edited.notes, s.notes,
        "notes are untouched by a details edit"
    );
    assert!(edited.updated_at > s.updated_at);
}

#[test]
fn bad_session_input_is_refused_with_a_reason() {
    let w = world();
    let c = w.store.write(|tx| tx.create_cycle("C")).expect("c");
    let mut new = new_session(&c, SourceKind::CoffeeChat, " ", 1);
    assert!(matches!(
        w.store.write(|tx| tx.create_session(&new)),
        Err(DomainError::InvalidInput { field: "title", .. })
    ));
    new.title = "ok".into();
    new.links = vec![SessionLink {
        url: "".into(),
        label: "Recording".into(),
    }];
    let err = w
        .store
        .write(|tx| tx.create_session(&new))
        .expect_err("link without address");
    assert!(err.to_string().contains("has no address"));
    new.links = vec![];
    new.notes = Some("x".repeat(session::MAX_NOTES_BYTES + 1));
    let err = w
        .store
        .write(|tx| tx.create_session(&new))
        .expect_err("huge");
    assert!(err.to_string().contains("MiB"), "{err}");
    new.cycle_id = uuid::Uuid::now_v7();
    new.notes = Some(String::new());
    assert!(matches!(
        w.store.write(|tx| tx.create_session(&new)),
        Err(DomainError::NotFound {
            entity: "cycle",
            ..
        })
    ));
}

#[test]
fn saving_notes_keeps_the_text_exactly() {
    let w = world();
    let c = w.store.write(|tx| tx.create_cycle("C")).expect("c");
    let s = w
        .store
        .write(|tx| tx.create_session(&new_session(&c, SourceKind::CoffeeChat, "Chat", 1)))
        .expect("s");
    let text =
        "Emoji 🚀, RTL שלום, NUL-free\r\nCRLF lines\n<script>alert(1)</script>\n\u{200B}zero-width";
    w.clock.advance(Duration::seconds(2));
    let saved = w.store.write(|tx| tx.save_notes(s.id, text)).expect("save");
    assert_eq!(
        w.store.read(|db| db.session(s.id)).expect("read").notes,
        text
    );
    assert_eq!(saved.updated_at, w.clock.now());
    assert!(
        saved.excerpt.starts_with("Emoji 🚀, RTL"),
        "the list row gets its new excerpt: {}",
        saved.excerpt
    );
}

#[test]
fn saving_unchanged_notes_keeps_their_time() {
    let w = world();
    let c = w.store.write(|tx| tx.create_cycle("C")).expect("c");
    let s = w
        .store
        .write(|tx| tx.create_session(&new_session(&c, SourceKind::CoffeeChat, "Chat", 1)))
        .expect("s");
    w.clock.advance(Duration::seconds(10));
    let saved = w
        .store
        .write(|tx| tx.save_notes(s.id, &s.notes))
        .expect("save");
    assert_eq!(saved.updated_at, s.updated_at);
    assert_eq!(
        w.store
            .read(|db| db.session(s.id))
            .expect("read")
            .updated_at,
        s.updated_at
    );
}

#[test]
fn a_deleted_session_goes_to_the_trash_and_comes_back_whole() {
    let w = world();
    let c = w.store.write(|tx| tx.create_cycle("2027 H1")).expect("c");
    let s = w
        .store
        .write(|tx| {
            tx.create_session(&new_session(
                &c,
                SourceKind::CoffeeChat,
                "Chat with Priya",
                1,
            ))
        })
        .expect("s");
    w.store.write(|tx| tx.delete_session(s.id)).expect("delete");

    assert!(matches!(
        w.store.read(|db| db.session(s.id)),
        Err(DomainError::NotFound { .. })
    ));
    assert_eq!(
        w.store
            .read(|db| db.list_sessions(&SessionQuery::default()))
            .expect("list")
            .total,
        0
    );
    assert_eq!(
        w.store
            .read(|db| db.cycle(c.id).and_then(|c| db.with_session_count(c)))
            .expect("c")
            .session_count,
        0
    );
    let trash = w.store.read(|db| db.list_trash()).expect("trash");
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].title, "Chat with Priya");
    assert_eq!(trash[0].context, "Coffee chat · 2027 H1");

    w.store
        .write(|tx| tx.restore(TrashEntity::Session, s.id))
        .expect("restore");
    assert_eq!(w.store.read(|db| db.session(s.id)).expect("back"), s);
    assert!(w
        .store
        .read(|db| db.list_trash())
        .expect("trash")
        .is_empty());
    assert!(
        matches!(
            w.store.write(|tx| tx.restore(TrashEntity::Session, s.id)),
            Err(DomainError::NotFound { .. })
        ),
        "restoring twice is refused"
    );
}

#[test]
fn writing_to_a_deleted_session_is_refused() {
    let w = world();
    let c = w.store.write(|tx| tx.create_cycle("C")).expect("c");
    let s = w
        .store
        .write(|tx| tx.create_session(&new_session(&c, SourceKind::CoffeeChat, "Chat", 1)))
        .expect("s");
    w.store.write(|tx| tx.delete_session(s.id)).expect("delete");
    assert!(matches!(
        w.store.write(|tx| tx.save_notes(s.id, "late")),
        Err(DomainError::NotFound { .. })
    ));
}
