//! What the benchmark examples share.
#![allow(dead_code)] // each example uses some of it

/// The value at fraction `p` (0.5 is the median) of sorted samples; 0 when there are none.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// The raw SQLite insert limit for a CSV's rows, in milliseconds: the rows (split on
/// commas into `columns` text columns, already in memory, so the limit is SQLite's and
/// not a parser's) inserted with one prepared statement in one transaction, into a new
/// file in `dir` with the pragmas a workspace uses for speed (WAL, synchronous NORMAL).
pub fn raw_insert(dir: &std::path::Path, csv: &str, columns: usize) -> f64 {
    let path = dir.join("raw.sqlite");
    let _ = std::fs::remove_file(&path);
    let mut conn = rusqlite::Connection::open(&path).expect("open");
    conn.pragma_update(None, "journal_mode", "WAL")
        .expect("wal");
    conn.pragma_update(None, "synchronous", "NORMAL")
        .expect("sync");
    let names: Vec<String> = (0..columns).map(|i| format!("c{i} TEXT")).collect();
    conn.execute_batch(&format!("CREATE TABLE r ({}) STRICT", names.join(", ")))
        .expect("table");
    let started = std::time::Instant::now();
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.splitn(columns, ',').collect())
        .collect();
    let marks: Vec<String> = (1..=columns).map(|i| format!("?{i}")).collect();
    let tx = conn.transaction().expect("tx");
    {
        let mut stmt = tx
            .prepare(&format!("INSERT INTO r VALUES ({})", marks.join(", ")))
            .expect("stmt");
        for r in &rows {
            let p: Vec<&str> = (0..columns)
                .map(|i| r.get(i).copied().unwrap_or(""))
                .collect();
            stmt.execute(rusqlite::params_from_iter(p)).expect("insert");
        }
    }
    tx.commit().expect("commit");
    started.elapsed().as_secs_f64() * 1000.0
}

/// What people type into search: whole words, half-typed prefixes, two words, a
/// phrase, and noise (an unclosed `NEAR(`, a word no text holds).
pub const QUERIES: [&str; 20] = [
    "deploy",
    "dep",
    "kubernetes upgrades",
    "flaky",
    "ci",
    "secrets rot",
    "\"deploy pipeline\"",
    "migration",
    "on-call",
    "costs",
    "templates",
    "golden",
    "incident",
    "wait",
    "pager",
    "NEAR(",
    "zzzz",
    "feature flags rollout",
    "database",
    "observability",
];
