//! Closing the loop on a real store: check-in rhythms with a due and overdue list and
//! the three answers kept by date; SLAs expected against delivered with a history;
//! adoption and migration milestones; kudos cited like observations; and "you said,
//! we did" answers with each team's digest exported as Markdown and HTML.

mod common;

use common::*;
use groundwork_core::*;
use uuid::Uuid;

fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn answers(on: &str, goals: &str) -> CheckinInput {
    CheckinInput {
        held_on: day(on),
        goals: goals.into(),
        support: "Keep us posted on runner changes".into(),
        interaction: "A short monthly call".into(),
    }
}

fn in_trash(w: &World, id: Uuid) -> bool {
    w.store
        .read(|db| db.list_trash())
        .expect("trash")
        .iter()
        .any(|t| t.id == id)
}

#[test]
fn a_rhythm_lists_who_is_due_and_overdue_from_their_last_contact() {
    // The clock reads 2026-12-01; `heard` holds its session on 2026-11-20.
    let w = world();
    let talked = w.person("Ana Talked", None, Relation::Stakeholder);
    let lapsed = w.person("Bo Lapsed", None, Relation::Stakeholder);
    let never = w.person("Cy Never", None, Relation::Stakeholder);
    let _no_rhythm = w.person("Di Free", None, Relation::Stakeholder);
    w.heard(SourceKind::StakeholderFeedback, "Flaky deploys", &[talked]);
    w.store
        .write(|tx| tx.record_checkin(lapsed, &answers("2026-11-01", "Ship faster")))
        .expect("check-in");
    w.store
        .write(|tx| tx.set_checkin_rhythm(talked, Some(6)))
        .expect("six weeks");
    w.store
        .write(|tx| tx.set_checkin_rhythm(lapsed, Some(2)))
        .expect("two weeks");
    w.store
        .write(|tx| tx.set_checkin_rhythm(never, Some(4)))
        .expect("four weeks");

    let due = w.store.read(|db| db.checkins_due()).expect("due");
    let names: Vec<&str> = due.iter().map(|d| d.person.name.as_str()).collect();
    assert_eq!(
        names,
        ["Bo Lapsed", "Cy Never", "Ana Talked"],
        "most overdue first"
    );
    assert_eq!(due[0].state, DueState::Overdue);
    assert_eq!(due[0].due_on, day("2026-11-15"));
    assert_eq!(due[0].days_overdue, 16);
    assert_eq!(due[1].state, DueState::Due, "never contacted is due today");
    assert_eq!(due[1].last_contact, None);
    assert_eq!(due[2].state, DueState::Upcoming);
    assert_eq!(due[2].last_contact, Some(day("2026-11-20")));
    assert_eq!(due[2].due_on, day("2027-01-01"));

    for bad in [0, 105] {
        let err = w
            .store
            .write(|tx| tx.set_checkin_rhythm(talked, Some(bad)))
            .expect_err("out of range");
        assert!(err.to_string().contains("1 to 104 weeks"), "{err}");
    }
    w.store
        .write(|tx| tx.set_checkin_rhythm(talked, None))
        .expect("no rhythm");
    assert_eq!(w.store.read(|db| db.checkins_due()).expect("due").len(), 2);
    assert_eq!(
        w.store
            .read(|db| db.person(lapsed))
            .expect("profile")
            .checkin_weeks,
        Some(2)
    );
}

#[test]
fn check_ins_keep_the_three_answers_by_date_and_the_newest_shows_on_the_profile() {
    let w = world();
    let lena = w.person("Lena Ortiz", None, Relation::Stakeholder);
    w.store
        .write(|tx| tx.record_checkin(lena, &answers("2026-06-01", "Ship faster")))
        .expect("June");
    w.store
        .write(|tx| tx.record_checkin(lena, &answers("2026-11-01", "Cut cloud cost by a fifth")))
        .expect("November");
    let old = w
        .store
        .write(|tx| tx.record_checkin(lena, &answers("2026-01-10", "Pass the audit")))
        .expect("January, entered late");
    let profile = w.store.read(|db| db.person(lena)).expect("profile");
    assert_eq!(
        profile.goals, "Cut cloud cost by a fifth",
        "the newest answers show"
    );
    assert_eq!(profile.interaction, "A short monthly call");
    let goals: Vec<&str> = profile.checkins.iter().map(|c| c.goals.as_str()).collect();
    assert_eq!(
        goals,
        ["Cut cloud cost by a fifth", "Ship faster", "Pass the audit"],
        "how the goals changed, newest first"
    );

    let empty = CheckinInput {
        held_on: day("2026-11-02"),
        goals: " ".into(),
        support: String::new(),
        interaction: String::new(),
    };
    let err = w
        .store
        .write(|tx| tx.record_checkin(lena, &empty))
        .expect_err("empty");
    assert!(
        err.to_string()
            .contains("at least one of the three answers"),
        "{err}"
    );

    w.store
        .write(|tx| tx.delete_checkin(old.id))
        .expect("delete");
    assert!(in_trash(&w, old.id));
    assert_eq!(
        w.store
            .read(|db| db.person(lena))
            .expect("profile")
            .checkins
            .len(),
        2
    );
    w.store
        .write(|tx| tx.restore(TrashEntity::Checkin, old.id))
        .expect("restore");
    assert_eq!(
        w.store
            .read(|db| db.person(lena))
            .expect("profile")
            .checkins
            .len(),
        3
    );

    // A duplicate merged into her brings its history along, and undo takes it back.
    let twin = w.person("L. Ortiz", None, Relation::Stakeholder);
    w.store
        .write(|tx| tx.record_checkin(twin, &answers("2026-03-03", "Fewer pages at night")))
        .expect("twin's");
    let done = w
        .store
        .write(|tx| tx.merge_people(lena, twin))
        .expect("merge");
    let kept = w.store.read(|db| db.person(lena)).expect("kept");
    assert_eq!(kept.checkins.len(), 4);
    assert!(kept
        .checkins
        .iter()
        .any(|c| c.goals == "Fewer pages at night"));
    w.store
        .write(|tx| tx.undo_merge(done.merge_id))
        .expect("undo");
    assert_eq!(
        w.store
            .read(|db| db.person(lena))
            .expect("kept")
            .checkins
            .len(),
        3
    );
}

fn sla(w: &World, team: Uuid, service: &str, measure: &str, better: Better) -> Sla {
    w.store
        .write(|tx| {
            tx.create_sla(&SlaInput {
                service: service.into(),
                team_id: team,
                measure: measure.into(),
                unit: if better == Better::Higher { "%" } else { "min" }.into(),
                better,
            })
        })
        .expect("SLA")
}

fn level(w: &World, sla: Uuid, kind: LevelKind, value: f64, on: &str) -> Sla {
    w.store
        .write(|tx| {
            tx.add_sla_level(
                sla,
                &SlaLevelInput {
                    kind,
                    value,
                    on_date: day(on),
                    session_id: None,
                    note: String::new(),
                },
            )
        })
        .expect("level")
}

#[test]
fn an_sla_shows_expected_against_delivered_with_its_history_and_the_worst_gap_first() {
    let w = world();
    let payments = w.team("Payments", "Fintech");
    let met = sla(&w, payments, "CI runners", "Build time p95", Better::Lower);
    level(&w, met.id, LevelKind::Expected, 10.0, "2026-09-01");
    let met = level(&w, met.id, LevelKind::Delivered, 8.0, "2026-11-01");
    assert_eq!(met.met, Some(true));
    assert_eq!(met.gap, Some(2.0));

    let short = sla(&w, payments, "CI runners", "Availability", Better::Higher);
    let lead = w.person("Lena Ortiz", Some(payments), Relation::Stakeholder);
    let talk = w.store.write(|tx| {
        tx.create_session(&NewSession {
            cycle_id: w.cycle.id,
            kind: SourceKind::SlaConversation,
            title: "SLA talk with Payments".into(),
            held_on: day("2026-08-01"),
            people: vec![lead],
            links: vec![],
            tags: vec![],
            notes: None,
        })
    });
    let talk = talk.expect("session");
    w.store
        .write(|tx| {
            tx.add_sla_level(
                short.id,
                &SlaLevelInput {
                    kind: LevelKind::Expected,
                    value: 99.9,
                    on_date: day("2026-08-01"),
                    session_id: Some(talk.id),
                    note: "Heard in the SLA talk".into(),
                },
            )
        })
        .expect("expected");
    level(&w, short.id, LevelKind::Delivered, 99.5, "2026-10-01");
    let short = level(&w, short.id, LevelKind::Delivered, 99.7, "2026-11-01");
    assert_eq!(short.expected, Some(99.9));
    assert_eq!(short.delivered, Some(99.7), "the latest delivered level");
    assert_eq!(short.met, Some(false));
    assert!((short.gap.expect("gap") + 0.2).abs() < 1e-9);
    let history: Vec<f64> = short.levels.iter().map(|l| l.value).collect();
    assert_eq!(history, [99.9, 99.5, 99.7], "oldest first: the trend");
    assert_eq!(short.levels[0].session_id, Some(talk.id));

    let unknown = sla(
        &w,
        payments,
        "Artifact store",
        "Availability",
        Better::Higher,
    );
    level(&w, unknown.id, LevelKind::Expected, 99.0, "2026-10-01");

    let order: Vec<Uuid> = w
        .store
        .read(|db| db.list_slas())
        .expect("slas")
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(
        order,
        [short.id, unknown.id, met.id],
        "short first, unknown, then met"
    );

    let err = w
        .store
        .write(|tx| {
            tx.create_sla(&SlaInput {
                service: "ci RUNNERS".into(),
                team_id: payments,
                measure: "availability".into(),
                unit: String::new(),
                better: Better::Higher,
            })
        })
        .expect_err("same SLA twice");
    assert!(err.to_string().contains("already has an SLA"), "{err}");
    let err = w
        .store
        .write(|tx| {
            tx.add_sla_level(
                short.id,
                &SlaLevelInput {
                    kind: LevelKind::Delivered,
                    value: f64::NAN,
                    on_date: day("2026-11-02"),
                    session_id: None,
                    note: String::new(),
                },
            )
        })
        .expect_err("not a number");
    assert!(err.to_string().contains("a level is a number"), "{err}");

    w.store.write(|tx| tx.delete_sla(short.id)).expect("delete");
    assert!(in_trash(&w, short.id));
    assert_eq!(w.store.read(|db| db.list_slas()).expect("slas").len(), 2);
    w.store
        .write(|tx| tx.restore(TrashEntity::Sla, short.id))
        .expect("restore");
    let back = w.store.read(|db| db.list_slas()).expect("slas");
    assert_eq!(back[0].levels.len(), 3, "with its whole history");
}

#[test]
fn milestones_show_how_much_of_a_team_has_moved_and_which_are_late() {
    // Today is 2026-12-01.
    let w = world();
    let data = w.team("Data Platform", "Data & ML");
    let m = w
        .store
        .write(|tx| {
            tx.create_adoption(&AdoptionInput {
                team_id: data,
                capability: "Jenkins to GitHub Actions".into(),
                kind: AdoptionKind::Migration,
            })
        })
        .expect("migration");
    assert_eq!(m.state, AdoptionState::NotPlanned);
    let step =
        |title: &str, planned: &str, done: Option<&str>, percent: Option<f64>| MilestoneInput {
            title: title.into(),
            planned_on: Some(day(planned)),
            done_on: done.map(day),
            percent,
        };
    w.store
        .write(|tx| {
            tx.add_milestone(
                m.id,
                &step(
                    "First pipeline",
                    "2026-10-01",
                    Some("2026-10-05"),
                    Some(20.0),
                ),
            )
        })
        .expect("done one");
    let a = w
        .store
        .write(|tx| {
            tx.add_milestone(
                m.id,
                &step("Half the repos", "2026-11-15", None, Some(50.0)),
            )
        })
        .expect("late one");
    assert_eq!(a.percent, 20.0);
    assert_eq!(a.state, AdoptionState::Late);
    assert!(a.milestones[1].late);

    let half = a.milestones[1].id;
    let a = w
        .store
        .write(|tx| {
            tx.update_milestone(
                half,
                &step(
                    "Half the repos",
                    "2026-11-15",
                    Some("2026-11-28"),
                    Some(55.0),
                ),
            )
        })
        .expect("done late");
    assert_eq!(
        (a.percent, a.state),
        (100.0, AdoptionState::Done),
        "every milestone done"
    );
    let a = w
        .store
        .write(|tx| tx.add_milestone(m.id, &step("Jenkins off", "2027-03-01", None, Some(100.0))))
        .expect("next");
    assert_eq!((a.percent, a.state), (55.0, AdoptionState::OnTrack));

    let err = w
        .store
        .write(|tx| tx.add_milestone(m.id, &step("Too much", "2027-01-01", None, Some(140.0))))
        .expect_err("over 100");
    assert!(err.to_string().contains("between 0 and 100"), "{err}");
    let err = w
        .store
        .write(|tx| {
            tx.add_milestone(
                m.id,
                &MilestoneInput {
                    title: "Someday".into(),
                    planned_on: None,
                    done_on: None,
                    percent: None,
                },
            )
        })
        .expect_err("no date");
    assert!(err.to_string().contains("planned for"), "{err}");

    let a = w
        .store
        .write(|tx| tx.delete_milestone(half))
        .expect("delete");
    assert_eq!(a.milestones.len(), 2);
    assert!(in_trash(&w, half));
    w.store
        .write(|tx| tx.restore(TrashEntity::AdoptionMilestone, half))
        .expect("restore");
    assert_eq!(
        w.store.read(|db| db.list_adoptions()).expect("list")[0]
            .milestones
            .len(),
        3
    );
}

#[test]
fn a_kudos_names_its_people_and_is_cited_in_a_document_like_an_observation() {
    let w = world();
    let payments = w.team("Payments", "Fintech");
    let priya = w.person("Priya Raman", Some(payments), Relation::InternalUser);
    let k = w
        .store
        .write(|tx| {
            tx.create_kudos(&KudosInput {
                direction: KudosDirection::Received,
                given_on: day("2026-11-25"),
                what: "The new runners saved our release <script>alert(1)</script>".into(),
                people: vec![priya],
            })
        })
        .expect("kudos");
    assert_eq!(k.teams, ["Payments"]);
    assert_eq!(k.people[0].name, "Priya Raman");
    let err = w
        .store
        .write(|tx| {
            tx.create_kudos(&KudosInput {
                direction: KudosDirection::Given,
                given_on: day("2026-11-25"),
                what: "  ".into(),
                people: vec![],
            })
        })
        .expect_err("what for");
    assert!(err.to_string().contains("what the kudos was for"), "{err}");

    w.prioritize();
    let body = format!(
        "# Charter\n\nUsers notice the runners.{}\n",
        CitedKind::Kudos.token(k.id)
    );
    w.store
        .write(|tx| tx.save_document(w.cycle.id, DocumentKind::Charter, &body, None))
        .expect("save");
    let md = w
        .store
        .read(|db| db.export(w.cycle.id, ExportDoc::Charter, ExportFormat::Md))
        .expect("md");
    assert!(
        md.content
            .contains("Kudos: “The new runners saved our release")
            && md.content.contains("— Priya Raman (Payments); 2026-11-25."),
        "{}",
        md.content
    );
    let html = w
        .store
        .read(|db| db.export(w.cycle.id, ExportDoc::Charter, ExportFormat::Html))
        .expect("html");
    assert!(!html.content.contains("<script>alert"), "{}", html.content);

    w.store.write(|tx| tx.delete_kudos(k.id)).expect("delete");
    let doc = w
        .store
        .read(|db| db.document(w.cycle.id, DocumentKind::Charter))
        .expect("doc");
    assert_eq!(doc.citations[0].state, CitationState::Trashed);
    assert!(doc.citations[0].kept.text.starts_with("The new runners"));
}

#[test]
fn answers_close_the_loop_and_each_team_gets_a_digest_of_what_it_said_and_what_we_did() {
    let w = world();
    let payments = w.team("Payments", "Fintech");
    let data = w.team("Data Platform", "Data & ML");
    let priya = w.person("Priya Raman", Some(payments), Relation::InternalUser);
    let omar = w.person("Omar Haddad", Some(payments), Relation::InternalUser);
    let dana = w.person("Dana Kim", Some(data), Relation::InternalUser);
    let slow = w.heard(
        SourceKind::CoffeeChat,
        "Runners take ten minutes to start",
        &[priya],
    );
    let flaky = w.heard(
        SourceKind::CoffeeChat,
        "Deploys fail <b>at night</b>",
        &[omar],
    );
    let open = w.heard(SourceKind::CoffeeChat, "Docs are hard to find", &[priya]);
    let theirs = w.heard(
        SourceKind::CoffeeChat,
        "Spark jobs queue for hours",
        &[dana],
    );
    w.prioritize();
    let pain = w.pain("Deploys are unreliable", &[flaky, theirs]);

    let a = w
        .store
        .write(|tx| {
            tx.mark_answered(
                AnswerTarget::Observation(slow),
                &AnswerInput {
                    what_done: "Runners now start in under a minute".into(),
                    done_on: day("2026-11-30"),
                    solution_id: None,
                    roadmap_item_id: None,
                },
            )
        })
        .expect("answered");
    assert_eq!(a.target, AnswerTarget::Observation(slow));
    w.store
        .write(|tx| {
            tx.mark_answered(
                AnswerTarget::Pain(pain.id),
                &AnswerInput {
                    what_done: "Deploys retry safely & page no one".into(),
                    done_on: day("2026-11-28"),
                    solution_id: None,
                    roadmap_item_id: None,
                },
            )
        })
        .expect("pain answered");
    // Marking again changes the answer; it does not make a second one.
    w.store
        .write(|tx| {
            tx.mark_answered(
                AnswerTarget::Observation(slow),
                &AnswerInput {
                    what_done: "Runners now start in under 40 seconds".into(),
                    done_on: day("2026-12-01"),
                    solution_id: None,
                    roadmap_item_id: None,
                },
            )
        })
        .expect("changed");
    assert_eq!(
        w.store.read(|db| db.list_answers()).expect("answers").len(),
        2
    );

    let d = w
        .store
        .read(|db| db.team_digest(payments, None))
        .expect("digest");
    assert_eq!(
        (d.answered, d.open),
        (3, 1),
        "the pain, both sayings; the docs remain"
    );
    let texts: Vec<&str> = d.observations.iter().map(|i| i.text.as_str()).collect();
    assert!(
        !texts.contains(&"Spark jobs queue for hours"),
        "another team's words"
    );
    let flaky_item = d
        .observations
        .iter()
        .find(|i| i.target == AnswerTarget::Observation(flaky))
        .expect("flaky");
    assert_eq!(
        flaky_item.via_pain.as_deref(),
        Some("Deploys are unreliable")
    );
    assert_eq!(
        d.observations.last().map(|i| i.target),
        Some(AnswerTarget::Observation(open)),
        "open items last"
    );
    assert_eq!(
        w.store
            .read(|db| db.team_digest(data, None))
            .expect("data")
            .answered,
        2
    );

    let md = w
        .store
        .read(|db| db.export_digest(payments, Some(w.cycle.id), ExportFormat::Md))
        .expect("md");
    assert_eq!(md.file_name, "You said, we did - Payments.md");
    assert!(md.content.contains("## What we did"), "{}", md.content);
    assert!(md
        .content
        .contains("**We did:** Runners now start in under 40 seconds (2026-12-01)"));
    assert!(md
        .content
        .contains("## What we heard and are still working on"));
    assert!(md.content.contains("“Docs are hard to find” — Priya Raman"));
    let html = w
        .store
        .read(|db| db.export_digest(payments, None, ExportFormat::Html))
        .expect("html");
    assert!(!html.content.contains("<b>at night</b>"), "text stays text");
    assert!(
        html.content.contains("&lt;b&gt;at night&lt;/b&gt;"),
        "{}",
        html.content
    );
    assert!(html.content.contains("retry safely &amp; page no one"));

    // Taking an answer back puts it in the trash; a new answer meanwhile wins.
    w.store
        .write(|tx| tx.unmark_answered(AnswerTarget::Observation(slow)))
        .expect("unmark");
    assert_eq!(
        w.store
            .read(|db| db.answer_of(AnswerTarget::Observation(slow)))
            .expect("read"),
        None
    );
    assert!(in_trash(&w, a.id));
    w.store
        .write(|tx| {
            tx.mark_answered(
                AnswerTarget::Observation(slow),
                &AnswerInput {
                    what_done: "Answered again".into(),
                    done_on: day("2026-12-01"),
                    solution_id: None,
                    roadmap_item_id: None,
                },
            )
        })
        .expect("again");
    let err = w
        .store
        .write(|tx| tx.restore(TrashEntity::Answer, a.id))
        .expect_err("two answers");
    assert!(err.to_string().contains("answered again since"), "{err}");

    let err = w
        .store
        .write(|tx| {
            tx.mark_answered(
                AnswerTarget::Pain(Uuid::nil()),
                &AnswerInput {
                    what_done: "x".into(),
                    done_on: day("2026-12-01"),
                    solution_id: None,
                    roadmap_item_id: None,
                },
            )
        })
        .expect_err("no such pain");
    assert!(
        matches!(err, DomainError::NotFound { entity: "pain", .. }),
        "{err}"
    );
}

#[test]
fn an_answer_naming_a_roadmap_item_takes_its_solution_and_refuses_another_ones() {
    let w = world();
    let payments = w.team("Payments", "Fintech");
    let priya = w.person("Priya Raman", Some(payments), Relation::InternalUser);
    let slow = w.heard(SourceKind::CoffeeChat, "Builds are slow", &[priya]);
    w.prioritize();
    let bucket = w
        .store
        .write(|tx| {
            tx.create_bucket(
                w.cycle.id,
                &BucketInput {
                    name: "Slow CI".into(),
                    kind: BucketKind::Eliminate,
                },
            )
        })
        .expect("bucket");
    let solution = |title: &str| {
        w.store
            .write(|tx| {
                tx.create_solution(
                    bucket.id,
                    &SolutionInput {
                        title: title.into(),
                        notes: String::new(),
                        horizon: Horizon::Immediate,
                        status: SolutionStatus::Unvalidated,
                        effort: None,
                        capability: String::new(),
                        capability_outcome: String::new(),
                        vendor_absorb: false,
                        vendor_evidence: vec![],
                    },
                )
            })
            .expect("solution")
            .id
    };
    let (cache, runners) = (solution("Remote build cache"), solution("Faster runners"));
    let item = w
        .store
        .write(|tx| {
            tx.create_roadmap_item(
                cache,
                Lane::Now,
                &RoadmapItemInput {
                    title: "Cache for the three largest repos".into(),
                    value: "They build in half the time".into(),
                    quarter: None,
                    confidence: Confidence::Medium,
                    status: ItemStatus::Draft,
                    work: Work::Capability,
                    effort: None,
                    depends_on: vec![],
                },
            )
        })
        .expect("item");
    let answer = |solution_id: Option<Uuid>| AnswerInput {
        what_done: "The largest repos build from the cache".into(),
        done_on: day("2026-12-01"),
        solution_id,
        roadmap_item_id: Some(item.id),
    };
    let a = w
        .store
        .write(|tx| tx.mark_answered(AnswerTarget::Observation(slow), &answer(None)))
        .expect("answered");
    assert_eq!(
        a.solution.map(|s| s.title).as_deref(),
        Some("Remote build cache")
    );
    assert_eq!(
        a.roadmap_item.map(|i| i.title).as_deref(),
        Some("Cache for the three largest repos")
    );
    let err = w
        .store
        .write(|tx| tx.mark_answered(AnswerTarget::Observation(slow), &answer(Some(runners))))
        .expect_err("another solution's item");
    assert!(
        err.to_string().contains("a phase of another solution"),
        "{err}"
    );
    let md = w
        .store
        .read(|db| db.export_digest(payments, None, ExportFormat::Md))
        .expect("digest");
    assert!(
        md.content.contains(
            "· Solution: Remote build cache · Roadmap: Cache for the three largest repos"
        ),
        "{}",
        md.content
    );
}

#[test]
fn the_sample_has_a_survey_of_two_waves_and_everything_that_closes_the_loop_to_explore() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("Sample.groundwork");
    let clock = clock_on(2026, 11, 21);
    sample::write_sample(&path, clock.clone()).expect("sample");
    let store = Store::open(&path, OpenMode::MustExist, clock).expect("opens");

    let surveys = store.read(|db| db.list_surveys()).expect("surveys");
    assert_eq!(surveys.len(), 1);
    let waves: Vec<(String, u32)> = surveys[0]
        .waves
        .iter()
        .map(|w| (w.label.clone(), w.responses))
        .collect();
    assert_eq!(waves, [("Wave 1".into(), 14), ("Wave 2".into(), 16)]);
    let people = store
        .read(|db| db.list_people(&PeopleQuery::default()))
        .expect("people");
    assert_eq!(people.len(), 16, "respondents not in People are not added");

    let due = store.read(|db| db.checkins_due()).expect("due");
    assert_eq!(due.len(), 5);
    assert!(
        due.iter().any(|d| d.state == DueState::Overdue),
        "one overdue"
    );
    assert!(due.iter().any(|d| d.state != DueState::Overdue));

    let slas = store.read(|db| db.list_slas()).expect("slas");
    assert_eq!(slas.len(), 2);
    for s in &slas {
        let (expected, delivered) = (
            s.expected.expect("expected"),
            s.delivered.expect("delivered"),
        );
        let short = match s.better {
            Better::Lower => delivered > expected,
            Better::Higher => delivered < expected,
        };
        assert!(short, "{} shows a gap", s.service);
    }
    let adoptions = store.read(|db| db.list_adoptions()).expect("adoptions");
    assert_eq!(adoptions.len(), 2);
    assert!(
        adoptions.iter().any(|a| a.state == AdoptionState::Late),
        "a late milestone"
    );
    assert_eq!(store.read(|db| db.list_kudos()).expect("kudos").len(), 3);

    // Payments' digest has answers in it.
    let payments = store
        .read(|db| db.list_teams())
        .expect("teams")
        .into_iter()
        .find(|t| t.name == "Payments & Billing")
        .expect("Payments")
        .id;
    let digest = store
        .read(|db| db.team_digest(payments, None))
        .expect("digest");
    assert!(digest.answered >= 2, "{} answered", digest.answered);
    assert!(digest.open > 0, "and some still open");
}
