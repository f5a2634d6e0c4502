//! Measures exports at size: a planning pack whose charter and vision cite 500
//! observations (said by 100 people of 20 teams in 100 sessions), with 50 ranked
//! pains; it times the pack as Markdown and HTML (core) and as PDF (Typst), each run
//! after an edit of the charter, and reports the first run (cold: fonts loaded, no
//! memo) and p50/p95. It never asserts.
//!
//! ```text
//! cargo run --release -p groundwork-interchange --example bench_export [-- --runs 10]
//! ```

use groundwork_core::*;
use groundwork_interchange::{export, Format};
use std::sync::Arc;
use std::time::Instant;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut runs = 10usize;
    while let Some(flag) = args.next() {
        let value = args.next().and_then(|v| v.parse().ok()).expect("a number");
        match flag.as_str() {
            "--runs" => runs = value,
            _ => panic!("unknown flag {flag}"),
        }
    }
    let store = Store::open_in_memory(Arc::new(SystemClock)).expect("store");
    let cycle = store
        .write(|tx| tx.create_cycle("2027 H1 planning"))
        .expect("cycle")
        .id;
    let teams: Vec<_> = (0..20)
        .map(|t| {
            store
                .write(|tx| {
                    tx.create_team(&TeamInput {
                        name: format!("Team {t}"),
                        org_area: String::new(),
                        segment: format!("Segment {}", t % 4),
                    })
                })
                .expect("team")
                .id
        })
        .collect();
    let people: Vec<_> = (0..100)
        .map(|p| {
            store
                .write(|tx| {
                    tx.create_person(&PersonInput {
                        name: format!("Person {p}"),
                        team_id: Some(teams[p % 20]),
                        ..Default::default()
                    })
                })
                .expect("person")
                .summary
                .id
        })
        .collect();
    let mut observations = Vec::new();
    for (s, person) in people.iter().enumerate() {
        let session = store
            .write(|tx| {
                tx.create_session(&NewSession {
                    cycle_id: cycle,
                    kind: SourceKind::CoffeeChat,
                    title: format!("Coffee chat {s}"),
                    held_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
                    people: vec![*person],
                    links: vec![],
                    tags: vec![],
                    notes: None,
                })
            })
            .expect("session");
        for o in 0..5 {
            observations.push(
                store.write(|tx| tx.create_observation(&NewObservation {
                        session_id: Some(session.id),
                        kind: ObservationKind::Quote,
                        text: format!("Observation {o} of session {s}: builds are slow, and when they fail nobody can say why without reading ten thousand lines of logs."),
                        people: vec![*person],
                        ..Default::default()
                    }))
                    .expect("observation")
                    .id,
            );
        }
    }
    store
        .write(|tx| tx.advance_cycle(cycle))
        .expect("prioritize");
    for p in 0..50 {
        let pain = store
            .write(|tx| {
                tx.create_pain(
                    cycle,
                    &PainInput {
                        statement: format!("Pain {p}: builds are slow for team {}", p % 20),
                        severity: None,
                        evidence: (0..10)
                            .map(|k| EvidenceLink {
                                observation_id: observations[(p * 10 + k) % observations.len()],
                                ..Default::default()
                            })
                            .collect(),
                    },
                )
            })
            .expect("pain");
        store
            .write(|tx| {
                tx.score_pain(
                    pain.id,
                    &ScoreInputs {
                        impact: Some(1.0 + (p % 3) as f64),
                        confidence: Some(80.0),
                        effort: Some(1.0 + (p % 5) as f64),
                        ..Default::default()
                    },
                )
            })
            .expect("score");
    }
    let body = |half: &[uuid::Uuid], title: &str| {
        let mut b = format!("# {title}\n\n");
        for (i, chunk) in half.chunks(5).enumerate() {
            b.push_str(&format!(
                "## Section {i}\n\nA claim the team makes about its users"
            ));
            for o in chunk {
                b.push_str(&CitedKind::Observation.token(*o));
            }
            b.push_str(".\n\n");
        }
        b.push_str("[@live:pains:20]\n");
        b
    };
    let (a, b) = observations.split_at(250);
    store
        .write(|tx| tx.save_document(cycle, DocumentKind::Charter, &body(a, "Charter"), None))
        .expect("charter");
    store
        .write(|tx| tx.save_document(cycle, DocumentKind::Vision, &body(b, "Vision"), None))
        .expect("vision");

    println!(
        "planning pack citing {} observations, 50 pains, {runs} runs",
        observations.len()
    );
    for format in [Format::Md, Format::Html, Format::Pdf] {
        let mut times = Vec::new();
        let mut size = 0;
        let mut citations = 0;
        for run in 0..runs {
            // Each run exports an edited charter, as a person exports after writing:
            // Typst's memoization may reuse only what did not change.
            let edited = format!(
                "{}\nEdited in run {run} of {}.\n",
                body(a, "Charter"),
                format.extension()
            );
            store
                .write(|tx| tx.save_document(cycle, DocumentKind::Charter, &edited, None))
                .expect("edit");
            let t = Instant::now();
            let file = export(&store, cycle, ExportDoc::Pack, format).expect("export");
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            size = file.bytes.len();
            citations = file.citations;
        }
        let first = times[0];
        times.sort_by(f64::total_cmp);
        println!(
            "{:<5} first {:>8.1} ms  p50 {:>8.1} ms  p95 {:>8.1} ms  ({} KiB, {citations} footnotes)",
            format.extension(),
            first,
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            size / 1024
        );
    }
}
