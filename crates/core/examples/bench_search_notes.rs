//! Times Groundwork's search in-process on a workspace, for
//! `scripts/bench/joplin-compare.sh` (Groundwork vs Joplin on the same notes).
//! Queries come on stdin, one a line as `TYPE<TAB>QUERY`; each is run once to warm
//! up, then `--runs N` times, through `Store::read(|db| db.search(..))` as the app
//! does (the first page of 50 hits and the totals). One line per timed run goes to
//! stdout: `TYPE<TAB>QUERY<TAB>MS<TAB>TOTAL`. It reports, it never asserts.
//! `--check-unique N` also searches the unique word of each of the corpus's N notes
//! (`uniq<number in letters a-y>z`, see `scripts/bench/joplin-corpus.mjs`) and
//! prints `#unique<TAB>FOUND<TAB>N`: how many notes search finds by their own word.
//!
//! ```text
//! printf 'one word\tflaky\n' | cargo run --release -p groundwork-core --example bench_search_notes -- WS.groundwork [--runs 20] [--check-unique 10000]
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
    let (mut runs, mut check_unique) = (20usize, 0usize);
    while let Some(flag) = args.next() {
        let n: usize = args
            .next()
            .and_then(|n| n.parse().ok())
            .expect("a number after the flag");
        match flag.as_str() {
            "--runs" => runs = n,
            "--check-unique" => check_unique = n,
            other => panic!("unknown flag {other}"),
        }
    }
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
    if check_unique > 0 {
        let found = (0..check_unique)
            .filter(|&i| search(&unique_word(i)).total >= 1)
            .count();
        println!("#unique\t{found}\t{check_unique}");
    }
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

/// The word only note `i` of the corpus holds: its number in letters a-y, then z.
fn unique_word(i: usize) -> String {
    let mut letters = Vec::new();
    let mut n = i;
    loop {
        letters.push(b'a' + (n % 25) as u8);
        n /= 25;
        if n == 0 {
            break;
        }
    }
    letters.reverse();
    format!("uniq{}z", String::from_utf8(letters).expect("ascii"))
}
