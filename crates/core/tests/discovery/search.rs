//! Search tells the whole truth: on a seeded workspace whose contents are known, every
//! total is what a model of it says, every hit is reachable by paging in either order,
//! newest first is by the session's (or observation's) date, and each operator and
//! field of the query language finds what the filter bar finds.

use chrono::NaiveDate;
use groundwork_core::*;

use crate::common;
use proptest::prelude::*;
use std::collections::HashSet;
use uuid::Uuid;

/// One seeded session and its one observation, as the model knows them.
struct Seeded {
    session: Uuid,
    observation: Uuid,
    held_on: NaiveDate,
    notes: String,
    text: String,
    kind: ObservationKind,
    source: SourceKind,
    with_priya: bool,
    flaky: bool,
}

struct Workspace {
    store: Store,
    seeded: Vec<Seeded>,
    priya: Uuid,
    payments: Uuid,
    flaky: Uuid,
}

const SESSIONS: usize = 60;

/// Sixty sessions written in an order unlike their dates, so creation order and date
/// order disagree.
fn workspace() -> Workspace {
    let store = common::empty_on(2026, 11, 21).store;
    let cycle = store.write(|tx| tx.create_cycle("2027 H1")).expect("cycle");
    let payments = store
        .write(|tx| {
            tx.create_team(&TeamInput {
                name: "Payments".into(),
                ..Default::default()
            })
        })
        .expect("team")
        .id;
    let priya = store
        .write(|tx| {
            tx.create_person(&PersonInput {
                name: "Priya Raman".into(),
                team_id: Some(payments),
                ..Default::default()
            })
        })
        .expect("person")
        .summary
        .id;
    let flaky = store
        .write(|tx| {
            tx.create_tag(&TagInput {
                name: "flaky tests".into(),
                ..Default::default()
            })
        })
        .expect("tag")
        .id;
    let first = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let mut seeded = Vec::new();
    for i in 0..SESSIONS {
        // 37 is coprime with 60: every day offset once, in a scrambled order.
        let day = (i * 37) % SESSIONS;
        let held_on = first + chrono::Duration::days(day as i64 * 3);
        let deploy = i % 2 == 0;
        let kafka = i % 5 == 0;
        let notes = format!(
            "Session {i}. {} {} Builds queue behind each other.",
            if deploy { "Every deploy waits." } else { "" },
            if kafka { "Kafkaesque approvals." } else { "" }
        );
        let source = if i % 3 == 0 {
            SourceKind::CoffeeChat
        } else {
            SourceKind::SlaConversation
        };
        let with_priya = i % 4 == 0;
        let session = store
            .write(|tx| {
                tx.create_session(&NewSession {
                    cycle_id: cycle.id,
                    kind: source,
                    title: format!("Talk {i}"),
                    held_on,
                    people: if with_priya { vec![priya] } else { vec![] },
                    links: vec![],
                    notes: Some(notes.clone()),
                    tags: Vec::new(),
                })
            })
            .expect("session")
            .id;
        let kind = if i % 3 == 1 {
            ObservationKind::Quote
        } else {
            ObservationKind::Pain
        };
        let text = format!(
            "{} rollback {}",
            if deploy {
                "deploy pipeline stalls"
            } else {
                "pipeline"
            },
            if i % 7 == 0 { "kafkaesque" } else { "slow" }
        );
        let observation = store
            .write(|tx| {
                tx.create_observation(&NewObservation {
                    session_id: Some(session),
                    text: text.clone(),
                    kind,
                    people: if with_priya { vec![priya] } else { vec![] },
                    ..Default::default()
                })
            })
            .expect("observation")
            .id;
        let is_flaky = i % 6 == 0;
        if is_flaky {
            store
                .write(|tx| tx.tag_observations(flaky, &[observation], true))
                .expect("tag");
        }
        seeded.push(Seeded {
            session,
            observation,
            held_on,
            notes,
            text,
            kind,
            source,
            with_priya,
            flaky: is_flaky,
        });
    }
    Workspace {
        store,
        seeded,
        priya,
        payments,
        flaky,
    }
}

fn has(text: &str, word: &str) -> bool {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.starts_with(word))
}

impl Workspace {
    fn search(&self, text: &str) -> SearchResults {
        self.search_with(SearchQuery {
            text: text.into(),
            ..Default::default()
        })
    }

    fn search_with(&self, query: SearchQuery) -> SearchResults {
        self.store.read(|db| db.search(&query)).expect("search")
    }

    /// Every hit of a search, page by page.
    fn every_hit(&self, text: &str, order: SearchOrder, page: u32) -> Vec<SearchHit> {
        let mut all = Vec::new();
        loop {
            let r = self.search_with(SearchQuery {
                text: text.into(),
                limit: Some(page),
                offset: all.len() as u32,
                order: Some(order),
                ..Default::default()
            });
            assert_eq!(r.order, order);
            assert!(r.hits.len() as u32 <= page);
            let done = r.hits.is_empty();
            all.extend(r.hits);
            if done {
                assert_eq!(all.len() as u32, r.total, "the pages hold the total");
                return all;
            }
        }
    }

    /// What the model says match, as (sessions, observations).
    fn model(
        &self,
        session: impl Fn(&Seeded) -> bool,
        observation: impl Fn(&Seeded) -> bool,
    ) -> (u32, u32) {
        let s = self.seeded.iter().filter(|x| session(x)).count() as u32;
        let o = self.seeded.iter().filter(|x| observation(x)).count() as u32;
        (s, o)
    }
}

fn counted(r: &SearchResults) -> (u32, u32) {
    (r.counts.sessions, r.counts.observations)
}

#[test]
fn totals_per_kind_are_what_the_workspace_holds() {
    let w = workspace();
    let deploy = w.search("deploy");
    let expected = w.model(|x| has(&x.notes, "deploy"), |x| has(&x.text, "deploy"));
    assert_eq!(counted(&deploy), expected);
    assert_eq!(deploy.total, expected.0 + expected.1);
    assert!(deploy.total > 50, "more than one page: {}", deploy.total);
    assert_eq!(deploy.hits.len(), 50, "a first page, not all of them");
    // A scope's total is its own; the other kinds are still counted for their tabs.
    let sessions = w.search_with(SearchQuery {
        text: "deploy".into(),
        entities: vec![SearchEntity::Session],
        ..Default::default()
    });
    assert_eq!(sessions.total, expected.0);
    assert_eq!(counted(&sessions), expected);
    assert!(sessions
        .hits
        .iter()
        .all(|h| h.entity == SearchEntity::Session));
    // People, tags and ideas are counted too.
    let priya = w.search("priya");
    assert_eq!(priya.counts.people, 1);
    let tag = w.search("flaky");
    assert_eq!(tag.counts.tags, 1);
}

#[test]
fn every_hit_is_reachable_by_paging_in_either_order() {
    let w = workspace();
    let expected: HashSet<Uuid> = w
        .seeded
        .iter()
        .flat_map(|x| {
            let mut ids = Vec::new();
            if has(&x.notes, "pipeline") {
                ids.push(x.session);
            }
            if has(&x.text, "pipeline") {
                ids.push(x.observation);
            }
            ids
        })
        .collect();
    for order in [SearchOrder::Relevance, SearchOrder::Newest] {
        for page in [1, 7, 50, 200] {
            let hits = w.every_hit("pipeline", order, page);
            let ids: Vec<Uuid> = hits.iter().map(|h| h.id).collect();
            let unique: HashSet<Uuid> = ids.iter().copied().collect();
            assert_eq!(unique.len(), ids.len(), "no hit twice ({order:?}, {page})");
            assert_eq!(unique, expected, "every hit once ({order:?}, {page})");
        }
    }
}

#[test]
fn newest_first_is_by_the_sessions_date_not_by_when_it_was_written() {
    let w = workspace();
    let hits = w.every_hit("builds", SearchOrder::Newest, 9);
    let dates: Vec<&str> = hits.iter().filter_map(|h| h.date.as_deref()).collect();
    assert_eq!(dates.len(), SESSIONS);
    assert!(dates.windows(2).all(|d| d[0] >= d[1]), "{dates:?}");
    let latest = w.seeded.iter().map(|x| x.held_on).max().expect("latest");
    assert_eq!(dates[0], latest.format("%Y-%m-%d").to_string());
    // Moving a session to a later date moves it up.
    let oldest = w.seeded.iter().min_by_key(|x| x.held_on).expect("oldest");
    let session = w
        .store
        .read(|db| db.session(oldest.session))
        .expect("session");
    w.store
        .write(|tx| {
            tx.update_session(
                oldest.session,
                &SessionUpdate {
                    kind: session.kind,
                    title: session.title.clone(),
                    held_on: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
                    people: session.people.iter().map(|p| p.id).collect(),
                    links: session.links.clone(),
                    tags: None,
                },
            )
        })
        .expect("moved");
    let first = w.search_with(SearchQuery {
        text: "builds".into(),
        order: Some(SearchOrder::Newest),
        limit: Some(1),
        ..Default::default()
    });
    assert_eq!(first.hits[0].id, oldest.session);
    assert_eq!(first.total, SESSIONS as u32, "re-dated, not doubled");
}

#[test]
fn relevance_is_the_default_for_a_narrow_query_and_either_order_can_be_chosen() {
    let w = workspace();
    let narrow = w.search("kafkaesque");
    assert_eq!(narrow.order, SearchOrder::Relevance);
    assert!(
        narrow.order_reason.contains("Best matches"),
        "{}",
        narrow.order_reason
    );
    let chosen = w.search_with(SearchQuery {
        text: "kafkaesque".into(),
        order: Some(SearchOrder::Newest),
        ..Default::default()
    });
    assert_eq!(chosen.order, SearchOrder::Newest);
    assert_eq!(chosen.total, narrow.total);
}

#[test]
fn or_minus_and_phrases_each_alone_and_combined() {
    let w = workspace();
    let either = w.search("kafkaesque OR deploy");
    let expected = w.model(
        |x| has(&x.notes, "kafkaesque") || has(&x.notes, "deploy"),
        |x| has(&x.text, "kafkaesque") || has(&x.text, "deploy"),
    );
    assert_eq!(counted(&either), expected);
    assert_eq!(either.understood.all_of, vec!["kafkaesque OR deploy"]);

    let without = w.search("pipeline -kafkaesque");
    let expected = w.model(
        |x| has(&x.notes, "pipeline") && !has(&x.notes, "kafkaesque"),
        |x| has(&x.text, "pipeline") && !has(&x.text, "kafkaesque"),
    );
    assert_eq!(counted(&without), expected);
    assert_eq!(without.understood.left_out, vec!["kafkaesque"]);
    assert_eq!(without.terms, vec!["pipeline"]);

    let phrase = w.search("\"pipeline stalls\"");
    let expected = w.model(|_| false, |x| x.text.contains("pipeline stalls"));
    assert_eq!(counted(&phrase), expected);
    let reversed = w.search("\"stalls pipeline\"");
    assert_eq!(reversed.total, 0);

    let combined = w.search("\"deploy pipeline\" OR kafkaesque -slow");
    let expected = w.model(
        |x| (has(&x.notes, "kafkaesque")) && !has(&x.notes, "slow"),
        |x| {
            (x.text.contains("deploy pipeline") || has(&x.text, "kafkaesque"))
                && !has(&x.text, "slow")
        },
    );
    assert_eq!(counted(&combined), expected);

    // Left out alone: everything that does not hold the word.
    let not_slow = w.search_with(SearchQuery {
        text: "-slow".into(),
        entities: vec![SearchEntity::Observation],
        ..Default::default()
    });
    let expected = w.model(|_| false, |x| !has(&x.text, "slow"));
    assert_eq!(not_slow.total, expected.1);
    assert_eq!(not_slow.order, SearchOrder::Newest);
}

#[test]
fn typed_fields_find_what_the_filter_bar_finds() {
    let w = workspace();
    let bar = |filter: ObservationFilter| {
        w.search_with(SearchQuery {
            text: "pipeline".into(),
            filter,
            ..Default::default()
        })
    };
    let cases: Vec<(&str, ObservationFilter)> = vec![
        (
            "pipeline kind:pain",
            ObservationFilter {
                kinds: vec![ObservationKind::Pain],
                ..Default::default()
            },
        ),
        (
            "pipeline tag:\"flaky tests\"",
            ObservationFilter {
                tag_ids: vec![w.flaky],
                ..Default::default()
            },
        ),
        (
            "pipeline person:priya",
            ObservationFilter {
                person_ids: vec![w.priya],
                ..Default::default()
            },
        ),
        (
            "pipeline team:payments",
            ObservationFilter {
                team_ids: vec![w.payments],
                ..Default::default()
            },
        ),
        (
            "pipeline source:coffee-chat",
            ObservationFilter {
                source_kinds: vec![SourceKind::CoffeeChat],
                ..Default::default()
            },
        ),
        (
            "pipeline before:2026-03-01",
            ObservationFilter {
                to: NaiveDate::from_ymd_opt(2026, 2, 28),
                ..Default::default()
            },
        ),
        (
            "pipeline after:2026-03",
            ObservationFilter {
                from: NaiveDate::from_ymd_opt(2026, 3, 1),
                ..Default::default()
            },
        ),
    ];
    for (typed, filter) in cases {
        let by_text = w.search(typed);
        let by_bar = bar(filter);
        assert!(by_text.total > 0, "{typed} finds something");
        assert_eq!(by_text.counts, by_bar.counts, "{typed}");
        let ids = |r: &SearchResults| r.hits.iter().map(|h| h.id).collect::<Vec<_>>();
        assert_eq!(ids(&by_text), ids(&by_bar), "{typed}");
        assert_eq!(by_text.understood.filters.len(), 1);
        assert!(by_text.understood.filters[0].found, "{typed}");
    }
    // The model agrees with the bar on two of them.
    let pains = w.search("pipeline kind:pain");
    assert_eq!(
        pains.counts.observations,
        w.seeded
            .iter()
            .filter(|x| x.kind == ObservationKind::Pain)
            .count() as u32
    );
    let chats = w.search("pipeline source:coffee");
    assert_eq!(
        counted(&chats),
        w.model(
            |x| has(&x.notes, "pipeline") && x.source == SourceKind::CoffeeChat,
            |x| has(&x.text, "pipeline") && x.source == SourceKind::CoffeeChat
        )
    );
    let labels: Vec<String> = w
        .search("kind:pain person:priya tag:flaky before:2026-10-01")
        .understood
        .filters
        .iter()
        .map(|c| c.label.clone())
        .collect();
    assert_eq!(
        labels,
        vec![
            "Kind: Pain",
            "Person: Priya Raman",
            "Tag: flaky tests",
            "Before 1 Oct 2026"
        ]
    );
    // Fields combine with each other, and with words: all must hold.
    let both = w.search("tag:\"flaky tests\" person:priya");
    assert_eq!(
        both.counts.observations,
        w.seeded.iter().filter(|x| x.flaky && x.with_priya).count() as u32
    );
}

#[test]
fn a_field_that_names_nothing_says_so_and_matches_nothing() {
    let w = workspace();
    let r = w.search("pipeline person:zed");
    assert_eq!(r.total, 0);
    assert!(r.hits.is_empty());
    let chip = &r.understood.filters[0];
    assert!(!chip.found);
    assert_eq!(chip.label, "No person matches “zed”");
    // A date Groundwork does not keep names nothing either, and is no error.
    let r = w.search("pipeline before:0001-01-01");
    assert!(!r.understood.filters[0].found);
    assert_eq!(r.total, 0);
    // Not a field: plain words.
    let r = w.search("colour:red");
    assert!(r.understood.filters.is_empty());
    assert_eq!(r.terms, vec!["colour", "red"]);
}

#[test]
fn filters_alone_list_what_they_describe_newest_first() {
    let w = workspace();
    let pains = w.every_hit("kind:pain", SearchOrder::Newest, 13);
    let expected: HashSet<Uuid> = w
        .seeded
        .iter()
        .filter(|x| x.kind == ObservationKind::Pain)
        .map(|x| x.observation)
        .collect();
    assert_eq!(pains.iter().map(|h| h.id).collect::<HashSet<_>>(), expected);
    assert!(
        pains.iter().all(|h| !h.snippet.is_empty()),
        "each shows its words"
    );
    let default = w.search("kind:pain");
    assert_eq!(default.order, SearchOrder::Newest);
    assert!(
        default.order_reason.contains("filters alone"),
        "{}",
        default.order_reason
    );
}

#[test]
fn the_observation_list_reads_or_and_minus_the_same_way() {
    let w = workspace();
    let list = |text: &str| {
        w.store
            .read(|db| {
                db.list_observations(&ObservationQuery {
                    text: text.into(),
                    ..Default::default()
                })
            })
            .expect("list")
            .matching
    };
    let model = |f: &dyn Fn(&Seeded) -> bool| w.seeded.iter().filter(|x| f(x)).count() as u32;
    assert_eq!(
        list("kafkaesque OR deploy"),
        model(&|x| has(&x.text, "kafkaesque") || has(&x.text, "deploy"))
    );
    assert_eq!(list("pipeline -slow"), model(&|x| !has(&x.text, "slow")));
    assert_eq!(list("-slow"), model(&|x| !has(&x.text, "slow")));
    // Fields belong to the filter bar there: `kind:pain` is two words.
    assert_eq!(list("kind:pain"), 0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever is typed, search answers: no error, no panic, no SQLite message.
    #[test]
    fn any_text_is_searched_without_an_error(text in "\\PC{0,80}", order in prop::option::of(prop_oneof![Just(SearchOrder::Relevance), Just(SearchOrder::Newest)])) {
        thread_local! {
            static W: Workspace = workspace();
        }
        W.with(|w| {
            let r = w.store.read(|db| db.search(&SearchQuery { text: text.clone(), order, ..Default::default() }));
            prop_assert!(r.is_ok(), "{text:?}: {:?}", r.err());
            let list = w.store.read(|db| db.list_observations(&ObservationQuery { text: text.clone(), ..Default::default() }));
            prop_assert!(list.is_ok(), "{text:?}: {:?}", list.err());
            Ok(())
        })?;
    }

    /// Query syntax mixed from the language's own pieces still never fails.
    #[test]
    fn any_mix_of_operators_and_fields_is_searched_without_an_error(
        parts in prop::collection::vec(prop_oneof![
            Just("OR".to_owned()), Just("-".to_owned()), Just("\"".to_owned()),
            Just("kind:".to_owned()), Just("tag:\"".to_owned()), Just("before:".to_owned()),
            Just("after:2026-".to_owned()), Just("person:".to_owned()), Just("NEAR(".to_owned()),
            Just("*".to_owned()), Just("%".to_owned()), Just("_".to_owned()), Just("'".to_owned()),
            "[a-z]{1,6}", "[0-9]{1,4}",
        ], 0..12),
        spaces in prop::collection::vec(any::<bool>(), 12),
    ) {
        thread_local! {
            static W: Workspace = workspace();
        }
        let mut text = String::new();
        for (i, p) in parts.iter().enumerate() {
            text.push_str(p);
            if spaces[i] {
                text.push(' ');
            }
        }
        W.with(|w| {
            let r = w.store.read(|db| db.search(&SearchQuery { text: text.clone(), ..Default::default() }));
            prop_assert!(r.is_ok(), "{text:?}: {:?}", r.err());
            Ok(())
        })?;
    }
}

/// A talk recorded in Teams: Alex (us) asks, Priya answers twelve minutes in.
const TALK: &str = "WEBVTT

b2/1-0
00:12:30.000 --> 00:12:36.000
<v Alex Kim>How do releases go for you?</v>

b2/2-0
00:12:41.400 --> 00:12:50.000
<v Raman, Priya>The deploy queue is glacial, forty minutes a release.</v>

b2/3-0
00:12:50.000 --> 00:12:55.000
<v Alex Kim>Glacial how often?</v>
";

/// A world with Priya Raman (Payments) and the Teams talk imported into "Coffee with
/// Priya" (a coffee chat on 2026-11-20): Alex is us, Priya is Priya.
fn talked() -> (common::World, Uuid, Uuid) {
    let w = common::world();
    let payments = w.team("Payments", "");
    let priya = w.person("Priya Raman", Some(payments), Relation::InternalUser);
    let done = w
        .store
        .write(|tx| {
            tx.import_transcript(
                "Coffee with Priya.vtt",
                TALK.as_bytes(),
                &TranscriptImport {
                    target: TranscriptTarget::New {
                        cycle_id: w.cycle.id,
                        source_kind: SourceKind::CoffeeChat,
                        title: "Coffee with Priya".into(),
                        held_on: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
                    },
                    speakers: vec![
                        SpeakerChoice {
                            label: "Alex Kim".into(),
                            role: SpeakerRole::Us,
                            person: SpeakerPerson::Nobody,
                        },
                        SpeakerChoice {
                            label: "Raman, Priya".into(),
                            role: SpeakerRole::Participant,
                            person: SpeakerPerson::Existing { id: priya },
                        },
                    ],
                },
            )
        })
        .expect("imports");
    (w, priya, done.session_id)
}

fn find(w: &common::World, text: &str) -> SearchResults {
    w.store
        .read(|db| {
            db.search(&SearchQuery {
                text: text.into(),
                ..Default::default()
            })
        })
        .expect("search")
}

#[test]
fn a_word_said_in_a_transcript_is_found_with_who_said_it_and_when() {
    let (w, _, session) = talked();
    let r = find(&w, "forty minutes");
    let turns: Vec<&SearchHit> = r
        .hits
        .iter()
        .filter(|h| h.entity == SearchEntity::Turn)
        .collect();
    assert_eq!(turns.len(), 1, "{:?}", r.hits);
    let hit = turns[0];
    assert_eq!(hit.title, "Priya Raman");
    assert_eq!(hit.said_by.as_deref(), Some("Priya Raman"));
    assert_eq!(hit.context, "Coffee chat · Coffee with Priya · 12:41");
    assert_eq!(hit.session_id, Some(session));
    assert_eq!(hit.date.as_deref(), Some("2026-11-20"));
    assert_eq!(hit.source_kind, Some(SourceKind::CoffeeChat));
    assert!(hit.snippet.contains('\u{2}'), "{}", hit.snippet);
    assert_eq!(r.counts.turns, 1);
    let t = w
        .store
        .read(|db| db.session_transcripts(session))
        .expect("transcripts");
    assert_eq!(hit.id, t[0].turns[1].id);

    // Our own words are found too, under the label the transcript gives.
    let ours = find(&w, "releases");
    let hit = ours
        .hits
        .iter()
        .find(|h| h.entity == SearchEntity::Turn)
        .expect("our turn");
    assert_eq!(
        (hit.title.as_str(), hit.said_by.clone()),
        ("Alex Kim", None)
    );
    assert_eq!(hit.context, "Coffee chat · Coffee with Priya · 12:30");
}

#[test]
fn person_finds_what_a_person_said_and_filters_that_cannot_describe_a_turn_leave_turns_out() {
    let (w, priya, _) = talked();
    // "Glacial" is said twice: by Priya, and by us.
    assert_eq!(find(&w, "glacial").counts.turns, 2);
    let hers = find(&w, "glacial person:priya");
    assert_eq!(hers.counts.turns, 1, "{:?}", hers.hits);
    assert_eq!(hers.hits[0].said_by.as_deref(), Some("Priya Raman"));
    assert_eq!(find(&w, "glacial team:payments").counts.turns, 1);
    let by_bar = w
        .store
        .read(|db| {
            db.search(&SearchQuery {
                text: "glacial".into(),
                filter: ObservationFilter {
                    person_ids: vec![priya],
                    ..Default::default()
                },
                ..Default::default()
            })
        })
        .expect("search");
    assert_eq!(by_bar.counts.turns, 1);
    // Filters alone list what a person said.
    assert_eq!(find(&w, "person:priya").counts.turns, 1);
    // Sources and dates describe a turn by its session; kinds and tags do not.
    assert_eq!(find(&w, "glacial source:coffee").counts.turns, 2);
    assert_eq!(find(&w, "glacial source:sla").counts.turns, 0);
    assert_eq!(find(&w, "glacial after:2026-11-20").counts.turns, 2);
    assert_eq!(find(&w, "glacial before:2026-11-20").counts.turns, 0);
    assert_eq!(find(&w, "glacial kind:pain").counts.turns, 0);
}

#[test]
fn what_a_speaker_said_counts_once_per_transcript_and_leads_to_the_turn_that_holds_it() {
    let (w, _, session) = talked();
    // Alex asks "How do releases go" at 12:30 and "Glacial how often?" at 12:50.
    let r = find(&w, "how");
    assert_eq!(
        r.counts.turns, 1,
        "both of our turns are one voice: {:?}",
        r.hits
    );
    let hit = find(&w, "often")
        .hits
        .into_iter()
        .find(|h| h.entity == SearchEntity::Turn)
        .expect("our turn");
    let t = w
        .store
        .read(|db| db.session_transcripts(session))
        .expect("transcripts");
    assert_eq!(
        hit.id, t[0].turns[2].id,
        "the turn with the word, not the voice's first"
    );
    assert_eq!(hit.context, "Coffee chat · Coffee with Priya · 12:50");
    assert!(
        !hit.snippet.contains("releases"),
        "words said at another time are not in the snippet: {:?}",
        hit.snippet
    );

    // Given to Priya, the turn's words are hers.
    w.store
        .write(|tx| tx.set_turn_speaker(t[0].turns[2].id, "Raman, Priya"))
        .expect("corrects");
    let hers = find(&w, "often person:priya");
    assert_eq!(hers.counts.turns, 1, "{:?}", hers.hits);
    assert_eq!(hers.hits[0].id, t[0].turns[2].id);
    assert_eq!(hers.hits[0].title, "Priya Raman");
    assert_eq!(find(&w, "releases person:priya").counts.turns, 0);
    assert_eq!(find(&w, "often").counts.turns, 1, "no longer in our voice");
}

#[test]
fn a_trashed_sessions_turns_are_not_found_and_come_back_with_it() {
    let (w, _, session) = talked();
    w.store
        .write(|tx| tx.delete_session(session))
        .expect("trash");
    assert_eq!(find(&w, "glacial").counts.turns, 0);
    assert_eq!(find(&w, "glacial").total, 0);
    w.store
        .write(|tx| tx.restore(TrashEntity::Session, session))
        .expect("restore");
    assert_eq!(find(&w, "glacial").counts.turns, 2);
}
