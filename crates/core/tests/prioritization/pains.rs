//! Prioritization on a real store: the switch out of discovery (its review, late
//! input, going back with a reason), and pains made from evidence with derived reach
//! and the flags that keep a team honest about whose voice it is.

use crate::common;

use chrono::Duration;
use common::*;
use groundwork_core::*;
use uuid::Uuid;

#[test]
fn pains_are_refused_in_discovery_and_made_once_the_cycle_prioritizes() {
    let w = world();
    let o = w.heard(SourceKind::CoffeeChat, "CI is slow", &[]);
    let err = w
        .store
        .write(|tx| {
            tx.create_pain(
                w.cycle.id,
                &PainInput {
                    statement: "CI is slow".into(),
                    ..Default::default()
                },
            )
        })
        .expect_err("discovery turns nothing into pains");
    assert!(err.to_string().contains("in discovery"), "{err}");
    assert!(w.store.write(|tx| tx.pain_from_observation(o)).is_err());

    w.prioritize();
    let pain = w
        .store
        .write(|tx| tx.pain_from_observation(o))
        .expect("in one step");
    assert_eq!(pain.statement, "CI is slow");
    assert_eq!(pain.evidence.len(), 1);
    assert_eq!(pain.evidence[0].observation_id, o);
    let err = w
        .store
        .write(|tx| tx.create_pain(w.cycle.id, &PainInput::default()))
        .expect_err("a statement is needed");
    assert!(matches!(
        err,
        DomainError::InvalidInput {
            field: "statement",
            ..
        }
    ));
    assert_eq!(
        w.store
            .read(|db| db.list_pains(w.cycle.id))
            .expect("pains")
            .len(),
        1
    );
}

#[test]
fn reach_counts_each_person_team_segment_and_channel_once_from_live_evidence() {
    let w = world();
    let payments = w.team("Payments", "Fintech");
    let ledger = w.team("Ledger", "fintech ");
    let search = w.team("Search", "Consumer");
    let priya = w.person("Priya", Some(payments), Relation::InternalUser);
    let tom = w.person("Tom", Some(ledger), Relation::InternalUser);
    let ana = w.person("Ana", Some(search), Relation::InternalUser);
    let said = [
        w.heard(SourceKind::CoffeeChat, "Builds are slow", &[priya]),
        w.heard(SourceKind::CoffeeChat, "Builds are slow again", &[priya]),
        w.heard(
            SourceKind::SlaConversation,
            "Builds break the SLA",
            &[priya, tom],
        ),
        w.heard(SourceKind::UserSurvey, "Builds take forever", &[ana]),
    ];
    w.prioritize();
    let pain = w.pain("Builds are slow", &said);
    assert_eq!(
        pain.reach,
        Reach {
            people: 3,
            teams: 3,
            segments: 2,
            source_kinds: 3,
            evidence: 4,
            weighted_people: 3.0,
            weights: vec![],
        },
        "Priya said it three times and counts once; two spellings of fintech are one segment"
    );

    // One observation supports several pains.
    let other = w.pain("The SLA is missed", &said[2..3]);
    assert_eq!(other.reach.people, 2);

    // Trashed evidence keeps its link and stops counting.
    w.store
        .write(|tx| tx.delete_observation(said[3]))
        .expect("trash");
    let pain = w.store.read(|db| db.pain(pain.id)).expect("pain");
    assert_eq!(pain.evidence.len(), 4, "the link is kept");
    assert!(pain.evidence.iter().any(|e| e.trashed));
    assert_eq!((pain.reach.people, pain.reach.evidence), (2, 3));
}

#[test]
fn a_pain_heard_only_from_what_others_do_has_no_user_evidence_yet() {
    let w = world();
    let peer = w.person("Contoso PM", None, Relation::PeerCompany);
    let user = w.person("Priya", None, Relation::InternalUser);
    let others = [
        w.heard(
            SourceKind::PeerCompanyChat,
            "Contoso quarantines flaky tests",
            &[peer],
        ),
        w.heard(
            SourceKind::AcademicResearch,
            "Flaky tests cost 2% of CI time",
            &[],
        ),
        w.heard(
            SourceKind::CloudVendorScan,
            "Vendors ship test retries",
            &[],
        ),
    ];
    let typed_by_user = w
        .store
        .write(|tx| {
            tx.create_observation(&NewObservation {
                cycle_id: Some(w.cycle.id),
                kind: ObservationKind::Pain,
                text: "Flaky tests block my releases".into(),
                people: vec![user],
                ..Default::default()
            })
        })
        .expect("typed directly")
        .id;
    w.prioritize();
    let pain = w.pain("Flaky tests", &others);
    assert!(!pain.user_evidence, "no user evidence yet");
    let pain = w
        .store
        .write(|tx| {
            tx.link_evidence(
                pain.id,
                &[EvidenceLink {
                    observation_id: typed_by_user,
                    importance: Some(Importance::Critical),
                    reason: "a user says it blocks releases".into(),
                }],
            )
        })
        .expect("link");
    assert!(pain.user_evidence, "a user said it");
    let linked = pain
        .evidence
        .iter()
        .find(|e| e.observation_id == typed_by_user)
        .expect("linked");
    assert_eq!(linked.importance, Some(Importance::Critical));
    assert_eq!(linked.reason, "a user says it blocks releases");
}

#[test]
fn a_pain_heard_mostly_from_one_voice_says_so() {
    let w = world();
    let payments = w.team("Payments", "Fintech");
    let search = w.team("Search", "Consumer");
    let priya = w.person("Priya", Some(payments), Relation::InternalUser);
    let dario = w.person("Dario", Some(payments), Relation::Stakeholder);
    let ana = w.person("Ana", Some(search), Relation::InternalUser);
    let said = [
        w.heard(SourceKind::CoffeeChat, "Deploys are slow", &[priya]),
        w.heard(
            SourceKind::CoffeeChat,
            "Deploys are slow on Fridays",
            &[priya],
        ),
        w.heard(
            SourceKind::SlaConversation,
            "Deploys miss the SLA",
            &[dario],
        ),
        w.heard(SourceKind::UserSurvey, "Deploys are fine", &[ana]),
    ];
    w.prioritize();
    let pain = w.pain("Deploys are slow", &said);
    let voices: Vec<(VoiceKind, &str, u32, u32)> = pain
        .loud_voices
        .iter()
        .map(|v| (v.by, v.name.as_str(), v.evidence, v.of))
        .collect();
    assert_eq!(
        voices,
        [(VoiceKind::Team, "Payments", 3, 4)],
        "Priya is half, not most; Payments is three of four; no channel is most"
    );
    let single = w.pain("One voice", &said[..1]);
    assert!(single.loud_voices.is_empty(), "one piece is not a crowd");
    let priya_only = w.pain("Priya twice", &said[..2]);
    assert_eq!(priya_only.loud_voices.len(), 3, "person, team and channel");
}

#[test]
fn what_is_captured_after_the_switch_is_late_input_and_still_counts() {
    let w = world();
    let early = w.heard(SourceKind::CoffeeChat, "Heard in discovery", &[]);
    w.prioritize();
    let late = w.heard(SourceKind::CoffeeChat, "Heard after the switch", &[]);
    assert!(
        !w.store
            .read(|db| db.observation(early))
            .expect("o")
            .late_input
    );
    let late_obs = w.store.read(|db| db.observation(late)).expect("o");
    assert!(late_obs.late_input);
    let session = w
        .store
        .read(|db| db.session(late_obs.session_id.expect("session")))
        .expect("s");
    assert!(session.late_input);
    let pain = w.pain("Both count", &[early, late]);
    assert_eq!(pain.reach.evidence, 2, "late input counts");
    assert_eq!(
        pain.evidence.iter().filter(|e| e.late_input).count(),
        1,
        "and shows as late"
    );
    let review = w
        .store
        .read(|db| db.cycle_review(w.cycle.id))
        .expect("review");
    assert_eq!(
        (
            review.sessions,
            review.observations,
            review.pains,
            review.late_input
        ),
        (2, 2, 2, 2)
    );
}

#[test]
fn going_back_to_discovery_needs_a_reason_is_kept_in_the_history_and_hides_severity() {
    let w = world();
    let o = w.heard(SourceKind::CoffeeChat, "CI is slow", &[]);
    w.prioritize();
    let pain = w
        .store
        .write(|tx| tx.pain_from_observation(o))
        .expect("pain");
    w.store
        .write(|tx| {
            tx.update_pain(
                pain.id,
                &PainUpdate {
                    statement: pain.statement.clone(),
                    severity: Some(Severity::High),
                },
            )
        })
        .expect("severity");
    let err = w
        .store
        .write(|tx| tx.return_to_discovery(w.cycle.id, "  "))
        .expect_err("a reason is needed");
    assert!(matches!(
        err,
        DomainError::InvalidInput {
            field: "reason",
            ..
        }
    ));
    w.clock.advance(Duration::minutes(5));
    let back = w
        .store
        .write(|tx| tx.return_to_discovery(w.cycle.id, "Ledger was never heard"))
        .expect("back");
    assert_eq!(back.mode, CycleMode::Discovery);
    let history = w
        .store
        .read(|db| db.cycle_history(w.cycle.id))
        .expect("history");
    let steps: Vec<(CycleMode, CycleMode, &str)> = history
        .iter()
        .map(|e| (e.from, e.to, e.reason.as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            (CycleMode::Discovery, CycleMode::Prioritization, ""),
            (
                CycleMode::Prioritization,
                CycleMode::Discovery,
                "Ledger was never heard"
            )
        ]
    );

    // Stored, hidden, and refused again while in discovery.
    assert_eq!(
        w.store.read(|db| db.pain(pain.id)).expect("p").severity,
        None
    );
    assert!(w
        .store
        .write(|tx| tx.update_pain(
            pain.id,
            &PainUpdate {
                statement: "CI is slow".into(),
                severity: Some(Severity::Low),
            },
        ))
        .is_err());
    w.prioritize();
    assert_eq!(
        w.store.read(|db| db.pain(pain.id)).expect("p").severity,
        Some(Severity::High),
        "back as it was"
    );

    // Closed cycles stay read-only.
    w.store
        .write(|tx| tx.advance_cycle(w.cycle.id))
        .expect("roadmap");
    w.store
        .write(|tx| tx.advance_cycle(w.cycle.id))
        .expect("closed");
    assert!(matches!(
        w.store
            .write(|tx| tx.return_to_discovery(w.cycle.id, "again")),
        Err(DomainError::CycleClosed { .. })
    ));
    assert!(w.store.write(|tx| tx.delete_pain(pain.id)).is_err());
}

#[test]
fn evidence_links_survive_merging_observations_and_people_and_the_trash() {
    let w = world();
    let priya = w.person("Priya Raman", None, Relation::InternalUser);
    let priya_again = w.person("Priya R.", None, Relation::InternalUser);
    let a = w.heard(SourceKind::CoffeeChat, "Flaky tests", &[priya]);
    let b = w.heard(SourceKind::CoffeeChat, "Tests flake", &[priya_again]);
    w.prioritize();
    let pain = w
        .store
        .write(|tx| {
            tx.create_pain(
                w.cycle.id,
                &PainInput {
                    statement: "Flaky tests".into(),
                    severity: Some(Severity::Critical),
                    evidence: vec![EvidenceLink {
                        observation_id: b,
                        importance: Some(Importance::Important),
                        reason: "said twice".into(),
                    }],
                },
            )
        })
        .expect("pain");
    let linked_at = pain.evidence[0].linked_at;

    // People merged: one person behind it.
    let people = w
        .store
        .write(|tx| tx.merge_people(priya, priya_again))
        .expect("merge people");
    let merged_pain = w.store.read(|db| db.pain(pain.id)).expect("p");
    assert_eq!(merged_pain.reach.people, 1);
    assert_eq!(merged_pain.evidence[0].people[0].name, "Priya Raman");
    w.store
        .write(|tx| tx.undo_merge(people.merge_id))
        .expect("undo");

    // Observations merged: the link moves to the kept one with its importance and reason.
    let done = w
        .store
        .write(|tx| tx.merge_observations(a, b))
        .expect("merge observations");
    let moved = w.store.read(|db| db.pain(pain.id)).expect("p");
    assert_eq!(moved.evidence.len(), 1);
    let e = &moved.evidence[0];
    assert_eq!(
        (
            e.observation_id,
            e.importance,
            e.reason.as_str(),
            e.linked_at
        ),
        (a, Some(Importance::Important), "said twice", linked_at)
    );
    w.store
        .write(|tx| tx.undo_merge(done.merge_id))
        .expect("undo");
    let back = w.store.read(|db| db.pain(pain.id)).expect("p");
    assert_eq!(back.evidence.len(), 1);
    let e = &back.evidence[0];
    assert_eq!(
        (
            e.observation_id,
            e.importance,
            e.reason.as_str(),
            e.linked_at
        ),
        (b, Some(Importance::Important), "said twice", linked_at),
        "undo puts the link back as it was"
    );

    // The pain itself goes to the trash and comes back with its evidence.
    w.store.write(|tx| tx.delete_pain(pain.id)).expect("trash");
    assert!(w
        .store
        .read(|db| db.list_pains(w.cycle.id))
        .expect("p")
        .is_empty());
    assert!(w
        .store
        .read(|db| db.list_trash())
        .expect("trash")
        .iter()
        .any(|t| t.entity == TrashEntity::Pain && t.title == "Flaky tests"));
    w.store
        .write(|tx| tx.restore(TrashEntity::Pain, pain.id))
        .expect("restore");
    assert_eq!(
        w.store
            .read(|db| db.pain(pain.id))
            .expect("p")
            .evidence
            .len(),
        1
    );
}

#[test]
fn relinking_evidence_changes_its_importance_and_keeps_when_it_was_linked() {
    let w = world();
    let o = w.heard(SourceKind::CoffeeChat, "Slow builds", &[]);
    w.prioritize();
    let pain = w
        .store
        .write(|tx| tx.pain_from_observation(o))
        .expect("pain");
    let first = pain.evidence[0].linked_at;
    w.clock.advance(Duration::hours(1));
    let pain = w
        .store
        .write(|tx| {
            tx.link_evidence(
                pain.id,
                &[EvidenceLink {
                    observation_id: o,
                    importance: Some(Importance::NiceToHave),
                    reason: "mentioned in passing".into(),
                }],
            )
        })
        .expect("relink");
    assert_eq!(pain.evidence.len(), 1);
    assert_eq!(pain.evidence[0].importance, Some(Importance::NiceToHave));
    assert_eq!(pain.evidence[0].linked_at, first);
    let pain = w
        .store
        .write(|tx| tx.unlink_evidence(pain.id, o))
        .expect("unlink");
    assert!(pain.evidence.is_empty());
    assert!(!pain.user_evidence);
    assert!(matches!(
        w.store.write(|tx| tx.link_evidence(
            pain.id,
            &[EvidenceLink {
                observation_id: Uuid::nil(),
                ..Default::default()
            }]
        )),
        Err(DomainError::NotFound {
            entity: "observation",
            ..
        })
    ));
}

#[test]
fn a_bucket_weighs_its_pains_together_without_counting_anyone_twice() {
    let w = world();
    let payments = w.team("Payments", "Fintech");
    let search = w.team("Search", "Consumer");
    let priya = w.person("Priya", Some(payments), Relation::InternalUser);
    let ana = w.person("Ana", Some(search), Relation::InternalUser);
    let slow = w.heard(SourceKind::CoffeeChat, "Builds are slow", &[priya]);
    let flaky = w.heard(SourceKind::CoffeeChat, "Tests are flaky", &[priya]);
    let both = w.heard(SourceKind::UserSurvey, "Slow and flaky builds", &[ana]);
    w.prioritize();
    let a = w.pain("Builds are slow", &[slow, both]);
    let b = w.pain("Tests are flaky", &[flaky, both]);
    let c = w.pain("Not in the bucket", &[slow]);

    let bucket = w
        .store
        .write(|tx| {
            tx.create_bucket(
                w.cycle.id,
                &BucketInput {
                    name: "Slow feedback from CI".into(),
                    kind: BucketKind::Eliminate,
                },
            )
        })
        .expect("bucket");
    assert!(bucket.pain_ids.is_empty());
    for p in [a.id, b.id] {
        let moved = w
            .store
            .write(|tx| tx.move_pain(p, Some(bucket.id)))
            .expect("into the bucket");
        assert_eq!(moved.bucket_id, Some(bucket.id));
    }
    let [weighed] = w
        .store
        .read(|db| db.list_buckets(w.cycle.id))
        .expect("buckets")
        .try_into()
        .expect("one");
    assert_eq!(weighed.pain_ids, [a.id, b.id]);
    assert_eq!(weighed.kind, BucketKind::Eliminate);
    assert_eq!(
        weighed.reach,
        Reach {
            people: 2,
            teams: 2,
            segments: 2,
            source_kinds: 2,
            evidence: 3,
            weighted_people: 2.0,
            weights: vec![],
        },
        "the survey answer behind both pains counts once, and so does Priya"
    );
    assert_eq!(w.store.read(|db| db.pain(c.id)).expect("c").bucket_id, None);

    // A bucket of another cycle is refused; none takes a pain out.
    let other = w
        .store
        .write(|tx| tx.create_cycle("2026 H2"))
        .expect("other");
    w.store
        .write(|tx| tx.advance_cycle(other.id))
        .expect("prioritize");
    let elsewhere = w
        .store
        .write(|tx| {
            tx.create_bucket(
                other.id,
                &BucketInput {
                    name: "Elsewhere".into(),
                    kind: BucketKind::Address,
                },
            )
        })
        .expect("bucket");
    assert!(w
        .store
        .write(|tx| tx.move_pain(c.id, Some(elsewhere.id)))
        .is_err());
    assert_eq!(
        w.store
            .write(|tx| tx.move_pain(b.id, None))
            .expect("out")
            .bucket_id,
        None
    );

    // Trashed, its pains show in no bucket; restored, they are back in it.
    w.store
        .write(|tx| tx.delete_bucket(bucket.id))
        .expect("trash");
    assert_eq!(w.store.read(|db| db.pain(a.id)).expect("a").bucket_id, None);
    assert!(w
        .store
        .read(|db| db.list_buckets(w.cycle.id))
        .expect("b")
        .is_empty());
    w.store
        .write(|tx| tx.restore(TrashEntity::Bucket, bucket.id))
        .expect("restore");
    assert_eq!(
        w.store.read(|db| db.pain(a.id)).expect("a").bucket_id,
        Some(bucket.id)
    );
    let renamed = w
        .store
        .write(|tx| {
            tx.update_bucket(
                bucket.id,
                &BucketInput {
                    name: "CI feedback".into(),
                    kind: BucketKind::Address,
                },
            )
        })
        .expect("rename");
    assert_eq!(
        (renamed.name.as_str(), renamed.kind),
        ("CI feedback", BucketKind::Address)
    );
}

#[test]
fn the_ranking_scores_raw_inputs_by_rice_leaves_the_unscored_last_and_breaks_ties_the_same_way() {
    let w = world();
    let people: Vec<Uuid> = (0..4)
        .map(|i| w.person(&format!("P{i}"), None, Relation::InternalUser))
        .collect();
    let heard: Vec<Uuid> = people
        .iter()
        .enumerate()
        .map(|(i, p)| w.heard(SourceKind::CoffeeChat, &format!("Said {i}"), &[*p]))
        .collect();
    let err = w
        .store
        .read(|db| db.rank(w.cycle.id))
        .expect_err("discovery ranks nothing");
    assert!(matches!(err, DomainError::JudgingInDiscovery { .. }));
    w.prioritize();
    let wide = w.pain("Heard from three", &heard[..3]);
    let narrow = w.pain("Heard from one", &heard[3..]);
    let twin = w.pain("Also heard from one", &heard[3..]);
    let unscored = w.pain("Not scored yet", &heard[..1]);
    // A score input refused in discovery… and checked for range.
    assert!(w
        .store
        .write(|tx| tx.score_pain(wide.id, &rice(0.0, 80.0, 1.0)))
        .is_err());
    w.store
        .write(|tx| tx.score_pain(wide.id, &rice(1.0, 80.0, 2.0)))
        .expect("score"); // 3·1·0.8/2 = 1.2
    w.store
        .write(|tx| tx.score_pain(narrow.id, &rice(3.0, 100.0, 1.0)))
        .expect("score"); // 3
    w.store
        .write(|tx| tx.score_pain(twin.id, &rice(3.0, 100.0, 1.0)))
        .expect("score"); // 3, a tie
    w.store
        .write(|tx| {
            tx.score_pain(
                unscored.id,
                &ScoreInputs {
                    impact: Some(2.0),
                    ..Default::default()
                },
            )
        })
        .expect("partial");

    let ranking = w.store.read(|db| db.rank(w.cycle.id)).expect("rank");
    assert_eq!(ranking.framework, Framework::Rice);
    let order: Vec<(&str, Option<f64>)> = ranking
        .items
        .iter()
        .map(|i| {
            (
                i.statement.as_str(),
                i.score.map(|s| (s * 100.0).round() / 100.0),
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            ("Heard from one", Some(3.0)),
            ("Also heard from one", Some(3.0)),
            ("Heard from three", Some(1.2)),
            ("Not scored yet", None),
        ],
        "ties break by age; a missing input is unscored, never zero"
    );
    // A score does not change because another pain was added.
    let before = ranking.items[2].score;
    let extra = w.pain("Added later", &heard[1..2]);
    w.store
        .write(|tx| tx.score_pain(extra.id, &rice(3.0, 100.0, 0.5)))
        .expect("score");
    let again = w.store.read(|db| db.rank(w.cycle.id)).expect("rank");
    let wide_again = again
        .items
        .iter()
        .find(|i| i.pain_id == wide.id)
        .expect("wide");
    assert_eq!(wide_again.score, before);
    assert_eq!(again.items[0].pain_id, extra.id);
    assert_eq!(
        w.store.read(|db| db.rank(w.cycle.id)).expect("rank"),
        again,
        "the same every time"
    );

    // Why is it where it is, and what would move it past its neighbour.
    let position = wide_again.position;
    let why = w
        .store
        .read(|db| db.explain_rank(w.cycle.id, position))
        .expect("explain");
    assert_eq!(why.terms[0].name, "reach");
    assert_eq!(why.terms[0].value, Some(3.0));
    assert!(
        why.terms[0].source.contains("P0, P1, P2"),
        "{}",
        why.terms[0].source
    );
    let to_pass = why.to_pass.expect("a neighbour above");
    assert!(to_pass.contains("impact above 2.5 (now 1)"), "{to_pass}");
    assert!(
        to_pass.contains("effort below 0.8 person-months"),
        "{to_pass}"
    );
    assert!(to_pass.contains("past “Also heard from one”"), "{to_pass}");
    let last = w
        .store
        .read(|db| db.explain_rank(w.cycle.id, 5))
        .expect("explain the unscored");
    assert!(
        last.why[0].contains("Unscored: set its confidence, effort"),
        "{:?}",
        last.why
    );
    assert!(w.store.read(|db| db.explain_rank(w.cycle.id, 6)).is_err());
}

#[test]
fn a_position_set_by_hand_needs_a_reason_and_is_kept_in_the_pains_history() {
    let w = world();
    let a = w.heard(SourceKind::CoffeeChat, "One", &[]);
    let b = w.heard(SourceKind::CoffeeChat, "Two", &[]);
    w.prioritize();
    let top = w.pain("Scored high", &[a]);
    let low = w.pain("Audit deadline", &[b]);
    w.store
        .write(|tx| {
            tx.score_pain(
                top.id,
                &ScoreInputs {
                    value: Some(9.0),
                    effort: Some(1.0),
                    ..Default::default()
                },
            )
        })
        .expect("score");
    w.store
        .write(|tx| {
            tx.score_pain(
                low.id,
                &ScoreInputs {
                    value: Some(1.0),
                    effort: Some(5.0),
                    ..Default::default()
                },
            )
        })
        .expect("score");
    w.store
        .write(|tx| tx.set_framework(Framework::ValueEffort))
        .expect("framework");
    assert_eq!(
        w.store.read(|db| db.rank(w.cycle.id)).expect("r").items[0].pain_id,
        top.id
    );

    assert!(matches!(
        w.store.write(|tx| tx.override_rank(low.id, Some(1), " ")),
        Err(DomainError::InvalidInput {
            field: "reason",
            ..
        })
    ));
    w.store
        .write(|tx| tx.override_rank(low.id, Some(1), "the audit is due in March"))
        .expect("override");
    let ranking = w.store.read(|db| db.rank(w.cycle.id)).expect("r");
    assert_eq!(ranking.items[0].pain_id, low.id);
    assert_eq!(
        ranking.items[0].override_reason.as_deref(),
        Some("the audit is due in March")
    );
    let why = w
        .store
        .read(|db| db.explain_rank(w.cycle.id, 1))
        .expect("why");
    assert!(
        why.why.iter().any(|s| s.contains("Placed #1 by hand")),
        "{:?}",
        why.why
    );

    w.clock.advance(Duration::minutes(1));
    w.store
        .write(|tx| tx.override_rank(low.id, None, "the audit moved to next year"))
        .expect("back to its score");
    assert_eq!(
        w.store.read(|db| db.rank(w.cycle.id)).expect("r").items[0].pain_id,
        top.id
    );
    let history = w
        .store
        .read(|db| db.explain_rank(w.cycle.id, 2))
        .expect("why")
        .history;
    let kept: Vec<(Option<u32>, &str)> = history
        .iter()
        .map(|h| (h.position, h.reason.as_str()))
        .collect();
    assert_eq!(
        kept,
        [
            (Some(1), "the audit is due in March"),
            (None, "the audit moved to next year")
        ]
    );

    // Back in discovery, scoring and overrides are refused again.
    w.store
        .write(|tx| tx.return_to_discovery(w.cycle.id, "heard from too few"))
        .expect("back");
    assert!(w
        .store
        .write(|tx| tx.score_pain(top.id, &ScoreInputs::default()))
        .is_err());
    assert!(w
        .store
        .write(|tx| tx.override_rank(top.id, Some(1), "why not"))
        .is_err());
    assert!(w.store.read(|db| db.rank(w.cycle.id)).is_err());
}

#[test]
fn the_ranking_weighs_each_pain_as_the_pain_itself_does_whatever_its_evidence() {
    let w = world();
    let team = w.team("Payments", "Fintech");
    let priya = w.person("Priya", Some(team), Relation::InternalUser);
    let peer = w.person("Contoso", None, Relation::PeerCompany);
    let mine = w.heard(SourceKind::CoffeeChat, "Slow CI", &[priya]);
    let peers = w.heard(SourceKind::PeerCompanyChat, "They cache", &[peer]);
    let trashed = w.heard(SourceKind::UserSurvey, "Flaky", &[priya]);
    // Evidence heard in an earlier cycle still counts.
    let earlier = w
        .store
        .write(|tx| tx.create_cycle("2026 H2"))
        .expect("earlier");
    let old = w
        .store
        .write(|tx| {
            tx.create_observation(&NewObservation {
                cycle_id: Some(earlier.id),
                kind: ObservationKind::Pain,
                text: "Slow CI last year".into(),
                people: vec![priya],
                ..Default::default()
            })
        })
        .expect("old")
        .id;
    w.prioritize();
    w.pain("Mixed", &[mine, peers, old]);
    w.pain("Peers only", &[peers]);
    w.pain("With the trash", &[mine, trashed]);
    w.pain("Nothing yet", &[]);
    w.store
        .write(|tx| tx.delete_observation(trashed))
        .expect("trash");
    let pains = w.store.read(|db| db.list_pains(w.cycle.id)).expect("pains");
    let ranking = w.store.read(|db| db.rank(w.cycle.id)).expect("rank");
    for p in &pains {
        let r = ranking
            .items
            .iter()
            .find(|i| i.pain_id == p.id)
            .expect("ranked");
        assert_eq!(r.reach, p.reach, "{}", p.statement);
        assert_eq!(r.user_evidence, p.user_evidence, "{}", p.statement);
        assert_eq!(r.loud_voices.len(), p.loud_voices.len(), "{}", p.statement);
    }
    let mixed = pains
        .iter()
        .find(|p| p.statement == "Mixed")
        .expect("mixed");
    assert_eq!((mixed.reach.evidence, mixed.reach.people), (3, 2));
}

#[test]
fn the_ranking_reweighs_after_every_change_that_moves_reach() {
    let w = world();
    let payments = w.team("Payments", "Fintech");
    let search = w.team("Search", "Consumer");
    let priya = w.person("Priya", Some(payments), Relation::InternalUser);
    let tom = w.person("Tom", Some(search), Relation::InternalUser);
    let a = w.heard(SourceKind::CoffeeChat, "CI is slow", &[priya]);
    let b = w.heard(SourceKind::CoffeeChat, "CI is very slow", &[priya]);
    let c = w.heard(SourceKind::CoffeeChat, "Builds crawl", &[tom]);
    w.prioritize();
    let pain = w.pain("CI is slow", &[a, b]);
    w.store
        .write(|tx| tx.score_pain(pain.id, &rice(1.0, 100.0, 1.0)))
        .expect("score");
    // The ranking's reach must be the pain's own (weighed afresh) after each change.
    let same = |what: &str| {
        let ranked = w.store.read(|db| db.rank(w.cycle.id)).expect("rank");
        let fresh = w.store.read(|db| db.pain(pain.id)).expect("pain");
        assert_eq!(ranked.items[0].reach, fresh.reach, "after {what}");
        assert_eq!(
            ranked.items[0].loud_voices.len(),
            fresh.loud_voices.len(),
            "after {what}"
        );
        ranked.items[0].reach.clone()
    };
    assert_eq!(same("scoring").people, 1);
    w.store
        .write(|tx| {
            tx.link_evidence(
                pain.id,
                &[EvidenceLink {
                    observation_id: c,
                    ..Default::default()
                }],
            )
        })
        .expect("link");
    assert_eq!(same("a link").people, 2);
    w.store.write(|tx| tx.delete_observation(c)).expect("trash");
    assert_eq!(same("trashing the evidence").people, 1);
    w.store
        .write(|tx| tx.restore(TrashEntity::Observation, c))
        .expect("restore");
    assert_eq!(same("restoring it").people, 2);
    w.store
        .write(|tx| {
            tx.update_team(
                search,
                &TeamInput {
                    name: "Search".into(),
                    org_area: String::new(),
                    segment: "Fintech".into(),
                },
            )
        })
        .expect("segment");
    assert_eq!(same("a team's segment").segments, 1);
    w.store
        .write(|tx| {
            tx.update_person(
                tom,
                &PersonInput {
                    name: "Tom".into(),
                    team_id: Some(payments),
                    relation: Relation::InternalUser,
                    ..Default::default()
                },
            )
        })
        .expect("team");
    assert_eq!(same("a person's team").teams, 1);
    w.store
        .write(|tx| {
            tx.set_serve(
                w.cycle.id,
                &ServeInput {
                    team_id: Some(payments),
                    stance: Some(Stance::Excellent),
                    ..Default::default()
                },
            )
        })
        .expect("stance");
    assert_eq!(same("a stance").weighted_people, 3.0);
    w.store
        .write(|tx| tx.unlink_evidence(pain.id, c))
        .expect("unlink");
    assert_eq!(same("an unlink").people, 1);
    w.store
        .write(|tx| tx.delete_person(priya))
        .expect("trash Priya");
    assert_eq!(same("trashing who said it").people, 0);
}

#[test]
fn an_observation_names_the_live_pains_it_backs_in_any_cycle() {
    let w = world();
    let o = w.heard(SourceKind::CoffeeChat, "CI is slow", &[]);
    w.prioritize();
    let first = w.pain("CI is slow", &[o]);
    let second = w.pain("Releases wait on CI", &[o]);
    let later = w
        .store
        .write(|tx| tx.create_cycle("2027 H2"))
        .expect("cycle");
    w.store
        .write(|tx| tx.advance_cycle(later.id))
        .expect("prioritize");
    let elsewhere = w
        .store
        .write(|tx| {
            tx.create_pain(
                later.id,
                &PainInput {
                    statement: "CI still slow".into(),
                    severity: None,
                    evidence: vec![EvidenceLink {
                        observation_id: o,
                        importance: Some(Importance::Critical),
                        reason: String::new(),
                    }],
                },
            )
        })
        .expect("pain in another cycle");
    let backs = w.store.read(|db| db.pains_citing(o)).expect("backs");
    assert_eq!(
        backs.iter().map(|p| p.pain_id).collect::<Vec<_>>(),
        [first.id, second.id, elsewhere.id]
    );
    assert_eq!(backs[2].cycle_name, "2027 H2");
    assert_eq!(backs[2].importance, Some(Importance::Critical));
    w.store
        .write(|tx| tx.delete_pain(second.id))
        .expect("trash");
    assert_eq!(
        w.store.read(|db| db.pains_citing(o)).expect("backs").len(),
        2
    );
}
