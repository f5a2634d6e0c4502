//! Measures candidate pains at size: a workspace file (make one with
//! `generate_workspace --observations 5000`), its first cycle moved to prioritization
//! in a copy, then the grouping of every pain and request observation no pain holds,
//! timed over a few runs. It never asserts.
//!
//! ```text
//! cargo run --release -p groundwork-core --example bench_candidates -- --workspace /tmp/5k.groundwork [--runs 5]
//! ```

use groundwork_core::*;
use std::sync::Arc;
use std::time::Instant;

mod common;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let source = arg("--workspace").expect("--workspace FILE");
    let runs: usize = arg("--runs").and_then(|r| r.parse().ok()).unwrap_or(5);
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("copy.groundwork");
    std::fs::copy(&source, &path).expect("copy");
    let store = Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("opens");
    let cycle = store.read(|db| db.list_cycles()).expect("cycles")[0].id;
    store
        .write(|tx| tx.advance_cycle(cycle))
        .expect("to prioritization");
    let grouped: i64 = store.with_connection(|c| {
        c.query_row(
            "SELECT count(*) FROM observation WHERE cycle_id = ?1 AND deleted_at IS NULL
             AND kind IN ('pain', 'request')
             AND id NOT IN (SELECT observation_id FROM pain_evidence)",
            [cycle.to_string()],
            |r| r.get(0),
        )
        .expect("count")
    });
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let candidates = store
            .read(|db| db.candidate_pains(cycle))
            .expect("candidates");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        found = candidates.len();
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "candidate pains over {grouped} unlinked pain and request observations: {found} candidates; p50 {:.0} ms, max {:.0} ms ({runs} runs)",
        common::percentile(&times, 0.5),
        times.last().copied().unwrap_or_default()
    );
}
