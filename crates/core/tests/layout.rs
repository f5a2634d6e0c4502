//! Tidy checks of core's layout, read off its source: an area uses only the areas
//! below it, no modules use each other round a loop, code names things by their
//! area's path, each table is written only by the area that owns it, and read by
//! the others only through the views its owner exposes.
//!
//! Tests inside a module (from `#[cfg(test)]` on) and `tests.rs` files may reach any
//! area to build what they check; they are not read.

use groundwork_core::{Store, SystemClock};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Each area and the areas it may use, lowest first (`lib` is the crate root).
const AREAS: &[(&str, &[&str])] = &[
    ("store", &[]),
    ("discovery", &["store"]),
    ("prioritization", &["store", "discovery"]),
    ("imports", &["store", "discovery"]),
    ("surveys", &["store", "discovery"]),
    (
        "closing_the_loop",
        &["store", "discovery", "prioritization"],
    ),
    (
        "documents",
        &[
            "store",
            "discovery",
            "prioritization",
            "surveys",
            "closing_the_loop",
        ],
    ),
    (
        "sample",
        &[
            "store",
            "discovery",
            "imports",
            "prioritization",
            "surveys",
            "closing_the_loop",
            "documents",
        ],
    ),
    (
        "sharing",
        &[
            "store",
            "discovery",
            "imports",
            "prioritization",
            "surveys",
            "closing_the_loop",
            "documents",
        ],
    ),
    (
        "lib",
        &[
            "store",
            "discovery",
            "imports",
            "prioritization",
            "surveys",
            "closing_the_loop",
            "documents",
            "sample",
            "sharing",
        ],
    ),
];

/// The kernel's primitives that read and change rows of any area's tables by design, and why.
const ANY_TABLE: &[(&str, &str)] = &[
    (
        "store::trash",
        "trashing and restoring marks any table's rows",
    ),
    (
        "store::merge",
        "a merge moves the links that name the merged record, and its undo puts them back",
    ),
    (
        "sharing::sync",
        "a sync writes what others changed into any table, as the folder of records holds it",
    ),
    (
        "sharing::check",
        "a check looks for what points at nothing across every area's links and citations",
    ),
    (
        "sharing::conflict",
        "settling a conflict writes the chosen value into the field of any table it names",
    ),
    (
        "store::schema",
        "migrations change every table, as the SQL files do",
    ),
];

/// Views that span two areas by design, the areas they span, and why.
const SHARED_VIEWS: &[(&str, &[&str], &str)] = &[(
    "session_asked",
    &["discovery", "surveys"],
    "ask-load counts whom a session asked: its participants (discovery's) and, for a \
     survey wave's session, its respondents (surveys' survey_wave_person); discovery \
     reads it, each area fills its half",
)];

/// One source file: the module it belongs to and its code (without comments and tests).
struct Source {
    path: PathBuf,
    module: String,
    code: String,
}

fn sources() -> Vec<Source> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "tests.rs"))
        .map(|path| {
            let rel = path.strip_prefix(&src).expect("under src");
            let mut parts: Vec<String> = rel
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            // A module's own folder holds its submodules: they belong to it.
            parts.truncate(2);
            let text = std::fs::read_to_string(&path).expect("source is UTF-8");
            let mut code = String::new();
            // Inside a `#[cfg(test)]` item: the depth of its braces, and whether one opened.
            let mut in_test: Option<(i32, bool)> = None;
            for line in text.lines() {
                let trimmed = line.trim_start();
                if let Some((depth, opened)) = in_test.as_mut() {
                    *depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
                    *opened |= line.contains('{');
                    if *depth <= 0 && (*opened || trimmed.ends_with(';')) {
                        in_test = None;
                    }
                    continue;
                }
                if trimmed.starts_with("#[cfg(test)]") {
                    in_test = Some((0, false));
                } else if !trimmed.starts_with("//") {
                    code.push_str(line);
                    code.push('\n');
                }
            }
            Source {
                path: rel.to_path_buf(),
                module: parts.join("::"),
                code,
            }
        })
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The paths a file names after `crate::`, as written: `store::db::Db`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let path: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':' || *c == '{')
            .collect();
        found.push(path);
    }
    found
}

/// The module a path names (`store::db`), or the area alone when it is a root item.
fn module_of(path: &str) -> String {
    path.split("::").take(2).collect::<Vec<_>>().join("::")
}

fn area_of(module: &str) -> &str {
    module.split("::").next().unwrap_or(module)
}

#[test]
fn every_file_of_core_belongs_to_an_area() {
    for s in sources() {
        assert!(
            AREAS.iter().any(|(a, _)| *a == area_of(&s.module)),
            "{} is in no area: put it in one of the area folders ({})",
            s.path.display(),
            AREAS.iter().map(|(a, _)| *a).collect::<Vec<_>>().join(", ")
        );
    }
}

#[test]
fn code_in_core_names_what_it_uses_by_its_area_path() {
    let mut wrong = Vec::new();
    for s in sources() {
        for path in crate_paths(&s.code) {
            if path.starts_with(|c: char| c.is_uppercase() || c == '{') {
                wrong.push(format!("{}: crate::{path}", s.path.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "name items by their area's module (crate::store::db::Db), not the crate root \
         or a group, so this check can see which area is used:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn an_area_uses_only_the_areas_below_it() {
    let allowed: BTreeMap<&str, &[&str]> = AREAS.iter().copied().collect();
    let mut upward = Vec::new();
    for s in sources() {
        let from = area_of(&s.module);
        for path in crate_paths(&s.code) {
            let to = area_of(&path);
            if to != from && !allowed[from].contains(&to) {
                upward.push(format!(
                    "{} ({from}) uses crate::{path} ({to})",
                    s.path.display()
                ));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "a lower area used a higher one; move the shared piece down, or the caller up:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_modules_of_core_use_each_other_round_a_loop() {
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in sources() {
        let entry = uses.entry(s.module.clone()).or_default();
        for path in crate_paths(&s.code) {
            let to = module_of(&path);
            if to != s.module && to.contains("::") {
                entry.insert(to);
            }
        }
    }
    let loops = strongly_connected(&uses);
    assert!(
        loops.is_empty(),
        "these modules use each other round a loop; cut it by moving the shared piece \
         into a module both can use:\n{}",
        loops
            .iter()
            .map(|l| l.join(" <-> "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The groups of more than one module that reach each other (Tarjan's algorithm).
fn strongly_connected(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        groups: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a str) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.graph.get(v).into_iter().flatten() {
                let w = w.as_str();
                if !self.graph.contains_key(w) {
                    continue;
                }
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut group = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    group.push(w.to_owned());
                    if w == v {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    self.groups.push(group);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        groups: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            walk.visit(v);
        }
    }
    walk.groups
}

#[test]
fn the_loop_check_finds_a_loop_of_three() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(strongly_connected(&graph), vec![vec!["a", "b", "c"]]);
}

/// Which area owns each table, as the areas declare it.
fn owners() -> BTreeMap<&'static str, Vec<&'static str>> {
    let mut owners: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (area, tables) in [
        ("store", groundwork_core::store::TABLES),
        ("discovery", groundwork_core::discovery::TABLES),
        ("prioritization", groundwork_core::prioritization::TABLES),
        ("imports", groundwork_core::imports::TABLES),
        ("surveys", groundwork_core::surveys::TABLES),
        (
            "closing_the_loop",
            groundwork_core::closing_the_loop::TABLES,
        ),
        ("documents", groundwork_core::documents::TABLES),
        ("sharing", groundwork_core::sharing::TABLES),
    ] {
        for table in tables {
            owners.entry(table).or_default().push(area);
        }
    }
    owners
}

/// The tables of a new workspace, without SQLite's own and full-text search's shadows.
fn workspace_tables() -> BTreeSet<String> {
    let store = Store::open_in_memory(Arc::new(SystemClock)).expect("workspace");
    store.with_connection(|conn| {
        let all: Vec<(String, String)> = conn
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
            .expect("sqlite_master")
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                ))
            })
            .expect("tables")
            .collect::<Result<_, _>>()
            .expect("rows");
        let virtual_tables: Vec<&str> = all
            .iter()
            .filter(|(_, sql)| sql.starts_with("CREATE VIRTUAL TABLE"))
            .map(|(name, _)| name.as_str())
            .collect();
        all.iter()
            .map(|(name, _)| name)
            .filter(|name| !name.starts_with("sqlite_"))
            .filter(|name| {
                !virtual_tables.iter().any(|v| {
                    ["config", "content", "data", "docsize", "idx"]
                        .iter()
                        .any(|shadow| **name == format!("{v}_{shadow}"))
                })
            })
            .cloned()
            .collect()
    })
}

#[test]
fn each_table_of_a_workspace_has_exactly_one_owning_area() {
    let owners = owners();
    let tables = workspace_tables();
    let mut wrong = Vec::new();
    for table in &tables {
        match owners.get(table.as_str()).map(Vec::as_slice) {
            Some([_]) => {}
            None | Some([]) => {
                wrong.push(format!("{table} has no owner: add it to an area's TABLES"))
            }
            Some(areas) => wrong.push(format!("{table} is claimed by {}", areas.join(" and "))),
        }
    }
    for table in owners.keys() {
        if !tables.contains(*table) {
            wrong.push(format!("{table} is owned but no migration makes it"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Which area exposes each read view, as the areas declare it.
fn view_owners() -> BTreeMap<&'static str, Vec<&'static str>> {
    let mut owners: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (area, views) in [
        ("store", groundwork_core::store::VIEWS),
        ("discovery", groundwork_core::discovery::VIEWS),
        ("prioritization", groundwork_core::prioritization::VIEWS),
        ("imports", groundwork_core::imports::VIEWS),
        ("surveys", groundwork_core::surveys::VIEWS),
        ("closing_the_loop", groundwork_core::closing_the_loop::VIEWS),
        ("documents", groundwork_core::documents::VIEWS),
    ] {
        for view in views {
            owners.entry(view).or_default().push(area);
        }
    }
    owners
}

/// The views of a new workspace, with the SQL that makes each.
fn workspace_views() -> BTreeMap<String, String> {
    let store = Store::open_in_memory(Arc::new(SystemClock)).expect("workspace");
    store.with_connection(|conn| {
        conn.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'view'")
            .expect("sqlite_master")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("views")
            .collect::<Result<_, _>>()
            .expect("rows")
    })
}

/// The tables and views a piece of code reads: the word after `FROM` or `JOIN`.
fn names_read(code: &str) -> BTreeSet<String> {
    let words: Vec<&str> = code
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .filter(|w| w[0] == "FROM" || w[0] == "JOIN")
        .map(|w| w[1].to_owned())
        .collect()
}

#[test]
fn the_read_check_reads_sql_as_it_is_written_in_code() {
    let code = r#""SELECT p.name FROM person_view p LEFT JOIN team t ON t.id = p.team_id
        WHERE p.id IN (SELECT value FROM json_each(?1))""#;
    assert_eq!(
        names_read(code),
        ["json_each", "person_view", "team"]
            .into_iter()
            .map(str::to_owned)
            .collect()
    );
}

#[test]
fn each_read_view_is_exposed_by_one_area_and_shows_only_that_areas_tables() {
    let owners = owners();
    let view_owners = view_owners();
    let views = workspace_views();
    let mut wrong = Vec::new();
    for (view, sql) in &views {
        if let Some((_, areas, _)) = SHARED_VIEWS.iter().find(|(v, _, _)| v == view) {
            for name in names_read(sql) {
                if !owners
                    .get(name.as_str())
                    .is_some_and(|o| o.iter().any(|a| areas.contains(a)))
                {
                    wrong.push(format!("{view} reads {name}, which none of {areas:?} owns"));
                }
            }
            continue;
        }
        let Some([area]) = view_owners.get(view.as_str()).map(Vec::as_slice) else {
            wrong.push(format!(
                "{view} is exposed by {:?}: name it in one area's VIEWS",
                view_owners.get(view.as_str())
            ));
            continue;
        };
        for name in names_read(sql) {
            match owners.get(name.as_str()) {
                Some(owner) if owner.contains(area) => {}
                _ => wrong.push(format!(
                    "{view} ({area}) reads {name}, which is not {area}'s table"
                )),
            }
        }
    }
    for view in view_owners.keys() {
        if !views.contains_key(*view) {
            wrong.push(format!("{view} is declared but no migration makes it"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_area_reads_another_areas_tables_only_through_the_views_it_exposes() {
    let allowed: BTreeMap<&str, &[&str]> = AREAS.iter().copied().collect();
    let owners = owners();
    let view_owners = view_owners();
    let mut wrong = Vec::new();
    for s in sources() {
        if ANY_TABLE.iter().any(|(m, _)| *m == s.module) {
            continue;
        }
        let area = area_of(&s.module);
        for name in names_read(&s.code) {
            if let Some(owner) = owners.get(name.as_str()) {
                if !owner.contains(&area) {
                    let owner = owner.join(", ");
                    wrong.push(format!(
                        "{} ({area}) reads {name}, which {owner} owns: read it through a view \
                         {owner} exposes, or add one",
                        s.path.display(),
                    ));
                }
            } else if let Some(owner) = view_owners.get(name.as_str()) {
                if !owner
                    .iter()
                    .any(|o| *o == area || allowed[area].contains(o))
                {
                    wrong.push(format!(
                        "{} ({area}) reads {name}, a view of {}, an area above it",
                        s.path.display(),
                        owner.join(", ")
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "read another area's table through the view its owner exposes \
         (migrations/0014_area_reads.sql and the area's VIEWS):\n{}",
        wrong.join("\n")
    );
}

/// The tables a piece of code writes: `INSERT [OR …] INTO t`, `REPLACE INTO t`,
/// `UPDATE t`, `DELETE FROM t`, as SQL in code is written (keywords in capitals).
fn tables_written(code: &str) -> BTreeSet<String> {
    let words: Vec<&str> = code
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut written = BTreeSet::new();
    let is_table = |w: &str| w.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    for (i, w) in words.iter().enumerate() {
        let table = match *w {
            "INTO" | "UPDATE" => words.get(i + 1),
            "DELETE" if words.get(i + 1) == Some(&"FROM") => words.get(i + 2),
            _ => None,
        };
        if let Some(t) = table.filter(|t| is_table(t)) {
            written.insert((*t).to_owned());
        }
    }
    written
}

#[test]
fn the_write_check_reads_sql_as_it_is_written_in_code() {
    let code = r#"conn.execute("INSERT OR IGNORE INTO pain_evidence (a) VALUES (?1)");
        "UPDATE person SET name = ?2", "DELETE FROM kudos_person WHERE x",
        "ON CONFLICT (key) DO UPDATE SET value = 1", "AFTER UPDATE OF text ON observation""#;
    assert_eq!(
        tables_written(code),
        ["kudos_person", "pain_evidence", "person"]
            .into_iter()
            .map(str::to_owned)
            .collect()
    );
}

#[test]
fn only_the_area_that_owns_a_table_writes_it() {
    let owners = owners();
    let mut wrong = Vec::new();
    for s in sources() {
        if ANY_TABLE.iter().any(|(m, _)| *m == s.module) {
            continue;
        }
        let area = area_of(&s.module);
        for table in tables_written(&s.code) {
            let Some(owner) = owners.get(table.as_str()) else {
                continue; // not a table: a word after INTO in prose or a temp table
            };
            if !owner.contains(&area) {
                wrong.push(format!(
                    "{} ({area}) writes {table}, which {} owns",
                    s.path.display(),
                    owner.join(", ")
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "write another area's table through a function of the area that owns it:\n{}",
        wrong.join("\n")
    );
}
