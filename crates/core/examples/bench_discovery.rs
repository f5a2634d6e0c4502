//! Measures discovery at size on a workspace made by `generate_workspace`:
//! full-text search latency and the first page of a filtered observation list.
//! Prints p50/p95 per case; it reports, it never asserts.
//!
//! ```text
//! cargo run --release -p groundwork-core --example bench_discovery -- /tmp/big.groundwork [--runs 200]
//! ```

use groundwork_core::*;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn measure(label: &str, runs: usize, mut f: impl FnMut(usize) -> usize) {
    // One warm-up pass: the first query pays for reading pages from disk.
    f(0);
    let mut times = Vec::with_capacity(runs);
    let mut found = 0;
    for i in 0..runs {
        let t = Instant::now();
        found += f(i);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{label:<58} p50 {:>7.2} ms   p95 {:>7.2} ms   max {:>7.2} ms   (avg {} rows)",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        times.last().copied().unwrap_or(0.0),
        found / runs.max(1)
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().expect("usage: bench_discovery FILE [--runs N]"));
    let runs: usize = match (args.next().as_deref(), args.next()) {
        (Some("--runs"), Some(n)) => n.parse().expect("--runs N"),
        _ => 200,
    };
    let opened = Instant::now();
    let store = Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("open");
    println!(
        "open the workspace (checks, pragmas): {:.1} ms",
        opened.elapsed().as_secs_f64() * 1000.0
    );
    let cycle = store
        .current_cycle()
        .expect("cycle")
        .expect("a current cycle");
    let tags = store.list_tags().expect("tags");
    let people = store.list_people(&PeopleQuery::default()).expect("people");
    let teams = store.list_teams().expect("teams");
    let total = store
        .list_observations(&ObservationQuery {
            limit: Some(1),
            ..Default::default()
        })
        .expect("count")
        .matching;
    println!(
        "workspace {}: {total} observations, {} people, {} tags",
        path.display(),
        people.len(),
        tags.len()
    );

    // What people type: whole words, half-typed prefixes, two words, a phrase, and noise.
    let queries = [
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
    measure("search: mixed queries (top 50, all kinds)", runs, |i| {
        store
            .search(&SearchQuery {
                text: queries[i % queries.len()].into(),
                limit: Some(50),
                ..Default::default()
            })
            .expect("search")
            .hits
            .len()
    });
    // The Search view asks for core's most hits at once.
    measure(
        "search: mixed queries (top 200, all kinds: the Search view)",
        runs,
        |i| {
            store
                .search(&SearchQuery {
                    text: queries[i % queries.len()].into(),
                    limit: Some(groundwork_core::search::MAX_HITS),
                    ..Default::default()
                })
                .expect("search")
                .hits
                .len()
        },
    );
    // Queries narrow enough to be ranked by relevance (at most BROAD_MATCHES matches):
    // two neighbouring words of real observations, kept when search ranks them.
    let sample = store
        .list_observations(&ObservationQuery {
            limit: Some(400),
            ..Default::default()
        })
        .expect("sample")
        .observations;
    let mut ranked: Vec<String> = Vec::new();
    for o in &sample {
        let words: Vec<&str> = o.text.split_whitespace().filter(|w| w.len() >= 4).collect();
        for pair in words.windows(2).step_by(3) {
            let q = format!("{} {}", pair[0], pair[1]);
            let r = store
                .search(&SearchQuery {
                    text: q.clone(),
                    limit: Some(50),
                    ..Default::default()
                })
                .expect("search");
            if r.notice.is_none() && r.hits.len() >= 5 && !ranked.contains(&q) {
                ranked.push(q);
            }
        }
        if ranked.len() >= 40 {
            break;
        }
    }
    println!(
        "({} two-word queries found that rank by relevance, e.g. {:?})",
        ranked.len(),
        ranked.first()
    );
    if !ranked.is_empty() {
        measure("search: two words, ranked by relevance (bm25)", runs, |i| {
            store
                .search(&SearchQuery {
                    text: ranked[i % ranked.len()].clone(),
                    limit: Some(50),
                    ..Default::default()
                })
                .expect("search")
                .hits
                .len()
        });
    }
    let broad = queries
        .iter()
        .filter(|q| {
            store
                .search(&SearchQuery {
                    text: (*q).to_string(),
                    limit: Some(1),
                    ..Default::default()
                })
                .map(|r| r.notice.is_some())
                .unwrap_or(false)
        })
        .count();
    println!(
        "({broad} of the {} mixed queries match over {} items and list the newest first)",
        queries.len(),
        groundwork_core::search::BROAD_MATCHES
    );
    measure("search: one common word, prefix \"de\"", runs, |_| {
        store
            .search(&SearchQuery {
                text: "de".into(),
                limit: Some(50),
                ..Default::default()
            })
            .expect("search")
            .hits
            .len()
    });
    measure(
        "search: observations only, filtered by kind pain",
        runs,
        |i| {
            store
                .search(&SearchQuery {
                    text: queries[i % queries.len()].into(),
                    limit: Some(50),
                    filter: ObservationFilter {
                        kinds: vec![ObservationKind::Pain],
                        ..Default::default()
                    },
                    ..Default::default()
                })
                .expect("search")
                .hits
                .len()
        },
    );

    measure(
        "sessions: first page of the current cycle (start-up list)",
        runs,
        |_| {
            store
                .list_sessions(&SessionQuery {
                    cycle_id: Some(cycle.id),
                    limit: Some(100),
                    ..Default::default()
                })
                .expect("sessions")
                .sessions
                .len()
        },
    );
    let page = |filter: ObservationFilter, text: &str| {
        store
            .list_observations(&ObservationQuery {
                filter,
                text: text.into(),
                offset: 0,
                limit: Some(100),
            })
            .expect("list")
            .observations
            .len()
    };
    let this_cycle = || ObservationFilter {
        cycle_id: Some(cycle.id),
        ..Default::default()
    };
    measure("list first page: this cycle, no filter", runs, |_| {
        page(this_cycle(), "")
    });
    measure("list first page: kind = pain", runs, |_| {
        page(
            ObservationFilter {
                kinds: vec![ObservationKind::Pain],
                ..this_cycle()
            },
            "",
        )
    });
    measure("list first page: one tag (rotating)", runs, |i| {
        page(
            ObservationFilter {
                tag_ids: vec![tags[i % tags.len()].id],
                ..this_cycle()
            },
            "",
        )
    });
    measure("list first page: one person (rotating)", runs, |i| {
        page(
            ObservationFilter {
                person_ids: vec![people[i % people.len()].id],
                ..this_cycle()
            },
            "",
        )
    });
    measure("list first page: one team (rotating)", runs, |i| {
        page(
            ObservationFilter {
                team_ids: vec![teams[i % teams.len()].id],
                ..this_cycle()
            },
            "",
        )
    });
    measure("list first page: source kind = coffee chat", runs, |_| {
        page(
            ObservationFilter {
                source_kinds: vec![SourceKind::CoffeeChat],
                ..this_cycle()
            },
            "",
        )
    });
    measure("list first page: kind + tag + words", runs, |i| {
        page(
            ObservationFilter {
                kinds: vec![ObservationKind::Pain],
                tag_ids: vec![tags[i % tags.len()].id],
                ..this_cycle()
            },
            queries[i % queries.len()],
        )
    });
}
