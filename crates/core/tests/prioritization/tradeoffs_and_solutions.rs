//! The second half of prioritization on a real store: trade-offs that weigh reach,
//! weighted criteria, solutions validated skeptically, the cloud-vendor flag and the
//! immediate/vision balance of the plan.

use crate::common;

use common::*;
use groundwork_core::*;
use uuid::Uuid;

fn serve_team(w: &World, team: Uuid, stance: Option<Stance>) -> Tradeoffs {
    w.store
        .write(|tx| {
            tx.set_serve(
                w.cycle.id,
                &ServeInput {
                    team_id: Some(team),
                    stance,
                    ..Default::default()
                },
            )
        })
        .expect("stance")
}

#[test]
fn serving_a_team_excellently_weighs_its_people_more_and_the_explanation_says_so() {
    let w = world();
    let payments = w.team("Payments", "Fintech");
    let infra = w.team("Infra", "Platform");
    let priya = w.person("Priya", Some(payments), Relation::InternalUser);
    let tom = w.person("Tom", Some(infra), Relation::InternalUser);
    let ana = w.person("Ana", Some(infra), Relation::InternalUser);
    let from_payments = w.heard(SourceKind::CoffeeChat, "Deploys are slow", &[priya]);
    let from_infra = w.heard(SourceKind::CoffeeChat, "Logs are lost", &[tom]);
    let also_infra = w.heard(SourceKind::CoffeeChat, "Logs vanish", &[ana]);
    let err = w
        .store
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
        .expect_err("discovery states no trade-offs");
    assert!(err.to_string().contains("discovery"), "{err}");
    w.prioritize();
    let deploys = w.pain("Deploys are slow", &[from_payments]);
    let logs = w.pain("Logs are lost", &[from_infra]);
    for p in [&deploys, &logs] {
        w.store
            .write(|tx| tx.score_pain(p.id, &rice(2.0, 100.0, 1.0)))
            .expect("score");
    }
    let ranked = w.store.read(|db| db.rank(w.cycle.id)).expect("rank");
    assert_eq!(
        ranked.items[0].score, ranked.items[1].score,
        "no stance: one person each"
    );

    let map = serve_team(&w, payments, Some(Stance::Excellent));
    assert_eq!(map.serve.len(), 1);
    assert_eq!(
        (map.serve[0].name.as_str(), map.serve[0].weight),
        ("Payments", 1.5)
    );
    let ranked = w.store.read(|db| db.rank(w.cycle.id)).expect("rank");
    assert_eq!(ranked.items[0].pain_id, deploys.id);
    assert_eq!(ranked.items[0].score, Some(3.0), "1.5 × 2 × 100% ÷ 1");
    assert_eq!(ranked.items[0].reach.people, 1, "people stay counted once");
    assert_eq!(ranked.items[0].reach.weighted_people, 1.5);
    let why = w
        .store
        .read(|db| db.explain_rank(w.cycle.id, 1))
        .expect("why");
    let reach = why.terms.iter().find(|t| t.name == "reach").expect("reach");
    assert_eq!(reach.value, Some(1.5));
    assert!(
        reach
            .source
            .contains("1 person from Payments counts 1.5 times (served excellently)"),
        "{}",
        reach.source
    );

    // A segment served less well weighs its people less, and a team's own stance
    // comes before its segment's.
    w.store
        .write(|tx| {
            tx.set_serve(
                w.cycle.id,
                &ServeInput {
                    segment: Some("  PLATFORM ".into()),
                    stance: Some(Stance::LessWell),
                    weight: Some(0.25),
                    ..Default::default()
                },
            )
        })
        .expect("segment");
    let both = w.pain("Logs go missing", &[from_infra, also_infra]);
    let pain = w.store.read(|db| db.pain(both.id)).expect("pain");
    assert_eq!(
        pain.reach.weighted_people, 0.5,
        "Tom and Ana count 0.25 each"
    );
    assert_eq!(pain.reach.weights.len(), 1);
    assert_eq!(
        pain.reach.weights[0].name, "PLATFORM",
        "as typed, matched in any case"
    );
    assert_eq!(pain.reach.weights[0].people, 2);
    serve_team(&w, infra, Some(Stance::Excellent));
    assert_eq!(
        w.store
            .read(|db| db.pain(both.id))
            .expect("pain")
            .reach
            .weighted_people,
        3.0
    );

    // Dropping the stance gives everyone there a weight of 1 again.
    serve_team(&w, infra, None);
    let map = serve_team(&w, payments, None);
    assert_eq!(map.serve.len(), 1, "only the segment is left");
    assert_eq!(
        w.store
            .read(|db| db.pain(deploys.id))
            .expect("pain")
            .reach
            .weighted_people,
        1.0
    );
    let err = w
        .store
        .write(|tx| tx.set_serve(w.cycle.id, &ServeInput::default()))
        .expect_err("a team or a segment");
    assert!(matches!(err, DomainError::InvalidInput { .. }), "{err}");
}

#[test]
fn a_trade_off_leans_between_two_different_goods_and_goes_to_the_trash_and_back() {
    let w = world();
    w.prioritize();
    let axis = w
        .store
        .write(|tx| {
            tx.create_axis(
                w.cycle.id,
                &AxisInput {
                    pole_a: "Flexibility".into(),
                    pole_b: "Stability".into(),
                    lean: 1,
                    note: "Most teams ship regulated workloads".into(),
                },
            )
        })
        .expect("axis");
    assert_eq!(axis.lean, 1);
    for bad in [
        AxisInput {
            pole_a: "Speed".into(),
            pole_b: " speed ".into(),
            ..Default::default()
        },
        AxisInput {
            pole_a: "Speed".into(),
            pole_b: "Safety".into(),
            lean: 3,
            ..Default::default()
        },
        AxisInput {
            pole_a: "".into(),
            pole_b: "Safety".into(),
            ..Default::default()
        },
    ] {
        assert!(w
            .store
            .write(|tx| tx.create_axis(w.cycle.id, &bad))
            .is_err());
    }
    let moved = w
        .store
        .write(|tx| {
            tx.update_axis(
                axis.id,
                &AxisInput {
                    lean: -2,
                    ..AxisInput {
                        pole_a: axis.pole_a.clone(),
                        pole_b: axis.pole_b.clone(),
                        lean: 0,
                        note: axis.note.clone(),
                    }
                },
            )
        })
        .expect("lean");
    assert_eq!(moved.lean, -2);
    w.store.write(|tx| tx.delete_axis(axis.id)).expect("trash");
    assert!(w
        .store
        .read(|db| db.tradeoffs(w.cycle.id))
        .expect("map")
        .axes
        .is_empty());
    let trashed = w.store.read(|db| db.list_trash()).expect("trash");
    assert_eq!(trashed[0].title, "Flexibility vs. Stability");
    w.store
        .write(|tx| tx.restore(TrashEntity::TradeoffAxis, axis.id))
        .expect("restore");
    assert_eq!(
        w.store
            .read(|db| db.tradeoffs(w.cycle.id))
            .expect("map")
            .axes[0]
            .lean,
        -2
    );
}

#[test]
fn weighted_criteria_score_the_weighted_mean_and_leave_an_unrated_pain_unscored() {
    let w = world();
    let o = w.heard(SourceKind::CoffeeChat, "Audit evidence is manual", &[]);
    let p = w.heard(SourceKind::CoffeeChat, "Secrets rotate by hand", &[]);
    w.prioritize();
    let audit = w.pain("Audit evidence is manual", &[o]);
    let secrets = w.pain("Secrets rotate by hand", &[p]);
    w.store
        .write(|tx| tx.set_framework(Framework::Weighted))
        .expect("framework");
    let why = w
        .store
        .read(|db| db.explain_rank(w.cycle.id, 1))
        .expect("why");
    assert!(why.why[0].contains("no criteria yet"), "{:?}", why.why);

    let risk = w
        .store
        .write(|tx| {
            tx.create_criterion(&CriterionInput {
                name: "Audit risk".into(),
                weight: 2.0,
            })
        })
        .expect("criterion");
    let toil = w
        .store
        .write(|tx| {
            tx.create_criterion(&CriterionInput {
                name: "Toil".into(),
                weight: 1.0,
            })
        })
        .expect("criterion");
    let rate = |pain: Uuid, ratings: &[(Uuid, f64)]| {
        w.store.write(|tx| {
            tx.score_pain(
                pain,
                &ScoreInputs {
                    criteria: ratings.iter().copied().collect(),
                    ..Default::default()
                },
            )
        })
    };
    rate(audit.id, &[(risk.id, 8.0), (toil.id, 5.0)]).expect("rate");
    rate(secrets.id, &[(risk.id, 9.0)]).expect("rate one");
    let ranked = w.store.read(|db| db.rank(w.cycle.id)).expect("rank");
    assert_eq!(ranked.criteria.len(), 2);
    assert_eq!(ranked.items[0].pain_id, audit.id);
    assert_eq!(ranked.items[0].score, Some(7.0), "(8×2 + 5×1) ÷ 3");
    assert_eq!(ranked.items[1].score, None, "Toil is not rated: unscored");
    let why = w
        .store
        .read(|db| db.explain_rank(w.cycle.id, 2))
        .expect("why");
    assert!(why.why[0].contains("Toil"), "{:?}", why.why);
    assert_eq!(why.terms[0].name, "Audit risk (weight 2)");

    rate(secrets.id, &[(risk.id, 9.0), (toil.id, 2.0)]).expect("rate");
    let why = w
        .store
        .read(|db| db.explain_rank(w.cycle.id, 2))
        .expect("why");
    assert_eq!(why.item.score, Some(20.0 / 3.0));
    let to_pass = why.to_pass.expect("a way past");
    assert!(
        to_pass.starts_with("Audit risk above 9.5 (now 9)"),
        "{to_pass}"
    );

    // Trashing a criterion leaves the rest to weigh; its ratings come back with it.
    w.store
        .write(|tx| tx.delete_criterion(toil.id))
        .expect("trash");
    let ranked = w.store.read(|db| db.rank(w.cycle.id)).expect("rank");
    assert_eq!(ranked.items[0].pain_id, secrets.id);
    assert_eq!(ranked.items[0].score, Some(9.0));
    w.store
        .write(|tx| tx.restore(TrashEntity::Criterion, toil.id))
        .expect("restore");
    let ranked = w.store.read(|db| db.rank(w.cycle.id)).expect("rank");
    assert_eq!(ranked.items[0].score, Some(7.0));

    assert!(rate(audit.id, &[(risk.id, 11.0)]).is_err(), "0 to 10");
    assert!(
        rate(audit.id, &[(Uuid::nil(), 1.0)]).is_err(),
        "no such criterion"
    );
    assert!(w
        .store
        .write(|tx| tx.create_criterion(&CriterionInput {
            name: "Zero".into(),
            weight: 0.0
        }))
        .is_err());
}

fn bucket(w: &World, name: &str) -> Bucket {
    w.store
        .write(|tx| {
            tx.create_bucket(
                w.cycle.id,
                &BucketInput {
                    name: name.into(),
                    kind: BucketKind::Eliminate,
                },
            )
        })
        .expect("bucket")
}

fn solution(title: &str, horizon: Horizon, effort: Option<f64>) -> SolutionInput {
    SolutionInput {
        title: title.into(),
        notes: String::new(),
        horizon,
        status: SolutionStatus::Unvalidated,
        effort,
        capability: String::new(),
        capability_outcome: String::new(),
        vendor_absorb: false,
        vendor_evidence: vec![],
    }
}

#[test]
fn a_solution_is_validated_only_once_an_experiment_that_could_disprove_it_survived() {
    let w = world();
    w.prioritize();
    let b = bucket(&w, "Slow CI feedback");
    let s = w
        .store
        .write(|tx| {
            tx.create_solution(
                b.id,
                &solution("Warm caches", Horizon::Immediate, Some(3.0)),
            )
        })
        .expect("solution");
    assert_eq!(
        (s.bucket_name.as_str(), s.status),
        ("Slow CI feedback", SolutionStatus::Unvalidated)
    );
    let validated = SolutionInput {
        status: SolutionStatus::Validated,
        ..solution("Warm caches", Horizon::Immediate, Some(3.0))
    };
    let err = w
        .store
        .write(|tx| tx.update_solution(s.id, &validated))
        .expect_err("no experiment yet");
    assert!(err.to_string().contains("experiment"), "{err}");

    let err = w
        .store
        .write(|tx| {
            tx.create_experiment(
                s.id,
                &ExperimentInput {
                    hypothesis: "Warm caches halve CI time".into(),
                    ..Default::default()
                },
            )
        })
        .expect_err("the test that could disprove it is needed");
    assert!(
        matches!(
            err,
            DomainError::InvalidInput {
                field: "falsifier",
                ..
            }
        ),
        "{err}"
    );
    let test = ExperimentInput {
        hypothesis: "Warm caches halve CI time".into(),
        falsifier:
            "Run ten pipelines of three teams with and without; under 30% faster disproves it"
                .into(),
        ..Default::default()
    };
    let e = w
        .store
        .write(|tx| tx.create_experiment(s.id, &test))
        .expect("experiment");
    let err = w
        .store
        .write(|tx| {
            tx.update_experiment(
                e.id,
                &ExperimentInput {
                    outcome: Some(Outcome::Survived),
                    ..test.clone()
                },
            )
        })
        .expect_err("an outcome needs its result");
    assert!(
        matches!(
            err,
            DomainError::InvalidInput {
                field: "result",
                ..
            }
        ),
        "{err}"
    );
    w.store
        .write(|tx| {
            tx.update_experiment(
                e.id,
                &ExperimentInput {
                    outcome: Some(Outcome::Survived),
                    result: "52% faster on average".into(),
                    ran_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
                    ..test.clone()
                },
            )
        })
        .expect("ran");
    let s = w
        .store
        .write(|tx| tx.update_solution(s.id, &validated))
        .expect("validated");
    assert_eq!(s.status, SolutionStatus::Validated);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);

    // A later experiment that disproves it is pointed out until the team decides.
    let e2 = w
        .store
        .write(|tx| tx.create_experiment(s.id, &test))
        .expect("experiment");
    w.store
        .write(|tx| {
            tx.update_experiment(
                e2.id,
                &ExperimentInput {
                    outcome: Some(Outcome::Disproved),
                    result: "Monorepo teams saw 5%".into(),
                    ..test.clone()
                },
            )
        })
        .expect("ran");
    let s = w.store.read(|db| db.solution(s.id)).expect("solution");
    assert!(s.warnings[0].contains("disproved it"), "{:?}", s.warnings);

    // Trashing the solution takes it off the list; a restore brings its experiments.
    w.store.write(|tx| tx.delete_solution(s.id)).expect("trash");
    assert!(w
        .store
        .read(|db| db.list_solutions(w.cycle.id))
        .expect("list")
        .is_empty());
    w.store
        .write(|tx| tx.restore(TrashEntity::Solution, s.id))
        .expect("restore");
    let back = w
        .store
        .read(|db| db.list_solutions(w.cycle.id))
        .expect("list");
    assert_eq!(back[0].experiments.len(), 2);
    w.store
        .write(|tx| tx.delete_experiment(e2.id))
        .expect("trash one");
    assert!(w
        .store
        .read(|db| db.solution(s.id))
        .expect("s")
        .warnings
        .is_empty());
}

#[test]
fn the_cloud_vendor_flag_cites_cloud_vendor_scan_observations_and_nothing_else() {
    let w = world();
    let scan = w.heard(
        SourceKind::CloudVendorScan,
        "Vendor X previewed managed build caches",
        &[],
    );
    let chat = w.heard(SourceKind::CoffeeChat, "We want build caches", &[]);
    w.prioritize();
    let b = bucket(&w, "Slow CI feedback");
    let flagged = |evidence: Vec<Uuid>| SolutionInput {
        vendor_absorb: true,
        vendor_evidence: evidence,
        ..solution("Own build cache", Horizon::Vision, Some(6.0))
    };
    let err = w
        .store
        .write(|tx| tx.create_solution(b.id, &flagged(vec![])))
        .expect_err("cite something");
    assert!(
        matches!(
            err,
            DomainError::InvalidInput {
                field: "vendorAbsorb",
                ..
            }
        ),
        "{err}"
    );
    let err = w
        .store
        .write(|tx| tx.create_solution(b.id, &flagged(vec![chat])))
        .expect_err("a coffee chat is not a vendor scan");
    assert!(err.to_string().contains("cloud-vendor scans only"), "{err}");
    assert!(
        w.store
            .read(|db| db.list_solutions(w.cycle.id))
            .expect("list")
            .is_empty(),
        "a refused write leaves nothing behind"
    );
    let s = w
        .store
        .write(|tx| tx.create_solution(b.id, &flagged(vec![scan])))
        .expect("flagged");
    assert!(s.vendor_absorb);
    assert_eq!(
        s.vendor_evidence[0].text,
        "Vendor X previewed managed build caches"
    );
    w.store
        .write(|tx| tx.delete_observation(scan))
        .expect("trash the scan");
    let s = w.store.read(|db| db.solution(s.id)).expect("solution");
    assert!(s.vendor_evidence[0].trashed);
    assert!(s.warnings[0].contains("no live"), "{:?}", s.warnings);
}

#[test]
fn the_plan_balance_warns_when_effort_drifts_from_the_target_the_team_sets() {
    let w = world();
    w.prioritize();
    let b = bucket(&w, "Slow CI feedback");
    let add = |title: &str, horizon, effort| {
        w.store
            .write(|tx| tx.create_solution(b.id, &solution(title, horizon, effort)))
            .expect("solution")
    };
    let balance = w
        .store
        .read(|db| db.plan_balance(w.cycle.id))
        .expect("balance");
    assert_eq!(
        (balance.target_immediate, balance.immediate_share),
        (70, None)
    );
    add("Warm caches", Horizon::Immediate, Some(8.0));
    let vision = add("Build graph service", Horizon::Vision, Some(2.0));
    let balance = w
        .store
        .read(|db| db.plan_balance(w.cycle.id))
        .expect("balance");
    assert_eq!(balance.immediate_share, Some(80.0));
    assert_eq!(balance.warning, None, "10 points off is within the guard");
    add("Flaky test quarantine", Horizon::Immediate, Some(8.0));
    add("Test impact analysis", Horizon::Vision, None);
    let balance = w
        .store
        .read(|db| db.plan_balance(w.cycle.id))
        .expect("balance");
    assert_eq!(balance.immediate_share, Some(88.88888888888889));
    assert_eq!(balance.unestimated, 1);
    let warning = balance.warning.expect("drifts");
    assert!(
        warning.contains("89%") && warning.contains("vision is starved"),
        "{warning}"
    );

    // The team sets its own target; 100/0 is allowed where vendors will absorb the rest.
    let balance = w
        .store
        .write(|tx| tx.set_plan_target(w.cycle.id, 90))
        .expect("target");
    assert_eq!((balance.target_immediate, balance.warning), (90, None));
    let balance = w
        .store
        .write(|tx| tx.set_plan_target(w.cycle.id, 100))
        .expect("target");
    assert!(balance
        .warning
        .expect("11 points short")
        .contains("immediate needs go short"));
    assert!(w
        .store
        .write(|tx| tx.set_plan_target(w.cycle.id, 101))
        .is_err());

    // A disproven solution is no longer planned effort.
    w.store
        .write(|tx| {
            tx.update_solution(
                vision.id,
                &SolutionInput {
                    status: SolutionStatus::Disproven,
                    ..solution("Build graph service", Horizon::Vision, Some(2.0))
                },
            )
        })
        .expect("disproven");
    assert_eq!(
        w.store
            .read(|db| db.plan_balance(w.cycle.id))
            .expect("balance")
            .vision_effort,
        0.0
    );
    // In a closed cycle the plan is history.
    w.store
        .write(|tx| tx.advance_cycle(w.cycle.id))
        .expect("roadmap");
    w.store
        .write(|tx| tx.advance_cycle(w.cycle.id))
        .expect("closed");
    assert!(w
        .store
        .write(|tx| tx.set_plan_target(w.cycle.id, 70))
        .is_err());
    assert!(w
        .store
        .write(|tx| tx.create_solution(b.id, &solution("Late", Horizon::Immediate, None)))
        .is_err());
}
