//! Sync: the workspace's records written into its clone of the shared repository as
//! files, committed, merged with what others pushed, record by record and field by
//! field, and pushed back.
//!
//! One sync, in order:
//! 1. fetch (the network; offline, the sync goes on and says so);
//! 2. in one unit of work on the workspace: write what changed locally as files, and
//!    if others pushed, merge their records against the state both last shared (git's
//!    merge base) and write the result into the workspace (conflicts kept aside);
//! 3. commit (one per sync, both parents when it merged), only once the workspace has
//!    committed, so a crash between leaves the merged records in the workspace and the
//!    next sync commits them;
//! 4. push (offline or overtaken: the commit waits for the next sync).
//!
//! The clone lives beside the workspace (`.NAME.share`); the workspace keeps which
//! repository and branch in `share_state`, which never leaves this copy.

use super::check;
use super::git::{Git, GitError};
use super::merge::{merge_record, FieldConflict};
use super::message::describe;
use super::tree::{ensure_tracking, stop_tracking, write_all, write_changed};
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::folder::{
    self, manifest_schema, FolderError, Record, Table, MANIFEST, MAX_BYTES_FILE,
    MAX_MANIFEST_BYTES, MAX_RECORD_BYTES,
};
use crate::store::workspace::Store;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use thiserror::Error;
use ts_rs::TS;

/// Tables whose rows are made from others' (a transcript's voices from its turns):
/// never merged, made again from the merged rows.
pub const DERIVED_TABLES: &[&str] = &["transcript_voice", "voice_person"];

/// Why sharing or a sync did not happen.
#[derive(Debug, Error)]
pub enum ShareError {
    #[error("this workspace is not shared: share it with a git repository first")]
    NotShared,
    #[error("this workspace is already shared with {repo}")]
    AlreadyShared { repo: String },
    #[error("a workspace held in memory cannot be shared: save it to a file first")]
    InMemory,
    #[error("{path} is in the way: Groundwork keeps the workspace's copy of the repository there. Move it aside and share again")]
    InTheWay { path: PathBuf },
    #[error("{0}")]
    Git(#[from] GitError),
    #[error("the repository holds {path}, which was not read: {reason}. Nothing was changed")]
    Untrusted { path: String, reason: String },
    #[error("the repository was written by another version of Groundwork: {0}")]
    Schema(FolderError),
    #[error("{0}")]
    Folder(#[from] FolderError),
    #[error("the workspace: {0}")]
    Database(#[from] rusqlite::Error),
    #[error(transparent)]
    Domain(#[from] DomainError),
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    /// The commit made, if anything changed.
    pub commit: Option<String>,
    /// What the commit says changed, in the product's words.
    pub message: Option<String>,
    /// Records others changed that came into this workspace.
    pub received: u32,
    /// Fields both sides changed, kept aside to be settled.
    pub conflicts: u32,
    /// Whether the repository has this copy's commits now.
    pub pushed: bool,
    /// Why the repository could not be reached, when it could not: the work is
    /// committed here and waits for the next sync.
    pub offline: Option<String>,
}

/// How this copy shares, as the app shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShareStatus {
    /// The repository, or `None` when the workspace is not shared.
    pub repo: Option<String>,
    pub branch: Option<String>,
    pub last_synced_at: Option<String>,
    /// How the last sync ended, when it did not reach the repository or failed.
    pub last_error: Option<String>,
    /// Conflicts waiting to be settled.
    pub conflicts: u32,
    /// Minutes between syncs while the app is open, or `None`: only when asked.
    pub auto_minutes: Option<u32>,
    /// Records changed here since the last sync, waiting to go out.
    pub waiting: u32,
}

/// Where a sync is, for the app's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncStage {
    /// Asking the repository what others pushed.
    Fetching,
    /// Writing what changed here, and merging what others changed.
    Merging,
    /// Giving the repository this copy's commit.
    Pushing,
}

const REPO: &str = "repo";
const BRANCH: &str = "branch";
const SYNCED_AT: &str = "synced_at";
const LAST_ERROR: &str = "last_error";
const AUTO_MINUTES: &str = "auto_minutes";
/// The commit the clone's branch was at when this copy last synced.
const SYNCED_COMMIT: &str = "synced_commit";
/// Set when a sync failed half way: the next writes every file.
const NEEDS_FULL: &str = "needs_full";

fn state(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM share_state WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .optional()
}

fn set_state(conn: &Connection, key: &str, value: Option<&str>) -> rusqlite::Result<()> {
    match value {
        Some(v) => conn.execute(
            "INSERT INTO share_state (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, v],
        )?,
        None => conn.execute("DELETE FROM share_state WHERE key = ?1", [key])?,
    };
    Ok(())
}

/// Where the clone of a workspace's repository lives: beside it, hidden.
pub fn clone_dir(workspace: &Path) -> PathBuf {
    let name = workspace
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workspace".into());
    workspace
        .parent()
        .unwrap_or(Path::new("."))
        .join(format!(".{name}.share"))
}

fn workspace_path(store: &Store) -> Result<PathBuf, ShareError> {
    let path = store.path().ok_or(ShareError::InMemory)?;
    Ok(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

impl Db<'_> {
    /// How this workspace shares.
    pub fn share_status(&self) -> Result<ShareStatus, DomainError> {
        let conn = self.conn;
        Ok(ShareStatus {
            repo: state(conn, REPO)?,
            branch: state(conn, BRANCH)?,
            last_synced_at: state(conn, SYNCED_AT)?,
            last_error: state(conn, LAST_ERROR)?,
            conflicts: conn.query_row("SELECT count(*) FROM sync_conflict", [], |r| {
                r.get::<_, i64>(0)
            })? as u32,
            auto_minutes: state(conn, AUTO_MINUTES)?.and_then(|m| m.parse().ok()),
            waiting: conn.query_row(
                "SELECT count(*) FROM share_dirty
                 WHERE table_name NOT IN ('transcript_voice', 'voice_person', 'sync_conflict')",
                [],
                |r| r.get::<_, i64>(0),
            )? as u32,
        })
    }
}

impl Tx<'_> {
    /// Sets how often the app syncs while open: every `minutes` (1 to 1440), or only
    /// when asked (`None`).
    pub fn set_auto_sync(&self, minutes: Option<u32>) -> Result<ShareStatus, DomainError> {
        if let Some(m) = minutes {
            if !(1..=1440).contains(&m) {
                return Err(DomainError::InvalidInput {
                    field: "minutes",
                    reason: "sync every 1 to 1440 minutes, or only when asked".into(),
                });
            }
        }
        set_state(
            self.conn,
            AUTO_MINUTES,
            minutes.map(|m| m.to_string()).as_deref(),
        )?;
        self.share_status()
    }
}

/// A clone made for `repo` at `dir` (new or empty), with nothing checked out: the
/// workspace's records are what it commits.
fn new_clone(repo: &str, dir: &Path) -> Result<Git, ShareError> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(ShareError::InTheWay { path: dir.into() });
        }
    }
    std::fs::create_dir_all(dir).map_err(|source| FolderError::Io {
        path: dir.into(),
        source,
    })?;
    let git = Git::new(dir);
    git.run(&["init", "--quiet"])?;
    git.run(&["remote", "add", "origin", repo])?;
    Ok(git)
}

/// Ties this workspace to the git repository `repo` (a path or a URL git reaches) and
/// syncs: an empty repository gets the workspace; one that holds a workspace already
/// is merged with this one.
pub fn share(store: &Store, repo: &str) -> Result<SyncReport, ShareError> {
    share_with(store, repo, &|_| {})
}

/// Shares, telling `progress` where its first sync is.
pub fn share_with(
    store: &Store,
    repo: &str,
    progress: &dyn Fn(SyncStage),
) -> Result<SyncReport, ShareError> {
    let path = workspace_path(store)?;
    if let Some(repo) = store.with_connection(|c| state(c, REPO))? {
        return Err(ShareError::AlreadyShared { repo });
    }
    let dir = clone_dir(&path);
    new_clone(repo, &dir)?;
    store.with_connection(|conn| set_state(conn, REPO, Some(repo)))?;
    let result = match sync_with(store, progress) {
        Ok(SyncReport {
            offline: Some(detail),
            ..
        }) => Err(GitError::Unreachable { detail }.into()),
        other => other,
    };
    if result.is_err() {
        // Nothing was shared: the tie is undone, so sharing again starts clean.
        store.with_connection(|conn| -> rusqlite::Result<()> {
            for key in [
                REPO,
                BRANCH,
                SYNCED_AT,
                LAST_ERROR,
                AUTO_MINUTES,
                SYNCED_COMMIT,
                NEEDS_FULL,
            ] {
                set_state(conn, key, None)?;
            }
            stop_tracking(conn)
        })?;
        let _ = std::fs::remove_dir_all(&dir);
    }
    result
}

/// Makes a new workspace at `dest` from the shared repository `repo`, tied to it.
pub fn join(
    repo: &str,
    dest: &Path,
    clock: std::sync::Arc<dyn crate::store::clock::Clock>,
) -> Result<Store, ShareError> {
    let dest = std::path::absolute(dest).unwrap_or_else(|_| dest.to_path_buf());
    let dir = clone_dir(&dest);
    let git = new_clone(repo, &dir)?;
    let joined = (|| {
        git.run(&["fetch", "--quiet", "origin"])?;
        let branch = remote_branch(&git)?;
        let theirs = git
            .commit_of(&format!("refs/remotes/origin/{branch}"))?
            .ok_or_else(|| ShareError::Untrusted {
                path: repo.into(),
                reason: "it holds no workspace yet: share one into it first".into(),
            })?;
        git.run(&["checkout", "--quiet", "-B", &branch, &theirs])?;
        folder::read_folder(&dir, &dest, clock.clone())?;
        let store = Store::open(&dest, crate::store::workspace::OpenMode::MustExist, clock)
            .map_err(FolderError::from)?;
        store.with_connection(|conn| -> Result<(), ShareError> {
            set_state(conn, REPO, Some(repo))?;
            set_state(conn, BRANCH, Some(&branch))?;
            set_state(conn, SYNCED_AT, Some(&now_text()))?;
            set_state(conn, SYNCED_COMMIT, Some(&theirs))?;
            Ok(())
        })?;
        Ok(store)
    })();
    if joined.is_err() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    joined
}

fn now_text() -> String {
    crate::store::clock::timestamp(chrono::Utc::now())
}

/// The branch the repository shares on: `main`, else the one it has, else `main`.
fn remote_branch(git: &Git) -> Result<String, ShareError> {
    let out = git.run(&[
        "for-each-ref",
        "--format=%(refname:strip=3)",
        "refs/remotes/origin/",
    ])?;
    let branches: Vec<&str> = out.lines().filter(|b| *b != "HEAD").collect();
    Ok(if branches.contains(&"main") || branches.is_empty() {
        "main".into()
    } else {
        branches[0].into()
    })
}

/// Syncs the workspace with its repository.
pub fn sync(store: &Store) -> Result<SyncReport, ShareError> {
    sync_with(store, &|_| {})
}

/// Syncs, telling `progress` where it is.
pub fn sync_with(store: &Store, progress: &dyn Fn(SyncStage)) -> Result<SyncReport, ShareError> {
    let path = workspace_path(store)?;
    if store.with_connection(|c| state(c, REPO))?.is_none() {
        return Err(ShareError::NotShared);
    }
    let git = Git::new(clone_dir(&path));
    // Someone may push between our fetch and our push: then fetch and merge again.
    let mut attempt = 0;
    loop {
        attempt += 1;
        let result = sync_once(store, &git, progress);
        let overtaken = matches!(&result, Err(ShareError::Git(GitError::Failed { command, detail }))
            if command == "push" && (detail.contains("rejected") || detail.contains("fetch first")));
        if overtaken && attempt < 3 {
            continue;
        }
        let error = match &result {
            Ok(report) => report.offline.clone(),
            Err(e) => Some(e.to_string()),
        };
        store.with_connection(|conn| -> rusqlite::Result<()> {
            if result.is_ok() {
                set_state(conn, SYNCED_AT, Some(&now_text()))?;
            } else {
                // Half way, the clone may hold what the workspace does not: the next
                // sync writes every file again rather than trust what was noted.
                set_state(conn, NEEDS_FULL, Some("1"))?;
            }
            set_state(conn, LAST_ERROR, error.as_deref())
        })?;
        return result;
    }
}

fn sync_once(
    store: &Store,
    git: &Git,
    progress: &dyn Fn(SyncStage),
) -> Result<SyncReport, ShareError> {
    let mut report = SyncReport::default();
    progress(SyncStage::Fetching);
    match git.run(&["fetch", "--quiet", "origin"]) {
        Ok(_) => {}
        Err(GitError::Unreachable { detail }) => report.offline = Some(detail),
        Err(e) => return Err(e.into()),
    }
    let head = git.commit_of("HEAD")?;
    let branch = match store.with_connection(|c| state(c, BRANCH))? {
        Some(b) => b,
        None => {
            let b = remote_branch(git)?;
            git.run(&["symbolic-ref", "HEAD", &format!("refs/heads/{b}")])?;
            store.with_connection(|c| set_state(c, BRANCH, Some(&b)))?;
            b
        }
    };
    let theirs = git.commit_of(&format!("refs/remotes/origin/{branch}"))?;
    let merging = match (&theirs, &head) {
        (Some(t), Some(h)) => !git.is_ancestor(t, h)?,
        (Some(_), None) => true,
        _ => false,
    };
    if let (true, Some(t)) = (merging, &theirs) {
        let manifest = git
            .contents(&[format!("{t}:{MANIFEST}")], MAX_MANIFEST_BYTES)?
            .pop()
            .flatten()
            .ok_or_else(|| ShareError::Untrusted {
                path: MANIFEST.into(),
                reason: "the repository holds no workspace (no groundwork.json)".into(),
            })?;
        manifest_schema(
            Path::new("the repository"),
            &String::from_utf8_lossy(&manifest),
        )
        .map_err(ShareError::Schema)?;
    }
    progress(SyncStage::Merging);
    let received = store.write(|tx| -> Result<(u32, u32), ShareError> {
        let tables = folder::tables(tx.conn)?;
        // The noted changes can be trusted only when every table noted them and the
        // clone is where the last sync left it; else every file is written.
        let tracked = ensure_tracking(tx.conn, &tables)?;
        let trusted = tracked
            && state(tx.conn, NEEDS_FULL)?.is_none()
            && state(tx.conn, SYNCED_COMMIT)? == head;
        if trusted {
            git.stage(&write_changed(tx.conn, &tables, git.dir())?)?;
        } else {
            write_all(tx.conn, &tables, git.dir())?;
            git.run(&["add", "-A", "."])?;
            set_state(tx.conn, NEEDS_FULL, None)?;
        }
        let Some(theirs) = theirs.as_deref().filter(|_| merging) else {
            return Ok((0, 0));
        };
        let base = match &head {
            Some(h) => git
                .run(&["merge-base", h, theirs])
                .ok()
                .map(|b| b.trim().to_owned()),
            None => None,
        };
        let (theirs_changed, ours_changed): (Vec<String>, HashSet<String>) = match &base {
            Some(b) => (
                paths(git.changed(&[b, theirs])?),
                paths(git.changed(&["--cached", b])?).into_iter().collect(),
            ),
            None => (
                git.files(theirs)?,
                git.run(&["ls-files", "-z"])?
                    .split('\0')
                    .filter(|p| !p.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
        };
        let merged = merge_in(
            tx,
            &tables,
            git,
            base.as_deref(),
            theirs,
            &theirs_changed,
            &ours_changed,
        )?;
        git.stage(&write_changed(tx.conn, &tables, git.dir())?)?;
        Ok(merged)
    })?;
    (report.received, report.conflicts) = received;
    let against = match (&theirs, merging) {
        (Some(t), true) => Some(t.clone()),
        _ => head.clone(),
    };
    let changes = match &against {
        Some(rev) => git.changed(&["--cached", rev])?,
        None => git
            .run(&["ls-files", "-z"])?
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(|p| ('A', p.to_owned()))
            .collect(),
    };
    if merging || !changes.is_empty() {
        let tree = git.run(&["write-tree"])?.trim().to_owned();
        let message = describe(&changes, git.dir());
        let mut args = vec!["commit-tree", tree.as_str(), "-m", message.as_str()];
        if let Some(h) = &head {
            args.extend(["-p", h.as_str()]);
        }
        if let (true, Some(t)) = (merging, &theirs) {
            args.extend(["-p", t.as_str()]);
        }
        let commit = committing(git).run(&args)?.trim().to_owned();
        git.run(&["update-ref", &format!("refs/heads/{branch}"), &commit])?;
        report.commit = Some(commit);
        report.message = Some(message);
    }
    let local = git.commit_of("HEAD")?;
    // The clone is where this sync left it: the next may write only what changes.
    store.with_connection(|conn| set_state(conn, SYNCED_COMMIT, local.as_deref()))?;
    if report.offline.is_none() && local.is_some() && local != theirs {
        progress(SyncStage::Pushing);
        match git.run(&[
            "push",
            "--quiet",
            "origin",
            &format!("refs/heads/{branch}:refs/heads/{branch}"),
        ]) {
            Ok(_) => report.pushed = true,
            Err(GitError::Unreachable { detail }) => report.offline = Some(detail),
            Err(e) => return Err(e.into()),
        }
    } else if local.is_some() && local == theirs {
        report.pushed = true;
    }
    Ok(report)
}

/// A git that can commit: the user's own name when git knows it, else one that says
/// the commit came from Groundwork on this machine.
fn committing(git: &Git) -> Git {
    if git.run(&["config", "user.name"]).is_ok() && git.run(&["config", "user.email"]).is_ok() {
        return git.clone();
    }
    git.with_identity("Groundwork", "groundwork@localhost")
}

fn paths(changes: Vec<(char, String)>) -> Vec<String> {
    changes.into_iter().map(|(_, p)| p).collect()
}

/// A record file of the repository: its table and its file name, or why it is not one.
/// Files at the root other than the manifest, and dot-folders, are not Groundwork's.
fn record_path<'t>(
    tables: &'t [Table],
    path: &str,
) -> Result<Option<(&'t Table, String)>, ShareError> {
    let untrusted = |reason: &str| ShareError::Untrusted {
        path: path.into(),
        reason: reason.into(),
    };
    let Some((folder, file)) = path.split_once('/') else {
        return Ok(None);
    };
    if folder.starts_with('.') {
        return Ok(None);
    }
    if file.contains('/') || file.starts_with('.') {
        return Err(untrusted("records sit directly in their kind's folder"));
    }
    let table = tables
        .iter()
        .find(|t| t.name == folder)
        .ok_or_else(|| untrusted("no kind of record of this version is named so"))?;
    if file.ends_with(".bin") {
        return Ok(None); // read with the record that names it
    }
    if !(file.ends_with(".json") || file.ends_with(".md")) {
        return Err(untrusted("a record is a .json or .md file"));
    }
    Ok(Some((table, file.to_owned())))
}

/// Parses a record's bytes as read from the repository or the clone.
fn parse(table: &Table, path: &str, bytes: Option<Vec<u8>>) -> Result<Option<Record>, ShareError> {
    let Some(bytes) = bytes else { return Ok(None) };
    let text = String::from_utf8(bytes).map_err(|_| ShareError::Untrusted {
        path: path.into(),
        reason: "a record is UTF-8 text".into(),
    })?;
    table
        .parse(Path::new(path), &text)
        .map(Some)
        .map_err(|e| ShareError::Untrusted {
            path: path.into(),
            reason: e.to_string(),
        })
}

/// Merges the records others changed since the base into the workspace. Gives how
/// many records changed here and how many fields are in conflict.
fn merge_in(
    tx: &Tx<'_>,
    tables: &[Table],
    git: &Git,
    base: Option<&str>,
    theirs: &str,
    theirs_changed: &[String],
    ours_changed: &HashSet<String>,
) -> Result<(u32, u32), ShareError> {
    let now = tx.now_text();
    let mut wanted: Vec<(&Table, String)> = Vec::new();
    for path in theirs_changed {
        if let Some((table, _)) = record_path(tables, path)? {
            if !DERIVED_TABLES.contains(&table.name.as_str()) {
                wanted.push((table, path.clone()));
            }
        }
    }
    let spec = |rev: &str, path: &str| format!("{rev}:{path}");
    let theirs_bytes = git.contents(
        &wanted
            .iter()
            .map(|(_, p)| spec(theirs, p))
            .collect::<Vec<_>>(),
        MAX_RECORD_BYTES,
    )?;
    let base_bytes = match base {
        Some(b) => git.contents(
            &wanted.iter().map(|(_, p)| spec(b, p)).collect::<Vec<_>>(),
            MAX_RECORD_BYTES,
        )?,
        None => vec![None; wanted.len()],
    };
    // Ours as the clone's index holds it: the workspace just written.
    let ours_bytes = git.contents(
        &wanted
            .iter()
            .map(|(_, p)| format!(":{p}"))
            .collect::<Vec<_>>(),
        MAX_RECORD_BYTES,
    )?;
    tx.conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    // Only a row others removed can leave something here pointing at nothing: when
    // they removed none, the whole-workspace checks are skipped. What pointed at
    // nothing before is not the merge's to answer for.
    let removals = theirs_bytes.iter().any(Option::is_none);
    let dangling_before = match removals {
        true => check::dangling(tx.conn)?,
        false => Vec::new(),
    };
    let who = git
        .run(&["config", "user.name"])
        .map(|n| n.trim().to_owned())
        .unwrap_or_else(|_| "this copy".into());
    let mut received = 0;
    let mut conflicts = 0;
    let mut removed: Vec<(&Table, Record)> = Vec::new();
    let mut transcripts: BTreeSet<String> = BTreeSet::new();
    for (((table, path), t), (b, o)) in wanted
        .iter()
        .zip(theirs_bytes)
        .zip(base_bytes.into_iter().zip(ours_bytes))
    {
        let theirs_record = parse(table, path, t)?;
        let base_record = parse(table, path, b)?;
        let ours_record = if ours_changed.contains(path) || base.is_none() {
            parse(table, path, o)?
        } else {
            base_record.clone()
        };
        let merged = merge_record(
            table,
            base_record.as_ref(),
            ours_record.as_ref(),
            theirs_record.as_ref(),
            &now,
        );
        if merged.record != ours_record {
            received += 1;
            apply(
                tx.conn,
                table,
                path,
                ours_record.as_ref(),
                merged.record.as_ref(),
                git,
                theirs,
            )?;
            if let (None, Some(gone)) = (&merged.record, ours_record) {
                removed.push((table, gone));
            }
        }
        if let Some(record) = merged.record.as_ref() {
            if let Some(id) = transcript_of(tx.conn, &table.name, record)? {
                transcripts.insert(id);
            }
            if !merged.conflicts.is_empty() {
                let (by, at) = last_change(git, theirs, path);
                for c in &merged.conflicts {
                    keep_conflict(tx.conn, table, record, c, &who, &now, &by, &at)?;
                    conflicts += 1;
                }
            }
        }
    }
    tx.follow_merges()?;
    if removals {
        keep_what_is_still_named(tx.conn, &removed, &now, &dangling_before)?;
    }
    for id in transcripts {
        tx.refresh_voices(&id)?;
    }
    Ok((received, conflicts))
}

/// The transcript whose voices a changed record of `table` feeds, if any.
fn transcript_of(
    conn: &Connection,
    table: &str,
    record: &Record,
) -> rusqlite::Result<Option<String>> {
    let text = |k: &str| record.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    Ok(match table {
        "transcript" => text("id"),
        "transcript_turn" => text("transcript_id"),
        "turn_person" => match text("turn_id") {
            Some(turn) => conn
                .query_row(
                    "SELECT transcript_id FROM transcript_turn WHERE id = ?1",
                    [turn],
                    |r| r.get(0),
                )
                .optional()?,
            None => None,
        },
        _ => None,
    })
}

/// Who last changed `path` in the repository, and when.
fn last_change(git: &Git, rev: &str, path: &str) -> (String, String) {
    git.run(&["log", "-1", "--format=%an%x00%aI", rev, "--", path])
        .ok()
        .and_then(|out| {
            let (by, at) = out.trim().split_once('\0')?;
            Some((by.to_owned(), at.to_owned()))
        })
        .unwrap_or_else(|| ("someone".into(), String::new()))
}

#[allow(clippy::too_many_arguments)]
fn keep_conflict(
    conn: &Connection,
    table: &Table,
    record: &Record,
    conflict: &FieldConflict,
    who: &str,
    now: &str,
    other_by: &str,
    other_at: &str,
) -> rusqlite::Result<()> {
    let key = serde_json::Value::Object(table.key_of(record)).to_string();
    let json = |v: &serde_json::Value| v.to_string();
    // One field in conflict is one row: a later sync updates what it holds.
    let existing: Option<String> = conn
        .query_row(
            "SELECT id FROM sync_conflict WHERE table_name = ?1 AND record_key = ?2 AND field = ?3",
            params![table.name, key, conflict.field],
            |r| r.get(0),
        )
        .optional()?;
    let id = existing.unwrap_or_else(|| crate::store::id::new_id().to_string());
    conn.execute(
        "INSERT INTO sync_conflict (id, table_name, record_key, field, base, kept, other,
             kept_by, kept_at, other_by, other_at, found_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?9)
         ON CONFLICT (id) DO UPDATE SET base = excluded.base, kept = excluded.kept,
             other = excluded.other, other_by = excluded.other_by, other_at = excluded.other_at",
        params![
            id,
            table.name,
            key,
            conflict.field,
            json(&conflict.base),
            json(&conflict.kept),
            json(&conflict.other),
            who,
            now,
            other_by,
            if other_at.is_empty() { now } else { other_at },
        ],
    )?;
    Ok(())
}

/// Writes a merged record into the workspace where it differs from ours.
fn apply(
    conn: &Connection,
    table: &Table,
    path: &str,
    ours: Option<&Record>,
    merged: Option<&Record>,
    git: &Git,
    theirs: &str,
) -> Result<(), ShareError> {
    let folder = path.split('/').next().unwrap_or_default();
    let mut bytes = |file: &str| -> Result<Vec<u8>, FolderError> {
        git.contents(&[format!("{theirs}:{folder}/{file}")], MAX_BYTES_FILE)
            .ok()
            .and_then(|mut v| v.pop().flatten())
            .ok_or_else(|| FolderError::Unreadable {
                path: PathBuf::from(path),
                reason: format!("the repository lacks {file}, which the record names"),
            })
    };
    let untrusted = |e: FolderError| ShareError::Untrusted {
        path: path.into(),
        reason: e.to_string(),
    };
    match (ours, merged) {
        (Some(ours), None) => {
            let key = table.key_of(ours);
            conn.execute(
                &format!(
                    "DELETE FROM \"{}\" WHERE {}",
                    table.name,
                    table.where_key(1)
                ),
                rusqlite::params_from_iter(key.values().map(folder::sql_value)),
            )?;
        }
        (None, Some(merged)) => {
            let values = table
                .values(Path::new(path), merged, &mut bytes)
                .map_err(untrusted)?;
            table
                .insert(conn, Path::new(path), values)
                .map_err(untrusted)?;
        }
        (Some(ours), Some(merged)) => {
            let changed: Record = merged
                .iter()
                .filter(|(k, v)| ours.get(*k) != Some(*v))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if changed.is_empty() {
                return Ok(());
            }
            let values = table
                .values(Path::new(path), &changed, &mut bytes)
                .map_err(untrusted)?;
            let sets: Vec<String> = values
                .iter()
                .enumerate()
                .map(|(i, (c, _))| format!("\"{c}\" = ?{}", i + 1))
                .collect();
            let key = table.key_of(ours);
            let mut params: Vec<rusqlite::types::Value> =
                values.into_iter().map(|(_, v)| v).collect();
            params.extend(key.values().map(folder::sql_value));
            conn.execute(
                &format!(
                    "UPDATE \"{}\" SET {} WHERE {}",
                    table.name,
                    sets.join(", "),
                    table.where_key(changed.len() + 1)
                ),
                rusqlite::params_from_iter(params),
            )
            .map_err(|e| ShareError::Untrusted {
                path: path.into(),
                reason: e.to_string(),
            })?;
        }
        (None, None) => {}
    }
    Ok(())
}

/// A record others removed that something here still names (an observation attributed
/// to a person they removed from the trash, a citation of it) comes back, in the trash,
/// so nothing points at nothing. Anything else that points at nothing refuses the sync.
fn keep_what_is_still_named(
    conn: &Connection,
    removed: &[(&Table, Record)],
    now: &str,
    before: &[check::Dangling],
) -> Result<(), ShareError> {
    // Every foreign key: (child table, its column, parent table, the parent's column).
    let mut references: Vec<(String, String, String, Option<String>)> = Vec::new();
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for child in names {
        let mut stmt =
            conn.prepare("SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?1)")?;
        for row in stmt.query_map([&child], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
            let (from, parent, to): (String, String, Option<String>) = row?;
            references.push((child.clone(), from, parent, to));
        }
    }
    for _ in 0..8 {
        let mut restored = false;
        for (table, record) in removed {
            let key = table.key_of(record);
            let exists: bool = conn.query_row(
                &format!(
                    "SELECT EXISTS (SELECT 1 FROM \"{}\" WHERE {})",
                    table.name,
                    table.where_key(1)
                ),
                rusqlite::params_from_iter(key.values().map(folder::sql_value)),
                |r| r.get(0),
            )?;
            if exists {
                continue;
            }
            let mut named = false;
            for (child, from, _, to) in references.iter().filter(|r| r.2 == table.name) {
                let column = to
                    .clone()
                    .or_else(|| table.key.first().cloned())
                    .unwrap_or_default();
                let Some(value) = record.get(&column) else {
                    continue;
                };
                named |= conn.query_row(
                    &format!("SELECT EXISTS (SELECT 1 FROM \"{child}\" WHERE \"{from}\" = ?1)"),
                    [folder::sql_value(value)],
                    |r| r.get::<_, bool>(0),
                )?;
            }
            if let Some(serde_json::Value::String(id)) = record.get("id") {
                named |= check::cited_missing(conn, &table.name)?.contains(id);
            }
            if !named {
                continue;
            }
            let mut record = record.clone();
            if table.columns.iter().any(|c| c == "deleted_at")
                && record
                    .get("deleted_at")
                    .is_none_or(serde_json::Value::is_null)
            {
                record.insert("deleted_at".into(), serde_json::Value::String(now.into()));
            }
            let values: Vec<(String, rusqlite::types::Value)> = record
                .iter()
                .filter(|(_, v)| !v.is_object())
                .map(|(k, v)| (k.clone(), folder::sql_value(v)))
                .collect();
            table.insert(conn, Path::new(&table.name), values)?;
            restored = true;
        }
        if !restored {
            break;
        }
    }
    let left = check::dangling(conn)?;
    let new = left.iter().find(|d| {
        !before
            .iter()
            .any(|b| b.from == d.from && b.to == d.to && b.count >= d.count)
    });
    if let Some(first) = new {
        return Err(ShareError::Untrusted {
            path: format!("{}/", first.from),
            reason: format!(
                "{} of its records name a {} that does not exist",
                first.count, first.to
            ),
        });
    }
    Ok(())
}
