//! Measures autosave latency while slow reads run, on a workspace made by
//! `generate_workspace`: one thread saves a session's notes every few milliseconds while
//! another runs broad searches and whole-file counts without pause. It reports p50/p95
//! of the saves, it never asserts.
//!
//! `--one-lock` runs both through one lock around the store, as the app did before
//! reads had connections of their own (one connection behind one mutex), to compare.
//!
//! ```text
//! cargo run --release -p groundwork-core --example bench_autosave -- /tmp/big.groundwork [--saves 200] [--one-lock]
//! ```

use groundwork_core::*;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;
use common::percentile;

fn main() {
    let mut path = None;
    let mut saves = 200usize;
    let mut one_lock = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--saves" => saves = args.next().and_then(|n| n.parse().ok()).expect("--saves N"),
            "--one-lock" => one_lock = true,
            other => path = Some(PathBuf::from(other)),
        }
    }
    let path = path.expect("usage: bench_autosave FILE [--saves N] [--one-lock]");
    let store =
        Arc::new(Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("open"));
    let session = store
        .read(|db| {
            db.list_sessions(&SessionQuery {
                limit: Some(1),
                ..Default::default()
            })
        })
        .expect("sessions")
        .sessions
        .first()
        .map(|s| s.id)
        .expect("a session");
    // The app before: every call took this one lock.
    let lock = Arc::new(Mutex::new(()));
    let stop = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(AtomicUsize::new(0));
    let reader = {
        let (store, lock, stop, reads) = (store.clone(), lock.clone(), stop.clone(), reads.clone());
        std::thread::spawn(move || {
            let queries = ["fl", "tests", "deploy", "the"];
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                let _held = one_lock.then(|| lock.lock().unwrap_or_else(|e| e.into_inner()));
                // A broad search and a count over every observation: the slow reads.
                let _ = store.read(|db| {
                    db.search(&SearchQuery {
                        text: queries[i % queries.len()].into(),
                        limit: Some(200),
                        ..Default::default()
                    })
                });
                let _ = store.read(|db| {
                    db.list_observations(&ObservationQuery {
                        text: queries[i % queries.len()].into(),
                        limit: Some(100),
                        ..Default::default()
                    })
                });
                reads.fetch_add(1, Ordering::Relaxed);
                i += 1;
            }
        })
    };
    // Let the reader get going.
    std::thread::sleep(Duration::from_millis(200));
    let mut times = Vec::with_capacity(saves);
    for i in 0..saves {
        let notes = format!("Notes typed while a slow read runs, keystroke {i}.");
        let t = Instant::now();
        {
            let _held = one_lock.then(|| lock.lock().unwrap_or_else(|e| e.into_inner()));
            store
                .write(|tx| tx.save_notes(session, &notes))
                .expect("save");
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        // About as often as autosave while typing, sped up.
        std::thread::sleep(Duration::from_millis(5));
    }
    stop.store(true, Ordering::Relaxed);
    let _ = reader.join();
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "autosave while slow reads run ({}): p50 {:.2} ms   p95 {:.2} ms   max {:.2} ms   ({} saves, {} reads meanwhile)",
        if one_lock { "one lock, as before" } else { "reads on their own connections" },
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        times.last().copied().unwrap_or(0.0),
        saves,
        reads.load(Ordering::Relaxed)
    );
}
