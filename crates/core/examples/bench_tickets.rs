//! Measures a ticket-queue import at size: a Jira CSV of 100,000 tickets (key,
//! summary, type, reporter of 2,000, team of 40, component of 30, two labels, created,
//! first response, resolved, a description), imported into a workspace file as
//! observations with their times, beside the raw SQLite insert limit for the same rows
//! (12 text columns, one prepared statement, one transaction), in the same run and on
//! the same disk. Then the support queue's figures over those tickets. It never asserts.
//!
//! ```text
//! cargo run --release -p groundwork-core --example bench_tickets [-- --rows 100000 --runs 3 --keep WS]
//! ```

use groundwork_core::imports::tickets::{read_tickets, TicketImport};
use groundwork_core::*;
use std::sync::Arc;
use std::time::Instant;

mod common;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn export(rows: usize) -> String {
    let mut csv = String::from(
        "Summary,Issue key,Issue Type,Status,Reporter,Custom field (Team),Component/s,Labels,Labels,Created,\"Custom field ([CHART] Date of First Response)\",Resolved,Description\n",
    );
    for i in 0..rows {
        let day = i % 28 + 1;
        let month = MONTHS[i % 12];
        csv.push_str(&format!(
            "{} fails on the {} runner again,PLAT-{},{},Open,Person {},Team {},Component {},label-{},area-{},{day:02}/{month}/26 9:{:02} AM,{day:02}/{month}/26 {}:{:02} PM,,\"The {} job waited {} minutes, then failed; retried by hand.\"\n",
            ["Deploy", "Build", "Release", "Rollback"][i % 4],
            ["ARM", "GPU", "large", "Windows"][i % 4],
            i + 1,
            ["Bug", "Story", "Task", "Incident"][i % 4],
            i % 2000,
            i % 40,
            i % 30,
            i % 50,
            i % 7,
            i % 60,
            1 + i % 11,
            i % 60,
            ["deploy", "build", "release"][i % 3],
            i % 90,
        ));
    }
    csv
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut rows, mut runs) = (100_000usize, 3usize);
    let mut keep: Option<std::path::PathBuf> = None;
    while let Some(flag) = args.next() {
        if flag == "--keep" {
            keep = args.next().map(Into::into);
            continue;
        }
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
        "ticket import: {rows} Jira tickets x 13 columns, {:.1} MB, {runs} runs",
        csv.len() as f64 / 1e6
    );
    for run in 0..runs {
        let raw = common::raw_insert(dir.path(), &csv, 13);
        let path = dir.path().join(format!("tickets-{run}.groundwork"));
        let store = Store::open(&path, OpenMode::CreateNew, Arc::new(SystemClock)).expect("store");
        store
            .write(|tx| tx.create_cycle("2027 H1 planning"))
            .expect("cycle");
        let started = Instant::now();
        let file = read_tickets(csv.as_bytes(), None).expect("reads");
        let read_ms = started.elapsed().as_secs_f64() * 1000.0;
        let started = Instant::now();
        let done = store
            .write(|tx| {
                tx.import_tickets(
                    &file,
                    &TicketImport {
                        cycle_id: None,
                        title: String::new(),
                        add_people: true,
                    },
                )
            })
            .expect("import");
        let import_ms = started.elapsed().as_secs_f64() * 1000.0;
        let started = Instant::now();
        let queue = store
            .read(|db| db.support_queue(None, None))
            .expect("queue");
        let queue_ms = started.elapsed().as_secs_f64() * 1000.0;
        println!(
            "run {}: raw insert {raw:.0} ms | read {read_ms:.0} ms | import {import_ms:.0} ms ({} tickets) | (read + import) / raw = {:.2}x, import / raw = {:.2}x | support queue {queue_ms:.0} ms (median {:?} h)",
            run + 1,
            done.tickets,
            (read_ms + import_ms) / raw,
            import_ms / raw,
            queue.overall.median_hours
        );
        if let Some(to) = &keep {
            drop(store);
            std::fs::copy(&path, to).expect("keep the workspace");
        }
    }
}
