//! The rules of discovery on a real store: people and teams, templates, observations
//! and their passages, tags, ideas (never judged in discovery), search, coverage,
//! merging duplicates, the trash, and the sample workspace.

use chrono::{Duration, NaiveDate};
use groundwork_core::discovery::{search, template};
use groundwork_core::*;
use uuid::Uuid;

use crate::common;
use common::*;

/// Discovery's tests run on 21 November 2026.
fn world() -> World {
    world_on(2026, 11, 21)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).expect("date")
}

impl World {
    fn add_team(&mut self, name: &str, segment: &str) -> Team {
        self.store
            .write(|tx| {
                tx.create_team(&TeamInput {
                    name: name.into(),
                    org_area: "Engineering".into(),
                    segment: segment.into(),
                })
            })
            .expect("team")
    }

    fn add_person(&mut self, name: &str, team: Option<&Team>) -> Uuid {
        self.store
            .write(|tx| {
                tx.create_person(&PersonInput {
                    name: name.into(),
                    team_id: team.map(|t| t.id),
                    ..Default::default()
                })
            })
            .expect("person")
            .summary
            .id
    }

    fn session(
        &mut self,
        kind: SourceKind,
        days_ago: i64,
        people: &[Uuid],
        notes: &str,
    ) -> Session {
        self.store
            .write(|tx| {
                tx.create_session(&NewSession {
                    cycle_id: self.cycle.id,
                    kind,
                    title: format!("{} {days_ago}", kind.label()),
                    held_on: today() - Duration::days(days_ago),
                    people: people.to_vec(),
                    links: vec![],
                    notes: Some(notes.into()),
                    tags: Vec::new(),
                })
            })
            .expect("session")
    }

    fn observe(
        &mut self,
        session: &Session,
        passage: &str,
        kind: ObservationKind,
        people: &[Uuid],
        tags: &[Uuid],
    ) -> Observation {
        let start = session.notes.find(passage).expect("passage in notes");
        self.store
            .write(|tx| {
                tx.create_observation(&NewObservation {
                    session_id: Some(session.id),
                    kind,
                    passage: Some(passage.into()),
                    passage_start: Some(session.notes[..start].encode_utf16().count() as u32),
                    people: people.to_vec(),
                    tags: tags.to_vec(),
                    ..Default::default()
                })
            })
            .expect("observation")
    }

    fn tag(&mut self, name: &str) -> Tag {
        self.store
            .write(|tx| {
                tx.create_tag(&TagInput {
                    name: name.into(),
                    ..Default::default()
                })
            })
            .expect("tag")
    }

    fn find(&self, text: &str) -> Vec<SearchHit> {
        self.store
            .read(|db| {
                db.search(&SearchQuery {
                    text: text.into(),
                    ..Default::default()
                })
            })
            .expect("search")
            .hits
    }
}

#[test]
fn a_stakeholder_profile_keeps_the_three_answers_and_derives_last_contact_and_ask_load() {
    let mut w = world();
    let payments = w.add_team("Payments", "Product engineering");
    let dana = w
        .store
        .write(|tx| {
            tx.create_person(&PersonInput {
                name: "Dana Whitfield".into(),
                team_id: Some(payments.id),
                role: "Director of Engineering".into(),
                relation: Relation::Stakeholder,
                goals: "Ship the new checkout by Q2".into(),
                support: "Keep deploys boring".into(),
                interaction: "Monthly 1:1, async updates".into(),
            })
        })
        .expect("dana");
    let id = dana.summary.id;
    assert_eq!(dana.summary.last_contact, None);
    w.session(SourceKind::StakeholderFeedback, 100, &[id], "old");
    w.session(SourceKind::CoffeeChat, 10, &[id], "recent");
    w.session(SourceKind::UserSurvey, 3, &[id], "survey");
    let dana = w.store.read(|db| db.person(id)).expect("profile");
    assert_eq!(dana.goals, "Ship the new checkout by Q2");
    assert_eq!(dana.support, "Keep deploys boring");
    assert_eq!(dana.interaction, "Monthly 1:1, async updates");
    assert_eq!(dana.summary.team_name, "Payments");
    assert_eq!(dana.summary.last_contact, Some(today() - Duration::days(3)));
    assert_eq!(
        dana.summary.ask_load, 2,
        "the session 100 days ago is outside 90 days"
    );
    assert_eq!(dana.sessions.len(), 3);
    assert_eq!(
        w.store.read(|db| db.list_teams()).expect("teams")[0].people,
        1
    );
}

#[test]
fn people_are_listed_by_name_and_filtered_by_text_team_and_relation() {
    let mut w = world();
    let data = w.add_team("Data", "Data & ML");
    w.add_person("Tom Chen", Some(&data));
    w.add_person("priya raman", None);
    w.add_person("100%_sure", None);
    let all = w
        .store
        .read(|db| db.list_people(&PeopleQuery::default()))
        .expect("all");
    let names: Vec<&str> = all.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["100%_sure", "priya raman", "Tom Chen"]);
    let by_text = |t: &str| {
        w.store
            .read(|db| {
                db.list_people(&PeopleQuery {
                    text: t.into(),
                    ..Default::default()
                })
            })
            .expect("q")
            .len()
    };
    assert_eq!(by_text("PRIYA"), 1);
    assert_eq!(by_text("%"), 1, "LIKE wildcards are plain characters");
    assert_eq!(by_text("_"), 1);
    let in_data = w
        .store
        .read(|db| {
            db.list_people(&PeopleQuery {
                team_id: Some(data.id),
                ..Default::default()
            })
        })
        .expect("team");
    assert_eq!(in_data.len(), 1);
    assert!(w
        .store
        .read(|db| db.list_people(&PeopleQuery {
            relation: Some(Relation::Vendor),
            ..Default::default()
        }))
        .expect("rel")
        .is_empty());
}

#[test]
fn team_and_tag_names_are_unique_in_any_case_with_a_readable_error() {
    let mut w = world();
    w.add_team("Payments", "");
    let err = w
        .store
        .write(|tx| {
            tx.create_team(&TeamInput {
                name: "PAYMENTS".into(),
                ..Default::default()
            })
        })
        .expect_err("dup");
    assert!(err.to_string().contains("already exists"), "{err}");
    w.tag("flaky tests");
    let err = w
        .store
        .write(|tx| {
            tx.create_tag(&TagInput {
                name: "Flaky Tests".into(),
                ..Default::default()
            })
        })
        .expect_err("dup");
    assert!(err.to_string().contains("already exists"), "{err}");
}

#[test]
fn a_new_session_starts_from_its_kinds_template_which_the_workspace_can_rewrite() {
    let w = world();
    let new = |kind| NewSession {
        cycle_id: w.cycle.id,
        kind,
        title: "t".into(),
        held_on: today(),
        people: vec![],
        links: vec![],
        notes: None,
        tags: Vec::new(),
    };
    let sla = w
        .store
        .write(|tx| tx.create_session(&new(SourceKind::SlaConversation)))
        .expect("sla");
    assert!(sla.notes.contains("Level expected") && sla.notes.contains("Level delivered today"));
    let sf = new(SourceKind::StakeholderFeedback);
    let sf = w.store.write(|tx| tx.create_session(&sf)).expect("sf");
    assert!(
        sf.notes.contains("goals") && sf.notes.contains("support") && sf.notes.contains("interact")
    );
    for t in w.store.read(|db| db.list_templates()).expect("templates") {
        assert!(!t.body.trim().is_empty(), "{:?} has a template", t.kind);
    }
    let custom = w
        .store
        .write(|tx| tx.set_template(SourceKind::CoffeeChat, "## Our own prompt\n"))
        .expect("set");
    assert!(custom.customized);
    let chat = w
        .store
        .write(|tx| tx.create_session(&new(SourceKind::CoffeeChat)))
        .expect("chat");
    assert_eq!(chat.notes, "## Our own prompt\n");
    let reset = w
        .store
        .write(|tx| tx.reset_template(SourceKind::CoffeeChat))
        .expect("reset");
    assert!(!reset.customized);
    assert_eq!(
        reset.body,
        template::builtin_template(SourceKind::CoffeeChat)
    );
}

#[test]
fn an_observation_from_a_passage_follows_it_through_edits_and_is_flagged_when_it_is_gone() {
    let mut w = world();
    let priya = w.add_person("Priya", None);
    let notes = "# Chat\nCI takes 40 minutes on a good day.\nThey retry flaky tests by hand.";
    let s = w.session(SourceKind::CoffeeChat, 1, &[priya], notes);
    let o = w.observe(
        &s,
        "They retry flaky tests by hand.",
        ObservationKind::Pain,
        &[priya],
        &[],
    );
    assert_eq!(
        o.text, "They retry flaky tests by hand.",
        "the passage is the text by default"
    );
    assert_eq!(o.passage_state, PassageState::Found);
    assert_eq!(o.observed_on, s.held_on, "dated by its session");
    assert_eq!(o.people[0].id, priya);
    assert_eq!(o.source_kind, Some(SourceKind::CoffeeChat));

    // Text added before the passage (with a character outside the BMP) moves it.
    let edited = format!("🚀 Intro line.\n{notes}");
    w.store
        .write(|tx| tx.save_notes(s.id, &edited))
        .expect("save");
    let moved = w.store.read(|db| db.observation(o.id)).expect("o");
    assert_eq!(moved.passage_state, PassageState::Found);
    let start = moved.passage_start.expect("start") as usize;
    let units: Vec<u16> = edited.encode_utf16().collect();
    assert_eq!(
        String::from_utf16(&units[start..start + moved.passage.encode_utf16().count()])
            .expect("utf16"),
        moved.passage
    );

    // Deleting the passage flags the observation; it keeps its own copy.
    w.store
        .write(|tx| tx.save_notes(s.id, "# Chat\nCI takes 40 minutes on a good day."))
        .expect("save");
    let lost = w.store.read(|db| db.observation(o.id)).expect("o");
    assert_eq!(lost.passage_state, PassageState::Lost);
    assert_eq!(lost.passage, "They retry flaky tests by hand.");
    // Putting it back finds it again.
    w.store
        .write(|tx| tx.save_notes(s.id, notes))
        .expect("save");
    assert_eq!(
        w.store
            .read(|db| db.observation(o.id))
            .expect("o")
            .passage_state,
        PassageState::Found
    );
}

#[test]
fn a_passage_that_is_not_in_the_saved_notes_is_refused_and_typed_observations_need_words() {
    let mut w = world();
    let s = w.session(SourceKind::CoffeeChat, 1, &[], "Saved notes.");
    let err = w
        .store
        .write(|tx| {
            tx.create_observation(&NewObservation {
                session_id: Some(s.id),
                passage: Some("typed after the last save".into()),
                ..Default::default()
            })
        })
        .expect_err("not saved");
    assert!(err.to_string().contains("Saved"), "{err}");
    let err = w
        .store
        .write(|tx| {
            tx.create_observation(&NewObservation {
                cycle_id: Some(w.cycle.id),
                text: "   ".into(),
                ..Default::default()
            })
        })
        .expect_err("empty");
    assert!(matches!(
        err,
        DomainError::InvalidInput { field: "text", .. }
    ));
    let typed = w
        .store
        .write(|tx| {
            tx.create_observation(&NewObservation {
                cycle_id: Some(w.cycle.id),
                kind: ObservationKind::Fact,
                text: "Half the teams deploy on Fridays".into(),
                ..Default::default()
            })
        })
        .expect("typed");
    assert_eq!(typed.passage_state, PassageState::None);
    assert_eq!(typed.observed_on, today());
}

#[test]
fn the_observation_list_filters_by_every_facet_and_pages_newest_first() {
    let mut w = world();
    let data = w.add_team("Data", "Data & ML");
    let ana = w.add_person("Ana", Some(&data));
    let tom = w.add_person("Tom", None);
    let flaky = w.tag("flaky tests").id;
    let cost = w.tag("cost").id;
    let chat = w.session(
        SourceKind::CoffeeChat,
        5,
        &[ana],
        "Flaky tests hurt. Builds cost too much.",
    );
    let sla = w.session(
        SourceKind::SlaConversation,
        2,
        &[tom],
        "Expect 99.9% uptime. Deploys are slow.",
    );
    let o1 = w.observe(
        &chat,
        "Flaky tests hurt.",
        ObservationKind::Pain,
        &[ana],
        &[flaky],
    );
    let o2 = w.observe(
        &chat,
        "Builds cost too much.",
        ObservationKind::Pain,
        &[ana],
        &[cost],
    );
    let o3 = w.observe(
        &sla,
        "Expect 99.9% uptime.",
        ObservationKind::Fact,
        &[tom],
        &[],
    );
    let o4 = w.observe(
        &sla,
        "Deploys are slow.",
        ObservationKind::Request,
        &[tom],
        &[cost],
    );
    let list = |f: ObservationFilter| -> Vec<Uuid> {
        w.store
            .read(|db| {
                db.list_observations(&ObservationQuery {
                    filter: f,
                    ..Default::default()
                })
            })
            .expect("list")
            .observations
            .iter()
            .map(|o| o.id)
            .collect()
    };
    let all = list(ObservationFilter::default());
    assert_eq!(all.len(), 4);
    assert_eq!(
        &all[..2]
            .iter()
            .copied()
            .collect::<std::collections::HashSet<_>>(),
        &[o3.id, o4.id].into_iter().collect(),
        "newest first"
    );
    assert_eq!(
        list(ObservationFilter {
            kinds: vec![ObservationKind::Pain],
            ..Default::default()
        })
        .len(),
        2
    );
    assert_eq!(
        list(ObservationFilter {
            tag_ids: vec![cost],
            ..Default::default()
        })
        .len(),
        2
    );
    assert_eq!(
        list(ObservationFilter {
            tag_ids: vec![cost],
            kinds: vec![ObservationKind::Pain],
            ..Default::default()
        }),
        vec![o2.id]
    );
    assert_eq!(
        list(ObservationFilter {
            person_ids: vec![tom],
            ..Default::default()
        })
        .len(),
        2
    );
    assert_eq!(
        list(ObservationFilter {
            team_ids: vec![data.id],
            ..Default::default()
        })
        .len(),
        2
    );
    assert_eq!(
        list(ObservationFilter {
            source_kinds: vec![SourceKind::SlaConversation],
            ..Default::default()
        })
        .len(),
        2
    );
    assert_eq!(
        list(ObservationFilter {
            cycle_id: Some(w.cycle.id),
            ..Default::default()
        })
        .len(),
        4
    );
    assert_eq!(
        list(ObservationFilter {
            from: Some(today() - Duration::days(3)),
            ..Default::default()
        })
        .len(),
        2
    );
    assert_eq!(
        list(ObservationFilter {
            to: Some(today() - Duration::days(3)),
            ..Default::default()
        }),
        {
            let mut v = vec![o2.id, o1.id];
            v.sort_by(|a, b| b.cmp(a));
            v
        }
    );
    let page = w
        .store
        .read(|db| {
            db.list_observations(&ObservationQuery {
                offset: 1,
                limit: Some(2),
                ..Default::default()
            })
        })
        .expect("page");
    assert_eq!(
        (page.matching, page.observations.len(), page.offset),
        (4, 2, 1)
    );
    let searched = w
        .store
        .read(|db| {
            db.list_observations(&ObservationQuery {
                text: "deplo".into(),
                ..Default::default()
            })
        })
        .expect("text");
    assert_eq!(
        searched
            .observations
            .iter()
            .map(|o| o.id)
            .collect::<Vec<_>>(),
        vec![o4.id]
    );
}

#[test]
fn tags_are_renamed_recoloured_grouped_merged_and_applied_in_bulk_with_counts() {
    let mut w = world();
    let s = w.session(SourceKind::SupportTicketReview, 1, &[], "One. Two. Three.");
    let obs: Vec<Uuid> = ["One.", "Two.", "Three."]
        .iter()
        .map(|p| w.observe(&s, p, ObservationKind::Fact, &[], &[]).id)
        .collect();
    let a = w.tag("k8s");
    let b = w.tag("kubernetes");
    assert_eq!(
        w.store
            .write(|tx| tx.tag_observations(a.id, &obs[..2], true))
            .expect("bulk"),
        2
    );
    assert_eq!(
        w.store
            .write(|tx| tx.tag_observations(a.id, &obs[..2], true))
            .expect("again"),
        0,
        "tagging twice changes nothing"
    );
    assert_eq!(
        w.store
            .write(|tx| tx.tag_observations(b.id, &obs[1..], true))
            .expect("bulk"),
        2
    );
    let renamed = w
        .store
        .write(|tx| {
            tx.update_tag(
                a.id,
                &TagInput {
                    name: "Kubernetes upgrades".into(),
                    colour: Some("#0E7490".into()),
                    group: Some(TagGroup::Area),
                },
            )
        })
        .expect("rename");
    assert_eq!(
        (renamed.colour.as_str(), renamed.group),
        ("#0e7490", Some(TagGroup::Area))
    );
    assert!(w
        .store
        .write(|tx| tx.update_tag(
            a.id,
            &TagInput {
                name: "x".into(),
                colour: Some("red".into()),
                group: None
            }
        ))
        .is_err());
    let done = w
        .store
        .write(|tx| tx.merge_tags(a.id, b.id))
        .expect("merge");
    assert_eq!(done.links_moved, 2);
    let kept = w.store.read(|db| db.tag(a.id)).expect("kept");
    assert_eq!(
        kept.observations, 3,
        "every link of both tags is on the kept one"
    );
    let tags = w.store.read(|db| db.list_tags()).expect("tags");
    assert_eq!(tags.len(), 1);
    assert!(
        w.store
            .read(|db| db.list_trash())
            .expect("trash")
            .is_empty(),
        "a merged tag is undone from the merge, not restored empty from the trash"
    );
    assert_eq!(
        w.store
            .read(|db| db.observation(obs[1]))
            .expect("o")
            .tags
            .len(),
        1,
        "no duplicate link"
    );
    assert_eq!(
        w.store
            .write(|tx| tx.tag_observations(a.id, &obs, false))
            .expect("untag"),
        3
    );
    assert_eq!(
        w.store.read(|db| db.tag(a.id)).expect("tag").observations,
        0
    );
}

#[test]
fn undoing_a_tag_merge_puts_back_exactly_the_links_each_tag_had() {
    let mut w = world();
    let s = w.session(SourceKind::CoffeeChat, 1, &[], "One. Two. Three.");
    let obs: Vec<Uuid> = ["One.", "Two.", "Three."]
        .iter()
        .map(|p| w.observe(&s, p, ObservationKind::Pain, &[], &[]).id)
        .collect();
    let ci = w.tag("CI");
    let flaky = w.tag("flaky");
    w.store
        .write(|tx| tx.tag_observations(ci.id, &obs[..2], true))
        .expect("CI");
    w.store
        .write(|tx| tx.tag_observations(flaky.id, &obs[1..], true))
        .expect("flaky");
    let tags_of = |w: &World, o: Uuid| -> Vec<String> {
        let mut names: Vec<String> = w
            .store
            .read(|db| db.observation(o))
            .expect("o")
            .tags
            .into_iter()
            .map(|t| t.name)
            .collect();
        names.sort();
        names
    };

    let done = w
        .store
        .write(|tx| tx.merge_tags(ci.id, flaky.id))
        .expect("merge");
    assert_eq!(tags_of(&w, obs[2]), ["CI"]);
    w.store
        .write(|tx| tx.undo_merge(done.merge_id))
        .expect("undo");
    assert_eq!(tags_of(&w, obs[0]), ["CI"]);
    assert_eq!(
        tags_of(&w, obs[1]),
        ["CI", "flaky"],
        "the one both had keeps both"
    );
    assert_eq!(tags_of(&w, obs[2]), ["flaky"]);
    assert_eq!(
        w.store
            .read(|db| db.tag(flaky.id))
            .expect("back")
            .observations,
        2
    );
    assert!(matches!(
        w.store.write(|tx| tx.undo_merge(done.merge_id)),
        Err(DomainError::CannotMerge(_))
    ));

    // A tag made since under the merged one's name blocks the undo, with a reason.
    let again = w
        .store
        .write(|tx| tx.merge_tags(ci.id, flaky.id))
        .expect("merge again");
    let newer = w.tag("Flaky");
    let err = w
        .store
        .write(|tx| tx.undo_merge(again.merge_id))
        .expect_err("name taken");
    assert!(err.to_string().contains("“Flaky” exists now"), "{err}");
    assert_eq!(tags_of(&w, obs[2]), ["CI"], "nothing changed");
    w.store
        .write(|tx| tx.delete_tag(newer.id))
        .expect("trash the newer one");
    w.store
        .write(|tx| tx.undo_merge(again.merge_id))
        .expect("undo now");
    assert_eq!(tags_of(&w, obs[2]), ["flaky"]);
}

#[test]
fn an_idea_in_discovery_cannot_be_scored_or_sized_and_shows_no_assessment() {
    let mut w = world();
    let s = w.session(
        SourceKind::TeamBrainstorm,
        1,
        &[],
        "Auto-quarantine flaky tests.",
    );
    let o = w.observe(
        &s,
        "Auto-quarantine flaky tests.",
        ObservationKind::Idea,
        &[],
        &[],
    );
    let idea = w
        .store
        .write(|tx| {
            tx.create_idea(
                w.cycle.id,
                &IdeaInput {
                    title: "Quarantine flaky tests".into(),
                    description: "Move a test out of the gate after 3 flaky runs.".into(),
                    evidence: vec![o.id],
                    tags: None,
                },
            )
        })
        .expect("idea");
    assert_eq!(idea.evidence.len(), 1);
    assert!(idea.assessment.is_none());
    let err = w
        .store
        .write(|tx| {
            tx.assess_idea(
                idea.id,
                &Assessment {
                    score: Some(8),
                    effort: None,
                },
            )
        })
        .expect_err("discovery");
    assert!(matches!(err, DomainError::JudgingInDiscovery { .. }));
    assert!(err.to_string().contains("discovery"), "{err}");
    let err = w
        .store
        .write(|tx| {
            tx.assess_idea(
                idea.id,
                &Assessment {
                    score: None,
                    effort: Some("S".into()),
                },
            )
        })
        .expect_err("effort too");
    assert!(matches!(err, DomainError::JudgingInDiscovery { .. }));
    // After the explicit move to prioritization, judging is allowed.
    w.store
        .write(|tx| tx.advance_cycle(w.cycle.id))
        .expect("prioritize");
    let judged = w
        .store
        .write(|tx| {
            tx.assess_idea(
                idea.id,
                &Assessment {
                    score: Some(8),
                    effort: Some("M".into()),
                },
            )
        })
        .expect("prioritization");
    assert_eq!(
        judged.assessment,
        Some(Assessment {
            score: Some(8),
            effort: Some("M".into())
        })
    );
    // The evidence link survives the observation going to the trash.
    w.store
        .write(|tx| tx.delete_observation(o.id))
        .expect("trash");
    assert!(w.store.read(|db| db.idea(idea.id)).expect("idea").evidence[0].trashed);
    // Editing the idea keeps citing it; a trashed observation cannot be newly cited.
    let input = IdeaInput {
        title: "Quarantine flaky tests, v2".into(),
        evidence: vec![o.id],
        ..Default::default()
    };
    assert_eq!(
        w.store
            .write(|tx| tx.update_idea(idea.id, &input))
            .expect("edit")
            .evidence
            .len(),
        1
    );
    let other = w
        .store
        .write(|tx| {
            tx.create_idea(
                w.cycle.id,
                &IdeaInput {
                    title: "Other".into(),
                    ..Default::default()
                },
            )
        })
        .expect("other");
    assert!(matches!(
        w.store.write(|tx| tx.update_idea(other.id, &input)),
        Err(DomainError::NotFound {
            entity: "observation",
            ..
        })
    ));
}

#[test]
fn search_finds_every_kind_of_thing_by_prefix_with_highlighted_snippets() {
    let mut w = world();
    let priya = w
        .store
        .write(|tx| {
            tx.create_person(&PersonInput {
                name: "Priya Raman".into(),
                role: "Staff engineer".into(),
                ..Default::default()
            })
        })
        .expect("p")
        .summary
        .id;
    let s = w.session(
        SourceKind::CoffeeChat,
        1,
        &[priya],
        "Kubernetes upgrades break the warehouse shift.",
    );
    w.observe(
        &s,
        "Kubernetes upgrades break the warehouse shift.",
        ObservationKind::Pain,
        &[priya],
        &[],
    );
    w.tag("kubernetes");
    w.store
        .write(|tx| {
            tx.create_idea(
                w.cycle.id,
                &IdeaInput {
                    title: "Kubernetes upgrade windows".into(),
                    ..Default::default()
                },
            )
        })
        .expect("idea");
    let hits = w.find("kuber");
    let mut entities: Vec<SearchEntity> = hits.iter().map(|h| h.entity).collect();
    entities.sort_by_key(|e| format!("{e:?}"));
    assert_eq!(
        entities,
        vec![
            SearchEntity::Idea,
            SearchEntity::Observation,
            SearchEntity::Session,
            SearchEntity::Tag
        ]
    );
    let obs = hits
        .iter()
        .find(|h| h.entity == SearchEntity::Observation)
        .expect("obs");
    assert!(
        obs.snippet.contains("\u{2}Kubernetes\u{3}"),
        "{:?}",
        obs.snippet
    );
    assert_eq!(obs.session_id, Some(s.id));
    assert_eq!(w.find("priya")[0].entity, SearchEntity::Person);
    assert_eq!(w.find("\"upgrades break\"").len(), 2, "a phrase");
    assert!(w.find("\"break upgrades\"").is_empty());
    // Trash leaves the index; restore brings it back.
    w.store.write(|tx| tx.delete_session(s.id)).expect("trash");
    assert_eq!(w.find("warehouse").len(), 1);
    w.store
        .write(|tx| tx.restore(TrashEntity::Session, s.id))
        .expect("restore");
    assert_eq!(w.find("warehouse").len(), 2);
    // Filters narrow the hits.
    let only_pains = w
        .store
        .read(|db| {
            db.search(&SearchQuery {
                text: "kubernetes".into(),
                filter: ObservationFilter {
                    kinds: vec![ObservationKind::Pain],
                    ..Default::default()
                },
                ..Default::default()
            })
        })
        .expect("filtered");
    assert_eq!(only_pains.hits.len(), 1);
    assert_eq!(only_pains.hits[0].entity, SearchEntity::Observation);
}

#[test]
fn whatever_is_typed_into_search_never_becomes_a_database_error() {
    let mut w = world();
    w.session(
        SourceKind::CoffeeChat,
        1,
        &[],
        "Deploys AND rollbacks (near) \"quoted\" text 🚀 naïve café",
    );
    let paste = "lorem ipsum ".repeat(900);
    let inputs = [
        "\"",
        "\"\"",
        "\"unbalanced",
        "NEAR(",
        "NEAR(a b",
        "NEAR(a b, 2)",
        "(",
        ")",
        "((a)",
        "*",
        "**",
        "a*b",
        "AND",
        "OR",
        "NOT",
        "a AND",
        "OR b",
        "-",
        "-a",
        "+a",
        "^a",
        "a:b",
        "title:x",
        "col:",
        "'; DROP TABLE session; --",
        "1=1 OR",
        "SELECT * FROM observation",
        "🚀",
        "🚀 deploys",
        "\u{0}",
        "\u{2}\u{3}",
        "{a b}",
        "a^",
        "naive",
        "cafe",
        "ÉCOLE",
        "日本語",
        "   ",
        "",
        &paste,
    ];
    for input in inputs {
        let result = w.store.read(|db| {
            db.search(&SearchQuery {
                text: input.into(),
                ..Default::default()
            })
        });
        assert!(result.is_ok(), "{input:?} failed: {:?}", result.err());
        let list = w.store.read(|db| {
            db.list_observations(&ObservationQuery {
                text: input.into(),
                ..Default::default()
            })
        });
        assert!(
            list.is_ok(),
            "{input:?} failed in the list: {:?}",
            list.err()
        );
    }
    assert_eq!(w.find("naive").len(), 1, "diacritics fold");
    assert_eq!(w.find("CAFÉ").len(), 1);
    assert_eq!(w.find("NEAR(").len(), 1, "syntax words are words");
    let long = w
        .store
        .read(|db| {
            db.search(&SearchQuery {
                text: paste,
                ..Default::default()
            })
        })
        .expect("paste");
    assert!(long.notice.expect("notice").contains("first"));
    let emoji = w
        .store
        .read(|db| {
            db.search(&SearchQuery {
                text: "🚀".into(),
                ..Default::default()
            })
        })
        .expect("emoji");
    assert!(emoji.hits.is_empty() && emoji.notice.is_some());
}

#[test]
fn coverage_shows_channels_used_teams_and_segments_not_heard_and_ask_load() {
    let mut w = world();
    let data = w.add_team("Data", "Data & ML");
    let mobile = w.add_team("Mobile", "Mobile");
    let _silent = w.add_team("Finance Systems", "Internal tools");
    let ana = w.add_person("Ana", Some(&data));
    let ben = w.add_person("Ben", Some(&mobile));
    for d in 1..=4 {
        w.session(SourceKind::CoffeeChat, d, &[ana], "chat");
    }
    let s = w.session(SourceKind::SlaConversation, 2, &[], "SLA: 99.9%");
    w.observe(&s, "SLA: 99.9%", ObservationKind::Fact, &[ben], &[]);
    let c = w
        .store
        .read(|db| db.coverage(w.cycle.id))
        .expect("coverage");
    assert_eq!(c.channels.len(), 14);
    let used = |k| {
        c.channels
            .iter()
            .find(|ch| ch.kind == k)
            .expect("kind")
            .sessions
    };
    assert_eq!(
        (
            used(SourceKind::CoffeeChat),
            used(SourceKind::SlaConversation),
            used(SourceKind::UserSurvey)
        ),
        (4, 1, 0)
    );
    assert_eq!(
        c.teams[0].name, "Finance Systems",
        "the team not heard from comes first"
    );
    assert_eq!(c.teams[0].sessions + c.teams[0].observations, 0);
    let mobile_heard = c.teams.iter().find(|t| t.name == "Mobile").expect("mobile");
    assert_eq!(
        mobile_heard.observations, 1,
        "heard through an attributed observation"
    );
    assert_eq!(c.segments[0].segment, "Internal tools");
    assert_eq!(c.segments[0].teams_heard, 0);
    assert_eq!(c.threshold, 3);
    assert_eq!(c.ask_load[0].name, "Ana");
    assert_eq!(c.ask_load[0].ask_load, 4);
    w.store
        .write(|tx| tx.set_ask_load_threshold(5))
        .expect("threshold");
    assert_eq!(w.store.read(|db| db.ask_load_threshold()).expect("t"), 5);
    assert!(w.store.write(|tx| tx.set_ask_load_threshold(0)).is_err());
    // The 90-day window moves with the clock.
    w.clock.advance(Duration::days(120));
    assert_eq!(
        w.store
            .read(|db| db.person(ana))
            .expect("ana")
            .summary
            .ask_load,
        0
    );
}

#[test]
fn merging_two_people_keeps_every_attribution_and_can_be_undone() {
    let mut w = world();
    let data = w.add_team("Data", "");
    let a = w.add_person("Priya Raman", None);
    let b = w
        .store
        .write(|tx| {
            tx.create_person(&PersonInput {
                name: "Priya R.".into(),
                team_id: Some(data.id),
                role: "Staff engineer".into(),
                ..Default::default()
            })
        })
        .expect("b")
        .summary
        .id;
    let shared = w.session(SourceKind::DiscussionGroup, 3, &[a, b], "Both were there.");
    let only_b = w.session(SourceKind::CoffeeChat, 2, &[b], "Only the duplicate.");
    let o = w.observe(
        &only_b,
        "Only the duplicate.",
        ObservationKind::Quote,
        &[b],
        &[],
    );
    let done = w.store.write(|tx| tx.merge_people(a, b)).expect("merge");
    assert_eq!(done.links_moved, 3);
    let kept = w.store.read(|db| db.person(a)).expect("kept");
    assert_eq!(kept.sessions.len(), 2);
    assert_eq!(kept.observation_count, 1);
    assert_eq!(
        (kept.summary.team_id, kept.summary.role.as_str()),
        (Some(data.id), "Staff engineer"),
        "empty fields filled"
    );
    assert!(
        w.store.read(|db| db.person(b)).is_err(),
        "the duplicate is gone from sight"
    );
    assert_eq!(
        w.store
            .read(|db| db.session(shared.id))
            .expect("s")
            .people
            .len(),
        1
    );
    assert_eq!(
        w.store.read(|db| db.observation(o.id)).expect("o").people[0].id,
        a
    );
    assert!(
        w.store
            .read(|db| db.list_trash())
            .expect("trash")
            .is_empty(),
        "a merge is undone, not restored"
    );

    w.store
        .write(|tx| tx.undo_merge(done.merge_id))
        .expect("undo");
    let back = w.store.read(|db| db.person(b)).expect("back");
    assert_eq!(back.sessions.len(), 2);
    assert_eq!(
        w.store.read(|db| db.observation(o.id)).expect("o").people[0].id,
        b
    );
    let kept = w.store.read(|db| db.person(a)).expect("kept");
    assert_eq!(kept.sessions.len(), 1, "only the session it had before");
    assert_eq!(kept.summary.team_id, None, "its own fields as they were");
    assert_eq!(
        w.store
            .read(|db| db.session(shared.id))
            .expect("s")
            .people
            .len(),
        2
    );
    assert!(
        w.store.write(|tx| tx.undo_merge(done.merge_id)).is_err(),
        "undone once"
    );
    assert!(matches!(
        w.store.write(|tx| tx.merge_people(a, a)),
        Err(DomainError::CannotMerge(_))
    ));
}

#[test]
fn merging_two_observations_moves_people_tags_and_ideas_and_can_be_undone() {
    let mut w = world();
    let ana = w.add_person("Ana", None);
    let tom = w.add_person("Tom", None);
    let t = w.tag("deploys").id;
    let s = w.session(
        SourceKind::CoffeeChat,
        1,
        &[],
        "Deploys are slow. Deploys take ages.",
    );
    let kept = w.observe(&s, "Deploys are slow.", ObservationKind::Pain, &[ana], &[]);
    let dup = w.observe(
        &s,
        "Deploys take ages.",
        ObservationKind::Pain,
        &[tom],
        &[t],
    );
    let idea = w
        .store
        .write(|tx| {
            tx.create_idea(
                w.cycle.id,
                &IdeaInput {
                    title: "Faster deploys".into(),
                    evidence: vec![dup.id],
                    ..Default::default()
                },
            )
        })
        .expect("idea");
    let done = w
        .store
        .write(|tx| tx.merge_observations(kept.id, dup.id))
        .expect("merge");
    let merged = w.store.read(|db| db.observation(kept.id)).expect("kept");
    assert_eq!(merged.people.len(), 2);
    assert_eq!(merged.tags.len(), 1);
    assert_eq!(
        w.store.read(|db| db.idea(idea.id)).expect("idea").evidence[0].id,
        kept.id
    );
    assert_eq!(
        w.store
            .read(|db| db.list_observations(&ObservationQuery::default()))
            .expect("l")
            .matching,
        1
    );
    w.store
        .write(|tx| tx.undo_merge(done.merge_id))
        .expect("undo");
    assert_eq!(
        w.store
            .read(|db| db.observation(kept.id))
            .expect("k")
            .people
            .len(),
        1
    );
    assert_eq!(
        w.store
            .read(|db| db.observation(dup.id))
            .expect("d")
            .tags
            .len(),
        1
    );
    assert_eq!(
        w.store.read(|db| db.idea(idea.id)).expect("idea").evidence[0].id,
        dup.id
    );
}

#[test]
fn deleting_a_person_keeps_what_cites_them_and_restoring_brings_every_link_back() {
    let mut w = world();
    let ana = w.add_person("Ana", None);
    let s = w.session(SourceKind::CoffeeChat, 1, &[ana], "Quote.");
    let o = w.observe(&s, "Quote.", ObservationKind::Quote, &[ana], &[]);
    w.store.write(|tx| tx.delete_person(ana)).expect("delete");
    assert!(w
        .store
        .read(|db| db.session(s.id))
        .expect("s")
        .people
        .is_empty());
    let trash = w.store.read(|db| db.list_trash()).expect("trash");
    assert_eq!(
        (trash[0].entity, trash[0].title.as_str()),
        (TrashEntity::Person, "Ana")
    );
    w.store
        .write(|tx| tx.restore(TrashEntity::Person, ana))
        .expect("restore");
    assert_eq!(
        w.store.read(|db| db.session(s.id)).expect("s").people[0].id,
        ana
    );
    assert_eq!(
        w.store.read(|db| db.observation(o.id)).expect("o").people[0].id,
        ana
    );
    w.store
        .write(|tx| tx.delete_observation(o.id))
        .expect("trash o");
    assert!(w.store.read(|db| db.observation(o.id)).is_err());
    w.store
        .write(|tx| tx.restore(TrashEntity::Observation, o.id))
        .expect("restore o");
    assert_eq!(
        w.store
            .read(|db| db.observation(o.id))
            .expect("o")
            .people
            .len(),
        1
    );
}

#[test]
fn a_closed_cycle_refuses_new_and_changed_observations_and_ideas() {
    let mut w = world();
    let s = w.session(SourceKind::CoffeeChat, 1, &[], "Text.");
    let o = w.observe(&s, "Text.", ObservationKind::Fact, &[], &[]);
    let t = w.tag("t").id;
    for _ in 0..3 {
        w.store
            .write(|tx| tx.advance_cycle(w.cycle.id))
            .expect("advance");
    }
    let closed = |r: Result<(), DomainError>| matches!(r, Err(DomainError::CycleClosed { .. }));
    assert!(closed(
        w.store
            .write(|tx| tx.create_observation(&NewObservation {
                cycle_id: Some(w.cycle.id),
                text: "x".into(),
                ..Default::default()
            }))
            .map(|_| ())
    ));
    assert!(closed(w.store.write(|tx| tx.delete_observation(o.id))));
    assert!(closed(
        w.store
            .write(|tx| tx.tag_observations(t, &[o.id], true))
            .map(|_| ())
    ));
    assert!(closed(
        w.store
            .write(|tx| tx.create_idea(
                w.cycle.id,
                &IdeaInput {
                    title: "x".into(),
                    ..Default::default()
                }
            ))
            .map(|_| ())
    ));
    assert!(
        w.store
            .read(|db| db.observation(o.id))
            .expect("o")
            .read_only
    );
}

#[test]
fn the_sample_workspace_is_a_realistic_discovery_cycle() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("Sample.groundwork");
    let clock = common::clock_on(2026, 11, 21);
    sample::write_sample(&path, clock.clone()).expect("sample");
    assert!(
        sample::write_sample(&path, clock.clone()).is_err(),
        "never over an existing file"
    );
    let store = Store::open(&path, OpenMode::MustExist, clock).expect("opens");
    let cycle = store
        .read(|db| db.current_cycle())
        .expect("c")
        .expect("a current cycle");
    assert_eq!(cycle.mode, CycleMode::Discovery);
    let people = store
        .read(|db| db.list_people(&PeopleQuery::default()))
        .expect("people");
    assert!((14..=16).contains(&people.len()), "{}", people.len());
    assert_eq!(store.read(|db| db.list_teams()).expect("teams").len(), 6);
    let sessions = store
        .read(|db| {
            db.list_sessions(&SessionQuery {
                cycle_id: Some(cycle.id),
                ..Default::default()
            })
        })
        .expect("sessions");
    assert_eq!(
        sessions.total, 42,
        "40 in discovery and the survey's two waves; one more was heard late in the next"
    );
    assert_eq!(sessions.counts.len(), 14, "every source kind");
    let obs = store
        .read(|db| db.list_observations(&ObservationQuery::default()))
        .expect("obs");
    assert!((190..=220).contains(&obs.matching), "{}", obs.matching);
    assert!(obs
        .observations
        .iter()
        .all(|o| o.passage_state == PassageState::Found));
    let tags = store.read(|db| db.list_tags()).expect("tags");
    assert!(tags.len() >= 10);
    let ideas = store.read(|db| db.list_ideas(cycle.id)).expect("ideas");
    assert!(
        !ideas.is_empty() && ideas.iter().all(|i| !i.tags.is_empty()),
        "every idea is tagged"
    );
    assert!(
        tags.iter().any(|t| t.sessions > 0),
        "some sessions are tagged too"
    );
    let c = store.read(|db| db.coverage(cycle.id)).expect("coverage");
    assert!(
        c.teams.iter().any(|t| t.sessions + t.observations == 0),
        "a team not heard from"
    );
    assert!(
        c.ask_load.iter().any(|p| p.ask_load > c.threshold),
        "someone over the threshold"
    );
}

#[test]
fn the_sample_carries_a_zoom_and_a_teams_transcript_with_observations_said_at_a_time() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("Sample.groundwork");
    let clock = common::clock_on(2026, 11, 21);
    sample::write_sample(&path, clock.clone()).expect("sample");
    let store = Store::open(&path, OpenMode::MustExist, clock).expect("opens");
    let cycle = store
        .read(|db| db.current_cycle())
        .expect("c")
        .expect("a current cycle");
    let sessions = store
        .read(|db| {
            db.list_sessions(&SessionQuery {
                cycle_id: Some(cycle.id),
                ..Default::default()
            })
        })
        .expect("sessions");
    let mut with_transcripts = Vec::new();
    for s in &sessions.sessions {
        let transcripts = store
            .read(|db| db.session_transcripts(s.id))
            .expect("transcripts");
        if let Some(t) = transcripts.into_iter().next() {
            with_transcripts.push((s.clone(), t));
        }
    }
    let mut formats: Vec<TranscriptFormat> =
        with_transcripts.iter().map(|(_, t)| t.format).collect();
    formats.sort_by_key(|f| format!("{f:?}"));
    assert_eq!(
        formats,
        [TranscriptFormat::TeamsVtt, TranscriptFormat::ZoomVtt],
        "a Zoom cloud recording and a Teams meeting"
    );
    for (session, t) in &with_transcripts {
        assert!(
            t.turns.len() >= 24,
            "{}: {} turns",
            session.title,
            t.turns.len()
        );
        // The interviewer is us; everyone else is a participant of the session, named.
        let us: Vec<&TranscriptSpeaker> = t
            .speakers
            .iter()
            .filter(|s| s.role == SpeakerRole::Us)
            .collect();
        assert_eq!(us.len(), 1, "{}", session.title);
        assert!(us[0].person.is_none());
        let full = store.read(|db| db.session(session.id)).expect("session");
        for speaker in t
            .speakers
            .iter()
            .filter(|s| s.role == SpeakerRole::Participant)
        {
            let person = speaker.person.as_ref().expect("every participant is named");
            assert!(
                full.people.iter().any(|p| p.id == person.id),
                "{} takes part in {}",
                person.name,
                session.title
            );
        }
        // Observations taken from turns: said by the turn's speaker at a time in the talk.
        let taken: Vec<Uuid> = t
            .turns
            .iter()
            .flat_map(|turn| turn.observations.clone())
            .collect();
        assert!(
            taken.len() >= 2,
            "{}: {} observations",
            session.title,
            taken.len()
        );
        for id in taken {
            let o = store.read(|db| db.observation(id)).expect("observation");
            let turn = t
                .turns
                .iter()
                .find(|turn| Some(turn.id) == o.turn_id)
                .expect("its turn");
            assert!(turn.text.contains(&o.passage), "{}", o.passage);
            assert_eq!(o.session_id, Some(session.id));
            assert_eq!(o.speaker, turn.speaker);
            assert_eq!(
                o.people.iter().map(|p| p.id).collect::<Vec<_>>(),
                turn.person.iter().map(|p| p.id).collect::<Vec<_>>()
            );
            let said = o.said_at_ms.expect("said at a time");
            assert!(
                (turn.start_ms.expect("start")..=turn.end_ms.expect("end")).contains(&said),
                "{said} in its turn"
            );
            assert_eq!(o.passage_state, PassageState::Found);
        }
    }
}

#[test]
fn the_sample_workspace_prioritizes_what_it_heard_in_a_second_cycle() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("Sample.groundwork");
    let clock = common::clock_on(2026, 11, 21);
    sample::write_sample(&path, clock.clone()).expect("sample");
    let store = Store::open(&path, OpenMode::MustExist, clock).expect("opens");
    let cycles = store.read(|db| db.list_cycles()).expect("cycles");
    assert_eq!(cycles.len(), 2);
    let plan = cycles
        .iter()
        .find(|c| c.mode == CycleMode::Prioritization)
        .expect("a cycle in prioritization");
    assert!(!plan.current, "the discovery cycle is where a user starts");

    let pains = store.read(|db| db.list_pains(plan.id)).expect("pains");
    assert!((20..=30).contains(&pains.len()), "{}", pains.len());
    assert!(
        pains.iter().any(|p| !p.user_evidence),
        "no user evidence yet"
    );
    assert!(
        pains.iter().any(|p| !p.loud_voices.is_empty()),
        "a loud voice"
    );
    assert!(
        pains.iter().flat_map(|p| &p.evidence).any(|e| e.late_input),
        "late input backs a pain"
    );
    let buckets = store.read(|db| db.list_buckets(plan.id)).expect("buckets");
    assert_eq!(buckets.len(), 6);
    for kind in [
        BucketKind::Address,
        BucketKind::Eliminate,
        BucketKind::Empower,
    ] {
        assert!(buckets.iter().any(|b| b.kind == kind), "{kind:?}");
    }

    let ranking = store.read(|db| db.rank(plan.id)).expect("rank");
    assert_eq!(ranking.items.len(), pains.len());
    assert!(
        ranking.items[0].override_reason.is_some(),
        "placed #1 by hand"
    );
    let scored = ranking.items.iter().filter(|i| i.score.is_some()).count();
    assert!(scored >= 18, "{scored}");
    assert!(
        ranking.items[1..scored].iter().all(|i| i.score.is_some()),
        "scored pains come before unscored ones"
    );
    assert!(
        ranking.items.iter().any(|i| !i.reach.weights.is_empty()),
        "the trade-offs weigh someone"
    );

    let map = store.read(|db| db.tradeoffs(plan.id)).expect("trade-offs");
    assert!(map.serve.iter().any(|c| c.stance == Stance::Excellent));
    assert!(map.serve.iter().any(|c| c.stance == Stance::LessWell));
    assert_eq!(map.axes.len(), 3);

    let solutions = store
        .read(|db| db.list_solutions(plan.id))
        .expect("solutions");
    let status = |s: SolutionStatus| solutions.iter().filter(|x| x.status == s).count();
    assert_eq!(status(SolutionStatus::Validated), 1);
    assert_eq!(status(SolutionStatus::Disproven), 1);
    assert!(solutions
        .iter()
        .any(|s| s.vendor_absorb && !s.vendor_evidence.is_empty()));
    assert!(solutions.iter().any(|s| !s.capability_outcome.is_empty()));
    assert!(
        solutions.iter().all(|s| s.warnings.is_empty()),
        "{:?}",
        solutions.iter().map(|s| &s.warnings).collect::<Vec<_>>()
    );
    let balance = store.read(|db| db.plan_balance(plan.id)).expect("balance");
    let share = balance.immediate_share.expect("estimated");
    assert!((60.0..80.0).contains(&share) && share != 70.0, "{share}");
}

#[test]
fn a_person_keeps_their_team_link_while_the_team_is_in_the_trash() {
    let mut w = world();
    let data = w.add_team("Data", "");
    let ana = w.add_person("Ana", Some(&data));
    w.store
        .write(|tx| tx.delete_team(data.id))
        .expect("trash the team");
    let p = w.store.read(|db| db.person(ana)).expect("ana");
    assert_eq!(p.summary.team_id, Some(data.id), "the link is kept");
    assert_eq!(p.summary.team_name, "", "but no trashed team is shown");
    // Editing the person meanwhile keeps the link.
    w.store
        .write(|tx| {
            tx.update_person(
                ana,
                &PersonInput {
                    name: "Ana B".into(),
                    team_id: Some(data.id),
                    ..Default::default()
                },
            )
        })
        .expect("edit");
    w.store
        .write(|tx| tx.restore(TrashEntity::Team, data.id))
        .expect("restore");
    assert_eq!(
        w.store
            .read(|db| db.person(ana))
            .expect("ana")
            .summary
            .team_name,
        "Data"
    );
}

#[test]
fn a_search_broader_than_a_few_thousand_matches_lists_the_newest_first_says_so_and_counts_them() {
    let w = world();
    let mut last = None;
    for i in 0..=search::BROAD_MATCHES {
        last = Some(
            w.store
                .write(|tx| {
                    tx.create_observation(&NewObservation {
                        cycle_id: Some(w.cycle.id),
                        text: format!("deploys stall, case {i}"),
                        ..Default::default()
                    })
                })
                .expect("o")
                .id,
        );
    }
    let broad = w
        .store
        .read(|db| {
            db.search(&SearchQuery {
                text: "deploys".into(),
                ..Default::default()
            })
        })
        .expect("broad");
    assert_eq!(broad.order, SearchOrder::Newest);
    assert_eq!(
        broad.total,
        search::BROAD_MATCHES + 1,
        "and how many in all"
    );
    assert!(
        broad.order_reason.contains("Newest first"),
        "{}",
        broad.order_reason
    );
    assert_eq!(broad.hits[0].id, last.expect("last"), "the newest first");
    let narrow = w
        .store
        .read(|db| {
            db.search(&SearchQuery {
                text: "case 17".into(),
                ..Default::default()
            })
        })
        .expect("narrow");
    assert_eq!(
        narrow.order,
        SearchOrder::Relevance,
        "a narrow search is ranked"
    );
    assert!(narrow.notice.is_none());
}

// ---- Tagging ideas and sessions, the way observations are tagged ----

impl World {
    fn idea(&mut self, title: &str, tags: Option<Vec<Uuid>>) -> Idea {
        self.store
            .write(|tx| {
                tx.create_idea(
                    self.cycle.id,
                    &IdeaInput {
                        title: title.into(),
                        tags,
                        ..Default::default()
                    },
                )
            })
            .expect("idea")
    }

    fn counts_of(&self, tag: Uuid) -> (u32, u32, u32) {
        let t = self.store.read(|db| db.tag(tag)).expect("tag");
        (t.observations, t.sessions, t.ideas)
    }
}

fn names(tags: &[TagRef]) -> Vec<&str> {
    tags.iter().map(|t| t.name.as_str()).collect()
}

fn details(s: &Session, tags: Option<Vec<Uuid>>) -> SessionUpdate {
    SessionUpdate {
        kind: s.kind,
        title: s.title.clone(),
        held_on: s.held_on,
        people: s.people.iter().map(|p| p.id).collect(),
        links: s.links.clone(),
        tags,
    }
}

#[test]
fn ideas_and_sessions_carry_tags_and_an_update_without_tags_keeps_them() {
    let mut w = world();
    let ci = w.tag("CI");
    let flaky = w.tag("flaky tests");
    let idea = w.idea("Quarantine flaky tests", Some(vec![flaky.id, ci.id]));
    assert_eq!(names(&idea.tags), ["CI", "flaky tests"], "by name");

    let edited = w
        .store
        .write(|tx| {
            tx.update_idea(
                idea.id,
                &IdeaInput {
                    title: "Quarantine flaky tests, with an expiry".into(),
                    ..Default::default()
                },
            )
        })
        .expect("edit");
    assert_eq!(
        names(&edited.tags),
        ["CI", "flaky tests"],
        "absent tags stay"
    );
    let retagged = w
        .store
        .write(|tx| {
            tx.update_idea(
                idea.id,
                &IdeaInput {
                    title: edited.title.clone(),
                    tags: Some(vec![ci.id]),
                    ..Default::default()
                },
            )
        })
        .expect("retag");
    assert_eq!(names(&retagged.tags), ["CI"]);
    assert_eq!(
        names(&w.store.read(|db| db.list_ideas(w.cycle.id)).expect("ideas")[0].tags),
        ["CI"]
    );

    let s = w.session(SourceKind::CoffeeChat, 1, &[], "Builds are slow.");
    assert!(s.tags.is_empty());
    let s = w
        .store
        .write(|tx| tx.update_session(s.id, &details(&s, Some(vec![flaky.id]))))
        .expect("tag the session");
    assert_eq!(names(&s.tags), ["flaky tests"]);
    let s = w
        .store
        .write(|tx| tx.update_session(s.id, &details(&s, None)))
        .expect("edit details");
    assert_eq!(names(&s.tags), ["flaky tests"], "absent tags stay");
    let o = w.observe(&s, "Builds are slow.", ObservationKind::Pain, &[], &[ci.id]);

    assert_eq!(w.counts_of(ci.id), (1, 0, 1), "counted per kind");
    assert_eq!(w.counts_of(flaky.id), (0, 1, 0));
    w.store
        .write(|tx| tx.delete_idea(idea.id))
        .expect("trash the idea");
    w.store
        .write(|tx| tx.delete_observation(o.id))
        .expect("trash the observation");
    assert_eq!(w.counts_of(ci.id), (0, 0, 0), "the trash is not counted");

    let many: Vec<Uuid> = (0..51).map(|i| w.tag(&format!("t{i}")).id).collect();
    let err = w
        .store
        .write(|tx| tx.update_session(s.id, &details(&s, Some(many))))
        .expect_err("too many");
    assert!(
        err.to_string().contains("a session holds at most 50 tags"),
        "{err}"
    );
    let err = w
        .store
        .write(|tx| tx.update_session(s.id, &details(&s, Some(vec![Uuid::nil()]))))
        .expect_err("unknown tag");
    assert!(matches!(err, DomainError::NotFound { entity: "tag", .. }));
    assert_eq!(
        names(&w.store.read(|db| db.session(s.id)).expect("s").tags),
        ["flaky tests"],
        "a refused update changes nothing"
    );
}

#[test]
fn many_ideas_and_sessions_are_tagged_at_once_all_or_nothing_and_never_in_a_closed_cycle() {
    let mut w = world();
    let tag = w.tag("portal");
    let ideas: Vec<Uuid> = (0..3)
        .map(|i| w.idea(&format!("Idea {i}"), None).id)
        .collect();
    let sessions: Vec<Uuid> = (0..2)
        .map(|i| w.session(SourceKind::CoffeeChat, i, &[], "Notes.").id)
        .collect();
    assert_eq!(
        w.store
            .write(|tx| tx.tag_ideas(tag.id, &ideas, true))
            .expect("tag"),
        3
    );
    assert_eq!(
        w.store
            .write(|tx| tx.tag_ideas(tag.id, &ideas, true))
            .expect("again"),
        0,
        "only what changed is counted"
    );
    assert_eq!(
        w.store
            .write(|tx| tx.tag_sessions(tag.id, &sessions, true))
            .expect("tag"),
        2
    );
    assert_eq!(w.counts_of(tag.id), (0, 2, 3));
    assert_eq!(
        w.store
            .write(|tx| tx.tag_ideas(tag.id, &ideas[..1], false))
            .expect("untag"),
        1
    );
    assert!(w
        .store
        .read(|db| db.idea(ideas[0]))
        .expect("i")
        .tags
        .is_empty());
    assert!(matches!(
        w.store.write(|tx| tx.tag_ideas(Uuid::nil(), &ideas, true)),
        Err(DomainError::NotFound { entity: "tag", .. })
    ));

    // A closed cycle's ideas are read-only: tagging one of them refuses the whole batch.
    let old = w
        .store
        .write(|tx| tx.create_cycle("2026 H2"))
        .expect("old cycle");
    let old_idea = w
        .store
        .write(|tx| {
            tx.create_idea(
                old.id,
                &IdeaInput {
                    title: "Old idea".into(),
                    ..Default::default()
                },
            )
        })
        .expect("old idea");
    for step in ["prioritization", "roadmap", "closed"] {
        w.store.write(|tx| tx.advance_cycle(old.id)).expect(step);
    }
    let both = [ideas[0], old_idea.id];
    assert!(w
        .store
        .write(|tx| tx.tag_ideas(tag.id, &both, true))
        .is_err());
    assert!(
        w.store
            .read(|db| db.idea(ideas[0]))
            .expect("i")
            .tags
            .is_empty(),
        "nothing of a refused batch is written"
    );
}

#[test]
fn merging_tags_moves_every_idea_and_session_link_and_undo_puts_each_back() {
    let mut w = world();
    let k8s = w.tag("kubernetes");
    let k8s_dup = w.tag("k8s");
    let both = w.idea("Upgrade readiness report", Some(vec![k8s.id, k8s_dup.id]));
    let only_dup = w.idea("Self-serve namespaces", Some(vec![k8s_dup.id]));
    let s = w.session(SourceKind::PeerCompanyChat, 2, &[], "Upgrades hurt.");
    w.store
        .write(|tx| tx.tag_sessions(k8s_dup.id, &[s.id], true))
        .expect("tag session");

    let done = w
        .store
        .write(|tx| tx.merge_tags(k8s.id, k8s_dup.id))
        .expect("merge");
    assert_eq!(done.links_moved, 3);
    assert_eq!(
        names(&w.store.read(|db| db.idea(both.id)).expect("i").tags),
        ["kubernetes"]
    );
    assert_eq!(
        names(&w.store.read(|db| db.idea(only_dup.id)).expect("i").tags),
        ["kubernetes"]
    );
    assert_eq!(
        names(&w.store.read(|db| db.session(s.id)).expect("s").tags),
        ["kubernetes"]
    );
    assert_eq!(w.counts_of(k8s.id), (0, 1, 2));

    w.store
        .write(|tx| tx.undo_merge(done.merge_id))
        .expect("undo");
    assert_eq!(
        names(&w.store.read(|db| db.idea(both.id)).expect("i").tags),
        ["k8s", "kubernetes"],
        "the one both had keeps both"
    );
    assert_eq!(
        names(&w.store.read(|db| db.idea(only_dup.id)).expect("i").tags),
        ["k8s"]
    );
    assert_eq!(
        names(&w.store.read(|db| db.session(s.id)).expect("s").tags),
        ["k8s"]
    );
    assert_eq!(w.counts_of(k8s.id), (0, 0, 1));
}

#[test]
fn a_trashed_tag_stays_on_an_idea_edited_meanwhile_and_shows_again_on_restore() {
    let mut w = world();
    let cost = w.tag("cost");
    let idea = w.idea("Cost showback per team", Some(vec![cost.id]));
    w.store
        .write(|tx| tx.delete_tag(cost.id))
        .expect("trash the tag");
    let edited = w
        .store
        .write(|tx| {
            tx.update_idea(
                idea.id,
                &IdeaInput {
                    title: "Cost showback".into(),
                    tags: Some(vec![]),
                    ..Default::default()
                },
            )
        })
        .expect("edit while the tag is in the trash");
    assert!(edited.tags.is_empty(), "a trashed tag is not shown");
    w.store
        .write(|tx| tx.restore(TrashEntity::Tag, cost.id))
        .expect("restore");
    assert_eq!(
        names(&w.store.read(|db| db.idea(idea.id)).expect("i").tags),
        ["cost"]
    );
}

#[test]
fn tag_filters_and_tag_fields_find_tagged_ideas_and_sessions_with_counts_per_kind() {
    let mut w = world();
    let priya = w.add_person("Priya", None);
    let flaky = w.tag("flaky tests");
    let other = w.tag("docs");
    let chat = w.session(SourceKind::CoffeeChat, 3, &[priya], "Reruns everywhere.");
    let reading = w.session(
        SourceKind::AcademicResearch,
        5,
        &[],
        "Literature on flakiness.",
    );
    w.store
        .write(|tx| tx.tag_sessions(flaky.id, &[chat.id, reading.id], true))
        .expect("tag sessions");
    w.observe(
        &chat,
        "Reruns everywhere.",
        ObservationKind::Pain,
        &[priya],
        &[flaky.id],
    );
    w.idea("Quarantine tests automatically", Some(vec![flaky.id]));
    w.idea("Weekly digest", Some(vec![other.id]));

    let search = |text: &str, filter: ObservationFilter| {
        w.store
            .read(|db| {
                db.search(&SearchQuery {
                    text: text.into(),
                    filter,
                    ..Default::default()
                })
            })
            .expect("search")
    };
    let by_tag = ObservationFilter {
        tag_ids: vec![flaky.id],
        ..Default::default()
    };
    // The same in the query and from the filter bar (with words: a search needs one).
    for found in [
        search("tag:\"flaky tests\"", ObservationFilter::default()),
        search(
            "quarantine OR reruns OR flakiness OR digest",
            by_tag.clone(),
        ),
    ] {
        let c = &found.counts;
        assert_eq!(
            (c.observations, c.sessions, c.ideas, c.people, c.tags),
            (1, 2, 1, 0, 0),
            "{:?}",
            found.understood
        );
        assert!(found
            .hits
            .iter()
            .any(|h| h.entity == SearchEntity::Idea && h.title.contains("Quarantine")));
        assert!(!found.hits.iter().any(|h| h.title.contains("digest")));
    }
    // Words and a tag: only the tagged things holding the word.
    let found = search("quarantine tag:flaky", ObservationFilter::default());
    assert_eq!((found.total, found.counts.ideas), (1, 1));

    // A person describes sessions and observations, not ideas.
    let found = search("person:priya tag:flaky", ObservationFilter::default());
    let c = &found.counts;
    assert_eq!((c.observations, c.sessions, c.ideas), (1, 1, 0));
    // A kind describes observations alone.
    let found = search("kind:pain reruns OR quarantine", by_tag);
    let c = &found.counts;
    assert_eq!((c.observations, c.sessions, c.ideas), (1, 0, 0));
}
