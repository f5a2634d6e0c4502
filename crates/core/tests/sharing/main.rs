//! Sharing through git: replicas of one workspace, each with its own file and clone,
//! syncing through a bare repository on disk, as a team's laptops do through theirs.
//! Each merge rule of the sharing issue is a scenario here.

#[path = "../common/mod.rs"]
mod common;

mod campaign;
mod scenarios;

pub use common::tables;
use groundwork_core::sharing::sync::{self, SyncReport};
use groundwork_core::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

/// A bare repository at `dir/shared.git`, as a team's remote.
pub fn bare(dir: &Path) -> String {
    let repo = dir.join("shared.git");
    let status = Command::new("git")
        .args(["init", "--quiet", "--bare", "--initial-branch=main"])
        .arg(&repo)
        .status()
        .expect("git runs");
    assert!(status.success());
    repo.to_string_lossy().into_owned()
}

/// A workspace file with one cycle, on the system clock (syncs stamp real times).
pub fn first_replica(dir: &Path, name: &str) -> common::World {
    let path = dir.join(format!("{name}.groundwork"));
    let clock = common::clock_on(2026, 12, 1);
    let store = Store::open(&path, OpenMode::CreateNew, clock.clone()).expect("workspace");
    let cycle = store
        .write(|tx| tx.create_cycle("2027 H1 planning"))
        .expect("cycle");
    common::World {
        store,
        clock,
        cycle,
    }
}

/// A teammate's copy, made from the repository.
pub fn joined(dir: &Path, name: &str, repo: &str, like: &common::World) -> common::World {
    let path: PathBuf = dir.join(format!("{name}.groundwork"));
    let store = sync::join(repo, &path, Arc::new(SystemClock)).expect("joins");
    drop(store);
    let clock = common::clock_on(2026, 12, 1);
    let store = Store::open(&path, OpenMode::MustExist, clock.clone()).expect("opens");
    common::World {
        store,
        clock,
        cycle: like.cycle.clone(),
    }
}

pub fn synced(world: &common::World) -> SyncReport {
    sync::sync(&world.store).expect("syncs")
}

/// One text column of one row, read as the app would.
pub fn text(store: &Store, sql: &str, id: impl ToString) -> Option<String> {
    store.with_connection(|conn| {
        conn.query_row(sql, [id.to_string()], |r| r.get(0))
            .expect("reads")
    })
}

/// A row changed as an editor would change it (a field and when).
pub fn set(store: &Store, sql: &str, params: &[&dyn rusqlite::ToSql]) {
    store.with_connection(|conn| {
        conn.execute(sql, params).expect("writes");
    });
}

/// The log of the shared repository, newest first: subjects only.
pub fn log(repo: &str) -> Vec<String> {
    let out = Command::new("git")
        .args(["--git-dir", repo, "log", "--format=%s", "main"])
        .output()
        .expect("git log");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}
