//! Measures a survey import at size: a 100,000-row export of 12 columns (a
//! timestamp, an email of 2,000 respondents, a team of 40, Likert, NPS, CSAT, a
//! number, a single and a multiple choice, and three free texts), imported into a
//! workspace file, beside the raw SQLite insert limit for the same rows: the same
//! 100,000 rows of 12 text columns inserted with one prepared statement in one
//! transaction, in the same run and on the same disk. It never asserts.
//!
//! ```text
//! cargo run --release -p groundwork-core --example bench_survey [-- --rows 100000 --runs 3]
//! ```

use groundwork_core::*;
use std::sync::Arc;
use std::time::Instant;

fn export(rows: usize) -> String {
    let mut csv = String::from(
        "Timestamp,Email Address,Team,How much do you agree that CI is reliable?,How likely are you to recommend the platform to a colleague?,How satisfied are you with support?,Hours lost per week,Main language,Which tools do you use?,What slows you down?,What should we build next?,Anything else?\n",
    );
    for i in 0..rows {
        csv.push_str(&format!(
            "2026/11/{:02} 10:{:02}:00 AM GMT+1,person{}@corp.example,Team {},{},{},{},{}.5,{},\"{}\",\"Builds wait {} minutes in the queue, again\",Remote caches for team {},\n",
            i % 28 + 1,
            i % 60,
            i % 2000,
            i % 40,
            i % 5 + 1,
            i % 11,
            i % 5 + 1,
            i % 9,
            ["Go", "Java", "Python", "TypeScript"][i % 4],
            ["GitHub Actions, Jenkins", "Jenkins", "CircleCI, GitHub Actions"][i % 3],
            i % 50,
            i % 40
        ));
    }
    csv
}

fn raw_insert(dir: &std::path::Path, csv: &str) -> f64 {
    let path = dir.join("raw.sqlite");
    let _ = std::fs::remove_file(&path);
    let mut conn = rusqlite::Connection::open(&path).expect("open");
    conn.pragma_update(None, "journal_mode", "WAL")
        .expect("wal");
    conn.pragma_update(None, "synchronous", "NORMAL")
        .expect("sync");
    conn.execute_batch(
        "CREATE TABLE r (a TEXT, b TEXT, c TEXT, d TEXT, e TEXT, f TEXT, g TEXT, h TEXT, i TEXT, j TEXT, k TEXT, l TEXT) STRICT",
    )
    .expect("table");
    let started = Instant::now();
    // The rows already split: the limit is SQLite's, not a parser's.
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.splitn(12, ',').collect())
        .collect();
    let tx = conn.transaction().expect("tx");
    {
        let mut stmt = tx
            .prepare("INSERT INTO r VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
            .expect("stmt");
        for r in &rows {
            let p: Vec<&str> = (0..12).map(|i| r.get(i).copied().unwrap_or("")).collect();
            stmt.execute(rusqlite::params_from_iter(p)).expect("insert");
        }
    }
    tx.commit().expect("commit");
    started.elapsed().as_secs_f64() * 1000.0
}

fn import(dir: &std::path::Path, csv: &str, run: usize) -> (f64, f64, u32) {
    let path = dir.join(format!("survey-{run}.groundwork"));
    let store = Store::open(&path, OpenMode::CreateNew, Arc::new(SystemClock)).expect("store");
    store.create_cycle("2027 H1 planning").expect("cycle");
    let started = Instant::now();
    let preview = store
        .preview_survey_import("export.csv", csv.as_bytes(), Some("DevEx"), None)
        .expect("preview");
    let preview_ms = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let done = store
        .import_survey_wave(
            "export.csv",
            csv.as_bytes(),
            &WaveImport {
                survey: "DevEx".into(),
                mapping: Some(preview.mapping()),
                ..Default::default()
            },
            &mut |_, _| true,
        )
        .expect("import");
    (
        preview_ms,
        started.elapsed().as_secs_f64() * 1000.0,
        done.responses,
    )
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut rows, mut runs) = (100_000usize, 3usize);
    while let Some(flag) = args.next() {
        let value = args.next().and_then(|v| v.parse().ok()).expect("a number");
        match flag.as_str() {
            "--rows" => rows = value,
            "--runs" => runs = value,
            _ => panic!("unknown flag {flag}"),
        }
    }
    let csv = export(rows);
    let dir = tempfile::tempdir().expect("tmp");
    println!(
        "survey import: {rows} rows x 12 columns, {:.1} MB, {runs} runs",
        csv.len() as f64 / 1e6
    );
    for run in 0..runs {
        let raw = raw_insert(dir.path(), &csv);
        let (preview, imported, responses) = import(dir.path(), &csv, run);
        println!(
            "run {}: raw insert {raw:.0} ms | preview (read, guess, check) {preview:.0} ms | import {imported:.0} ms ({responses} responses) | import / raw = {:.2}x",
            run + 1,
            imported / raw
        );
    }
}
