//! Measures transcripts: (a) reading and previewing a two-hour Teams transcript of
//! about 5,000 cues, and importing it into a fresh workspace; (b) with a workspace made
//! by `generate_workspace`, search before and after 500 transcripts are added, the two
//! copies measured in turn so the machine's moods fall on both alike.
//! Prints p50/p95 per case; it reports, it never asserts.
//!
//! ```text
//! cargo run --release -p groundwork-core --example generate_workspace -- \
//!     --out /tmp/big.groundwork --sessions 10000 --observations 100000
//! cargo run --release -p groundwork-core --example bench_transcript -- \
//!     [--rounds 20] [--workspace /tmp/big.groundwork] [--transcripts 500] [--runs 200] \
//!     [--topics 8] [--keep-with /tmp/big-with-transcripts.groundwork]
//! ```
//!
//! The transcripts are made in memory from a seed: four speakers (one of them us)
//! taking turns of one to eight cues, each cue 1–2 s of a dozen words or so, with
//! Teams' GUID cue ids and `<v Name>` voice tags. Those added to the workspace are an
//! hour each (2,500 cues), with two people of the register and us, each talk about
//! `--topics` of the 40 platform words (8 by default; 40 makes every talk hold every
//! word of every query, the worst case for search).

use chrono::{Duration, NaiveDate};
use groundwork_core::discovery::transcript::{preview, read_transcript};
use groundwork_core::*;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

mod common;
use common::percentile;

/// A small, seedable generator (xorshift): the same seed, the same transcript.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, of: &[&'a str]) -> &'a str {
        of[self.below(of.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "deploy",
    "pipeline",
    "flaky",
    "tests",
    "kubernetes",
    "upgrades",
    "secrets",
    "rotation",
    "migration",
    "on-call",
    "pager",
    "incident",
    "database",
    "observability",
    "costs",
    "templates",
    "golden",
    "path",
    "wait",
    "queue",
    "release",
    "rollback",
    "feature",
    "flags",
    "rollout",
    "build",
    "cache",
    "review",
    "approval",
    "ticket",
    "alert",
    "dashboard",
    "logs",
    "latency",
    "staging",
    "production",
    "cluster",
    "terraform",
    "runbook",
    "backlog",
];

const FILLER: &[&str] = &[
    "so", "we", "the", "it", "and", "then", "really", "just", "kind", "of", "when", "our", "every",
    "time", "is", "a", "bit", "you", "know", "honestly", "that", "was", "for", "us",
];

/// A Teams transcript of `cues` cues among `speakers` (the first is us), about `topics`
/// of the platform words (a talk is about a few things; all of them makes every talk
/// hold every word of every query, the worst case for search).
fn teams_vtt(seed: u64, cues: usize, speakers: &[&str], topics: usize) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut about: Vec<&str> = WORDS.to_vec();
    for i in (1..about.len()).rev() {
        about.swap(i, rng.below(i as u64 + 1) as usize);
    }
    about.truncate(topics.clamp(1, WORDS.len()));
    let mut out = String::with_capacity(cues * 140);
    out.push_str("WEBVTT\n\n");
    let guid = format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        rng.next() as u32,
        rng.next() as u16,
        rng.next() as u16,
        rng.next() as u16,
        rng.next() & 0xFFFF_FFFF_FFFF
    );
    let (mut at, mut speaker, mut left) = (0u64, 0usize, 0u64);
    for i in 0..cues {
        if left == 0 {
            speaker =
                (speaker + 1 + rng.below(speakers.len() as u64 - 1) as usize) % speakers.len();
            left = 1 + rng.below(8);
        }
        left -= 1;
        let len = 1000 + rng.below(1000);
        let words = 6 + rng.below(10);
        let mut text = String::new();
        for w in 0..words {
            if w > 0 {
                text.push(' ');
            }
            let word = if rng.below(4) == 0 {
                rng.pick(&about)
            } else {
                rng.pick(FILLER)
            };
            text.push_str(word);
        }
        text.push('.');
        let _ = write!(
            out,
            "{guid}/{}-{}\n{} --> {}\n<v {}>{text}</v>\n\n",
            i / 2 + 1,
            i % 2,
            clock(at),
            clock(at + len),
            speakers[speaker]
        );
        at += len;
    }
    out
}

fn clock(ms: u64) -> String {
    let (s, milli) = (ms / 1000, ms % 1000);
    format!(
        "{:02}:{:02}:{:02}.{milli:03}",
        s / 3600,
        (s / 60) % 60,
        s % 60
    )
}

fn report(label: &str, times: &mut [f64], note: &str) {
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{label:<62} p50 {:>8.2} ms   p95 {:>8.2} ms   max {:>8.2} ms   {note}",
        percentile(times, 0.5),
        percentile(times, 0.95),
        times.last().copied().unwrap_or(0.0),
    );
}

fn ms_since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

const SPEAKERS: [&str; 4] = ["Alex Kim", "Raman, Priya", "Tom Berg", "Dana Osei"];

fn choices(people: &[(String, Option<Uuid>)]) -> Vec<SpeakerChoice> {
    people
        .iter()
        .enumerate()
        .map(|(i, (label, id))| SpeakerChoice {
            label: label.clone(),
            role: if i == 0 {
                SpeakerRole::Us
            } else {
                SpeakerRole::Participant
            },
            person: match id {
                Some(id) => SpeakerPerson::Existing { id: *id },
                None => SpeakerPerson::Nobody,
            },
        })
        .collect()
}

use uuid::Uuid;

/// (a): read and preview, then import into a fresh workspace, `rounds` times.
fn read_and_import(rounds: usize) {
    let vtt = teams_vtt(7, 5000, &SPEAKERS, WORDS.len());
    let bytes = vtt.as_bytes();
    let t = read_transcript("Two hours.vtt", bytes).expect("reads");
    let p = preview(&t);
    println!(
        "(a) a two-hour Teams transcript: {} cues, {:.0} KiB, {} turns, {} speakers, {}",
        5000,
        bytes.len() as f64 / 1024.0,
        p.turns,
        p.speakers.len(),
        p.duration_ms
            .map(|ms| format!("{} min", ms / 60_000))
            .unwrap_or_default()
    );
    let (mut read, mut import, mut on_disk) = (Vec::new(), Vec::new(), Vec::new());
    let dir = tempfile::tempdir().expect("temp dir");
    for round in 0..=rounds {
        let started = Instant::now();
        let t = read_transcript("Two hours.vtt", bytes).expect("reads");
        let p = preview(&t);
        let took = ms_since(started);
        assert!(p.turns > 0);

        // Into a fresh workspace in memory, then into a fresh file (the app's case).
        let file = dir.path().join(format!("round{round}.groundwork"));
        let store = Store::open_in_memory(Arc::new(SystemClock)).expect("workspace");
        let took_in = |store: &Store| -> f64 {
            let cycle = store.write(|tx| tx.create_cycle("2027 H1")).expect("cycle");
            let priya = store
                .write(|tx| {
                    tx.create_person(&PersonInput {
                        name: "Priya Raman".into(),
                        ..Default::default()
                    })
                })
                .expect("person")
                .summary
                .id;
            let request = TranscriptImport {
                target: TranscriptTarget::New {
                    cycle_id: cycle.id,
                    source_kind: SourceKind::CoffeeChat,
                    title: "Two hours".into(),
                    held_on: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
                },
                speakers: choices(&[
                    (SPEAKERS[0].into(), None),
                    (SPEAKERS[1].into(), Some(priya)),
                    (SPEAKERS[2].into(), None),
                    (SPEAKERS[3].into(), None),
                ]),
            };
            let started = Instant::now();
            let done = store
                .write(|tx| tx.import_transcript("Two hours.vtt", bytes, &request))
                .expect("imports");
            let imported = ms_since(started);
            assert_eq!(done.turns, p.turns);
            imported
        };
        let imported = took_in(&store);
        drop(store);
        let store = Store::open(&file, OpenMode::CreateNew, Arc::new(SystemClock)).expect("file");
        let in_file = took_in(&store);
        drop(store);
        // The first round warms the caches up and is not counted.
        if round > 0 {
            read.push(took);
            import.push(imported);
            on_disk.push(in_file);
        }
    }
    let n = format!("({rounds} rounds; goal ≤ 200 ms)");
    report("read_transcript + preview", &mut read, &n);
    report(
        "Tx::import_transcript (fresh in-memory workspace)",
        &mut import,
        &n,
    );
    report(
        "Tx::import_transcript (fresh workspace file)",
        &mut on_disk,
        &n,
    );
}

/// (b): search on `path` with and without `count` transcripts, measured in turn.
/// With `keep`, the copy with transcripts is kept there, and taken as it is when it is
/// there already (no import).
fn search_with_and_without(
    path: &PathBuf,
    count: usize,
    topics: usize,
    runs: usize,
    keep: Option<PathBuf>,
) {
    let dir = tempfile::tempdir().expect("temp dir");
    let without = dir.path().join("without.groundwork");
    std::fs::copy(path, &without).expect("copy");
    let kept = keep.as_ref().is_some_and(|k| k.exists());
    let with = keep.unwrap_or_else(|| dir.path().join("with.groundwork"));
    if !kept {
        std::fs::copy(path, &with).expect("copy");
    }
    let open =
        |p: &PathBuf| Store::open(p, OpenMode::MustExist, Arc::new(SystemClock)).expect("open");
    let (a, b) = (open(&without), open(&with));
    let cycle = b
        .read(|db| db.current_cycle())
        .expect("cycle")
        .expect("a current cycle");
    let people = b
        .read(|db| db.list_people(&PeopleQuery::default()))
        .expect("people");
    let observations = a
        .read(|db| {
            db.list_observations(&ObservationQuery {
                limit: Some(1),
                ..Default::default()
            })
        })
        .expect("count")
        .matching;
    println!(
        "\n(b) {}: {observations} observations, {} people; adding {count} transcripts of an hour (2,500 cues, each about {topics} of the {} platform words) to a copy",
        path.display(),
        people.len(),
        WORDS.len()
    );
    let first = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let to_import = if kept {
        println!(
            "  (the copy with transcripts kept at {} is taken as it is)",
            with.display()
        );
        0
    } else {
        count
    };
    let started = Instant::now();
    let mut turns = 0u64;
    let mut each = Vec::with_capacity(count);
    for i in 0..to_import {
        let p1 = &people[(i * 7) % people.len()];
        let p2 = &people[(i * 13 + 5) % people.len()];
        let labels = [
            "Alex Kim".to_owned(),
            p1.name.clone(),
            p2.name.clone(),
            "Speaker 4".to_owned(),
        ];
        let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let vtt = teams_vtt(1000 + i as u64, 2500, &label_refs, topics);
        let request = TranscriptImport {
            target: TranscriptTarget::New {
                cycle_id: cycle.id,
                source_kind: SourceKind::CoffeeChat,
                title: format!("Interview {i}"),
                held_on: first + Duration::days((i * 37 % 330) as i64),
            },
            speakers: choices(&[
                (labels[0].clone(), None),
                (labels[1].clone(), Some(p1.id)),
                (labels[2].clone(), Some(p2.id)),
                (labels[3].clone(), None),
            ]),
        };
        let t = Instant::now();
        let done = b
            .write(|tx| {
                tx.import_transcript(&format!("Interview {i}.vtt"), vtt.as_bytes(), &request)
            })
            .expect("imports");
        each.push(ms_since(t));
        turns += u64::from(done.turns);
    }
    let total = started.elapsed().as_secs_f64();
    if to_import > 0 {
        report(
            &format!("import into the big workspace ({turns} turns in all, {total:.0} s)"),
            &mut each,
            "",
        );
    }
    for (label, p) in [("without", &without), ("with", &with)] {
        let size = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        println!("  file {label}: {:.0} MiB", size as f64 / (1024.0 * 1024.0));
    }

    let someone = people[7 % people.len()].name.clone();
    let first_name = someone.split_whitespace().next().unwrap_or("a").to_owned();
    // The discovery benchmark's queries, its noise but the unclosed `NEAR(` (every
    // search here is timed as a hit, not as a refusal).
    let queries: Vec<String> = common::QUERIES
        .iter()
        .filter(|q| **q != "NEAR(")
        .map(|s| s.to_string())
        .collect();
    let search = |store: &Store, text: &str, order: Option<SearchOrder>| {
        store
            .read(|db| {
                db.search(&SearchQuery {
                    text: text.into(),
                    limit: Some(50),
                    order,
                    ..Default::default()
                })
            })
            .expect("search")
    };
    let cases: Vec<(String, Vec<String>, Option<SearchOrder>)> = vec![
        (
            "mixed queries (first page of 50 and totals)".into(),
            queries.clone(),
            None,
        ),
        (
            "mixed queries, best matches chosen".into(),
            queries.clone(),
            Some(SearchOrder::Relevance),
        ),
        (
            format!("a word and person:{first_name}"),
            vec![format!("deploy person:{first_name}")],
            None,
        ),
        (
            format!("person:{first_name} alone (filters, newest first)"),
            vec![format!("person:{first_name}")],
            None,
        ),
    ];
    for (label, qs, order) in cases {
        let with_hits = search(&b, &qs[0], order);
        let without_hits = search(&a, &qs[0], order);
        println!(
            "  {label}: e.g. {:?} matches {} without, {} with ({} turns)",
            qs[0], without_hits.total, with_hits.total, with_hits.counts.turns
        );
        // Warm both, then take turns.
        for q in &qs {
            search(&a, q, order);
            search(&b, q, order);
        }
        let (mut ta, mut tb) = (Vec::new(), Vec::new());
        let n = if order == Some(SearchOrder::Relevance) {
            runs.min(40)
        } else {
            runs
        };
        for i in 0..n {
            let q = &qs[i % qs.len()];
            let (first, second, t1, t2) = if i % 2 == 0 {
                (&a, &b, &mut ta, &mut tb)
            } else {
                (&b, &a, &mut tb, &mut ta)
            };
            let t = Instant::now();
            search(first, q, order);
            t1.push(ms_since(t));
            let t = Instant::now();
            search(second, q, order);
            t2.push(ms_since(t));
        }
        if qs.len() > 1 {
            // Which queries the transcripts cost most, by their median in each copy.
            let mut per: Vec<(String, f64, f64)> = qs
                .iter()
                .enumerate()
                .map(|(k, q)| {
                    let median = |t: &[f64]| {
                        let mut mine: Vec<f64> =
                            t.iter().skip(k).step_by(qs.len()).copied().collect();
                        mine.sort_by(f64::total_cmp);
                        common::percentile(&mine, 0.5)
                    };
                    (q.clone(), median(&ta), median(&tb))
                })
                .collect();
            per.sort_by(|x, y| (y.2 - y.1).total_cmp(&(x.2 - x.1)));
            for (q, without, with) in per.iter().take(3) {
                println!("    {q:?}: p50 {without:.2} ms without, {with:.2} ms with");
            }
        }
        report(&format!("search without transcripts: {label}"), &mut ta, "");
        report(
            &format!("search with {count} transcripts: {label}"),
            &mut tb,
            "",
        );
    }
}

fn main() {
    let mut rounds = 20usize;
    let mut workspace: Option<PathBuf> = None;
    let mut transcripts = 500usize;
    let mut runs = 200usize;
    let mut keep: Option<PathBuf> = None;
    let mut topics = 8usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().expect("a value after each option");
        match arg.as_str() {
            "--rounds" => rounds = value.parse().expect("--rounds N"),
            "--workspace" => workspace = Some(PathBuf::from(value)),
            "--transcripts" => transcripts = value.parse().expect("--transcripts N"),
            "--runs" => runs = value.parse().expect("--runs N"),
            "--topics" => topics = value.parse().expect("--topics N"),
            "--keep-with" => keep = Some(PathBuf::from(value)),
            other => panic!("unknown option {other}"),
        }
    }
    read_and_import(rounds);
    match workspace {
        Some(path) => search_with_and_without(&path, transcripts, topics, runs, keep),
        None => println!("\n(b) skipped: pass --workspace FILE made by generate_workspace"),
    }
}
