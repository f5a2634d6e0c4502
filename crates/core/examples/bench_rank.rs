//! Measures re-ranking at size: on a workspace made by `generate_workspace` (with
//! observations), it moves the current cycle to prioritization, makes `--pains` pains
//! (5,000 by default) each backed by 20 of the cycle's observations, scores four in
//! five by RICE, and times `rank` after a change of one pain's inputs (the reach
//! weighed last is reused) and after a change of evidence (every pain weighed again
//! from its evidence), then one explanation. It writes to the file: run it on a copy.
//! It reports p50/p95, it never asserts.
//!
//! ```text
//! cargo run --release -p groundwork-core --example generate_workspace -- --out /tmp/big.groundwork --sessions 10000 --observations 100000
//! cargo run --release -p groundwork-core --example bench_rank -- /tmp/big.groundwork [--pains 5000] [--runs 30]
//! ```

use groundwork_core::*;
use rusqlite::params;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

mod common;
use common::percentile;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(
        args.next()
            .expect("usage: bench_rank FILE [--pains N] [--runs N]"),
    );
    let (mut pains, mut runs) = (5000usize, 30usize);
    while let Some(flag) = args.next() {
        let value = args.next().and_then(|v| v.parse().ok()).expect("a number");
        match flag.as_str() {
            "--pains" => pains = value,
            "--runs" => runs = value,
            _ => panic!("unknown flag {flag}"),
        }
    }
    let store = Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("open");
    let cycle = store
        .read(|db| db.current_cycle())
        .expect("cycle")
        .expect("a current cycle");
    if cycle.mode == CycleMode::Discovery {
        store
            .write(|tx| tx.advance_cycle(cycle.id))
            .expect("to prioritization");
    }
    let t = Instant::now();
    let links = store.with_connection(|conn| {
        let tx = conn.transaction().expect("tx");
        let observations: Vec<String> = {
            let mut stmt = tx
                .prepare("SELECT id FROM observation WHERE cycle_id = ?1 AND deleted_at IS NULL")
                .expect("prepare");
            stmt.query_map([cycle.id.to_string()], |r| r.get(0))
                .expect("query")
                .collect::<Result<_, _>>()
                .expect("rows")
        };
        assert!(!observations.is_empty(), "the workspace needs observations");
        let now = "2026-12-01T09:00:00Z";
        let mut links = 0;
        for p in 0..pains {
            let id = uuid::Uuid::now_v7().to_string();
            tx.execute(
                "INSERT INTO pain (id, cycle_id, statement, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![id, cycle.id.to_string(), format!("Pain {p}"), now],
            )
            .expect("pain");
            for k in 0..20 {
                let o = &observations[(p * 20 + k * 7919) % observations.len()];
                links += tx
                    .execute(
                        "INSERT OR IGNORE INTO pain_evidence (pain_id, observation_id, linked_at) VALUES (?1, ?2, ?3)",
                        params![id, o, now],
                    )
                    .expect("link");
            }
            if p % 5 != 0 {
                tx.execute(
                    "INSERT INTO pain_score (pain_id, impact, confidence, effort, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, [0.5, 1.0, 2.0, 3.0][p % 4], 80.0, 1.0 + (p % 7) as f64, now],
                )
                .expect("score");
            }
        }
        tx.commit().expect("commit");
        links
    });
    println!(
        "made {pains} pains with {links} evidence links in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    // Re-ranking after a change of inputs (what a team does while ranking): the
    // reach weighed last is reused. Then after a change of evidence: weighed again.
    let first = store.read(|db| db.rank(cycle.id)).expect("rank");
    let (some, other) = (first.items[0].pain_id, first.items[1].pain_id);
    let observation = store
        .read(|db| db.pain(other))
        .expect("pain")
        .evidence
        .first()
        .map(|e| e.observation_id)
        .expect("evidence");
    let measure = |label: &str, change: &dyn Fn(usize)| {
        let mut times = Vec::new();
        let mut last = 0;
        for i in 0..=runs {
            change(i);
            let t = Instant::now();
            let ranking = store.read(|db| db.rank(cycle.id)).expect("rank");
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            last = ranking.items.len();
            if i > 0 {
                times.push(ms);
            }
        }
        times.sort_by(|a, b| a.total_cmp(b));
        println!(
            "rank {last} pains, {label:<34} p50 {:>8.1} ms   p95 {:>8.1} ms   ({runs} runs)",
            percentile(&times, 0.5),
            percentile(&times, 0.95)
        );
    };
    measure("after a score change", &|i| {
        let inputs = ScoreInputs {
            impact: Some(1.0 + (i % 3) as f64),
            confidence: Some(80.0),
            effort: Some(2.0),
            ..Default::default()
        };
        store
            .write(|tx| tx.score_pain(some, &inputs))
            .expect("score");
    });
    measure("after an evidence change", &|i| {
        if i % 2 == 0 {
            store
                .write(|tx| tx.unlink_evidence(other, observation))
                .expect("unlink");
        } else {
            store
                .write(|tx| {
                    tx.link_evidence(
                        other,
                        &[EvidenceLink {
                            observation_id: observation,
                            ..Default::default()
                        }],
                    )
                })
                .expect("link");
        }
    });
    // What the Pains view reads to paint: the pains with their evidence, the buckets
    // weighed, and the ranking.
    let time = |label: &str, read: &dyn Fn() -> usize| {
        let mut times = Vec::new();
        for _ in 0..5 {
            let t = Instant::now();
            read();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{label:<46} p50 {:>8.1} ms   (5 runs)",
            percentile(&times, 0.5)
        );
    };
    time("list_pains (with evidence)", &|| {
        store
            .read(|db| db.list_pains(cycle.id))
            .expect("pains")
            .len()
    });
    time("pain_rows (weighed, no evidence)", &|| {
        store.read(|db| db.pain_rows(cycle.id)).expect("rows").len()
    });
    time("list_buckets (weighed)", &|| {
        store
            .read(|db| db.list_buckets(cycle.id))
            .expect("buckets")
            .len()
    });
    let t = Instant::now();
    store
        .read(|db| db.explain_rank(cycle.id, 2))
        .expect("explain");
    println!(
        "explain #2                                    {:>8.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
}
