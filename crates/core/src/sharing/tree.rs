//! The clone's working tree, written from the workspace as the folder of records.
//!
//! Once a workspace is shared, triggers on every shared table note each record that
//! changes (`share_dirty`), whoever changed it (the app, the command line, a sync).
//! A sync then writes only those records' files and stages only those paths, so ten
//! changed records cost ten files whatever the workspace's size. The whole folder is
//! written (each file only if its bytes changed) when that record cannot be trusted:
//! the first sync, a trigger found missing (a migration that rebuilt a table drops its
//! triggers), or a sync that failed half way.

use super::sync::ShareError;
use crate::store::folder::{file_stem, manifest_text, FolderError, Table, MANIFEST};
use rusqlite::Connection;
use std::collections::{BTreeSet, HashSet};
use std::path::Path;

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> FolderError + '_ {
    move |source| FolderError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `bytes` at `path` unless it holds them already; a link there is removed,
/// never written through.
fn write(path: &Path, bytes: &[u8]) -> Result<(), ShareError> {
    let meta = std::fs::symlink_metadata(path).ok();
    if meta
        .as_ref()
        .is_some_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|b| b == bytes)
    {
        return Ok(());
    }
    if meta.is_some() {
        std::fs::remove_file(path).map_err(io(path))?;
    }
    std::fs::write(path, bytes).map_err(io(path))?;
    Ok(())
}

/// A table's folder, made a real folder (a file or link in its place is removed).
fn table_folder(dir: &Path, table: &Table) -> Result<std::path::PathBuf, ShareError> {
    let folder = dir.join(&table.name);
    let meta = std::fs::symlink_metadata(&folder).ok();
    if meta.as_ref().is_some_and(|m| !m.is_dir()) {
        std::fs::remove_file(&folder).map_err(io(&folder))?;
    }
    Ok(folder)
}

fn trigger_names(table: &str) -> [String; 3] {
    ["insert", "update", "delete"].map(|what| format!("share_track_{table}_{what}"))
}

/// Makes sure every shared table notes its changed records; `false` when a trigger had
/// to be made (changes may have gone unnoted until now).
pub(crate) fn ensure_tracking(conn: &Connection, tables: &[Table]) -> Result<bool, ShareError> {
    let existing: HashSet<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'share_track_%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut complete = true;
    for table in tables {
        let [insert, update, delete] = trigger_names(&table.name);
        if [&insert, &update, &delete]
            .iter()
            .all(|n| existing.contains(*n))
        {
            continue;
        }
        complete = false;
        // Not INSERT OR IGNORE: a statement's own OR clause (an upsert, OR REPLACE)
        // overrides a trigger's, so a second change of one record would fail it.
        let key = |row: &str| {
            let parts: Vec<String> = table.key.iter().map(|k| format!("{row}.\"{k}\"")).collect();
            let key = format!("json_array({})", parts.join(", "));
            format!(
                "INSERT INTO share_dirty (table_name, key) SELECT '{t}', {key}
                 WHERE NOT EXISTS (SELECT 1 FROM share_dirty WHERE table_name = '{t}' AND key = {key});",
                t = table.name,
            )
        };
        let t = &table.name;
        conn.execute_batch(&format!(
            "DROP TRIGGER IF EXISTS \"{insert}\";
             DROP TRIGGER IF EXISTS \"{update}\";
             DROP TRIGGER IF EXISTS \"{delete}\";
             CREATE TRIGGER \"{insert}\" AFTER INSERT ON \"{t}\" BEGIN {} END;
             CREATE TRIGGER \"{update}\" AFTER UPDATE ON \"{t}\" BEGIN {} {} END;
             CREATE TRIGGER \"{delete}\" AFTER DELETE ON \"{t}\" BEGIN {} END;",
            key("NEW"),
            key("OLD"),
            key("NEW"),
            key("OLD"),
        ))?;
    }
    Ok(complete)
}

/// Stops noting changes (the workspace is no longer shared).
pub(crate) fn stop_tracking(conn: &Connection) -> rusqlite::Result<()> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'share_track_%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for name in names {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    conn.execute("DELETE FROM share_dirty", [])?;
    Ok(())
}

fn manifest(conn: &Connection, dir: &Path) -> Result<(), ShareError> {
    let schema = crate::store::schema::applied(conn)?
        .into_iter()
        .max()
        .unwrap_or(0);
    write(&dir.join(MANIFEST), manifest_text(schema).as_bytes())
}

/// Writes every record into the clone's folder `dir`, touching only files whose bytes
/// change and removing those of records gone; what was noted as changed is then done.
pub(crate) fn write_all(conn: &Connection, tables: &[Table], dir: &Path) -> Result<(), ShareError> {
    manifest(conn, dir)?;
    for table in tables {
        let folder = table_folder(dir, table)?;
        let mut written: HashSet<String> = HashSet::new();
        let mut stmt = conn.prepare(&table.select_sql())?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            if written.is_empty() {
                std::fs::create_dir_all(&folder).map_err(io(&folder))?;
            }
            let row = table.read_row(row)?;
            for (name, bytes) in &row.bytes {
                write(&folder.join(name), bytes)?;
                written.insert(name.clone());
            }
            let (name, text) = table.record_file(&row.stem, &row.record);
            write(&folder.join(&name), text.as_bytes())?;
            written.insert(name);
        }
        if let Ok(entries) = std::fs::read_dir(&folder) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !written.contains(&name) {
                    let path = entry.path();
                    if entry.file_type().is_ok_and(|t| t.is_dir()) {
                        std::fs::remove_dir_all(&path).map_err(io(&path))?;
                    } else {
                        std::fs::remove_file(&path).map_err(io(&path))?;
                    }
                }
            }
            if written.is_empty() {
                let _ = std::fs::remove_dir(&folder);
            }
        }
    }
    conn.execute("DELETE FROM share_dirty", [])?;
    Ok(())
}

/// The text of a key part as a file name holds it (as the folder's `key_text`).
fn part_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "null".into(),
        other => other.to_string(),
    }
}

/// Writes the files of the records noted as changed and removes those of records gone;
/// gives the paths touched (below `dir`), for git to stage.
pub(crate) fn write_changed(
    conn: &Connection,
    tables: &[Table],
    dir: &Path,
) -> Result<Vec<String>, ShareError> {
    let noted: Vec<(String, String)> = conn
        .prepare("SELECT table_name, key FROM share_dirty ORDER BY table_name, key")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut touched: BTreeSet<String> = BTreeSet::new();
    if !noted.is_empty() {
        manifest(conn, dir)?;
        touched.insert(MANIFEST.into());
    }
    for (name, key) in noted {
        let Some(table) = tables.iter().find(|t| t.name == name) else {
            continue;
        };
        let parts: Vec<serde_json::Value> = serde_json::from_str(&key).unwrap_or_default();
        let folder = table_folder(dir, table)?;
        let stem = file_stem(&parts.iter().map(part_text).collect::<Vec<_>>());
        // Whatever the record had (its file, its bytes' files) goes; what it has now comes.
        let before: Vec<String> = [format!("{stem}.json"), format!("{stem}.md")]
            .into_iter()
            .chain(table.columns.iter().map(|c| format!("{stem}.{c}.bin")))
            .filter(|f| std::fs::symlink_metadata(folder.join(f)).is_ok())
            .collect();
        let mut stmt = conn.prepare_cached(&table.select_by_key_sql())?;
        let values: Vec<rusqlite::types::Value> =
            parts.iter().map(crate::store::folder::sql_value).collect();
        let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
        let mut now: HashSet<String> = HashSet::new();
        if let Some(row) = rows.next()? {
            let row = table.read_row(row)?;
            std::fs::create_dir_all(&folder).map_err(io(&folder))?;
            for (file, bytes) in &row.bytes {
                write(&folder.join(file), bytes)?;
                now.insert(file.clone());
            }
            let (file, text) = table.record_file(&row.stem, &row.record);
            write(&folder.join(&file), text.as_bytes())?;
            now.insert(file);
        }
        for file in before.iter().filter(|f| !now.contains(*f)) {
            let path = folder.join(file);
            std::fs::remove_file(&path).map_err(io(&path))?;
        }
        for file in before.into_iter().chain(now) {
            touched.insert(format!("{}/{file}", table.name));
        }
    }
    conn.execute("DELETE FROM share_dirty", [])?;
    Ok(touched.into_iter().collect())
}
