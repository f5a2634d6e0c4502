//! Measures what every write pays for its guards, on a workspace made by
//! `generate_workspace`: autosaves of one session's notes, observations added to the
//! current cycle, and a session's details saved, each alone (no other load). Run it
//! on a cycle of 10 sessions and of 100,000: the figures should match, since no guard
//! counts the cycle's sessions. It reports p50/p95, it never asserts.
//!
//! ```text
//! cargo run --release -p groundwork-core --example generate_workspace -- --out /tmp/w10.groundwork --sessions 10
//! cargo run --release -p groundwork-core --example generate_workspace -- --out /tmp/w100k.groundwork --sessions 100000
//! cargo run --release -p groundwork-core --example bench_writes -- /tmp/w10.groundwork [--runs 300]
//! ```

use groundwork_core::*;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

mod common;
use common::percentile;

fn measure(label: &str, runs: usize, mut f: impl FnMut(usize)) {
    f(0);
    let mut times: Vec<f64> = (1..=runs)
        .map(|i| {
            let t = Instant::now();
            f(i);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{label:<44} p50 {:>6.3} ms   p95 {:>6.3} ms   ({runs} runs)",
        percentile(&times, 0.5),
        percentile(&times, 0.95)
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().expect("usage: bench_writes FILE [--runs N]"));
    let runs: usize = match (args.next().as_deref(), args.next()) {
        (Some("--runs"), Some(n)) => n.parse().expect("--runs N"),
        _ => 300,
    };
    let store = Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("open");
    let cycle = store
        .read(|db| db.current_cycle())
        .expect("cycle")
        .expect("a current cycle");
    let page = store
        .read(|db| {
            db.list_sessions(&SessionQuery {
                cycle_id: Some(cycle.id),
                limit: Some(1),
                ..Default::default()
            })
        })
        .expect("sessions");
    println!(
        "{}: the current cycle holds {} sessions",
        path.display(),
        page.matching
    );
    let session = store
        .read(|db| db.session(page.sessions[0].id))
        .expect("a session to write to");
    let base = session.notes.clone();
    measure("save_notes (an autosave)", runs, |i| {
        store
            .write(|tx| tx.save_notes(session.id, &format!("{base}\n\nEdit {i}")))
            .expect("save");
    });
    measure("create_observation in the cycle", runs, |i| {
        store
            .write(|tx| {
                tx.create_observation(&NewObservation {
                    session_id: Some(session.id),
                    text: format!("Benchmark observation {i}"),
                    ..Default::default()
                })
            })
            .expect("observation");
    });
    let update = |i: usize| SessionUpdate {
        kind: session.kind,
        title: format!("{} ({i})", session.title),
        held_on: session.held_on,
        people: session.people.iter().map(|p| p.id).collect(),
        links: session.links.clone(),
        tags: None,
    };
    measure("update_session (details)", runs, |i| {
        store
            .write(|tx| tx.update_session(session.id, &update(i)))
            .expect("update");
    });
}
