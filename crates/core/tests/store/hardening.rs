//! What a fault campaign found, each as a test that failed before its fix: lists
//! longer than SQLite's 32,766 variables, fields without a limit, dates out of any
//! sane range, and names carrying controls that hide or reorder what is shown.

use chrono::NaiveDate;
use groundwork_core::discovery::query;
use groundwork_core::store::limits;
use groundwork_core::*;
use uuid::Uuid;

/// More than SQLite's 32,766 bound variables.
const MANY: usize = 33_000;

use crate::common;

fn store() -> Store {
    common::empty_on(2026, 11, 21).store
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn session(store: &mut Store, cycle: Uuid) -> Session {
    store
        .write(|tx| {
            tx.create_session(&NewSession {
                cycle_id: cycle,
                kind: SourceKind::CoffeeChat,
                title: "Coffee".into(),
                held_on: day(2026, 10, 1),
                people: vec![],
                links: vec![],
                notes: Some(String::new()),
                tags: Vec::new(),
            })
        })
        .expect("session")
}

fn invalid_reason(e: DomainError) -> String {
    match e {
        DomainError::InvalidInput { .. } => e.to_string(),
        other => panic!("expected a readable refusal, got {other:?}"),
    }
}

/// `count` observations in `cycle`, written in one statement (as an import would).
fn many_observations(store: &Store, cycle: Uuid, count: usize) -> Vec<Uuid> {
    let ids: Vec<Uuid> = (0..count).map(|_| Uuid::now_v7()).collect();
    store.with_connection(|conn| insert_observations(conn, cycle, &ids));
    ids
}

fn insert_observations(conn: &mut rusqlite::Connection, cycle: Uuid, ids: &[Uuid]) {
    let tx = conn.transaction().expect("tx");
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO observation (id, cycle_id, kind, text, observed_on, created_at, updated_at)
                 VALUES (?1, ?2, 'pain', 'builds are slow', '2026-10-01', 't', 't')",
            )
            .expect("prepare");
        for id in ids {
            insert
                .execute([id.to_string(), cycle.to_string()])
                .expect("insert");
        }
    }
    tx.commit().expect("commit");
}

#[test]
fn lists_and_filters_of_33000_ids_never_reach_sqlites_variable_limit() {
    let store = store();
    let cycle = store.write(|tx| tx.create_cycle("Big")).expect("cycle");
    let ids = many_observations(&store, cycle.id, MANY);
    let strangers: Vec<Uuid> = (0..MANY).map(|_| Uuid::now_v7()).collect();

    // No limit: a page, not every row, and the count of all.
    let list = store
        .read(|db| {
            db.list_observations(&ObservationQuery {
                filter: ObservationFilter {
                    cycle_id: Some(cycle.id),
                    ..Default::default()
                },
                ..Default::default()
            })
        })
        .expect("an unbounded list is a page");
    assert_eq!(list.matching as usize, MANY);
    assert_eq!(list.observations.len(), 100);
    let huge_page = store
        .read(|db| {
            db.list_observations(&ObservationQuery {
                limit: Some(u32::MAX),
                ..Default::default()
            })
        })
        .expect("a huge limit is capped");
    assert_eq!(huge_page.observations.len(), limits::PAGE as usize);

    for filter in [
        ObservationFilter {
            person_ids: strangers.clone(),
            ..Default::default()
        },
        ObservationFilter {
            tag_ids: strangers.clone(),
            ..Default::default()
        },
        ObservationFilter {
            team_ids: strangers.clone(),
            ..Default::default()
        },
        ObservationFilter {
            kinds: vec![ObservationKind::Pain; MANY],
            source_kinds: vec![SourceKind::CoffeeChat; MANY],
            ..Default::default()
        },
    ] {
        store
            .read(|db| {
                db.list_observations(&ObservationQuery {
                    filter: filter.clone(),
                    ..Default::default()
                })
            })
            .expect("the observation list takes a filter of any length");
        store
            .read(|db| {
                db.search(&SearchQuery {
                    text: "builds".into(),
                    filter,
                    ..Default::default()
                })
            })
            .expect("search takes a filter of any length");
    }
    assert!(store
        .read(|db| db.people_by_id(&strangers))
        .expect("people")
        .is_empty());
    let sessions = store
        .read(|db| {
            db.list_sessions(&SessionQuery {
                kinds: vec![SourceKind::CoffeeChat; MANY],
                ..Default::default()
            })
        })
        .expect("sessions take any number of kinds");
    assert_eq!(sessions.matching, 0);

    let tag = store
        .write(|tx| {
            tx.create_tag(&TagInput {
                name: "slow".into(),
                ..Default::default()
            })
        })
        .expect("tag");
    assert_eq!(
        store
            .write(|tx| tx.tag_observations(tag.id, &ids, true))
            .expect("bulk tag") as usize,
        MANY
    );
}

#[test]
fn link_labels_and_addresses_have_limits_with_a_reason() {
    let mut store = store();
    let cycle = store.write(|tx| tx.create_cycle("C")).expect("cycle");
    let s = session(&mut store, cycle.id);
    let update = |label: String, url: String| SessionUpdate {
        kind: s.kind,
        title: s.title.clone(),
        held_on: s.held_on,
        people: vec![],
        links: vec![SessionLink { url, label }],
        tags: None,
    };
    let err = store
        .write(|tx| {
            tx.update_session(
                s.id,
                &update("x".repeat(10 * 1024 * 1024), "https://a.example".into()),
            )
        })
        .expect_err("a 10 MB label");
    let reason = invalid_reason(err);
    assert!(reason.contains("keep it to 300 at most"), "{reason}");
    let err = store
        .write(|tx| {
            tx.update_session(
                s.id,
                &update(
                    "Doc".into(),
                    format!("https://a.example/{}", "x".repeat(5000)),
                ),
            )
        })
        .expect_err("a 5,000-character address");
    assert!(invalid_reason(err).contains("4,096"));
    let ok = store
        .write(|tx| {
            tx.update_session(
                s.id,
                &update("x".repeat(limits::LINK_LABEL), "https://a.example".into()),
            )
        })
        .expect("a label at the limit");
    assert_eq!(ok.links[0].label.chars().count(), limits::LINK_LABEL);
}

#[test]
fn every_text_field_refuses_what_is_over_its_limit() {
    let mut store = store();
    let over = |n: usize| "x".repeat(n + 1);
    let at = |n: usize| "x".repeat(n);

    assert!(store
        .write(|tx| tx.create_cycle(&over(limits::CYCLE_NAME)))
        .is_err());
    let cycle = store
        .write(|tx| tx.create_cycle(&at(limits::CYCLE_NAME)))
        .expect("cycle at limit");
    let s = session(&mut store, cycle.id);
    let mut new = NewSession {
        cycle_id: cycle.id,
        kind: SourceKind::CoffeeChat,
        title: over(limits::SESSION_TITLE),
        held_on: day(2026, 10, 1),
        people: vec![],
        links: vec![],
        notes: None,
        tags: Vec::new(),
    };
    assert!(store.write(|tx| tx.create_session(&new)).is_err());
    new.title = "ok".into();
    new.links = vec![
        SessionLink {
            url: "https://a.example".into(),
            label: String::new()
        };
        limits::SESSION_LINKS + 1
    ];
    assert!(store.write(|tx| tx.create_session(&new)).is_err());

    let err = store
        .write(|tx| tx.save_notes(s.id, &"x".repeat(limits::NOTES_BYTES + 1)))
        .expect_err("a byte over 4 MiB");
    let reason = invalid_reason(err);
    assert!(
        reason
            .contains("these notes are 4,194,305 bytes (1 over); one session holds at most 4 MiB"),
        "the size is told precisely enough to see why: {reason}"
    );
    let err = store
        .write(|tx| tx.save_notes(s.id, &"x".repeat(5 * 1024 * 1024)))
        .expect_err("5 MiB");
    assert!(invalid_reason(err).contains("these notes are 5.0 MiB"));

    let person = |name: String, role: String, goals: String| PersonInput {
        name,
        role,
        goals,
        ..Default::default()
    };
    assert!(store
        .write(|tx| tx.create_person(&person(over(limits::NAME), String::new(), String::new())))
        .is_err());
    assert!(store
        .write(|tx| tx.create_person(&person("P".into(), over(limits::SHORT), String::new())))
        .is_err());
    assert!(store
        .write(|tx| tx.create_person(&person("P".into(), String::new(), over(limits::ANSWER))))
        .is_err());
    for team in [
        TeamInput {
            name: over(limits::NAME),
            ..Default::default()
        },
        TeamInput {
            name: "T".into(),
            org_area: over(limits::SHORT),
            ..Default::default()
        },
        TeamInput {
            name: "T".into(),
            segment: over(limits::SHORT),
            ..Default::default()
        },
    ] {
        assert!(store.write(|tx| tx.create_team(&team)).is_err());
    }
    assert!(store
        .write(|tx| tx.create_tag(&TagInput {
            name: over(limits::TAG_NAME),
            ..Default::default()
        }))
        .is_err());
    assert!(store
        .write(|tx| tx.create_idea(
            cycle.id,
            &IdeaInput {
                title: over(limits::IDEA_TITLE),
                ..Default::default()
            }
        ))
        .is_err());
    assert!(store
        .write(|tx| tx.create_idea(
            cycle.id,
            &IdeaInput {
                title: "I".into(),
                description: over(limits::IDEA_DESCRIPTION),
                ..Default::default()
            }
        ))
        .is_err());
    assert!(store
        .write(|tx| tx.create_observation(&NewObservation {
            cycle_id: Some(cycle.id),
            text: over(limits::OBSERVATION_TEXT),
            ..Default::default()
        }))
        .is_err());
    assert!(store
        .write(|tx| tx.set_template(SourceKind::CoffeeChat, &over(limits::TEMPLATE)))
        .is_err());
}

#[test]
fn a_search_pasted_megabytes_long_reads_only_its_start() {
    let store = store();
    let results = store
        .read(|db| {
            db.search(&SearchQuery {
                text: "word ".repeat(2_000_000),
                ..Default::default()
            })
        })
        .expect("a huge paste is searched, not refused");
    assert!(results.terms.len() <= query::MAX_TERMS);
    assert!(results.notice.is_some());
    assert!(store
        .read(|db| db.list_people(&PeopleQuery {
            text: "x".repeat(1_000_000),
            ..Default::default()
        }))
        .expect("people")
        .is_empty());
}

#[test]
fn dates_outside_1900_to_2999_are_refused_with_a_reason_and_the_rest_sort_as_dates() {
    let mut store = store();
    let cycle = store.write(|tx| tx.create_cycle("C")).expect("cycle");
    // What the command interface accepted: "+10000-01-01" is a valid chrono date.
    let far: NewSession = serde_json::from_value(serde_json::json!({
        "cycleId": cycle.id, "kind": "coffee_chat", "title": "Far", "heldOn": "+10000-01-01"
    }))
    .expect("it parses as a date");
    let reason = invalid_reason(
        store
            .write(|tx| tx.create_session(&far))
            .expect_err("refused"),
    );
    assert!(reason.contains("between 1900 and 2999"), "{reason}");
    for date in [day(1899, 12, 31), day(3000, 1, 1)] {
        let s = NewSession {
            held_on: date,
            ..far.clone()
        };
        assert!(store.write(|tx| tx.create_session(&s)).is_err(), "{date}");
    }
    let s = session(&mut store, cycle.id);
    assert!(store
        .write(|tx| tx.update_session(
            s.id,
            &SessionUpdate {
                kind: s.kind,
                title: s.title.clone(),
                held_on: day(3001, 1, 1),
                people: vec![],
                links: vec![],
                tags: None,
            }
        ))
        .is_err());
    assert!(store
        .write(|tx| tx.create_observation(&NewObservation {
            cycle_id: Some(cycle.id),
            text: "x".into(),
            observed_on: Some(day(1800, 1, 1)),
            ..Default::default()
        }))
        .is_err());
    assert!(store
        .read(|db| db.list_observations(&ObservationQuery {
            filter: ObservationFilter {
                to: Some(day(10000, 1, 1)),
                ..Default::default()
            },
            ..Default::default()
        }))
        .is_err());

    for (title, date) in [("Old", day(1900, 1, 1)), ("New", day(2999, 12, 31))] {
        store
            .write(|tx| {
                tx.create_session(&NewSession {
                    title: title.into(),
                    held_on: date,
                    ..far.clone()
                })
            })
            .expect("in range");
    }
    let list = store
        .read(|db| {
            db.list_sessions(&SessionQuery {
                cycle_id: Some(cycle.id),
                ..Default::default()
            })
        })
        .expect("list");
    let titles: Vec<&str> = list.sessions.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["New", "Coffee", "Old"], "newest first, by date");
}

#[test]
fn names_lose_nul_controls_and_bidirectional_overrides_wherever_they_are_single_lines() {
    let store = store();
    let dirty = "Pri\u{0}ya\u{202E}fdp.exe\u{1b}[2J\u{2066}";
    let clean = "Priyafdp.exe[2J";
    let cycle = store.write(|tx| tx.create_cycle(dirty)).expect("cycle");
    assert_eq!(cycle.name, clean);
    let team = store
        .write(|tx| {
            tx.create_team(&TeamInput {
                name: dirty.into(),
                org_area: dirty.into(),
                segment: dirty.into(),
            })
        })
        .expect("team");
    assert_eq!(
        (
            team.name.as_str(),
            team.org_area.as_str(),
            team.segment.as_str()
        ),
        (clean, clean, clean)
    );
    let person = store
        .write(|tx| {
            tx.create_person(&PersonInput {
                name: dirty.into(),
                role: dirty.into(),
                goals: "Line one\nline two".into(),
                ..Default::default()
            })
        })
        .expect("person");
    assert_eq!(person.summary.name, clean);
    assert_eq!(person.summary.role, clean);
    assert_eq!(
        person.goals, "Line one\nline two",
        "answers keep their lines"
    );
    let tag = store
        .write(|tx| {
            tx.create_tag(&TagInput {
                name: dirty.into(),
                ..Default::default()
            })
        })
        .expect("tag");
    assert_eq!(tag.name, clean);
    let idea = store
        .write(|tx| {
            tx.create_idea(
                cycle.id,
                &IdeaInput {
                    title: dirty.into(),
                    ..Default::default()
                },
            )
        })
        .expect("idea");
    assert_eq!(idea.title, clean);
    let s = store
        .write(|tx| {
            tx.create_session(&NewSession {
                cycle_id: cycle.id,
                kind: SourceKind::CoffeeChat,
                title: format!("{dirty}\nsecond line"),
                held_on: day(2026, 10, 1),
                people: vec![],
                links: vec![SessionLink {
                    url: "https://a.example".into(),
                    label: dirty.into(),
                }],
                notes: Some(format!("Notes keep what was typed: {dirty}")),
                tags: Vec::new(),
            })
        })
        .expect("session");
    assert_eq!(s.title, format!("{clean} second line"));
    assert_eq!(s.links[0].label, clean);
    assert!(
        s.notes.contains(dirty),
        "notes are content and kept as typed"
    );
    let err = store
        .write(|tx| {
            tx.create_session(&NewSession {
                cycle_id: cycle.id,
                kind: SourceKind::CoffeeChat,
                title: "\u{0}\u{202E}".into(),
                held_on: day(2026, 10, 1),
                people: vec![],
                links: vec![],
                notes: None,
                tags: Vec::new(),
            })
        })
        .expect_err("nothing but controls is no title");
    assert!(matches!(err, DomainError::InvalidInput { .. }));
    let err = store
        .write(|tx| {
            tx.create_session(&NewSession {
                cycle_id: cycle.id,
                kind: SourceKind::CoffeeChat,
                title: "ok".into(),
                held_on: day(2026, 10, 1),
                people: vec![],
                links: vec![SessionLink {
                    url: "https://a.example/\u{202E}gpj.exe".into(),
                    label: String::new(),
                }],
                notes: None,
                tags: Vec::new(),
            })
        })
        .expect_err("an address with an override");
    assert!(matches!(err, DomainError::InvalidInput { .. }));
}
