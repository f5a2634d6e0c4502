//! A workspace as a folder of records: every row of every table one file, named by its
//! key, in a folder per table, written the same way every time (keys in order, LF,
//! UTF-8, nothing that changes when the row did not), so a folder in git diffs as the
//! workspace changed. Text a person writes (a session's notes, a document's body, their
//! kept versions, templates) is Markdown after a front matter of the row's other
//! fields, so a pull request reads it as prose; a row is otherwise a JSON object; bytes
//! (a transcript's original file) sit beside it as they are.
//!
//! `groundwork.json` at the root says the folder's format and the schema it was written
//! at. Reading a folder makes a new workspace equal on every table to the one written
//! (one of an older schema is brought up to this one by the migrations): a folder of a
//! newer schema is refused, and nothing is written. The search index is not written:
//! it is rebuilt.

use crate::store::clock::Clock;

use crate::store::schema;
use crate::store::workspace::{OpenError, OpenMode, Store};
use rusqlite::types::{Value, ValueRef};
use rusqlite::Connection;
use serde_json::{Map, Number};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use thiserror::Error;

/// The folder's own format: how records are written, apart from the schema.
pub const FOLDER_FORMAT: u32 = 1;

/// The file at the root that names the format and schema.
pub const MANIFEST: &str = "groundwork.json";

/// Columns written as a Markdown body after the row's other fields.
const PROSE: &[(&str, &str)] = &[
    ("session", "notes"),
    ("notes_version", "notes"),
    ("document", "body"),
    ("document_version", "body"),
    ("session_template", "body"),
];

/// Why a folder could not be written or read.
#[derive(Debug, Error)]
pub enum FolderError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not empty: a workspace is written into a new or empty folder")]
    NotEmpty { path: PathBuf },
    #[error("{path} holds no {MANIFEST}: it is not a folder Groundwork wrote")]
    NoManifest { path: PathBuf },
    #[error("{path} was written by a newer Groundwork (schema {found}; this one reads {ours}): nothing was read. Update Groundwork to read it")]
    Newer {
        path: PathBuf,
        found: u32,
        ours: u32,
    },
    #[error(
        "{path} names no schema Groundwork ever wrote (schema {found}; this one reads 1 to {ours})"
    )]
    Older {
        path: PathBuf,
        found: u32,
        ours: u32,
    },
    #[error("{path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error("the workspace: {0}")]
    Database(#[from] rusqlite::Error),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> FolderError + '_ {
    move |source| FolderError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn unreadable(path: &Path, reason: impl Into<String>) -> FolderError {
    FolderError::Unreadable {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// What a folder holds, or held when written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FolderSummary {
    pub schema: u32,
    /// Records per table that has any, tables in order.
    pub records: BTreeMap<String, u64>,
    /// Files written or read (records and the bytes beside them).
    pub files: u64,
}

/// Tables that are one copy's own and never leave it: how it shares (its repository,
/// when it last synced, what changed since), and the counter that tells its ranking
/// cache to refresh.
pub const LOCAL_TABLES: &[&str] = &["share_state", "share_dirty", "reach_generation"];

/// A record as read: every column by name, a prose column's text inline, a bytes
/// column as `{"file": name}` of the file beside it. Keys are in name order.
pub type Record = Map<String, serde_json::Value>;

/// A table as the folder holds it.
#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    pub columns: Vec<String>,
    /// The columns of its key, in order.
    pub key: Vec<String>,
    /// The column written as a Markdown body, if any.
    pub prose: Option<&'static str>,
}

/// The tables a folder holds: every table of the workspace but SQLite's own, the search
/// index (rebuilt on reading), the log of migrations (the manifest's schema says it)
/// and the copy's own ([`LOCAL_TABLES`]).
pub fn tables(conn: &Connection) -> Result<Vec<Table>, rusqlite::Error> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%'
             AND name <> 'schema_migration' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?
        .into_iter()
        .filter(|n| !LOCAL_TABLES.contains(&n.as_str()))
        .collect();
    names
        .into_iter()
        .map(|name| {
            let mut columns = Vec::new();
            let mut key: Vec<(i64, String)> = Vec::new();
            let mut stmt = conn.prepare("SELECT name, pk FROM pragma_table_info(?1)")?;
            for row in stmt.query_map([&name], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))? {
                let (column, pk): (String, i64) = row?;
                if pk > 0 {
                    key.push((pk, column.clone()));
                }
                columns.push(column);
            }
            key.sort();
            let key = if key.is_empty() {
                columns.clone()
            } else {
                key.into_iter().map(|(_, c)| c).collect()
            };
            let prose = PROSE.iter().find(|(t, _)| *t == name).map(|(_, c)| *c);
            Ok(Table {
                name,
                columns,
                key,
                prose,
            })
        })
        .collect()
}

/// A key as a file name: its parts joined by `~` when each is a plain word (ids,
/// numbers, kinds), else a digest of them (the row holds the key itself either way).
pub fn file_stem(parts: &[String]) -> String {
    let plain = parts.iter().all(|p| {
        !p.is_empty()
            && p.len() <= 64
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    });
    if plain {
        parts.join("~")
    } else {
        let mut hash = Sha256::new();
        for p in parts {
            hash.update(p.len().to_le_bytes());
            hash.update(p.as_bytes());
        }
        let digest = hash.finalize();
        digest[..16].iter().map(|b| format!("{b:02x}")).collect()
    }
}

fn key_text(value: &ValueRef<'_>) -> String {
    match value {
        ValueRef::Null => "null".into(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
    }
}

/// One row as the folder holds it.
pub struct RowRecord {
    /// The file name without extension: the key.
    pub stem: String,
    pub record: Record,
    /// The files beside the record, for its bytes columns: name and bytes.
    pub bytes: Vec<(String, Vec<u8>)>,
}

impl Table {
    /// `key1 IS ?first AND key2 IS ?first+1 …`: the condition naming one row by its key.
    pub fn where_key(&self, first: usize) -> String {
        self.key
            .iter()
            .enumerate()
            .map(|(i, k)| format!("\"{k}\" IS ?{}", first + i))
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    /// A record's key: its key columns and their values.
    pub fn key_of(&self, record: &Record) -> Record {
        self.key
            .iter()
            .map(|k| (k.clone(), record.get(k).cloned().unwrap_or_default()))
            .collect()
    }

    /// Every column of every row, in key order, for [`Table::read_row`].
    pub fn select_sql(&self) -> String {
        format!(
            "SELECT {} FROM \"{}\" ORDER BY {}",
            self.quoted_columns(),
            self.name,
            self.key.join(", ")
        )
    }

    /// Every column of the one row whose key is bound from `?1`, for [`Table::read_row`].
    pub fn select_by_key_sql(&self) -> String {
        format!(
            "SELECT {} FROM \"{}\" WHERE {}",
            self.quoted_columns(),
            self.name,
            self.where_key(1)
        )
    }

    fn quoted_columns(&self) -> String {
        self.columns
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A row of [`Table::select_sql`] as a record.
    pub fn read_row(&self, row: &rusqlite::Row<'_>) -> Result<RowRecord, rusqlite::Error> {
        let parts: Vec<String> = self
            .key
            .iter()
            .map(|k| {
                let i = self.columns.iter().position(|c| c == k).unwrap_or(0);
                row.get_ref(i).map(|v| key_text(&v))
            })
            .collect::<Result<_, _>>()?;
        let stem = file_stem(&parts);
        let mut record = Record::new();
        let mut bytes = Vec::new();
        for (i, column) in self.columns.iter().enumerate() {
            let value = match row.get_ref(i)? {
                ValueRef::Null => serde_json::Value::Null,
                ValueRef::Integer(n) => serde_json::Value::Number(n.into()),
                ValueRef::Real(f) => Number::from_f64(f)
                    .map(serde_json::Value::Number)
                    .unwrap_or(serde_json::Value::Null),
                ValueRef::Text(t) => serde_json::Value::String(String::from_utf8_lossy(t).into()),
                ValueRef::Blob(b) => {
                    let name = format!("{stem}.{column}.bin");
                    bytes.push((name.clone(), b.to_vec()));
                    serde_json::json!({ "file": name })
                }
            };
            record.insert(column.clone(), value);
        }
        Ok(RowRecord {
            stem,
            record,
            bytes,
        })
    }

    /// The name and text of a record's file: JSON, or for a table with prose, Markdown
    /// after a front matter of the other fields.
    pub fn record_file(&self, stem: &str, record: &Record) -> (String, String) {
        let mut fields = record.clone();
        let mut body = None;
        if let Some(column) = self.prose {
            if let Some(serde_json::Value::String(text)) = fields.get(column) {
                body = Some(text.clone());
                fields.insert(column.into(), serde_json::json!({ "body": true }));
            }
        }
        // A map of JSON values always serialises.
        let json =
            serde_json::to_string_pretty(&serde_json::Value::Object(fields)).unwrap_or_default();
        match self.prose {
            Some(_) => (
                format!("{stem}.md"),
                format!("---\n{json}\n---\n{}", body.unwrap_or_default()),
            ),
            None => (format!("{stem}.json"), format!("{json}\n")),
        }
    }

    /// A record file's text read back, every field checked to be a column of this table.
    pub fn parse(&self, path: &Path, text: &str) -> Result<Record, FolderError> {
        let (mut fields, body) = parse_record(path, text)?;
        for (column, value) in fields.iter_mut() {
            if !self.columns.contains(column) {
                return Err(unreadable(
                    path,
                    format!("{}.{column} is no column of this version", self.name),
                ));
            }
            if let serde_json::Value::Object(o) = value {
                if o.get("body") == Some(&serde_json::Value::Bool(true)) {
                    *value = serde_json::Value::String(
                        body.clone()
                            .ok_or_else(|| unreadable(path, "the body is missing"))?,
                    );
                }
            }
        }
        Ok(fields)
    }

    /// The file a bytes field names, if the field is one: a plain name beside the record.
    pub fn bytes_file<'v>(
        path: &Path,
        column: &str,
        value: &'v serde_json::Value,
    ) -> Result<Option<&'v str>, FolderError> {
        let serde_json::Value::Object(o) = value else {
            return Ok(None);
        };
        o.get("file")
            .and_then(serde_json::Value::as_str)
            .filter(|f| !f.contains(['/', '\\']) && !f.starts_with('.'))
            .map(Some)
            .ok_or_else(|| unreadable(path, format!("{column} names no file beside it")))
    }

    /// The SQL values of a record, column by column; `bytes` reads the file a bytes
    /// column names.
    pub fn values(
        &self,
        path: &Path,
        record: &Record,
        bytes: &mut dyn FnMut(&str) -> Result<Vec<u8>, FolderError>,
    ) -> Result<Vec<(String, Value)>, FolderError> {
        record
            .iter()
            .map(|(column, value)| {
                let value = match value {
                    serde_json::Value::Object(_) => {
                        let file = Self::bytes_file(path, column, value)?.unwrap_or_default();
                        Value::Blob(bytes(file)?)
                    }
                    serde_json::Value::Array(_) => {
                        return Err(unreadable(
                            path,
                            format!("{column} is a list, which no column holds"),
                        ))
                    }
                    plain => sql_value(plain),
                };
                Ok((column.clone(), value))
            })
            .collect()
    }

    /// Inserts a record's values as a row.
    pub fn insert(
        &self,
        conn: &Connection,
        path: &Path,
        values: Vec<(String, Value)>,
    ) -> Result<(), FolderError> {
        let columns: Vec<String> = values.iter().map(|(c, _)| format!("\"{c}\"")).collect();
        let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
        conn.prepare_cached(&format!(
            "INSERT INTO \"{}\" ({}) VALUES ({})",
            self.name,
            columns.join(", "),
            marks.join(", ")
        ))?
        .execute(rusqlite::params_from_iter(
            values.into_iter().map(|(_, v)| v),
        ))
        .map_err(|e| unreadable(path, e.to_string()))?;
        Ok(())
    }
}

/// A field's value as SQLite holds it (a list or object, which no column holds, as its
/// JSON text).
pub fn sql_value(value: &serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or_default()),
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

/// Writes the workspace at `conn` into `dir`, which must be new or empty.
pub fn write_folder(conn: &Connection, dir: &Path) -> Result<FolderSummary, FolderError> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(io(dir))?;
        if entries.next().is_some() {
            return Err(FolderError::NotEmpty { path: dir.into() });
        }
    }
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let schema = schema::applied(conn)?.into_iter().max().unwrap_or(0);
    let mut summary = FolderSummary {
        schema,
        records: BTreeMap::new(),
        files: 0,
    };
    for table in tables(conn)? {
        let folder = dir.join(&table.name);
        let mut stmt = conn.prepare(&table.select_sql())?;
        let mut rows = stmt.query([])?;
        let mut count = 0u64;
        while let Some(row) = rows.next()? {
            if count == 0 {
                std::fs::create_dir_all(&folder).map_err(io(&folder))?;
            }
            count += 1;
            let row = table.read_row(row)?;
            for (name, bytes) in &row.bytes {
                let path = folder.join(name);
                std::fs::write(&path, bytes).map_err(io(&path))?;
                summary.files += 1;
            }
            let (name, text) = table.record_file(&row.stem, &row.record);
            let path = folder.join(&name);
            std::fs::write(&path, text).map_err(io(&path))?;
            summary.files += 1;
        }
        if count > 0 {
            summary.records.insert(table.name.clone(), count);
        }
    }
    let path = dir.join(MANIFEST);
    std::fs::write(&path, manifest_text(schema)).map_err(io(&path))?;
    Ok(summary)
}

/// The manifest of a folder written at `schema`.
pub fn manifest_text(schema: u32) -> String {
    let manifest = serde_json::json!({ "format": FOLDER_FORMAT, "schema": schema });
    format!("{manifest:#}\n")
}

/// A record read back: its fields, the Markdown body of a prose column.
fn parse_record(
    path: &Path,
    text: &str,
) -> Result<(Map<String, serde_json::Value>, Option<String>), FolderError> {
    let (json, body) = if path.extension().is_some_and(|e| e == "md") {
        let rest = text
            .strip_prefix("---\n")
            .ok_or_else(|| unreadable(path, "a record in Markdown starts with ---"))?;
        // The front matter is JSON, whose strings hold no line break: the first line of
        // three dashes ends it.
        let end = rest
            .find("\n---\n")
            .ok_or_else(|| unreadable(path, "the front matter has no end (---)"))?;
        (&rest[..end], Some(rest[end + 5..].to_owned()))
    } else {
        (text, None)
    };
    match serde_json::from_str(json) {
        Ok(serde_json::Value::Object(fields)) => Ok((fields, body)),
        Ok(_) => Err(unreadable(path, "a record is a JSON object")),
        Err(e) => Err(unreadable(path, format!("not a record: {e}"))),
    }
}

/// Reads the manifest of `dir` and checks this version reads it: the schema it was
/// written at.
pub fn folder_schema(dir: &Path) -> Result<u32, FolderError> {
    let path = dir.join(MANIFEST);
    if !path.exists() && std::fs::symlink_metadata(&path).is_err() {
        return Err(FolderError::NoManifest { path: dir.into() });
    }
    let text = String::from_utf8(read_bounded(&path, MAX_MANIFEST_BYTES, "the manifest")?)
        .map_err(|_| unreadable(&path, "the manifest is UTF-8 text"))?;
    manifest_schema(dir, &text)
}

/// The largest manifest read.
pub const MAX_MANIFEST_BYTES: u64 = 1024 * 1024;

/// The schema a manifest's text names, checked to be the one this version reads; `dir`
/// names the folder in messages.
pub fn manifest_schema(dir: &Path, text: &str) -> Result<u32, FolderError> {
    let path = dir.join(MANIFEST);
    let manifest: serde_json::Value =
        serde_json::from_str(text).map_err(|e| unreadable(&path, e.to_string()))?;
    let number = |key: &str| {
        manifest
            .get(key)
            .and_then(serde_json::Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| unreadable(&path, format!("no {key} is named")))
    };
    let (format, found) = (number("format")?, number("schema")?);
    let ours = schema::latest_version();
    if format > FOLDER_FORMAT || found > ours {
        return Err(FolderError::Newer {
            path: dir.into(),
            found,
            ours,
        });
    }
    if found == 0 {
        return Err(FolderError::Older {
            path: dir.into(),
            found,
            ours,
        });
    }
    Ok(found)
}

/// Makes a new workspace at `dest` (which must not exist) from the folder `dir`: every
/// record, then the search index. A folder of an older schema is read into a workspace
/// of that schema, which is then brought up to this one by the same migrations that
/// bring an old file up. All or nothing: on any refusal no file is left.
pub fn read_folder(
    dir: &Path,
    dest: &Path,
    clock: Arc<dyn Clock>,
) -> Result<FolderSummary, FolderError> {
    let schema = folder_schema(dir)?;
    let older = schema < schema::latest_version();
    let migrations = &schema::MIGRATIONS[..schema as usize];
    // Made new, or refused before anything is touched (an existing file stays as it is).
    let store = Store::open_with(dest, OpenMode::CreateNew, clock.clone(), migrations)?;
    // From here on the file is ours: on any refusal it is removed.
    let result = (|| {
        let summary = store.write(|tx| {
            let summary = fill(tx.conn, dir, schema)?;
            if !older {
                tx.rebuild_search_index()
                    .map_err(|e| unreadable(dest, e.to_string()))?;
            }
            Ok::<_, FolderError>(summary)
        })?;
        drop(store);
        if older {
            let store = Store::open(dest, OpenMode::MustExist, clock)?;
            // The backup opening makes before migrating is of a file made a moment ago
            // from the folder, which stays: it is no one's only copy.
            if let crate::store::workspace::OpenOutcome::Migrated { backup, .. } = store.outcome() {
                let _ = std::fs::remove_file(backup);
            }
            store.write(|tx| {
                tx.rebuild_search_index()
                    .map_err(|e| unreadable(dest, e.to_string()))
            })?;
        }
        Ok(summary)
    })();
    if result.is_err() {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut path = dest.as_os_str().to_owned();
            path.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(path));
        }
    }
    result
}

/// The largest record file read: far above any row (notes hold at most 4 MiB), a stop
/// for a file planted to fill memory.
pub const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;
/// The largest bytes file read beside a record (a transcript's original).
pub const MAX_BYTES_FILE: u64 = 256 * 1024 * 1024;

/// The bytes of the plain file `path` (not a link), refused past `max` before it is read.
fn read_bounded(path: &Path, max: u64, what: &str) -> Result<Vec<u8>, FolderError> {
    let meta = std::fs::symlink_metadata(path).map_err(io(path))?;
    if !meta.is_file() {
        return Err(unreadable(
            path,
            format!("{what} must be a file, not a link or a folder"),
        ));
    }
    if meta.len() > max {
        return Err(unreadable(
            path,
            format!(
                "{what} is larger than {} MiB, which no workspace writes",
                max / (1024 * 1024)
            ),
        ));
    }
    std::fs::read(path).map_err(io(path))
}

/// Whether `path` is a folder itself, not a link to one.
fn plain_folder(path: &Path) -> Result<bool, FolderError> {
    Ok(std::fs::symlink_metadata(path).map_err(io(path))?.is_dir())
}

fn fill(conn: &Connection, dir: &Path, schema: u32) -> Result<FolderSummary, FolderError> {
    // Triggers keep derived rows in step as the app writes; here every row comes as it
    // was, so they rest while it does, and come back as they were.
    let triggers: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY rowid")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (name, _) in &triggers {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    let known = tables(conn)?;
    for table in &known {
        conn.execute_batch(&format!("DELETE FROM \"{}\"", table.name))?;
    }
    let mut summary = FolderSummary {
        schema,
        records: BTreeMap::new(),
        files: 0,
    };
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .map(|e| e.map(|e| e.path()).map_err(io(dir)))
        .collect::<Result<_, _>>()?;
    // Parents before children: a row whose parent is already in costs SQLite nothing
    // to check, while a parent arriving after its children makes it look through every
    // child table for each one (a 100,000-row folder went from minutes to seconds).
    let order = parents_first(conn, &known)?;
    folders.sort_by_key(|f| {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
        let rank = name
            .as_deref()
            .and_then(|n| order.iter().position(|t| t == n))
            .unwrap_or(usize::MAX);
        (rank, f.clone())
    });
    for folder in folders {
        // A link is not followed: nothing outside the folder is read.
        if !plain_folder(&folder)? {
            continue;
        }
        let name = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue; // .git and the like
        }
        let table = known
            .iter()
            .find(|t| t.name == name)
            .ok_or_else(|| unreadable(&folder, "no table of this version is named so"))?;
        let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
            .map_err(io(&folder))?
            .map(|e| e.map(|e| e.path()).map_err(io(&folder)))
            .collect::<Result<_, _>>()?;
        files.sort();
        let mut count = 0u64;
        for path in files {
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if extension == "bin" {
                continue;
            }
            if extension != "json" && extension != "md" {
                return Err(unreadable(&path, "a record is a .json or .md file"));
            }
            let bytes = read_bounded(&path, MAX_RECORD_BYTES, "a record")?;
            let text = String::from_utf8(bytes)
                .map_err(|_| unreadable(&path, "a record is UTF-8 text"))?;
            let record = table.parse(&path, &text)?;
            let values = table.values(&path, &record, &mut |file| {
                summary.files += 1;
                read_bounded(
                    &folder.join(file),
                    MAX_BYTES_FILE,
                    "the bytes beside a record",
                )
            })?;
            table.insert(conn, &path, values)?;
            count += 1;
            summary.files += 1;
        }
        summary.records.insert(table.name.clone(), count);
    }
    for (_, sql) in &triggers {
        conn.execute_batch(sql)?;
    }
    Ok(summary)
}

/// The tables in an order where every table comes after those its rows refer to (a
/// loop, which no schema has but a table naming itself, is broken by name order).
pub fn parents_first(conn: &Connection, tables: &[Table]) -> Result<Vec<String>, rusqlite::Error> {
    let mut parents: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for table in tables {
        let mut stmt =
            conn.prepare("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)")?;
        let named: Vec<String> = stmt
            .query_map([&table.name], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        parents.insert(
            table.name.clone(),
            named.into_iter().filter(|p| *p != table.name).collect(),
        );
    }
    let mut order: Vec<String> = Vec::with_capacity(tables.len());
    while order.len() < parents.len() {
        let ready: Vec<String> = parents
            .iter()
            .filter(|(name, of)| {
                !order.contains(name)
                    && of
                        .iter()
                        .all(|p| order.contains(p) || !parents.contains_key(p))
            })
            .map(|(name, _)| name.clone())
            .collect();
        match ready.is_empty() {
            false => order.extend(ready),
            true => {
                let next = parents.keys().find(|n| !order.contains(n)).cloned();
                order.extend(next);
            }
        }
    }
    Ok(order)
}

impl Store {
    /// Writes this workspace into `dir` (new or empty) as a folder of records, read in
    /// one transaction, so the folder is one moment of the workspace.
    pub fn write_folder(&self, dir: &Path) -> Result<FolderSummary, FolderError> {
        self.with_connection(|conn| {
            let tx = conn.transaction()?;
            write_folder(&tx, dir)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::clock::SystemClock;

    #[test]
    fn a_folder_of_an_older_schema_is_read_and_brought_up_to_this_one() {
        let dir = tempfile::tempdir().expect("dir");
        let old = dir.path().join("old.groundwork");
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let store = Store::open_with(
            &old,
            OpenMode::CreateNew,
            clock.clone(),
            &schema::MIGRATIONS[..17],
        )
        .expect("a workspace of schema 17");
        store
            .write(|tx| -> Result<(), crate::store::error::DomainError> {
                let cycle = tx.create_cycle("2027 H1 planning")?;
                tx.conn.execute(
                    "INSERT INTO session (id, cycle_id, kind, title, held_on, notes, created_at, updated_at)
                     VALUES (?2, ?1, 'coffee_chat', 'Coffee with Priya', '2026-11-20',
                             'Deploys wait for runners', '2026-11-20T09:00:00Z', '2026-11-20T09:00:00Z')",
                    [cycle.id.to_string(), crate::store::id::new_id().to_string()],
                )?;
                Ok(())
            })
            .expect("rows");
        let folder = dir.path().join("folder");
        store.write_folder(&folder).expect("written at 17");
        drop(store);
        assert!(std::fs::read_to_string(folder.join(MANIFEST))
            .expect("manifest")
            .contains("\"schema\": 17"));
        let new = dir.path().join("new.groundwork");
        read_folder(&folder, &new, clock.clone()).expect("read and migrated");
        let store = Store::open(&new, OpenMode::MustExist, clock).expect("opens at the latest");
        assert!(matches!(
            store.outcome(),
            crate::store::workspace::OpenOutcome::Opened
        ));
        let found = store
            .read(|db| {
                db.search(&crate::discovery::search::SearchQuery {
                    text: "runners".into(),
                    ..Default::default()
                })
            })
            .expect("search");
        assert_eq!(found.total, 1, "indexed after migrating");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("backup") || n.contains(".bak"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "no backup of the made file: {leftovers:?}"
        );
    }
}
