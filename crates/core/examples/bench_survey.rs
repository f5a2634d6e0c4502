//! Measures a survey import at size: a 100,000-row export of 12 columns (a
//! timestamp, an email of 2,000 respondents, a team of 40, Likert, NPS, CSAT, a
//! number, a single and a multiple choice, and three free texts), imported into a
//! workspace file, beside the raw SQLite insert limit for the same rows: the same
//! 100,000 rows of 12 text columns inserted with one prepared statement in one
//! transaction, in the same run and on the same disk. Then the charts of 20 waves of
//! 10 questions (500 responses each, split by none and by team): p50 and p95 of the
//! figures core computes for the Surveys screen. It never asserts.
//!
//! ```text
//! cargo run --release -p groundwork-core --example bench_survey [-- --rows 100000 --runs 3]
//! ```

use groundwork_core::*;
use std::sync::Arc;
use std::time::Instant;

mod common;

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

fn import(dir: &std::path::Path, csv: &str, run: usize) -> (f64, f64, u32) {
    let path = dir.join(format!("survey-{run}.groundwork"));
    let store = Store::open(&path, OpenMode::CreateNew, Arc::new(SystemClock)).expect("store");
    store
        .write(|tx| tx.create_cycle("2027 H1 planning"))
        .expect("cycle");
    let started = Instant::now();
    let preview = store
        .read(|db| db.preview_survey_import("export.csv", csv.as_bytes(), Some("DevEx"), None))
        .expect("preview");
    let preview_ms = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let done = store
        .write(|tx| {
            tx.import_survey_wave(
                "export.csv",
                csv.as_bytes(),
                &WaveImport {
                    survey: "DevEx".into(),
                    mapping: Some(preview.mapping()),
                    ..Default::default()
                },
                &mut |_, _| true,
            )
        })
        .expect("import");
    (
        preview_ms,
        started.elapsed().as_secs_f64() * 1000.0,
        done.responses,
    )
}

/// 20 waves of a 10-question survey, 500 responses each, and the time of its charts.
fn charts(dir: &std::path::Path, runs: usize) {
    let path = dir.join("charts.groundwork");
    let store = Store::open(&path, OpenMode::CreateNew, Arc::new(SystemClock)).expect("store");
    store
        .write(|tx| tx.create_cycle("2027 H1 planning"))
        .expect("cycle");
    let header = "Timestamp,Email,Team,Q1 agree,Q2 agree,How likely are you to recommend us?,How satisfied are you?,Hours lost,Language,Tools,What slows you down?,Q10 agree,Used it this month?\n";
    let mut mapping = None;
    for wave in 0..20 {
        let mut csv = String::from(header);
        for i in 0..500 {
            csv.push_str(&format!(
                "2026-{:02}-{:02},p{}@corp.example,Team {},{},{},{},{},{}.5,{},\"{}\",Queue number {},{},{}\n",
                wave % 12 + 1, wave + 1, (i + wave) % 300, i % 12, i % 5 + 1, (i + wave) % 5 + 1, i % 11, i % 5 + 1, i % 7,
                ["Go", "Java", "Python"][i % 3], ["GitHub Actions, Jenkins", "Jenkins", "CircleCI, Jenkins"][i % 3], i + wave * 1000, (i * 7) % 5 + 1, ["Yes", "No"][i % 2]
            ));
        }
        let m = match &mapping {
            Some(m) => m,
            None => {
                let p = store
                    .read(|db| {
                        db.preview_survey_import("w.csv", csv.as_bytes(), Some("Pulse"), None)
                    })
                    .expect("preview");
                mapping = Some(p.mapping());
                mapping.as_ref().expect("mapping")
            }
        };
        store
            .write(|tx| {
                tx.import_survey_wave(
                    "w.csv",
                    csv.as_bytes(),
                    &WaveImport {
                        survey: "Pulse".into(),
                        mapping: Some(m.clone()),
                        ..Default::default()
                    },
                    &mut |_, _| true,
                )
            })
            .expect("wave");
    }
    let survey = store
        .read(|db| db.list_surveys())
        .expect("surveys")
        .remove(0);
    for split in [Split::None, Split::Team] {
        let mut times: Vec<f64> = (0..runs.max(5))
            .map(|_| {
                let started = Instant::now();
                let c = store
                    .read(|db| db.survey_charts(survey.id, split))
                    .expect("charts");
                assert_eq!(c.questions.len(), 10);
                started.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let at = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
        println!(
            "charts of 20 waves x 10 questions (10,000 responses), split {split:?}: p50 {:.1} ms, p95 {:.1} ms",
            at(0.5),
            at(0.95)
        );
    }
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
        let raw = common::raw_insert(dir.path(), &csv, 12);
        let (preview, imported, responses) = import(dir.path(), &csv, run);
        println!(
            "run {}: raw insert {raw:.0} ms | preview (read, guess, check) {preview:.0} ms | import {imported:.0} ms ({responses} responses) | import / raw = {:.2}x",
            run + 1,
            imported / raw
        );
    }
    charts(dir.path(), runs * 5);
}
