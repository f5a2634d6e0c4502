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

mod common;
use common::percentile;

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
        .read(|db| db.current_cycle())
        .expect("cycle")
        .expect("a current cycle");
    let tags = store.read(|db| db.list_tags()).expect("tags");
    let people = store
        .read(|db| db.list_people(&PeopleQuery::default()))
        .expect("people");
    let teams = store.read(|db| db.list_teams()).expect("teams");
    let total = store
        .read(|db| {
            db.list_observations(&ObservationQuery {
                limit: Some(1),
                ..Default::default()
            })
        })
        .expect("count")
        .matching;
    println!(
        "workspace {}: {total} observations, {} people, {} tags",
        path.display(),
        people.len(),
        tags.len()
    );

    let queries = common::QUERIES;
    let search = |text: &str, order: Option<SearchOrder>, offset: u32| {
        store
            .read(|db| {
                db.search(&SearchQuery {
                    text: text.into(),
                    limit: Some(50),
                    offset,
                    order,
                    ..Default::default()
                })
            })
            .expect("search")
    };
    measure(
        "search: mixed queries (first page of 50 and totals)",
        runs,
        |i| search(queries[i % queries.len()], None, 0).hits.len(),
    );

    // Words by how many things they match: rare (under 100), medium (100 to the
    // broad threshold), common (above it, listed newest first), from the words of
    // real observations; and phrases of two neighbouring words.
    let sample = store
        .read(|db| {
            db.list_observations(&ObservationQuery {
                limit: Some(400),
                ..Default::default()
            })
        })
        .expect("sample")
        .observations;
    let (mut rare, mut medium, mut common, mut phrases) = (vec![], vec![], vec![], vec![]);
    let mut seen = std::collections::HashSet::new();
    for o in &sample {
        let words: Vec<String> = o
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 4)
            .map(str::to_lowercase)
            .collect();
        for w in &words {
            if !seen.insert(w.clone()) {
                continue;
            }
            let total = search(w, None, 0).total;
            let class = if total < 100 {
                &mut rare
            } else if total <= groundwork_core::discovery::search::BROAD_MATCHES {
                &mut medium
            } else {
                &mut common
            };
            if class.len() < 20 {
                class.push(w.clone());
            }
        }
        for pair in words.windows(2).step_by(3) {
            if phrases.len() < 20 {
                phrases.push(format!("\"{} {}\"", pair[0], pair[1]));
            }
        }
    }
    for (label, class) in [
        ("rare words (< 100 matches)", &rare),
        ("medium words (100 to 3,000 matches, ranked)", &medium),
        ("common words (> 3,000 matches, newest first)", &common),
        ("phrases of two words", &phrases),
    ] {
        if class.is_empty() {
            println!("(no {label} in this workspace)");
            continue;
        }
        let totals: Vec<u32> = class.iter().map(|q| search(q, None, 0).total).collect();
        println!(
            "({} {label}, e.g. {:?} with {} matches)",
            class.len(),
            class[0],
            totals[0]
        );
        measure(&format!("search: {label}"), runs, |i| {
            search(&class[i % class.len()], None, 0).hits.len()
        });
        // The totals alone: the grouped count search runs before its page.
        let exprs: Vec<String> = class
            .iter()
            .map(|q| format!("\"{}\"*", q.trim_matches('"')))
            .collect();
        measure(&format!("  totals alone: {label}"), runs, |i| {
            store.with_connection(|conn| {
                let mut stmt = conn
                    .prepare_cached(
                        "SELECT rowid & 7, count(*) FROM search_index WHERE search_index MATCH ?1 GROUP BY 1",
                    )
                    .expect("count");
                let rows: Vec<(i64, i64)> = stmt
                    .query_map([&exprs[i % exprs.len()]], |r| Ok((r.get(0)?, r.get(1)?)))
                    .expect("rows")
                    .collect::<Result<_, _>>()
                    .expect("counted");
                rows.len()
            })
        });
    }
    if let Some(word) = common.first() {
        let total = search(word, None, 0).total;
        measure(
            &format!("search: {word:?} newest first, a page 2,000 deep"),
            runs,
            |_| {
                search(word, Some(SearchOrder::Newest), 2000.min(total))
                    .hits
                    .len()
            },
        );
        measure(
            &format!("search: {word:?} best matches chosen ({total} ranked)"),
            runs.min(20),
            |_| search(word, Some(SearchOrder::Relevance), 0).hits.len(),
        );
    }
    measure(
        "search: typed fields, \"deploy kind:pain after:2026-06\"",
        runs,
        |_| search("deploy kind:pain after:2026-06", None, 0).hits.len(),
    );
    measure(
        "search: observations only, filtered by kind pain",
        runs,
        |i| {
            store
                .read(|db| {
                    db.search(&SearchQuery {
                        text: queries[i % queries.len()].into(),
                        limit: Some(50),
                        filter: ObservationFilter {
                            kinds: vec![ObservationKind::Pain],
                            ..Default::default()
                        },
                        ..Default::default()
                    })
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
                .read(|db| {
                    db.list_sessions(&SessionQuery {
                        cycle_id: Some(cycle.id),
                        limit: Some(100),
                        ..Default::default()
                    })
                })
                .expect("sessions")
                .sessions
                .len()
        },
    );
    let page = |filter: ObservationFilter, text: &str| {
        store
            .read(|db| {
                db.list_observations(&ObservationQuery {
                    filter,
                    text: text.into(),
                    offset: 0,
                    limit: Some(100),
                })
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
