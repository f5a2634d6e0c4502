//! Creating a workspace file so that a kill, a full disk or any failure leaves either
//! no file or a whole workspace, never an empty or half-made one.
//!
//! The file is built in a temporary file beside the target (a name that never ends
//! in `.groundwork`, so no dialog offers it and nothing opens it as a workspace),
//! flushed to disk, then linked into place (which refuses to replace anything that
//! appeared there meanwhile) and the folder flushed. Temporary files left by a
//! crash are removed by the next creation of the same file.

use super::OpenError;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The steps of creating a file, in order; tests inject a failure before each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// Making the folder.
    Folder,
    /// Opening the temporary file.
    Temp,
    /// Writing the schema (and any content) into it.
    Fill,
    /// Closing it.
    Close,
    /// Flushing it to disk.
    Sync,
    /// Putting it in place under its real name.
    Place,
    /// Flushing the folder, so the new name survives a power cut.
    SyncFolder,
}

impl Step {
    #[cfg(test)]
    pub(crate) const ALL: [Step; 7] = [
        Step::Folder,
        Step::Temp,
        Step::Fill,
        Step::Close,
        Step::Sync,
        Step::Place,
        Step::SyncFolder,
    ];
}

/// Where a test injects a failure; the app passes [`no_faults`].
pub(crate) type Faults<'a> = &'a dyn Fn(Step) -> std::io::Result<()>;

/// Injects nothing.
pub(crate) fn no_faults(_: Step) -> std::io::Result<()> {
    Ok(())
}

/// Temporary files older than this are leftovers of a crash (a creation takes
/// milliseconds), not another process's creation under way.
const LEFTOVER_AGE: Duration = Duration::from_secs(60);

const TEMP_SUFFIX: &str = ".creating";

/// Whether `e` means the disk (or the user's quota) is full.
pub(crate) fn is_disk_full_io(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull || e.raw_os_error() == Some(28)
}

/// Whether `e` means the disk is full.
pub(crate) fn is_disk_full(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull)
}

/// Writes a new SQLite file at `path`, built by `fill`, atomically. Refuses when
/// anything is at `path` already.
pub(crate) fn create_file(
    path: &Path,
    fill: impl FnOnce(&mut Connection) -> rusqlite::Result<()>,
    faults: Faults<'_>,
) -> Result<(), OpenError> {
    let io = |source: std::io::Error| {
        if is_disk_full_io(&source) {
            OpenError::DiskFull { path: path.into() }
        } else {
            OpenError::Io {
                path: path.into(),
                source,
            }
        }
    };
    let sq = |source: rusqlite::Error| {
        if is_disk_full(&source) {
            OpenError::DiskFull { path: path.into() }
        } else {
            OpenError::sqlite(path, source)
        }
    };
    let folder = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(folder) => folder.to_path_buf(),
        None => PathBuf::from("."),
    };
    faults(Step::Folder).map_err(io)?;
    std::fs::create_dir_all(&folder).map_err(io)?;
    remove_leftovers(path);

    let temp = temp_path(path);
    let made = (|| {
        faults(Step::Temp).map_err(io)?;
        let mut conn = Connection::open_with_flags(
            &temp,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sq)?;
        faults(Step::Fill).map_err(io)?;
        fill(&mut conn).map_err(sq)?;
        faults(Step::Close).map_err(io)?;
        conn.close().map_err(|(_, e)| sq(e))?;
        faults(Step::Sync).map_err(io)?;
        std::fs::File::open(&temp)
            .and_then(|f| f.sync_all())
            .map_err(io)?;
        faults(Step::Place).map_err(io)?;
        place(&temp, path)?;
        Ok(())
    })();
    if let Err(e) = made {
        remove_temp(&temp);
        return Err(e);
    }
    let synced = faults(Step::SyncFolder).and_then(|()| sync_folder(&folder));
    if let Err(e) = synced {
        // The file is whole, but its name may not survive a power cut: say so and
        // leave nothing behind, so a retry starts clean.
        let _ = std::fs::remove_file(path);
        return Err(io(e));
    }
    Ok(())
}

/// `.<name>.<pid>-<nanos>.creating` beside `path`.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    path.with_file_name(format!(
        ".{name}.{}-{nanos}{TEMP_SUFFIX}",
        std::process::id()
    ))
}

/// Links `temp` to `path` (failing if `path` exists), then drops the temporary name.
fn place(temp: &Path, path: &Path) -> Result<(), OpenError> {
    match std::fs::hard_link(temp, path) {
        Ok(()) => {
            let _ = std::fs::remove_file(temp);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(OpenError::AlreadyExists { path: path.into() })
        }
        // Some file systems (FAT, some network and synced folders) have no hard links.
        Err(_) if path.exists() => Err(OpenError::AlreadyExists { path: path.into() }),
        Err(_) => std::fs::rename(temp, path).map_err(|source| {
            if is_disk_full_io(&source) {
                OpenError::DiskFull { path: path.into() }
            } else {
                OpenError::Io {
                    path: path.into(),
                    source,
                }
            }
        }),
    }
}

fn sync_folder(folder: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(folder)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        // Windows cannot open a folder as a file; NTFS journals the rename itself.
        let _ = folder;
        Ok(())
    }
}

fn remove_temp(temp: &Path) {
    let _ = std::fs::remove_file(temp);
    let mut journal = temp.as_os_str().to_owned();
    journal.push("-journal");
    let _ = std::fs::remove_file(PathBuf::from(journal));
}

/// Removes temporary files that an earlier, crashed creation of `path` left.
fn remove_leftovers(path: &Path) {
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let ours = file.starts_with(&prefix)
            && (file.ends_with(TEMP_SUFFIX) || file.ends_with(".creating-journal"));
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > LEFTOVER_AGE);
        if ours && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
pub(crate) fn temp_files_of(path: &Path) -> Vec<PathBuf> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let Some(name) = name else { return vec![] };
    let prefix = format!(".{name}.");
    std::fs::read_dir(path.parent().unwrap_or(Path::new(".")))
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default()
}
