//! Measures similar observations at size: on a workspace file (make one with
//! `generate_workspace`), the most similar five of a fixed spread of observations,
//! timed one by one. It never asserts.
//!
//! ```text
//! cargo run --release -p groundwork-core --example bench_similar -- --workspace /tmp/big.groundwork [--asks 300]
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
    let path = arg("--workspace").expect("--workspace FILE");
    let asks: usize = arg("--asks").and_then(|r| r.parse().ok()).unwrap_or(300);
    let store = Store::open(
        std::path::Path::new(&path),
        OpenMode::MustExist,
        Arc::new(SystemClock),
    )
    .expect("opens");
    let ids: Vec<uuid::Uuid> = store.with_connection(|c| {
        let n: i64 = c
            .query_row("SELECT count(*) FROM observation", [], |r| r.get(0))
            .expect("count");
        let step = (n / asks as i64).max(1);
        c.prepare("SELECT id FROM observation WHERE rowid % ?1 = 0 LIMIT ?2")
            .and_then(|mut s| {
                s.query_map(rusqlite::params![step, asks as i64], |r| {
                    let id: String = r.get(0)?;
                    Ok(uuid::Uuid::parse_str(&id).unwrap_or_default())
                })?
                .collect()
            })
            .expect("ids")
    });
    // One pass to warm the cache, as a person's second look would be.
    for id in ids.iter().take(20) {
        let _ = store.read(|db| db.similar_observations(*id, 5));
    }
    let mut times = Vec::with_capacity(ids.len());
    for id in &ids {
        let started = Instant::now();
        let found = store
            .read(|db| db.similar_observations(*id, 5))
            .expect("similar");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(found);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "similar observations, 5 of each of {} observations: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        times.len(),
        common::percentile(&times, 0.5),
        common::percentile(&times, 0.95),
        times.last().copied().unwrap_or_default()
    );
}
