//! The store: the connections to one workspace file. Writes go through one
//! connection, each in an IMMEDIATE transaction ([`Store::write`]); reads run on
//! read-only connections of their own ([`Store::read`]), which in WAL mode never
//! wait for a write, so a slow search never holds up an autosave.
//!
//! Opening is careful because a workspace is a document the user picks: before
//! SQLite writes anything, the file's header is read to make sure it is a
//! Groundwork file of a schema this build understands. Anything else — a folder,
//! an empty file, a text file, someone else's database, a newer schema, a
//! damaged file — is refused with an [`OpenError`] naming the path, and the file
//! is left exactly as it was.

use crate::store::clock::Clock;
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::schema::{self, Migration, APPLICATION_ID};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use serde::Serialize;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use thiserror::Error;
use ts_rs::TS;

/// How long a write waits for a lock held by another connection before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The 16 bytes every SQLite 3 database starts with.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Why a workspace file could not be opened. Every case names the path.
#[derive(Debug, Error)]
pub enum OpenError {
    #[error("{path} does not exist")]
    NotFound { path: PathBuf },

    #[error("{path} already exists; choose a new file name for a new workspace")]
    AlreadyExists { path: PathBuf },

    #[error("{path} is a folder, not a workspace file")]
    IsDirectory { path: PathBuf },

    #[error("{path} is not a regular file (it may be a pipe, a socket or a device), so it cannot be a workspace")]
    NotAFile { path: PathBuf },

    #[error("the disk is full: Groundwork could not create or change {path}. Free some space and try again; nothing was half-written")]
    DiskFull { path: PathBuf },

    #[error("{path} is an empty file, not a Groundwork workspace")]
    EmptyFile { path: PathBuf },

    #[error("{path} is not a database (it may be a text or other kind of file)")]
    NotSqlite { path: PathBuf },

    #[error("{path} is a SQLite database from another program, not a Groundwork workspace")]
    NotGroundwork { path: PathBuf },

    #[error(
        "{path} was saved by a newer version of Groundwork (schema {found}; this version reads up to {supported}). Update Groundwork to open it; the file was not changed."
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error("{path} is damaged: {detail}")]
    Damaged { path: PathBuf, detail: String },

    #[error("could not read or write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{path} could not be opened: {}", crate::store::error::database_message(.source))]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

impl OpenError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::NotFound { path }
            | Self::AlreadyExists { path }
            | Self::IsDirectory { path }
            | Self::NotAFile { path }
            | Self::DiskFull { path }
            | Self::EmptyFile { path }
            | Self::NotSqlite { path }
            | Self::NotGroundwork { path }
            | Self::NewerSchema { path, .. }
            | Self::Damaged { path, .. }
            | Self::Io { path, .. }
            | Self::Sqlite { path, .. } => path,
        }
    }

    pub(crate) fn sqlite(path: &Path, source: rusqlite::Error) -> Self {
        // SQLite reports a garbled file as NOTADB or CORRUPT: that is damage, not a bug.
        let damaged = matches!(
            source.sqlite_error_code(),
            Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt)
        );
        if create::is_disk_full(&source) {
            Self::DiskFull { path: path.into() }
        } else if damaged {
            Self::Damaged {
                path: path.to_owned(),
                detail: source.to_string(),
            }
        } else {
            Self::Sqlite {
                path: path.to_owned(),
                source,
            }
        }
    }
}

/// Whether opening may create the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Open the file, creating a new workspace if nothing is there.
    OpenOrCreate,
    /// Open an existing workspace only.
    MustExist,
    /// Create a new workspace; refuse if anything is there.
    CreateNew,
}

/// What happened while opening, for the shell to tell the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenOutcome {
    Created,
    Opened,
    Migrated { from: u32, to: u32, backup: PathBuf },
}

/// The open workspace, as the UI shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceInfo {
    /// Full path of the workspace file.
    pub path: String,
    /// The file's name without its extension: what the window title shows.
    pub name: String,
    /// Schema version of the file.
    pub schema_version: u32,
}

/// How many idle read-only connections the store keeps for reuse.
const IDLE_READERS: usize = 4;

/// One open workspace file. It is `Sync`: the app shares one store between threads,
/// and reads go on while a write runs.
pub struct Store {
    writer: Mutex<Connection>,
    /// Idle read-only connections; `None` for an in-memory store, which reads
    /// through the writer (a second connection cannot see its memory).
    readers: Option<Mutex<Vec<Connection>>>,
    path: Option<PathBuf>,
    pub(crate) clock: Arc<dyn Clock>,
    outcome: OpenOutcome,
    /// Whether opening checked every page (see [`check_whole_file`]).
    checked_whole: bool,
    /// The writer's last `PRAGMA data_version`, to notice other processes' commits.
    seen_version: Mutex<Option<i64>>,
    /// What reads weighed last (the reach of a ranking), for reads of committed snapshots.
    read_cache: crate::store::cache::ReadCache,
}

/// A poisoned lock only means a panic happened while it was held; every write is a
/// transaction that rolled back, so the connection is safe to take back.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (or creates, per `mode`) the workspace at `path`.
    pub fn open(path: &Path, mode: OpenMode, clock: Arc<dyn Clock>) -> Result<Self, OpenError> {
        Self::open_with(path, mode, clock, schema::MIGRATIONS)
    }

    /// A fresh workspace in memory, for tests and benchmarks.
    pub fn open_in_memory(clock: Arc<dyn Clock>) -> Result<Self, OpenError> {
        let path = PathBuf::from(":memory:");
        let mut conn = Connection::open_in_memory().map_err(|e| OpenError::sqlite(&path, e))?;
        init_schema(&mut conn, schema::MIGRATIONS)
            .and_then(|()| set_pragmas(&conn))
            .map_err(|e| OpenError::sqlite(&path, e))?;
        Ok(Self {
            writer: Mutex::new(conn),
            readers: None,
            path: None,
            clock,
            outcome: OpenOutcome::Created,
            checked_whole: true,
            seen_version: Mutex::new(None),
            read_cache: Default::default(),
        })
    }

    pub(crate) fn open_with(
        path: &Path,
        mode: OpenMode,
        clock: Arc<dyn Clock>,
        migrations: &[Migration],
    ) -> Result<Self, OpenError> {
        Self::open_with_faults(path, mode, clock, migrations, &create::no_faults)
    }

    pub(crate) fn open_with_faults(
        path: &Path,
        mode: OpenMode,
        clock: Arc<dyn Clock>,
        migrations: &[Migration],
        faults: create::Faults<'_>,
    ) -> Result<Self, OpenError> {
        let io = |source| OpenError::Io {
            path: path.to_owned(),
            source,
        };
        let supported = schema::format_of(migrations);
        let mut created = false;
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => return Err(OpenError::IsDirectory { path: path.into() }),
            // A pipe would block the first read forever; a device is no workspace.
            Ok(meta) if !meta.is_file() => return Err(OpenError::NotAFile { path: path.into() }),
            Ok(_) if mode == OpenMode::CreateNew => {
                return Err(OpenError::AlreadyExists { path: path.into() })
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if mode == OpenMode::MustExist {
                    return Err(OpenError::NotFound { path: path.into() });
                }
                create::create_file(path, |conn| init_schema(conn, migrations), faults)?;
                created = true;
            }
            Err(e) => return Err(io(e)),
        }

        // Judge the file by its header before SQLite may touch it.
        let header = read_header(path).map_err(io)?;
        check_header(path, &header, supported)?;

        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| OpenError::sqlite(path, e))?;
        let sq = |e| OpenError::sqlite(path, e);
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sq)?;

        // The header can lag behind a write-ahead log; ask SQLite too before writing.
        let app_id: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(sq)?;
        if app_id != APPLICATION_ID {
            return Err(OpenError::NotGroundwork { path: path.into() });
        }
        let format: u32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(sq)?;
        if format > supported {
            return Err(OpenError::NewerSchema {
                path: path.into(),
                found: format,
                supported,
            });
        }
        let checked_whole = quick_check(&conn, path, Some(QUICK_CHECK_BUDGET))?;

        let pending = schema::pending(&conn, migrations).map_err(sq)?;
        let outcome = if created {
            OpenOutcome::Created
        } else if let Some(first) = pending.first() {
            let from = first.version - 1;
            let backup = backup_path(path, from, clock.now());
            if let Err(e) = conn.backup(rusqlite::MAIN_DB, &backup, None) {
                // A half-written copy (a full disk) is no backup: leave none.
                let _ = std::fs::remove_file(&backup);
                return Err(sq(e));
            }
            schema::migrate(&mut conn, migrations).map_err(sq)?;
            OpenOutcome::Migrated {
                from,
                to: schema::latest_of(migrations),
                backup,
            }
        } else {
            OpenOutcome::Opened
        };
        set_pragmas(&conn).map_err(sq)?;
        Ok(Self {
            writer: Mutex::new(conn),
            readers: Some(Mutex::new(Vec::new())),
            path: Some(path.into()),
            clock,
            outcome,
            checked_whole,
            seen_version: Mutex::new(None),
            read_cache: Default::default(),
        })
    }

    /// The workspace file, or `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// What opening did: created, opened, or migrated (with the backup's path).
    pub fn outcome(&self) -> &OpenOutcome {
        &self.outcome
    }

    /// Whether opening checked the whole file. When it did not (a very large file),
    /// [`check_whole_file`] checks the rest.
    pub fn checked_whole(&self) -> bool {
        self.checked_whole
    }

    /// The workspace as the UI shows it.
    pub fn info(&self) -> WorkspaceInfo {
        let path = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(":memory:"));
        WorkspaceInfo {
            name: workspace_name(&path),
            path: path.display().to_string(),
            schema_version: self.schema_version().unwrap_or(0),
        }
    }

    /// The highest migration the file has run.
    pub fn schema_version(&self) -> rusqlite::Result<u32> {
        Ok(schema::applied(&lock(&self.writer))?
            .into_iter()
            .max()
            .unwrap_or(0))
    }

    /// Runs `f` on a consistent snapshot of the workspace, on a read-only connection
    /// of its own (in memory: on the writer), so it never waits for a write.
    pub fn read<T, E>(&self, f: impl FnOnce(&Db<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<rusqlite::Error>,
    {
        let Some(readers) = &self.readers else {
            let conn = lock(&self.writer);
            return f(&Db::reading(&conn, &*self.clock, &self.read_cache));
        };
        let idle = lock(readers).pop();
        let conn = match idle {
            Some(conn) => conn,
            None => self.open_reader()?,
        };
        let result = {
            // One read transaction: every statement of `f` sees the same commit.
            let snapshot = conn.unchecked_transaction()?;
            let result = f(&Db::reading(&snapshot, &*self.clock, &self.read_cache));
            snapshot.finish()?;
            result
        };
        let mut idle = lock(readers);
        if idle.len() < IDLE_READERS {
            idle.push(conn);
        }
        result
    }

    /// Runs `f` as one unit of work: an IMMEDIATE transaction (taking the write lock
    /// at once, so a second writer waits instead of failing half way) that commits
    /// when `f` succeeds and rolls back, leaving the workspace exactly as it was,
    /// when it fails.
    pub fn write<T, E>(&self, f: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<rusqlite::Error>,
    {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&Tx::new(&tx, &*self.clock))?;
        tx.commit()?;
        Ok(value)
    }

    fn open_reader(&self) -> rusqlite::Result<Connection> {
        let path = self.path.as_deref().unwrap_or(Path::new(":memory:"));
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        Ok(conn)
    }

    /// Whether another process (the command line, another window, a sync tool)
    /// committed to the file since the last call. The first call only looks.
    pub fn changed_outside(&self) -> Result<bool, DomainError> {
        // data_version changes for every commit but this connection's own.
        let version: i64 =
            lock(&self.writer).pragma_query_value(None, "data_version", |r| r.get(0))?;
        let mut seen = lock(&self.seen_version);
        let changed = seen.is_some_and(|v| v != version);
        *seen = Some(version);
        Ok(changed)
    }

    #[cfg(test)]
    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        lock(&self.writer)
    }

    /// Direct access to the writer, for benchmarks' bulk loaders and tests; not for the app.
    #[doc(hidden)]
    pub fn with_connection<T>(&self, f: impl FnOnce(&mut Connection) -> T) -> T {
        f(&mut lock(&self.writer))
    }
}

/// The name a workspace is shown by: its file name without extension.
pub fn workspace_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Marks a new database as a Groundwork workspace and writes the whole schema.
fn init_schema(conn: &mut Connection, migrations: &[Migration]) -> rusqlite::Result<()> {
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    schema::migrate(conn, migrations)
}

/// Pragmas set on every open.
fn set_pragmas(conn: &Connection) -> rusqlite::Result<()> {
    // WAL: readers never block the writer, and a crash mid-write leaves the last
    // commit intact.
    conn.pragma_update_and_check(None, "journal_mode", "wal", |_| Ok(()))?;
    // FULL, not NORMAL: in WAL mode NORMAL can lose the last commits on power loss.
    // "A committed write is never lost" is a promise we make, and our write rate
    // (autosave about once a second while typing) makes the extra fsync cheap.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // 64 MiB of page cache (SQLite's default is 2 MiB): a large import's transaction
    // no longer spills dirty pages to the WAL and reads them back mid-way, and the
    // index pages a search walks stay in memory. Pages are cached as they are read.
    conn.pragma_update(None, "cache_size", -65536)?;
    Ok(())
}

fn read_header(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut header = Vec::with_capacity(100);
    std::fs::File::open(path)?
        .take(100)
        .read_to_end(&mut header)?;
    Ok(header)
}

/// Judges a file by its first 100 bytes (the SQLite header): no SQLite involved.
fn check_header(path: &Path, header: &[u8], supported: u32) -> Result<(), OpenError> {
    if header.is_empty() {
        return Err(OpenError::EmptyFile { path: path.into() });
    }
    if header.len() < 100 || &header[..16] != SQLITE_MAGIC {
        return Err(OpenError::NotSqlite { path: path.into() });
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    if be32(68) as i32 != APPLICATION_ID {
        return Err(OpenError::NotGroundwork { path: path.into() });
    }
    let found = be32(60);
    if found > supported {
        return Err(OpenError::NewerSchema {
            path: path.into(),
            found,
            supported,
        });
    }
    Ok(())
}

/// How long opening may spend checking the file. A workspace of a few thousand
/// sessions is checked whole well within it; a very large one (100,000 observations
/// take about a second) is checked as far as 150 ms go, so opening stays fast, and
/// the rest is checked afterwards by [`check_whole_file`].
const QUICK_CHECK_BUDGET: std::time::Duration = std::time::Duration::from_millis(150);

/// Runs `PRAGMA quick_check`, within `budget` if one is given. Returns whether it
/// checked the whole file; damage found is an error.
fn quick_check(
    conn: &Connection,
    path: &Path,
    budget: Option<std::time::Duration>,
) -> Result<bool, OpenError> {
    let started = std::time::Instant::now();
    if let Some(budget) = budget {
        conn.progress_handler(10_000, Some(move || started.elapsed() > budget))
            .map_err(|e| OpenError::sqlite(path, e))?;
    }
    let checked = conn.prepare("PRAGMA quick_check").and_then(|mut stmt| {
        stmt.query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<String>>>())
    });
    conn.progress_handler(0, None::<fn() -> bool>)
        .map_err(|e| OpenError::sqlite(path, e))?;
    let problems = match checked {
        Ok(problems) => problems,
        // Out of time, with nothing found so far: open it, and check the rest later.
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) => {
            return Ok(false)
        }
        Err(e) => return Err(OpenError::sqlite(path, e)),
    };
    if problems.len() == 1 && problems[0] == "ok" {
        Ok(true)
    } else {
        let detail = problems.into_iter().take(3).collect::<Vec<_>>().join("; ");
        Err(OpenError::Damaged {
            path: path.into(),
            detail,
        })
    }
}

/// Checks every page of the workspace file at `path` on a read-only connection of its
/// own, however long that takes. Opening checks a large file only as far as its time
/// budget goes ([`Store::checked_whole`]); this checks the rest without holding up
/// the open workspace, which keeps working while it runs.
pub fn check_whole_file(path: &Path) -> Result<(), OpenError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| OpenError::sqlite(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| OpenError::sqlite(path, e))?;
    quick_check(&conn, path, None).map(|_| ())
}

/// Copies the workspace at `source` into a new file `dest` with SQLite's online
/// backup: a consistent copy even while the app writes to `source`, written whole or
/// not at all. `source` is only read; `dest` must not exist.
pub fn backup_file(source: &Path, dest: &Path) -> Result<(), OpenError> {
    match std::fs::metadata(source) {
        Ok(meta) if meta.is_dir() => {
            return Err(OpenError::IsDirectory {
                path: source.into(),
            })
        }
        Ok(meta) if !meta.is_file() => {
            return Err(OpenError::NotAFile {
                path: source.into(),
            })
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(OpenError::NotFound {
                path: source.into(),
            })
        }
        Err(source_err) => {
            return Err(OpenError::Io {
                path: source.into(),
                source: source_err,
            })
        }
    }
    if dest.exists() {
        return Err(OpenError::AlreadyExists { path: dest.into() });
    }
    let header = read_header(source).map_err(|e| OpenError::Io {
        path: source.into(),
        source: e,
    })?;
    // A newer format is copied as it is: a backup changes nothing it does not understand.
    check_header(source, &header, u32::MAX)?;
    let from = Connection::open_with_flags(
        source,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| OpenError::sqlite(source, e))?;
    from.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| OpenError::sqlite(source, e))?;
    create::create_file(
        dest,
        |to| {
            rusqlite::backup::Backup::new(&from, to)?.run_to_completion(
                256,
                Duration::from_millis(5),
                None,
            )
        },
        &create::no_faults,
    )
}

/// `<file>.backup-v<N>-<UTC time>.groundwork` beside the workspace.
fn backup_path(path: &Path, version: u32, now: DateTime<Utc>) -> PathBuf {
    let stem = workspace_name(path);
    let name = format!(
        "{stem}.backup-v{version}-{}.groundwork",
        now.format("%Y%m%dT%H%M%SZ")
    );
    path.with_file_name(name)
}

pub(crate) mod create;
#[cfg(test)]
mod tests;
