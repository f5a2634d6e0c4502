//! Prioritization on a real store: the switch out of discovery (its review, late
//! input, going back with a reason), and pains made from evidence with derived reach
//! and the flags that keep a team honest about whose voice it is.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use groundwork_core::*;
use std::sync::Arc;
use uuid::Uuid;

struct World {
    store: Store,
    clock: Arc<FixedClock>,
    cycle: Cycle,
}

fn world() -> World {
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
            .single()
            .expect("time"),
    ));
    let store = Store::open_in_memory(clock.clone()).expect("store");
    let cycle = store.create_cycle("2027 H1 planning").expect("cycle");
    World {
        store,
        clock,
        cycle,
    }
}

impl World {
    fn team(&self, name: &str, segment: &str) -> Uuid {
        self.store
            .create_team(&TeamInput {
                name: name.into(),
                org_area: String::new(),
                segment: segment.into(),
            })
            .expect("team")
            .id
    }

    fn person(&self, name: &str, team: Option<Uuid>, relation: Relation) -> Uuid {
        self.store
            .create_person(&PersonInput {
                name: name.into(),
                team_id: team,
                relation,
                ..Default::default()
            })
            .expect("person")
            .summary
            .id
    }

    /// An observation said by `people` in a new session of `kind`.
    fn heard(&self, kind: SourceKind, text: &str, people: &[Uuid]) -> Uuid {
        let session = self
            .store
            .create_session(&NewSession {
                cycle_id: self.cycle.id,
                kind,
                title: format!("{} about {text}", kind.label()),
                held_on: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
                people: people.to_vec(),
                links: vec![],
                tags: vec![],
                notes: Some(text.into()),
            })
            .expect("session");
        self.store
            .create_observation(&NewObservation {
                session_id: Some(session.id),
                kind: ObservationKind::Pain,
                passage: Some(text.into()),
                passage_start: Some(0),
                people: people.to_vec(),
                ..Default::default()
            })
            .expect("observation")
            .id
    }

    fn prioritize(&self) {
        self.store
            .advance_cycle(self.cycle.id)
            .expect("to prioritization");
    }

    fn pain(&self, statement: &str, evidence: &[Uuid]) -> Pain {
        self.store
            .create_pain(
                self.cycle.id,
                &PainInput {
                    statement: statement.into(),
                    severity: None,
                    evidence: evidence
                        .iter()
                        .map(|o| EvidenceLink {
                            observation_id: *o,
                            ..Default::default()
                        })
                        .collect(),
                },
            )
            .expect("pain")
    }
}

#[test]
fn pains_are_refused_in_discovery_and_made_once_the_cycle_prioritizes() {
    let w = world();
    let o = w.heard(SourceKind::CoffeeChat, "CI is slow", &[]);
    let err = w
        .store
        .create_pain(
            w.cycle.id,
            &PainInput {
                statement: "CI is slow".into(),
                ..Default::default()
            },
        )
        .expect_err("discovery turns nothing into pains");
    assert!(err.to_string().contains("in discovery"), "{err}");
    assert!(w.store.pain_from_observation(o).is_err());

    w.prioritize();
    let pain = w.store.pain_from_observation(o).expect("in one step");
    assert_eq!(pain.statement, "CI is slow");
    assert_eq!(pain.evidence.len(), 1);
    assert_eq!(pain.evidence[0].observation_id, o);
    let err = w
        .store
        .create_pain(w.cycle.id, &PainInput::default())
        .expect_err("a statement is needed");
    assert!(matches!(
        err,
        DomainError::InvalidInput {
            field: "statement",
            ..
        }
    ));
    assert_eq!(w.store.list_pains(w.cycle.id).expect("pains").len(), 1);
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
            evidence: 4
        },
        "Priya said it three times and counts once; two spellings of fintech are one segment"
    );

    // One observation supports several pains.
    let other = w.pain("The SLA is missed", &said[2..3]);
    assert_eq!(other.reach.people, 2);

    // Trashed evidence keeps its link and stops counting.
    w.store.delete_observation(said[3]).expect("trash");
    let pain = w.store.pain(pain.id).expect("pain");
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
        .create_observation(&NewObservation {
            cycle_id: Some(w.cycle.id),
            kind: ObservationKind::Pain,
            text: "Flaky tests block my releases".into(),
            people: vec![user],
            ..Default::default()
        })
        .expect("typed directly")
        .id;
    w.prioritize();
    let pain = w.pain("Flaky tests", &others);
    assert!(!pain.user_evidence, "no user evidence yet");
    let pain = w
        .store
        .link_evidence(
            pain.id,
            &[EvidenceLink {
                observation_id: typed_by_user,
                importance: Some(Importance::Critical),
                reason: "a user says it blocks releases".into(),
            }],
        )
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
    assert!(!w.store.observation(early).expect("o").late_input);
    let late_obs = w.store.observation(late).expect("o");
    assert!(late_obs.late_input);
    let session = w
        .store
        .session(late_obs.session_id.expect("session"))
        .expect("s");
    assert!(session.late_input);
    let pain = w.pain("Both count", &[early, late]);
    assert_eq!(pain.reach.evidence, 2, "late input counts");
    assert_eq!(
        pain.evidence.iter().filter(|e| e.late_input).count(),
        1,
        "and shows as late"
    );
    let review = w.store.cycle_review(w.cycle.id).expect("review");
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
    let pain = w.store.pain_from_observation(o).expect("pain");
    w.store
        .update_pain(
            pain.id,
            &PainUpdate {
                statement: pain.statement.clone(),
                severity: Some(Severity::High),
            },
        )
        .expect("severity");
    let err = w
        .store
        .return_to_discovery(w.cycle.id, "  ")
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
        .return_to_discovery(w.cycle.id, "Ledger was never heard")
        .expect("back");
    assert_eq!(back.mode, CycleMode::Discovery);
    let history = w.store.cycle_history(w.cycle.id).expect("history");
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
    assert_eq!(w.store.pain(pain.id).expect("p").severity, None);
    assert!(w
        .store
        .update_pain(
            pain.id,
            &PainUpdate {
                statement: "CI is slow".into(),
                severity: Some(Severity::Low),
            },
        )
        .is_err());
    w.prioritize();
    assert_eq!(
        w.store.pain(pain.id).expect("p").severity,
        Some(Severity::High),
        "back as it was"
    );

    // Closed cycles stay read-only.
    w.store.advance_cycle(w.cycle.id).expect("roadmap");
    w.store.advance_cycle(w.cycle.id).expect("closed");
    assert!(matches!(
        w.store.return_to_discovery(w.cycle.id, "again"),
        Err(DomainError::CycleClosed { .. })
    ));
    assert!(w.store.delete_pain(pain.id).is_err());
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
        .create_pain(
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
        .expect("pain");
    let linked_at = pain.evidence[0].linked_at;

    // People merged: one person behind it.
    let people = w
        .store
        .merge_people(priya, priya_again)
        .expect("merge people");
    let merged_pain = w.store.pain(pain.id).expect("p");
    assert_eq!(merged_pain.reach.people, 1);
    assert_eq!(merged_pain.evidence[0].people[0].name, "Priya Raman");
    w.store.undo_merge(people.merge_id).expect("undo");

    // Observations merged: the link moves to the kept one with its importance and reason.
    let done = w
        .store
        .merge_observations(a, b)
        .expect("merge observations");
    let moved = w.store.pain(pain.id).expect("p");
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
    w.store.undo_merge(done.merge_id).expect("undo");
    let back = w.store.pain(pain.id).expect("p");
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
    w.store.delete_pain(pain.id).expect("trash");
    assert!(w.store.list_pains(w.cycle.id).expect("p").is_empty());
    assert!(w
        .store
        .list_trash()
        .expect("trash")
        .iter()
        .any(|t| t.entity == TrashEntity::Pain && t.title == "Flaky tests"));
    w.store
        .restore(TrashEntity::Pain, pain.id)
        .expect("restore");
    assert_eq!(w.store.pain(pain.id).expect("p").evidence.len(), 1);
}

#[test]
fn relinking_evidence_changes_its_importance_and_keeps_when_it_was_linked() {
    let w = world();
    let o = w.heard(SourceKind::CoffeeChat, "Slow builds", &[]);
    w.prioritize();
    let pain = w.store.pain_from_observation(o).expect("pain");
    let first = pain.evidence[0].linked_at;
    w.clock.advance(Duration::hours(1));
    let pain = w
        .store
        .link_evidence(
            pain.id,
            &[EvidenceLink {
                observation_id: o,
                importance: Some(Importance::NiceToHave),
                reason: "mentioned in passing".into(),
            }],
        )
        .expect("relink");
    assert_eq!(pain.evidence.len(), 1);
    assert_eq!(pain.evidence[0].importance, Some(Importance::NiceToHave));
    assert_eq!(pain.evidence[0].linked_at, first);
    let pain = w.store.unlink_evidence(pain.id, o).expect("unlink");
    assert!(pain.evidence.is_empty());
    assert!(!pain.user_evidence);
    assert!(matches!(
        w.store.link_evidence(
            pain.id,
            &[EvidenceLink {
                observation_id: Uuid::nil(),
                ..Default::default()
            }]
        ),
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
        .create_bucket(
            w.cycle.id,
            &BucketInput {
                name: "Slow feedback from CI".into(),
                kind: BucketKind::Eliminate,
            },
        )
        .expect("bucket");
    assert!(bucket.pain_ids.is_empty());
    for p in [a.id, b.id] {
        let moved = w
            .store
            .move_pain(p, Some(bucket.id))
            .expect("into the bucket");
        assert_eq!(moved.bucket_id, Some(bucket.id));
    }
    let [weighed] = w
        .store
        .list_buckets(w.cycle.id)
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
            evidence: 3
        },
        "the survey answer behind both pains counts once, and so does Priya"
    );
    assert_eq!(w.store.pain(c.id).expect("c").bucket_id, None);

    // A bucket of another cycle is refused; none takes a pain out.
    let other = w.store.create_cycle("2026 H2").expect("other");
    w.store.advance_cycle(other.id).expect("prioritize");
    let elsewhere = w
        .store
        .create_bucket(
            other.id,
            &BucketInput {
                name: "Elsewhere".into(),
                kind: BucketKind::Address,
            },
        )
        .expect("bucket");
    assert!(w.store.move_pain(c.id, Some(elsewhere.id)).is_err());
    assert_eq!(w.store.move_pain(b.id, None).expect("out").bucket_id, None);

    // Trashed, its pains show in no bucket; restored, they are back in it.
    w.store.delete_bucket(bucket.id).expect("trash");
    assert_eq!(w.store.pain(a.id).expect("a").bucket_id, None);
    assert!(w.store.list_buckets(w.cycle.id).expect("b").is_empty());
    w.store
        .restore(TrashEntity::Bucket, bucket.id)
        .expect("restore");
    assert_eq!(w.store.pain(a.id).expect("a").bucket_id, Some(bucket.id));
    let renamed = w
        .store
        .update_bucket(
            bucket.id,
            &BucketInput {
                name: "CI feedback".into(),
                kind: BucketKind::Address,
            },
        )
        .expect("rename");
    assert_eq!(
        (renamed.name.as_str(), renamed.kind),
        ("CI feedback", BucketKind::Address)
    );
}
