//! Measures sharing at size, on a workspace file (make one with `generate_workspace`):
//! the first export to a folder and the import back (checked equal on every table),
//! the first share into a bare repository on the same disk and the repository's size,
//! then syncs of 10 changed records: local steps only (nothing new in the
//! repository), and a merge of 10 records a teammate changed. It never asserts beyond
//! the round trip's equality.
//!
//! ```text
//! cargo run --release -p groundwork-core --example bench_share -- --workspace /tmp/big.groundwork [--runs 5]
//! ```

use groundwork_core::sharing::sync::{self, SyncStage};
use groundwork_core::store::folder::{self, LOCAL_TABLES};
use groundwork_core::*;
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

mod common;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// A digest of every shared table's rows, in key order: equal digests, equal tables.
fn digest(store: &Store) -> String {
    store.with_connection(|conn| {
        let mut hash = Sha256::new();
        for table in folder::tables(conn).expect("tables") {
            if LOCAL_TABLES.contains(&table.name.as_str()) {
                continue;
            }
            hash.update(table.name.as_bytes());
            let mut stmt = conn.prepare(&table.select_sql()).expect("select");
            let mut rows = stmt.query([]).expect("rows");
            while let Some(row) = rows.next().expect("row") {
                let record = table.read_row(row).expect("record");
                hash.update(serde_json::to_string(&record.record).expect("json"));
                for (_, bytes) in record.bytes {
                    hash.update(bytes);
                }
            }
        }
        format!("{:x}", hash.finalize())
    })
}

fn du(path: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let meta = entry.metadata().expect("meta");
            if meta.is_dir() {
                stack.push(entry.path());
            } else {
                total += meta.len();
            }
        }
    }
    total
}

/// Changes the text of `n` observations, as editing them would.
fn edit(store: &Store, n: usize, round: usize) {
    store.with_connection(|conn| {
        conn.execute(
            &format!(
                "UPDATE observation SET text = text || ' (edit {round})', updated_at = datetime('now')
                 WHERE id IN (SELECT id FROM observation ORDER BY id LIMIT {n} OFFSET {})",
                round * n
            ),
            [],
        )
        .expect("edit");
    });
}

/// Syncs and gives the whole time and each stage's, in milliseconds.
fn timed_sync(store: &Store) -> (f64, Vec<(SyncStage, f64)>) {
    let marks: RefCell<Vec<(SyncStage, Instant)>> = RefCell::new(Vec::new());
    let started = Instant::now();
    let report = sync::sync_with(store, &|stage| {
        marks.borrow_mut().push((stage, Instant::now()))
    })
    .expect("syncs");
    let total = ms(started);
    assert!(
        report.offline.is_none(),
        "the bare repository is on this disk"
    );
    let marks = marks.into_inner();
    let mut stages = Vec::new();
    for (i, (stage, at)) in marks.iter().enumerate() {
        let end = marks
            .get(i + 1)
            .map(|(_, t)| *t)
            .unwrap_or_else(Instant::now);
        stages.push((*stage, end.duration_since(*at).as_secs_f64() * 1000.0));
    }
    (total, stages)
}

fn main() {
    let source = PathBuf::from(arg("--workspace").expect("--workspace FILE"));
    let runs: usize = arg("--runs").and_then(|r| r.parse().ok()).unwrap_or(5);
    let dir = tempfile::tempdir().expect("dir");
    let work = dir.path().join("a.groundwork");
    std::fs::copy(&source, &work).expect("copy");
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let a = Store::open(&work, OpenMode::MustExist, clock.clone()).expect("opens");
    let observations: i64 = a.with_connection(|c| {
        c.query_row("SELECT count(*) FROM observation", [], |r| r.get(0))
            .expect("count")
    });
    println!("workspace: {observations} observations");

    let folder_dir = dir.path().join("folder");
    let started = Instant::now();
    let written = a.write_folder(&folder_dir).expect("export");
    let export_ms = ms(started);
    let back = dir.path().join("back.groundwork");
    let started = Instant::now();
    folder::read_folder(&folder_dir, &back, clock.clone()).expect("import");
    let import_ms = ms(started);
    let copy = Store::open(&back, OpenMode::MustExist, clock.clone()).expect("opens");
    let equal = digest(&a) == digest(&copy);
    println!(
        "export to a folder: {export_ms:.0} ms ({} files, {:.1} MB); import back: {import_ms:.0} ms; every table equal: {equal}",
        written.files,
        du(&folder_dir) as f64 / 1e6
    );
    assert!(equal, "the round trip changed a table");
    drop(copy);

    let repo = dir.path().join("shared.git");
    let status = std::process::Command::new("git")
        .args(["init", "--quiet", "--bare", "--initial-branch=main"])
        .arg(&repo)
        .status()
        .expect("git");
    assert!(status.success());
    let started = Instant::now();
    sync::share(&a, &repo.to_string_lossy()).expect("shares");
    println!(
        "first share (write, commit, push): {:.0} ms; repository after the first commit: {:.1} MB",
        ms(started),
        du(&repo) as f64 / 1e6
    );

    let mut local = Vec::new();
    let mut merging = Vec::new();
    for round in 0..runs {
        edit(&a, 10, round);
        let (total, stages) = timed_sync(&a);
        let merge = stages
            .iter()
            .filter(|(s, _)| *s == SyncStage::Merging)
            .map(|(_, t)| t)
            .sum::<f64>();
        local.push(merge);
        println!("sync of 10 changed records: {total:.0} ms in all, local steps {merge:.0} ms ({stages:?})");
    }
    // A teammate's copy, made from the repository, changes 10 records and pushes; this
    // copy's sync merges them.
    let b_path = dir.path().join("b.groundwork");
    let started = Instant::now();
    let b = sync::join(&repo.to_string_lossy(), &b_path, clock.clone()).expect("joins");
    println!("a teammate joins (clone and import): {:.0} ms", ms(started));
    for round in 0..runs {
        edit(&b, 10, runs + round);
        sync::sync(&b).expect("teammate syncs");
        let (total, stages) = timed_sync(&a);
        let merge = stages
            .iter()
            .filter(|(s, _)| *s == SyncStage::Merging)
            .map(|(_, t)| t)
            .sum::<f64>();
        merging.push(merge);
        println!("sync merging 10 records from a teammate: {total:.0} ms in all, local steps {merge:.0} ms");
    }
    local.sort_by(|x, y| x.total_cmp(y));
    merging.sort_by(|x, y| x.total_cmp(y));
    println!(
        "local steps of a sync, 10 records changed here: p50 {:.0} ms, max {:.0} ms; merging 10 from a teammate: p50 {:.0} ms, max {:.0} ms",
        common::percentile(&local, 0.5),
        local.last().copied().unwrap_or_default(),
        common::percentile(&merging, 0.5),
        merging.last().copied().unwrap_or_default()
    );
}
