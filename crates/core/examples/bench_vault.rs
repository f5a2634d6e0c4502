//! Measures importing a folder of Markdown notes at size: a generated vault of 10,000
//! notes (about 8 KB each: front matter with a date, a type, two people and tags,
//! paragraphs with inline tags and wikilinks), read from disk and imported as sessions
//! into a new workspace file, all in one transaction. Prints the time to read the
//! folder, to import it, and the total, per run. It never asserts.
//!
//! ```text
//! cargo run --release -p groundwork-core --example bench_vault [-- --notes 10000 --runs 3]
//! ```

use groundwork_core::imports::vault::read_folder;
use groundwork_core::imports::vault_import::VaultImport;
use groundwork_core::*;
use std::sync::Arc;
use std::time::Instant;

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn write_vault(root: &std::path::Path, notes: usize) -> u64 {
    let kinds = [
        "coffee chat",
        "stakeholder feedback",
        "discussion group",
        "support ticket review",
    ];
    let paragraph = "Builds wait in the queue for most of the morning, and the retry button is the only tool the team has. \
                     #ci #flaky-tests They would trade speed for knowing why a build failed. ";
    let mut bytes = 0u64;
    for i in 0..notes {
        let folder = root.join(format!("Area {}", i % 20));
        std::fs::create_dir_all(&folder).expect("folder");
        let mut text = format!(
            "---\ndate: 2026-{:02}-{:02}\ntype: {}\npeople: [\"[[Person {}]]\", Person {}]\ntags: [area-{}, team-{}]\n---\n# Note {i}\n\n",
            i % 12 + 1,
            i % 28 + 1,
            kinds[i % kinds.len()],
            i % 500,
            (i + 7) % 500,
            i % 20,
            i % 40
        );
        while text.len() < 8_000 {
            text.push_str(paragraph);
            text.push_str(&format!(
                "See [[Note {}]] and [[Area {}/Note {}]].\n\n",
                (i + 1) % notes,
                i % 20,
                i
            ));
        }
        bytes += text.len() as u64;
        std::fs::write(folder.join(format!("Note {i}.md")), text).expect("note");
    }
    bytes
}

fn main() {
    let notes = arg("--notes", 10_000);
    let runs = arg("--runs", 3);
    let dir = tempfile::tempdir().expect("dir");
    let vault = dir.path().join("Vault");
    let bytes = write_vault(&vault, notes);
    println!(
        "vault: {notes} notes, {:.1} MB, in {} folders",
        bytes as f64 / 1e6,
        20
    );
    for run in 1..=runs {
        let path = dir.path().join(format!("run-{run}.groundwork"));
        let store =
            Store::open(&path, OpenMode::CreateNew, Arc::new(SystemClock)).expect("workspace");
        store.write(|tx| tx.create_cycle("2027 H1")).expect("cycle");
        let started = Instant::now();
        let read = read_folder(&vault).expect("reads");
        let read_ms = started.elapsed().as_secs_f64() * 1000.0;
        let at = Instant::now();
        let done = store
            .write(|tx| {
                tx.import_vault(
                    &read,
                    &VaultImport {
                        origin: vault.display().to_string(),
                        cycle_id: None,
                        kind: SourceKind::CoffeeChat,
                        add_people: true,
                        quotes: false,
                    },
                )
            })
            .expect("import");
        let import_ms = at.elapsed().as_secs_f64() * 1000.0;
        println!(
            "run {run}: read {read_ms:.0} ms | import {import_ms:.0} ms ({} sessions, {} people added) | total {:.0} ms",
            done.sessions,
            done.people_added,
            read_ms + import_ms
        );
    }
}
