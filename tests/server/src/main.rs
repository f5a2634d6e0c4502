//! The backend of the UI journeys: the operation table over real core, on
//! 127.0.0.1, with a temporary workspace per journey. Playwright's mocked IPC
//! forwards every operation here, so the journeys run against the same core as the
//! app; only what a browser cannot get from core (injected failures, dialogs, window
//! events) stays in TypeScript.
//!
//! Usage: `groundwork-test-server [--port N]` (0, the default, picks a free port).
//! It prints `listening on http://127.0.0.1:PORT` once ready, and serves:
//!
//! - `POST /workspaces` → a new empty workspace: `{id, workspace}` (a `WorkspaceInfo`)
//! - `POST /workspaces/{id}/op/{name}` with the input as the body → the output as JSON,
//!   or status 400 with `{kind, message}`
//! - `POST /workspaces/{id}/sample` → the workspace replaced by the sample: `{workspace}`
//! - `POST /workspaces/{id}/open` with `{file, mode}` (`must_exist`, `open_or_create`,
//!   `create_new`) → the workspace replaced by the file of that name in the journey's
//!   folder: `{workspace}`, or status 400 with the refusal `{kind, message}`
//! - `POST /workspaces/{id}/bulk/sessions` with `{cycle, count, kinds?, lastDay?,
//!   titlePrefix?}`, `POST /workspaces/{id}/bulk/observations` with `{cycle, count}` →
//!   many rows written in one transaction, for the journeys of long lists
//! - `DELETE /workspaces/{id}` → the workspace closed and removed
//!
//! Every response allows any origin (the page is served from another port).

mod bulk;

use groundwork_core::{OpenMode, Store, SystemClock};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

struct Workspaces {
    dir: tempfile::TempDir,
    open: Mutex<HashMap<String, Arc<Store>>>,
    next: Mutex<u64>,
    /// The notes each workspace's journey chose, read, waiting to be imported (as the
    /// shell keeps them between its preview and the import).
    notes: Mutex<HashMap<String, (String, groundwork_core::imports::vault::Vault)>>,
}

struct Request {
    method: String,
    path: String,
    body: Vec<u8>,
}

fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<Request>> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_owned();
    let path = parts.next().unwrap_or("/").to_owned();
    let mut length = 0usize;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(Some(Request { method, path, body }))
}

fn respond(stream: &mut TcpStream, status: u16, body: &Value) -> std::io::Result<()> {
    let text = body.to_string();
    let reason = match status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        _ => "Not Found",
    };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Access-Control-Allow-Origin: *\r\nAccess-Control-Allow-Methods: POST, DELETE, OPTIONS\r\n\
         Access-Control-Allow-Headers: content-type\r\nConnection: close\r\n\r\n{text}",
        text.len()
    )?;
    stream.flush()
}

fn error(message: impl Into<String>) -> Value {
    json!({ "kind": "internal", "message": message.into() })
}

impl Workspaces {
    fn create(&self) -> Result<(String, Arc<Store>), Value> {
        let id = {
            let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
            *next += 1;
            format!("w{next}")
        };
        let path = self
            .dir
            .path()
            .join(format!("{id}/My workspace.groundwork"));
        let store = Store::open(&path, OpenMode::CreateNew, Arc::new(SystemClock))
            .map_err(|e| error(e.to_string()))?;
        let store = Arc::new(store);
        self.open
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id.clone(), store.clone());
        Ok((id, store))
    }

    fn get(&self, id: &str) -> Option<Arc<Store>> {
        self.open
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(id)
            .cloned()
    }

    fn sample(&self, id: &str) -> Result<Arc<Store>, Value> {
        let path = self
            .dir
            .path()
            .join(format!("{id}/Northwind Freight sample.groundwork"));
        if !path.exists() {
            groundwork_core::sample::write_sample(&path, Arc::new(SystemClock))
                .map_err(|e| error(e.to_string()))?;
        }
        let store = Arc::new(
            Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock))
                .map_err(|e| error(e.to_string()))?,
        );
        self.open
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id.to_owned(), store.clone());
        Ok(store)
    }

    /// Opens (per `mode`) the file named `file` in the journey's folder in place of
    /// what workspace `id` had open.
    fn open_file(&self, id: &str, body: &[u8]) -> Result<Arc<Store>, Value> {
        let body: Value = serde_json::from_slice(body).map_err(|e| error(e.to_string()))?;
        let file = body["file"].as_str().unwrap_or("");
        // Only a plain file name: the journey's folder is all there is.
        let name = std::path::Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mode = match body["mode"].as_str() {
            Some("create_new") => OpenMode::CreateNew,
            Some("open_or_create") => OpenMode::OpenOrCreate,
            _ => OpenMode::MustExist,
        };
        let path = self.dir.path().join(id).join(name);
        let store = Store::open(&path, mode, Arc::new(SystemClock)).map_err(|e| {
            serde_json::to_value(groundwork_api::IpcError::from(e)).unwrap_or_default()
        })?;
        let store = Arc::new(store);
        self.open
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id.to_owned(), store.clone());
        Ok(store)
    }

    /// Saves an export as the shell's save dialog would, into the journey's folder
    /// under its suggested name (never over a file there).
    fn export(&self, id: &str, store: &Store, body: &[u8]) -> Result<Value, Value> {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Ask {
            of: groundwork_interchange::ExportOf,
            format: groundwork_interchange::Format,
        }
        let ask: Ask = serde_json::from_slice(body)
            .map_err(|e| error(format!("the export asked for is not right: {e}")))?;
        let file = groundwork_interchange::export_of(store, ask.of, ask.format)
            .map_err(|e| serde_json::json!({ "kind": "internal", "message": e.to_string() }))?;
        let dir = self.dir.path().join(id).join("exports");
        std::fs::create_dir_all(&dir).map_err(|e| error(e.to_string()))?;
        let path = dir.join(&file.file_name);
        groundwork_core::documents::export::write_export(&path, &file.bytes, false).map_err(
            |e| serde_json::to_value(groundwork_api::IpcError::from(e)).unwrap_or(Value::Null),
        )?;
        Ok(json!({ "path": path, "bytes": file.bytes.len(), "citations": file.citations }))
    }

    /// Reads the notes folder (or file) a journey names, as the shell's `choose_notes_folder`
    /// and `choose_notes_file` do.
    fn choose_notes(&self, id: &str, body: &[u8]) -> Result<Value, Value> {
        #[derive(serde::Deserialize)]
        struct Ask {
            folder: String,
        }
        let ask: Ask = serde_json::from_slice(body).map_err(|e| error(e.to_string()))?;
        let path = std::path::Path::new(&ask.folder);
        let vault = groundwork_core::imports::notes::read_notes(path, None).map_err(|e| {
            serde_json::to_value(groundwork_api::IpcError::new(
                groundwork_api::ErrorKind::InvalidInput,
                e.to_string(),
            ))
            .unwrap_or(Value::Null)
        })?;
        let shown = groundwork_core::imports::notes::chosen(path, &vault);
        self.notes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id.to_owned(), (ask.folder, vault));
        serde_json::to_value(shown).map_err(|e| error(e.to_string()))
    }

    /// Imports the notes chosen, as the shell's `import_chosen_notes` does.
    fn import_notes(&self, id: &str, store: &Store, body: &[u8]) -> Result<Value, Value> {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Ask {
            kind: groundwork_core::SourceKind,
            add_people: bool,
            #[serde(default)]
            quotes: bool,
        }
        let ask: Ask = serde_json::from_slice(body).map_err(|e| error(e.to_string()))?;
        let Some((origin, vault)) = self
            .notes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(id)
        else {
            return Err(error("no notes chosen"));
        };
        let done = store
            .write(|tx| {
                tx.import_vault(
                    &vault,
                    &groundwork_core::imports::vault_import::VaultImport {
                        origin,
                        cycle_id: None,
                        kind: ask.kind,
                        add_people: ask.add_people,
                        quotes: ask.quotes,
                    },
                )
            })
            .map_err(|e| {
                serde_json::to_value(groundwork_api::IpcError::from(e)).unwrap_or(Value::Null)
            })?;
        serde_json::to_value(done).map_err(|e| error(e.to_string()))
    }

    /// The repository a journey names: a plain name is one in the journey's folder;
    /// anything else is passed to git as typed.
    fn repo_named(&self, id: &str, named: &str) -> String {
        if named.contains(['/', ':']) {
            named.to_owned()
        } else {
            self.dir
                .path()
                .join(id)
                .join(named)
                .to_string_lossy()
                .into_owned()
        }
    }

    /// Shares workspace `id` as the shell's `share_workspace` does; with no repository
    /// named, into a new bare one in the journey's folder (`shared.git`).
    fn share(&self, id: &str, store: &Store, body: &[u8]) -> Result<Value, Value> {
        let body: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        // A plain name is a repository in the journey's folder, made bare here, as a
        // team's remote would be; anything else is passed to git as typed.
        let named = body["repo"].as_str().unwrap_or("").trim();
        let named = if named.is_empty() {
            "shared.git"
        } else {
            named
        };
        let repo = self.repo_named(id, named);
        if !named.contains(['/', ':']) {
            let made = std::process::Command::new("git")
                .args(["init", "--quiet", "--bare", "--initial-branch=main"])
                .arg(&repo)
                .status()
                .map_err(|e| error(e.to_string()))?;
            if !made.success() {
                return Err(error("git could not make the repository"));
            }
        }
        let report = groundwork_core::sharing::sync::share(store, &repo).map_err(|e| {
            serde_json::to_value(groundwork_api::IpcError::from(e)).unwrap_or(Value::Null)
        })?;
        serde_json::to_value(report).map_err(|e| error(e.to_string()))
    }

    /// Makes a copy of the shared workspace `repo` (a plain name is a repository in the
    /// journey's folder) as the shell's `join_shared_workspace` does, and opens it in
    /// place of what workspace `id` had open.
    fn join(&self, id: &str, body: &[u8]) -> Result<Arc<Store>, Value> {
        let body: Value = serde_json::from_slice(body).map_err(|e| error(e.to_string()))?;
        let repo = self.repo_named(id, body["repo"].as_str().unwrap_or("").trim());
        let file = body["file"]
            .as_str()
            .unwrap_or("Shared workspace.groundwork");
        let name = std::path::Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path = self.dir.path().join(id).join(name);
        let store = groundwork_core::sharing::sync::join(&repo, &path, Arc::new(SystemClock))
            .map_err(|e| {
                serde_json::to_value(groundwork_api::IpcError::from(e)).unwrap_or_default()
            })?;
        let store = Arc::new(store);
        self.open
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id.to_owned(), store.clone());
        Ok(store)
    }

    /// A teammate's copy of workspace `id` (made from its repository on first use): it
    /// syncs, runs the operation asked, and syncs again, as another laptop would.
    fn teammate(&self, id: &str, body: &[u8]) -> Result<Value, Value> {
        let body: Value = serde_json::from_slice(body).map_err(|e| error(e.to_string()))?;
        let path = self.dir.path().join(id).join("teammate.groundwork");
        let store = if path.exists() {
            Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock))
                .map_err(|e| error(e.to_string()))?
        } else {
            let own = self
                .get(id)
                .ok_or_else(|| error(format!("no workspace {id}")))?;
            let repo = own
                .read(|db| db.share_status())
                .map_err(|e| error(e.to_string()))?
                .repo
                .ok_or_else(|| error("the workspace is not shared"))?;
            groundwork_core::sharing::sync::join(&repo, &path, Arc::new(SystemClock))
                .map_err(|e| error(e.to_string()))?
        };
        let fail = |e: groundwork_core::sharing::sync::ShareError| error(e.to_string());
        groundwork_core::sharing::sync::sync(&store).map_err(fail)?;
        let output = match body["op"].as_str() {
            Some(op) => groundwork_api::call(&store, op, body["input"].clone())
                .map_err(|e| serde_json::to_value(e).unwrap_or(Value::Null))?,
            None => Value::Null,
        };
        groundwork_core::sharing::sync::sync(&store).map_err(fail)?;
        Ok(output)
    }

    fn handle(&self, request: &Request) -> (u16, Value) {
        if request.method == "OPTIONS" {
            return (204, Value::Null);
        }
        let parts: Vec<&str> = request.path.trim_matches('/').split('/').collect();
        match (request.method.as_str(), parts.as_slice()) {
            ("POST", ["workspaces"]) => match self.create() {
                Ok((id, store)) => (200, json!({ "id": id, "workspace": store.info() })),
                Err(e) => (400, e),
            },
            ("POST", ["workspaces", id, "sample"]) => match self.sample(id) {
                Ok(store) => (200, json!({ "workspace": store.info() })),
                Err(e) => (400, e),
            },
            ("POST", ["workspaces", id, "bulk", what]) => {
                let Some(store) = self.get(id) else {
                    return (404, error(format!("no workspace {id}")));
                };
                let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
                let written = match *what {
                    "sessions" => bulk::sessions(&store, &body),
                    "observations" => bulk::observations(&store, &body),
                    _ => Err(format!("no bulk {what}")),
                };
                match written {
                    Ok(count) => (200, json!({ "written": count })),
                    Err(e) => (400, error(e)),
                }
            }
            ("POST", ["workspaces", id, "export"]) => {
                let Some(store) = self.get(id) else {
                    return (404, error(format!("no workspace {id}")));
                };
                match self.export(id, &store, &request.body) {
                    Ok(saved) => (200, saved),
                    Err(e) => (400, e),
                }
            }
            ("POST", ["workspaces", id, "notes"]) => match self.choose_notes(id, &request.body) {
                Ok(shown) => (200, shown),
                Err(e) => (400, e),
            },
            ("POST", ["workspaces", id, "notes", "import"]) => {
                let Some(store) = self.get(id) else {
                    return (404, error(format!("no workspace {id}")));
                };
                match self.import_notes(id, &store, &request.body) {
                    Ok(done) => (200, done),
                    Err(e) => (400, e),
                }
            }
            ("POST", ["workspaces", id, "share"]) => {
                let Some(store) = self.get(id) else {
                    return (404, error(format!("no workspace {id}")));
                };
                match self.share(id, &store, &request.body) {
                    Ok(report) => (200, report),
                    Err(e) => (400, e),
                }
            }
            ("POST", ["workspaces", id, "sync"]) => {
                let Some(store) = self.get(id) else {
                    return (404, error(format!("no workspace {id}")));
                };
                match groundwork_core::sharing::sync::sync(&store) {
                    Ok(report) => (200, serde_json::to_value(report).unwrap_or_default()),
                    Err(e) => (
                        400,
                        serde_json::to_value(groundwork_api::IpcError::from(e)).unwrap_or_default(),
                    ),
                }
            }
            ("POST", ["workspaces", id, "join"]) => match self.join(id, &request.body) {
                Ok(store) => (200, json!({ "workspace": store.info() })),
                Err(e) => (400, e),
            },
            ("POST", ["workspaces", id, "teammate"]) => match self.teammate(id, &request.body) {
                Ok(output) => (200, output),
                Err(e) => (400, e),
            },
            ("POST", ["workspaces", id, "open"]) => match self.open_file(id, &request.body) {
                Ok(store) => (200, json!({ "workspace": store.info() })),
                Err(e) => (400, e),
            },
            ("DELETE", ["workspaces", id]) => {
                self.open
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .remove(*id);
                let _ = std::fs::remove_dir_all(self.dir.path().join(id));
                (200, Value::Null)
            }
            ("POST", ["workspaces", id, "op", name]) => {
                let Some(store) = self.get(id) else {
                    return (404, error(format!("no workspace {id}")));
                };
                let input: Value = if request.body.is_empty() {
                    Value::Null
                } else {
                    match serde_json::from_slice(&request.body) {
                        Ok(v) => v,
                        Err(e) => return (400, error(format!("the body is not JSON: {e}"))),
                    }
                };
                match groundwork_api::call(&store, name, input) {
                    Ok(output) => (200, output),
                    Err(e) => (400, serde_json::to_value(e).unwrap_or(Value::Null)),
                }
            }
            _ => (
                404,
                error(format!("nothing at {} {}", request.method, request.path)),
            ),
        }
    }
}

fn main() {
    let mut port = 0u16;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--port" {
            port = args.next().and_then(|p| p.parse().ok()).unwrap_or(0);
        }
    }
    let listener = match TcpListener::bind(("127.0.0.1", port)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("groundwork-test-server: cannot listen: {e}");
            std::process::exit(1);
        }
    };
    let dir = match tempfile::Builder::new().prefix("gw-test-server-").tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("groundwork-test-server: no temporary folder: {e}");
            std::process::exit(1);
        }
    };
    let workspaces = Arc::new(Workspaces {
        dir,
        open: Mutex::new(HashMap::new()),
        next: Mutex::new(0),
        notes: Mutex::new(HashMap::new()),
    });
    match listener.local_addr() {
        Ok(addr) => println!("listening on http://{addr}"),
        Err(e) => {
            eprintln!("groundwork-test-server: {e}");
            std::process::exit(1);
        }
    }
    let _ = std::io::stdout().flush();
    for stream in listener.incoming().flatten() {
        let workspaces = workspaces.clone();
        std::thread::spawn(move || {
            let mut stream = stream;
            if let Ok(Some(request)) = read_request(&mut stream) {
                let (status, body) = workspaces.handle(&request);
                let _ = respond(&mut stream, status, &body);
            }
        });
    }
}
