//! Times Groundwork's search in-process on a workspace, for
//! `scripts/bench/joplin-compare.sh` (Groundwork vs Joplin on the same notes).
//! Queries come on stdin, one a line as `TYPE<TAB>QUERY`; each is run once to warm
//! up, then `--runs N` times, through `Store::read(|db| db.search(..))` as the app
//! does (the first page of 50 hits and the totals). One line per timed run goes to
//! stdout: `TYPE<TAB>QUERY<TAB>MS<TAB>TOTAL`. It reports, it never asserts.
//!
//! ```text
//! printf 'one word\tflaky\n' | cargo run --release -p groundwork-core --example bench_search_notes -- WS.groundwork [--runs 20]
//! ```

use groundwork_core::*;
use std::io::BufRead;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(
        args.next()
            .expect("usage: bench_search_notes FILE [--runs N] < queries.tsv"),
    );
    let runs: usize = match (args.next().as_deref(), args.next()) {
        (Some("--runs"), Some(n)) => n.parse().expect("--runs N"),
        _ => 20,
    };
    let queries: Vec<(String, String)> = std::io::stdin()
        .lock()
        .lines()
        .map(|l| l.expect("stdin"))
        .filter_map(|l| {
            let (kind, q) = l.split_once('\t')?;
            Some((kind.to_owned(), q.to_owned()))
        })
        .collect();
    let opened = Instant::now();
    let store = Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("open");
    eprintln!(
        "groundwork: opened {} in {:.1} ms",
        path.display(),
        opened.elapsed().as_secs_f64() * 1000.0
    );
    let search = |text: &str| {
        store
            .read(|db| {
                db.search(&SearchQuery {
                    text: text.into(),
                    ..Default::default()
                })
            })
            .expect("search")
    };
    for (_, q) in &queries {
        search(q);
    }
    // Round-robin over the queries so no one query runs hot N times in a row.
    for _ in 0..runs {
        for (kind, q) in &queries {
            let t = Instant::now();
            let found = search(q);
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            println!("{kind}\t{q}\t{ms:.3}\t{}", found.total);
        }
    }
}
