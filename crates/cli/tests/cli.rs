//! `groundwork-cli` as scripts use it: subcommands, `--json`, and exit codes
//! (0 done, 1 refused, 2 usage, 3 the workspace could not be opened, 4 the shared
//! repository could not be reached).

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn cli(home: &Path, args: &[&str]) -> Run {
    cli_with_stdin(home, args, None)
}

fn cli_with_stdin(home: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_groundwork-cli"));
    command
        .args(args)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("HOME", home)
        .env_remove("GROUNDWORK_WORKSPACE");
    let output: Output = match stdin {
        None => command.output().expect("runs"),
        Some(text) => {
            use std::io::Write;
            let mut child = command
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawns");
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(text.as_bytes())
                .expect("write");
            child.wait_with_output().expect("waits")
        }
    };
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn workspace(dir: &Path) -> (PathBuf, String) {
    let file = dir.join("team.groundwork");
    let run = cli(dir, &["new", file.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let arg = file.to_str().expect("utf-8").to_owned();
    (file, arg)
}

#[test]
fn ops_lists_every_operation_with_its_access_and_input() {
    let dir = tempfile::tempdir().expect("tmp");
    let run = cli(dir.path(), &["ops", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let listed = json(&run.stdout);
    let names: Vec<&str> = listed
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|o| o["name"].as_str())
        .collect();
    let table: Vec<&str> = groundwork_api::ops().iter().map(|o| o.name).collect();
    assert_eq!(names, table);
    let create = listed
        .as_array()
        .and_then(|l| l.iter().find(|o| o["name"] == "create_session"))
        .expect("create_session");
    assert_eq!(create["access"], "write");
    assert_eq!(create["input"][0]["name"], "session");
    assert!(create["stale"]
        .as_array()
        .is_some_and(|l| l.contains(&json!("sessions"))));
    let roadmap = listed
        .as_array()
        .and_then(|l| l.iter().find(|o| o["name"] == "get_roadmap"))
        .expect("get_roadmap");
    assert_eq!(roadmap["shows"], json!(["roadmap", "solutions"]));
    assert_eq!(roadmap["stale"], json!([]));
    let human = cli(dir.path(), &["ops"]);
    assert!(human.stdout.contains("create_cycle"), "{}", human.stdout);
    assert!(
        human.stdout.contains("write  {name: string}"),
        "{}",
        human.stdout
    );
}

#[test]
fn call_runs_an_operation_and_prints_its_json() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, ws) = workspace(dir.path());
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "call",
            "create_cycle",
            r#"{"name": "2027 H1 planning"}"#,
            "--json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cycle = json(&run.stdout);
    assert_eq!(cycle["name"], "2027 H1 planning");
    assert_eq!(cycle["mode"], "discovery");

    // Input from stdin.
    let input = format!(
        r#"{{"session": {{"cycleId": "{}", "kind": "coffee_chat", "title": "Coffee with Priya", "heldOn": "2026-11-02", "notes": "Refunds take three days"}}}}"#,
        cycle["id"].as_str().expect("id")
    );
    let run = cli_with_stdin(
        dir.path(),
        &["--workspace", &ws, "call", "create_session", "-"],
        Some(&input),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json(&run.stdout)["title"], "Coffee with Priya");
}

#[test]
fn a_refused_operation_exits_1_with_kind_and_message_on_stderr() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, ws) = workspace(dir.path());
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "--json",
            "call",
            "create_cycle",
            r#"{"name": ""}"#,
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    let error = json(&run.stderr);
    assert_eq!(error["kind"], "invalid_input");
    assert!(error["message"]
        .as_str()
        .expect("message")
        .contains("a cycle needs a name"));
    let human = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "call",
            "create_cycle",
            r#"{"name": ""}"#,
        ],
    );
    assert_eq!(human.code, 1);
    assert!(
        human
            .stderr
            .starts_with("groundwork-cli: Name: a cycle needs a name"),
        "{}",
        human.stderr
    );
}

#[test]
fn usage_mistakes_exit_2() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, ws) = workspace(dir.path());
    for args in [
        vec!["--workspace", &ws, "call", "drop_everything"],
        vec!["--workspace", &ws, "call", "list_cycles", "{not json"],
        vec!["--workspace", &ws, "sessions", "--kind", "hallway_chat"],
        vec!["frobnicate"],
        vec!["search"],
    ] {
        let run = cli(dir.path(), &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(!run.stderr.is_empty());
    }
}

#[test]
fn a_workspace_that_cannot_be_opened_exits_3_and_is_untouched() {
    let dir = tempfile::tempdir().expect("tmp");
    let text = dir.path().join("notes.groundwork");
    std::fs::write(&text, "just some notes").expect("write");
    let missing = dir.path().join("missing.groundwork");
    for (file, what) in [(&text, "not a database"), (&missing, "does not exist")] {
        let path = file.to_str().expect("utf-8");
        for args in [
            vec!["--workspace", path, "sessions"],
            vec!["--workspace", path, "check"],
            vec!["--workspace", path, "search", "refunds"],
            vec!["--workspace", path, "call", "list_cycles"],
        ] {
            let run = cli(dir.path(), &args);
            assert_eq!(run.code, 3, "{args:?}: {}", run.stderr);
            assert!(run.stderr.contains(what), "{}", run.stderr);
        }
    }
    assert_eq!(
        std::fs::read_to_string(&text).expect("kept"),
        "just some notes"
    );
    assert!(!missing.exists(), "nothing was created");
    let json_run = cli(
        dir.path(),
        &[
            "--workspace",
            text.to_str().expect("utf-8"),
            "--json",
            "check",
        ],
    );
    assert_eq!(json(&json_run.stderr)["kind"], "workspace_not_database");
}

/// Writes the sample workspace into `dir` with the command line; returns its path.
fn sample(dir: &Path) -> String {
    let sample = dir.join("sample.groundwork");
    let path = sample.to_str().expect("utf-8").to_owned();
    let run = cli(dir, &["sample", "--out", &path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    path
}

#[test]
fn sessions_and_search_list_what_the_app_lists() {
    let dir = tempfile::tempdir().expect("tmp");
    let ws = sample(dir.path());
    let ws = ws.as_str();
    let all = json(&cli(dir.path(), &["--workspace", ws, "--json", "sessions"]).stdout);
    assert_eq!(
        all.as_array().map(Vec::len),
        Some(43),
        "40 in discovery and the survey's two waves, one heard late in the cycle that prioritizes"
    );
    let chats = json(
        &cli(
            dir.path(),
            &[
                "--workspace",
                ws,
                "--json",
                "sessions",
                "--kind",
                "coffee_chat",
            ],
        )
        .stdout,
    );
    let chats = chats.as_array().expect("list");
    assert!(!chats.is_empty() && chats.iter().all(|s| s["kind"] == "coffee_chat"));
    let cycles = json(&cli(dir.path(), &["--workspace", ws, "call", "list_cycles"]).stdout);
    let name = cycles[0]["name"].as_str().expect("name").to_uppercase();
    let in_cycle = cli(
        dir.path(),
        &["--workspace", ws, "--json", "sessions", "--cycle", &name],
    );
    assert_eq!(
        in_cycle.code, 0,
        "the cycle is found in any case: {}",
        in_cycle.stderr
    );
    let unknown = cli(
        dir.path(),
        &["--workspace", ws, "sessions", "--cycle", "Nope"],
    );
    assert_eq!(unknown.code, 1);
    assert!(
        unknown.stderr.contains("No cycle is named \"Nope\""),
        "{}",
        unknown.stderr
    );

    let human = cli(dir.path(), &["--workspace", ws, "sessions"]);
    assert_eq!(human.stdout.lines().count(), 43);
    let hits = json(
        &cli(
            dir.path(),
            &[
                "--workspace",
                ws,
                "--json",
                "search",
                "flaky",
                "--limit",
                "5",
            ],
        )
        .stdout,
    );
    let hits = hits["hits"].as_array().expect("hits");
    assert!(!hits.is_empty() && hits.len() <= 5);
    let human = cli(dir.path(), &["--workspace", ws, "search", "flaky"]);
    assert!(
        human.stdout.contains("«"),
        "matches are marked: {}",
        human.stdout
    );
}

#[test]
fn search_pages_through_every_hit_in_the_order_asked_and_says_what_it_read() {
    let dir = tempfile::tempdir().expect("tmp");
    let ws = sample(dir.path());
    let ws = ws.as_str();
    let page = |offset: &str| {
        json(
            &cli(
                dir.path(),
                &[
                    "--workspace",
                    ws,
                    "--json",
                    "search",
                    "the",
                    "--limit",
                    "7",
                    "--offset",
                    offset,
                    "--order",
                    "newest",
                ],
            )
            .stdout,
        )
    };
    let first = page("0");
    let total = first["total"].as_u64().expect("total");
    assert!(total > 7, "a broad word: {first}");
    assert_eq!(first["order"], "newest");
    let mut seen = std::collections::HashSet::new();
    let mut dates: Vec<String> = Vec::new();
    let mut offset = 0;
    while offset < total {
        let p = page(&offset.to_string());
        assert_eq!(p["total"], total);
        for hit in p["hits"].as_array().expect("hits") {
            assert!(
                seen.insert(hit["id"].as_str().expect("id").to_owned()),
                "no hit twice"
            );
            if let Some(d) = hit["date"].as_str() {
                dates.push(d.to_owned());
            }
        }
        offset += 7;
    }
    assert_eq!(seen.len() as u64, total, "every hit is reachable");
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );

    let human = cli(
        dir.path(),
        &["--workspace", ws, "search", "kind:pain person:nobodyatall"],
    );
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(
        human.stdout.contains("filter: Kind: Pain"),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .contains("No person matches “nobodyatall” (matches nothing)"),
        "{}",
        human.stdout
    );
    let counted = cli(
        dir.path(),
        &["--workspace", ws, "search", "the", "--limit", "3"],
    );
    assert!(
        counted.stdout.contains(&format!("1–3 of {total}")),
        "{}",
        counted.stdout
    );
    let bad = cli(
        dir.path(),
        &["--workspace", ws, "search", "x", "--order", "oldest"],
    );
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

#[test]
fn backup_copies_the_workspace_while_another_writer_has_it_open() {
    let dir = tempfile::tempdir().expect("tmp");
    let (file, ws) = workspace(dir.path());
    let store = groundwork_core::Store::open(
        &file,
        groundwork_core::OpenMode::MustExist,
        std::sync::Arc::new(groundwork_core::SystemClock),
    )
    .expect("the app's store");
    store
        .write(|tx| tx.create_cycle("Written by the app"))
        .expect("write");
    let copy = dir.path().join("copy.groundwork");
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "backup",
            "--out",
            copy.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cycles = json(
        &cli(
            dir.path(),
            &[
                "--workspace",
                copy.to_str().expect("utf-8"),
                "call",
                "list_cycles",
            ],
        )
        .stdout,
    );
    assert_eq!(cycles[0]["name"], "Written by the app");
    let again = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "backup",
            "--out",
            copy.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(
        again.code, 1,
        "an existing target is refused: {}",
        again.stderr
    );
}

#[test]
fn check_says_whether_the_file_is_sound() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, ws) = workspace(dir.path());
    let run = cli(
        dir.path(),
        &["--workspace", &ws, "--json", "check", "--whole"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = json(&run.stdout);
    assert_eq!(report["sound"], true);
    assert_eq!(report["checkedWhole"], true);
}

#[test]
fn without_a_workspace_flag_the_apps_default_workspace_is_used() {
    let dir = tempfile::tempdir().expect("tmp");
    let default = dir
        .path()
        .join("data/app.groundwork.desktop/My workspace.groundwork");
    let run = cli(dir.path(), &["sessions"]);
    assert_eq!(run.code, 3, "no default workspace yet, and none is created");
    assert!(
        run.stderr.contains("My workspace.groundwork"),
        "{}",
        run.stderr
    );
    assert!(!default.exists());
    std::fs::create_dir_all(default.parent().expect("parent")).expect("mkdir");
    let made = cli(dir.path(), &["new", default.to_str().expect("utf-8")]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let run = cli(
        dir.path(),
        &["call", "create_cycle", r#"{"name": "Default"}"#],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let with_env = Command::new(env!("CARGO_BIN_EXE_groundwork-cli"))
        .args(["--json", "call", "list_cycles"])
        .env("GROUNDWORK_WORKSPACE", &default)
        .output()
        .expect("runs");
    assert_eq!(
        json(&String::from_utf8_lossy(&with_env.stdout))[0]["name"],
        "Default"
    );
}

#[test]
fn every_subcommand_has_help() {
    let dir = tempfile::tempdir().expect("tmp");
    for sub in [
        "ops",
        "call",
        "new",
        "check",
        "backup",
        "sample",
        "sessions",
        "search",
        "rank",
        "export",
        "digest",
        "import-survey",
    ] {
        let run = cli(dir.path(), &[sub, "--help"]);
        assert_eq!(run.code, 0, "{sub}");
        assert!(
            run.stdout.contains("Usage: groundwork-cli"),
            "{sub}: {}",
            run.stdout
        );
    }
    let top = cli(dir.path(), &["--help"]);
    assert!(
        top.stdout
            .contains("Exit codes: 0 done, 1 refused, 2 usage error, 3"),
        "{}",
        top.stdout
    );
}

#[test]
fn rank_prints_the_prioritized_pains_explains_one_and_is_refused_in_discovery() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, ws) = workspace(dir.path());
    let call = |op: &str, input: &str| -> Value {
        let run = cli(dir.path(), &["--workspace", &ws, "call", op, input]);
        assert_eq!(run.code, 0, "{op}: {}", run.stderr);
        json(&run.stdout)
    };
    let cycle = call("create_cycle", r#"{"name": "2027 H1"}"#)["id"].clone();
    let refused = cli(dir.path(), &["--workspace", &ws, "rank"]);
    assert_eq!(refused.code, 1, "{}", refused.stdout);
    assert!(refused.stderr.contains("discovery"), "{}", refused.stderr);

    let person = call("create_person", r#"{"person": {"name": "Priya"}}"#)["id"].clone();
    let observe = |text: &str| -> Value {
        let input = serde_json::json!({ "observation": { "cycleId": cycle, "kind": "pain", "text": text, "people": [person] } });
        call("create_observation", &input.to_string())["id"].clone()
    };
    let slow = observe("CI is slow");
    let flaky = observe("Tests are flaky");
    call(
        "advance_cycle",
        &serde_json::json!({ "id": cycle }).to_string(),
    );
    let pain = |statement: &str, o: &Value| -> Value {
        let input = serde_json::json!({ "cycleId": cycle, "pain": { "statement": statement, "evidence": [{ "observationId": o }] } });
        call("create_pain", &input.to_string())["id"].clone()
    };
    let first = pain("CI is slow", &slow);
    let _second = pain("Tests are flaky", &flaky);
    let inputs = serde_json::json!({ "id": first, "inputs": { "impact": 2, "confidence": 80, "effort": 1 } });
    call("score_pain", &inputs.to_string());

    let listed = cli(
        dir.path(),
        &["--workspace", &ws, "--json", "rank", "--cycle", "2027 h1"],
    );
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    let listed = json(&listed.stdout);
    assert_eq!(listed["framework"], "rice");
    let items = listed["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    assert_eq!(
        (items[0]["position"].clone(), items[0]["pain"].clone()),
        (1.into(), "CI is slow".into())
    );
    assert!((items[0]["score"].as_f64().expect("score") - 1.6).abs() < 1e-9);
    assert!(items[1]["score"].is_null(), "unscored, never zero");
    assert_eq!(items[1]["evidence"], 1);

    let text = cli(dir.path(), &["--workspace", &ws, "rank"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(
        text.stdout.contains("1.     1.60  CI is slow"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains("unscored  Tests are flaky"),
        "{}",
        text.stdout
    );

    let why = cli(dir.path(), &["--workspace", &ws, "rank", "--explain", "2"]);
    assert_eq!(why.code, 0, "{}", why.stderr);
    assert!(
        why.stdout
            .contains("RICE = weighted reach × impact × confidence ÷ effort"),
        "{}",
        why.stdout
    );
    assert!(
        why.stdout
            .contains("Unscored: set its impact, confidence, effort"),
        "{}",
        why.stdout
    );
    let beyond = cli(dir.path(), &["--workspace", &ws, "rank", "--explain", "9"]);
    assert_eq!(beyond.code, 1);
    assert!(beyond.stderr.contains("choose 1 to 2"), "{}", beyond.stderr);
}

#[test]
fn digest_writes_what_a_team_told_us_and_what_we_did_and_refuses_a_team_that_is_not_there() {
    let dir = tempfile::tempdir().expect("tmp");
    let ws = sample(dir.path());
    // Answer one thing Payments & Billing said, through the operation table.
    let team = json(&cli(dir.path(), &["--workspace", &ws, "call", "list_teams"]).stdout)
        .as_array()
        .expect("teams")
        .iter()
        .find(|t| t["name"] == "Payments & Billing")
        .expect("team")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let digest = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "call",
            "team_digest",
            &format!(r#"{{"teamId": "{team}", "cycleId": null}}"#),
        ],
    );
    assert_eq!(digest.code, 0, "{}", digest.stderr);
    let first = json(&digest.stdout)["observations"][0]["target"].clone();
    assert_eq!(first["kind"], "observation", "{first}");
    let marked = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "call",
            "mark_answered",
            &serde_json::json!({ "target": first, "answer": { "whatDone": "Invoices export in one click <b>now</b>", "doneOn": "2026-12-01" } }).to_string(),
        ],
    );
    assert_eq!(marked.code, 0, "{}", marked.stderr);

    let md = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "digest",
            "--team",
            "payments & BILLING",
            "--format",
            "md",
            "--out",
            "-",
        ],
    );
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(
        md.stdout
            .starts_with("# You said, we did: Payments & Billing"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout
            .contains("**We did:** Invoices export in one click"),
        "{}",
        md.stdout
    );

    let out = dir.path().join("digest.html");
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "--json",
            "digest",
            "--team",
            "Payments & Billing",
            "--format",
            "html",
            "--out",
            out.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json(&run.stdout)["doc"], "digest");
    let html = std::fs::read_to_string(&out).expect("written");
    assert!(
        html.contains("&lt;b&gt;now&lt;/b&gt;"),
        "text stays text: {html}"
    );

    let missing = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "digest",
            "--team",
            "Nobody",
            "--format",
            "md",
            "--out",
            "-",
        ],
    );
    assert_eq!(missing.code, 1);
    assert!(
        missing
            .stderr
            .contains("No team is named \"Nobody\"; the teams are: Developer Platform"),
        "{}",
        missing.stderr
    );
}

#[test]
fn export_writes_the_planning_pack_where_asked_and_refuses_unsafe_names_and_overwrites() {
    let dir = tempfile::tempdir().expect("tmp");
    let ws = sample(dir.path());
    let out = dir.path().join("pack.md");
    let out_arg = out.to_str().expect("utf-8");
    let cycle = "2027 H1 prioritization";
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "--json",
            "export",
            "--cycle",
            cycle,
            "--format",
            "md",
            "--out",
            out_arg,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let done = json(&run.stdout);
    assert_eq!(done["doc"], "pack");
    assert_eq!(done["format"], "md");
    assert!(
        done["citations"].as_u64().expect("citations") > 20,
        "{done}"
    );
    let md = std::fs::read_to_string(&out).expect("written");
    assert!(
        md.starts_with("# Planning pack: 2027 H1 prioritization"),
        "{md}"
    );
    assert!(md.contains("# Charter: 2027 H1 prioritization"));
    assert!(md.contains("# Ranked user pain: 2027 H1 prioritization"));
    assert!(md.contains("[^cite-1]: “"), "{md}");

    // An existing file is left as it is unless --force.
    let again = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "export",
            "--cycle",
            cycle,
            "--doc",
            "charter",
            "--format",
            "html",
            "--out",
            out_arg,
        ],
    );
    assert_eq!(again.code, 1, "{}", again.stdout);
    assert!(again.stderr.contains("exists already"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&out).expect("kept"), md);
    let forced = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "export",
            "--cycle",
            cycle,
            "--doc",
            "charter",
            "--format",
            "html",
            "--out",
            out_arg,
            "--force",
        ],
    );
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(
        forced
            .stdout
            .contains("Wrote Charter - 2027 H1 prioritization"),
        "{}",
        forced.stdout
    );
    let html = std::fs::read_to_string(&out).expect("replaced");
    assert!(html.starts_with("<!DOCTYPE html>") && !html.contains("<script"));

    // PDF, typeset in-process.
    let pdf = dir.path().join("pack.pdf");
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "export",
            "--cycle",
            cycle,
            "--format",
            "pdf",
            "--out",
            pdf.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF-"));

    // Unsafe or reserved names are refused, with nothing written.
    for name in ["CON", "nul.md", "pack?.md", "pack.md."] {
        let bad = dir.path().join(name);
        let run = cli(
            dir.path(),
            &[
                "--workspace",
                &ws,
                "--json",
                "export",
                "--cycle",
                cycle,
                "--format",
                "md",
                "--out",
                bad.to_str().expect("utf-8"),
            ],
        );
        assert_eq!(run.code, 1, "{name}: {}", run.stdout);
        assert_eq!(json(&run.stderr)["kind"], "invalid_input", "{name}");
        assert!(!bad.exists(), "{name}");
    }

    // "-" writes to stdout; an unknown format or document is a usage error.
    let stdout = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "export",
            "--cycle",
            cycle,
            "--doc",
            "pains",
            "--format",
            "md",
            "--out",
            "-",
        ],
    );
    assert_eq!(stdout.code, 0, "{}", stdout.stderr);
    assert!(stdout.stdout.contains("| 1 | "), "{}", stdout.stdout);
    let roadmap = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "export",
            "--cycle",
            cycle,
            "--doc",
            "roadmap",
            "--format",
            "md",
            "--out",
            "-",
        ],
    );
    assert_eq!(roadmap.code, 0, "{}", roadmap.stderr);
    assert!(
        roadmap
            .stdout
            .starts_with("# Roadmap: 2027 H1 prioritization")
            && roadmap.stdout.contains(
                "| 1 | Now, 2027-Q1 | Move the iOS builds onto managed macOS runners[^cite-1] |"
            ),
        "{}",
        roadmap.stdout
    );
    for args in [["--format", "docx"], ["--doc", "memo"]] {
        let mut all = vec!["--workspace", ws.as_str(), "export", "--out", "-"];
        all.extend(args);
        if args[0] == "--doc" {
            all.extend(["--format", "md"]);
        }
        let run = cli(dir.path(), &all);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }

    // The current cycle of the sample is in discovery: its ranked pain says so.
    let discovery = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "export",
            "--doc",
            "pains",
            "--format",
            "md",
            "--out",
            "-",
        ],
    );
    assert_eq!(discovery.code, 0, "{}", discovery.stderr);
    assert!(
        discovery.stdout.contains("nothing is ranked yet"),
        "{}",
        discovery.stdout
    );
}

#[test]
fn import_survey_dry_runs_imports_with_a_mapping_then_remembers_it_and_refuses_what_it_cannot() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, ws) = workspace(dir.path());
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "call",
            "create_cycle",
            r#"{"name": "2027 H1"}"#,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A European export: BOM, semicolons, decimal commas, day-first dates, a bad row.
    let file = dir.path().join("DevEx wave 1.csv");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        "Completion time;Email;Team;Satisfaction;Hours saved;Comments\r\n\
13.11.2026 10:02;priya.raman@corp.example;Payments;4;4,5;Faster caches\r\n\
14.11.2026 11:00;tom.berg@corp.example;Search;five;1,0;Red builds\r\n\
15.11.2026 12:00;ana.lima@corp.example;Payments;5;2,5;\r\n"
            .as_bytes(),
    );
    std::fs::write(&file, &bytes).expect("write");
    let path = file.to_str().expect("utf-8");

    // --dry-run: what would happen, in words and in JSON, and nothing written.
    let run = cli(
        dir.path(),
        &["--workspace", &ws, "import-survey", path, "--dry-run"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "UTF-8 with byte-order mark, semicolon delimited, 1 header row, 3 responses."
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("day first"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("row 3, column Satisfaction: “five” is not a number on a 1–5 scale"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Nothing was written (dry run)."));
    // What the import would add to People, before anything is added (the bad row's
    // respondent and team would not be imported).
    assert!(
        run.stdout.contains(
            "Respondents: 2, 0 in People; --respondents add would add 2 (Priya Raman, Ana Lima)."
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Teams not in People (added unless --no-new-teams): Payments."),
        "{}",
        run.stdout
    );
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "--json",
            "import-survey",
            path,
            "--dry-run",
            "--survey",
            "DevEx",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let preview = json(&run.stdout);
    assert_eq!(preview["encoding"], "utf8_bom");
    assert_eq!(preview["delimiter"], "semicolon");
    assert_eq!(preview["headerRows"], 1);
    assert_eq!(preview["rows"], 3);
    assert_eq!(preview["badRows"], 1);
    assert_eq!(preview["problems"][0]["row"], 3);
    assert_eq!(preview["problems"][0]["column"], "Satisfaction");
    assert_eq!(preview["register"]["respondents"], 2);
    assert_eq!(
        preview["register"]["newPeople"],
        serde_json::json!(["Priya Raman", "Ana Lima"])
    );
    assert_eq!(
        preview["register"]["newTeams"],
        serde_json::json!(["Payments"])
    );
    let kinds: Vec<&str> = preview["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .map(|c| c["mapping"]["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(
        kinds,
        [
            "submitted_at",
            "respondent",
            "team",
            "csat",
            "number",
            "free_text"
        ]
    );
    let surveys = json(&cli(dir.path(), &["--workspace", &ws, "call", "list_surveys"]).stdout);
    assert_eq!(surveys, serde_json::json!([]), "a dry run writes nothing");

    // The first wave has no remembered mapping: refused, naming what is missing.
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "--json",
            "import-survey",
            path,
            "--survey",
            "DevEx",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        json(&run.stderr)["message"]
            .as_str()
            .expect("message")
            .contains("no remembered mapping yet"),
        "{}",
        run.stderr
    );

    // The dry run's JSON is a mapping file; the bad row stops the import, unless skipped.
    let mapping = dir.path().join("mapping.json");
    std::fs::write(&mapping, run_stdout_of_dry_run(dir.path(), &ws, path)).expect("mapping");
    let mapping_arg = mapping.to_str().expect("utf-8");
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "--json",
            "import-survey",
            path,
            "--survey",
            "DevEx",
            "--mapping",
            mapping_arg,
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        json(&run.stderr)["message"]
            .as_str()
            .expect("message")
            .starts_with("1 row cannot be imported, so nothing was"),
        "{}",
        run.stderr
    );
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "--json",
            "import-survey",
            path,
            "--survey",
            "DevEx",
            "--mapping",
            mapping_arg,
            "--skip-bad-rows",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let done = json(&run.stdout);
    assert_eq!(done["responses"], 2);
    assert_eq!(done["skipped"][0]["row"], 3);
    assert_eq!(done["wave"]["label"], "Wave 1");
    assert_eq!(done["wave"]["heldOn"], "2026-11-15");

    // The same file again is noticed; a new wave needs no mapping now.
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "import-survey",
            path,
            "--survey",
            "DevEx",
            "--skip-bad-rows",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("were imported already as Wave 1 of “DevEx”"),
        "{}",
        run.stderr
    );
    let second = dir.path().join("wave2.csv");
    std::fs::write(&second, "Completion time;Email;Team;Satisfaction;Hours saved;Comments\n01.02.2027 10:00;sam.okafor@corp.example;Data;3;0,5;ok\n").expect("write");
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "import-survey",
            second.to_str().expect("utf-8"),
            "--survey",
            "devex",
            "--respondents",
            "anonymous",
            "--no-new-teams",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Imported wave2.csv as Wave 2 of “DevEx” (1 response, dated 2027-02-01)."),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("1 response not linked to anyone in People (counted in the survey only)."),
        "{}",
        run.stdout
    );
    let people = json(
        &cli(
            dir.path(),
            &[
                "--workspace",
                &ws,
                "call",
                "list_people",
                r#"{"query": {}}"#,
            ],
        )
        .stdout,
    );
    let names: Vec<&str> = people
        .as_array()
        .expect("people")
        .iter()
        .map(|p| p["name"].as_str().expect("name"))
        .collect();
    assert!(
        !names.contains(&"Sam Okafor"),
        "an anonymous respondent is not added: {names:?}"
    );
    let teams = json(&cli(dir.path(), &["--workspace", &ws, "call", "list_teams"]).stdout);
    assert!(
        !teams.to_string().contains("Data"),
        "no team is added with --no-new-teams: {teams}"
    );
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "import-survey",
            path,
            "--respondents",
            "everyone",
        ],
    );
    assert_eq!(
        run.code, 2,
        "an unknown choice is a usage mistake: {}",
        run.stderr
    );

    // Files that are not survey exports get a reason, exit 1; a wrong mapping file is usage.
    let png = dir.path().join("photo.csv");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0").expect("write");
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "import-survey",
            png.to_str().expect("utf-8"),
            "--dry-run",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("not a text file"), "{}", run.stderr);
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "import-survey",
            "/no/such/file.csv",
            "--dry-run",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    let run = cli(
        dir.path(),
        &["--workspace", &ws, "import-survey", path, "--mapping", path],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
}

fn run_stdout_of_dry_run(home: &Path, ws: &str, path: &str) -> String {
    let run = cli(
        home,
        &[
            "--workspace",
            ws,
            "--json",
            "import-survey",
            path,
            "--dry-run",
            "--survey",
            "DevEx",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn import_transcript_dry_runs_in_words_and_json_and_refuses_a_binary_and_a_missing_dry_run() {
    let dir = tempfile::tempdir().expect("tmp");
    // A Teams export: GUID cue ids, unpadded times, a BOM, the last </v> missing.
    let file = dir.path().join("Platform coffee chat.vtt");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        "WEBVTT\r\n\r\n\
3f2a1b9c-7d4e-4a8b-9c1d-2e3f4a5b6c7d/12-0\r\n0:0:1.000 --> 0:0:4.000\r\n<v Priya Raman>How long does a deploy take?</v>\r\n\r\n\
3f2a1b9c-7d4e-4a8b-9c1d-2e3f4a5b6c7d/13-0\r\n0:0:4.000 --> 1:2:3.500\r\n<v Sam Lee>An hour, and then it fails\r\n\r\n\
3f2a1b9c-7d4e-4a8b-9c1d-2e3f4a5b6c7d/14-0\r\n1:2:4.000 --> 1:2:5.000\r\n<v Sam Lee>Sam Lee stopped transcription</v>\r\n"
            .as_bytes(),
    );
    std::fs::write(&file, &bytes).expect("write");
    let path = file.to_str().expect("utf-8");

    let run = cli(dir.path(), &["import-transcript", path, "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for expected in [
        "Microsoft Teams (VTT), UTF-8 with byte-order mark.",
        "Duration 1:02:03, 2 turns, 2 speakers.",
        "Sam Lee      50% of the words, 1 turn",
        "Priya Raman  50% of the words, 1 turn",
        "Left out as not speech:",
        "line 13: Sam Lee stopped transcription (the start or end of transcription, not speech)",
        "Nothing was written (dry run).",
    ] {
        assert!(run.stdout.contains(expected), "{expected}\n{}", run.stdout);
    }

    let run = cli(
        dir.path(),
        &["--json", "import-transcript", path, "--dry-run"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let preview = json(&run.stdout);
    assert_eq!(preview["format"], "teams_vtt");
    assert_eq!(preview["durationMs"], 3_723_500);
    assert_eq!(preview["turns"], 2);
    assert_eq!(preview["speakers"].as_array().map(Vec::len), Some(2));
    assert_eq!(preview["leftOut"][0]["line"], 13);

    // An image renamed .vtt: refused (exit 1), saying why.
    let png = dir.path().join("photo.vtt");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    let run = cli(
        dir.path(),
        &[
            "import-transcript",
            png.to_str().expect("utf-8"),
            "--dry-run",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr.contains("not a text file") && run.stderr.contains("PNG image"),
        "{}",
        run.stderr
    );
    let run = cli(
        dir.path(),
        &[
            "--json",
            "import-transcript",
            png.to_str().expect("utf-8"),
            "--dry-run",
        ],
    );
    assert_eq!(run.code, 1);
    assert_eq!(json(&run.stderr)["kind"], "invalid_input");

    // Without --dry-run it needs to know where the transcript goes (exit 2).
    let run = cli(dir.path(), &["import-transcript", path]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("--session ID") && run.stderr.contains("--new --kind"),
        "{}",
        run.stderr
    );
}

const ZOOM: &str = "WEBVTT

1
00:00:01.000 --> 00:00:04.000
Alex Kim: What slows your team down most?

2
00:00:04.000 --> 00:00:10.000
Priya Raman: The deploy queue. We wait forty minutes for every release.

3
00:00:10.000 --> 00:00:12.000
Speaker 3: Same for us, the queue is the worst of it.
";

#[test]
fn import_transcript_maps_speakers_into_a_new_session_then_an_existing_one() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, ws) = workspace(dir.path());
    let call = |op: &str, input: &str| -> Value {
        let run = cli(dir.path(), &["--workspace", &ws, "call", op, input]);
        assert_eq!(run.code, 0, "{op}: {}", run.stderr);
        json(&run.stdout)
    };
    call("create_cycle", r#"{"name": "2027 H1"}"#);
    let priya = call("create_person", r#"{"person": {"name": "Priya Raman"}}"#)["id"].clone();
    let file = dir.path().join("Coffee with Priya.transcript.vtt");
    std::fs::write(&file, ZOOM).expect("write");
    let path = file.to_str().expect("utf-8");

    // The dry run suggests Priya by name; --map and --us say what they would do.
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "import-transcript",
            path,
            "--dry-run",
            "--us",
            "alex kim",
            "--map",
            "Speaker 3=Sam Lee",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for expected in [
        "Zoom cloud recording (VTT), UTF-8.",
        "→ Priya Raman (same name)",
        "→ us (--us)",
        "→ Sam Lee, new to People (--map)",
        "Nothing was written (dry run).",
    ] {
        assert!(run.stdout.contains(expected), "{expected}\n{}", run.stdout);
    }
    let preview = json(
        &cli(
            dir.path(),
            &[
                "--workspace",
                &ws,
                "--json",
                "import-transcript",
                path,
                "--dry-run",
            ],
        )
        .stdout,
    );
    assert_eq!(preview["format"], "zoom_vtt");
    let speakers = preview["speakers"].as_array().expect("speakers");
    let priya_speaks = speakers
        .iter()
        .find(|s| s["label"] == "Priya Raman")
        .expect("Priya");
    assert_eq!(priya_speaks["person"]["id"], priya);
    assert_eq!(priya_speaks["suggestedBy"], "name");
    assert_eq!(priya_speaks["role"], "participant");
    assert!(priya_speaks["share"].is_number() && priya_speaks["words"].is_number());
    let nobody = speakers
        .iter()
        .find(|s| s["label"] == "Speaker 3")
        .expect("Speaker 3");
    assert_eq!(
        (nobody["person"].clone(), nobody["suggestedBy"].clone()),
        (Value::Null, json!("nothing"))
    );
    let sessions = |ws: &str| -> usize {
        json(&cli(dir.path(), &["--workspace", ws, "--json", "sessions"]).stdout)
            .as_array()
            .map_or(0, Vec::len)
    };
    assert_eq!(sessions(&ws), 0, "a dry run writes nothing");

    // Into a new session: the title from the file, Sam added, Alex us.
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "import-transcript",
            path,
            "--new",
            "--kind",
            "coffee_chat",
            "--date",
            "2026-11-20",
            "--us",
            "Alex Kim",
            "--map",
            "Speaker 3=Sam Lee",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for expected in [
        "into a new session “Coffee with Priya” of 2026-11-20 (",
        ": 3 turns.",
        "Alex Kim → us (--us)",
        "Speaker 3 → Sam Lee, new to People (--map)",
        "Participants: Priya Raman, Sam Lee.",
        "1 person added to People: Sam Lee.",
    ] {
        assert!(run.stdout.contains(expected), "{expected}\n{}", run.stdout);
    }
    let listed = json(&cli(dir.path(), &["--workspace", &ws, "--json", "sessions"]).stdout);
    let session = &listed[0];
    assert_eq!(session["title"], "Coffee with Priya");
    assert_eq!(session["heldOn"], "2026-11-20");
    assert_eq!(session["kind"], "coffee_chat");
    let session_id = session["id"].as_str().expect("id").to_owned();

    // Into that session again, as JSON: the labels remembered, Sam found by name (any case).
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "--json",
            "import-transcript",
            path,
            "--session",
            &session_id,
            "--map",
            "Speaker 3=sam lee",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let done = json(&run.stdout);
    assert_eq!(done["sessionId"], session_id.as_str());
    assert_eq!(done["newSession"], false);
    assert_eq!(done["title"], "Coffee with Priya");
    assert_eq!(done["heldOn"], "2026-11-20");
    assert_eq!(done["turns"], 3);
    assert_eq!(done["peopleAdded"], 0);
    assert!(done["transcriptId"].is_string());
    let names: Vec<&str> = done["participants"]
        .as_array()
        .expect("participants")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(names, ["Priya Raman", "Sam Lee"]);
    let by: Vec<(&str, &str, &str)> = done["speakers"]
        .as_array()
        .expect("speakers")
        .iter()
        .map(|s| {
            (
                s["label"].as_str().unwrap_or(""),
                s["role"].as_str().unwrap_or(""),
                s["suggestedBy"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        by,
        [
            ("Priya Raman", "participant", "memory"),
            ("Speaker 3", "participant", "map"),
            ("Alex Kim", "us", "memory")
        ]
    );
    assert_eq!(sessions(&ws), 1);
}

#[test]
fn import_transcript_refuses_a_bad_file_an_unknown_session_and_a_new_one_without_a_kind() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, ws) = workspace(dir.path());
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "call",
            "create_cycle",
            r#"{"name": "2027 H1"}"#,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let good = dir.path().join("talk.vtt");
    std::fs::write(&good, ZOOM).expect("write");
    let good = good.to_str().expect("utf-8");
    let sessions = || -> usize {
        json(&cli(dir.path(), &["--workspace", &ws, "--json", "sessions"]).stdout)
            .as_array()
            .map_or(0, Vec::len)
    };

    // Times that run backwards: refused (exit 1) naming the line, nothing written.
    let bad = dir.path().join("bad.vtt");
    std::fs::write(
        &bad,
        "WEBVTT\n\n1\n00:00:09.000 --> 00:00:04.000\nPriya Raman: Backwards\n",
    )
    .expect("write");
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "import-transcript",
            bad.to_str().expect("utf-8"),
            "--new",
            "--kind",
            "coffee_chat",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stderr.contains("Line 4"), "{}", run.stderr);
    assert_eq!(sessions(), 0);

    // A session that is not there: refused (exit 1), as not found.
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "--json",
            "import-transcript",
            good,
            "--session",
            "0190a4c2-0000-7000-8000-000000000000",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(json(&run.stderr)["kind"], "not_found");
    // An id that is not one is a usage error (exit 2).
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "import-transcript",
            good,
            "--session",
            "42",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);

    // --new without --kind, a label the file lacks, a --map without a person: usage (exit 2).
    for args in [
        &["import-transcript", good, "--new"][..],
        &[
            "import-transcript",
            good,
            "--new",
            "--kind",
            "coffee_chat",
            "--us",
            "Dana",
        ][..],
        &[
            "import-transcript",
            good,
            "--new",
            "--kind",
            "coffee_chat",
            "--map",
            "Priya Raman",
        ][..],
        &["import-transcript", good, "--new", "--kind", "nonsense"][..],
    ] {
        let mut all = vec!["--workspace", ws.as_str()];
        all.extend_from_slice(args);
        let run = cli(dir.path(), &all);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stdout);
    }
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "import-transcript",
            good,
            "--new",
            "--kind",
            "coffee_chat",
            "--us",
            "Dana",
        ],
    );
    assert!(
        run.stderr.contains("\"Dana\"") && run.stderr.contains("\"Speaker 3\""),
        "{}",
        run.stderr
    );
    assert_eq!(sessions(), 0);

    // A workspace that is not there: exit 3.
    let missing = dir.path().join("missing.groundwork");
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            missing.to_str().expect("utf-8"),
            "import-transcript",
            good,
            "--new",
            "--kind",
            "coffee_chat",
        ],
    );
    assert_eq!(run.code, 3, "{}", run.stdout);
}

#[test]
fn import_notes_dry_runs_a_vault_then_imports_it_once_and_asks_for_a_kind_when_notes_name_none() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, ws) = workspace(dir.path());
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "call",
            "create_cycle",
            r#"{"name": "2027 H1"}"#,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let vault = dir.path().join("Vault");
    std::fs::create_dir_all(vault.join("Coffee chats")).expect("folders");
    std::fs::create_dir_all(vault.join(".obsidian")).expect("folders");
    std::fs::write(
        vault.join("Coffee chats/Priya.md"),
        "---\ndate: 2026-11-03\npeople: [Priya Raman]\ntags: [ci]\n---\nCI is slow #flaky. See [[Runbook]] and [[Gone]].\n",
    )
    .expect("note");
    std::fs::write(vault.join("Runbook.md"), "Retry once.\n").expect("note");
    std::fs::write(vault.join("Empty.md"), "").expect("note");
    let path = vault.to_str().expect("utf-8");

    let run = cli(dir.path(), &["import-notes", path, "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for says in [
        "3 notes (1 empty, left out; 1 dated; 1 without a kind, which --kind names).",
        "Tags: ci (1), flaky (1).",
        "People named: Priya Raman.",
        "Links: 1 resolved, 0 to a name several notes share, 1 to no note; 0 attachments.",
        "Coffee chats/Priya.md: [[Gone]] names no note",
        "Skipped .obsidian: a hidden folder",
        "Nothing was written (dry run).",
    ] {
        assert!(run.stdout.contains(says), "{says}\n{}", run.stdout);
    }
    let preview = json(&cli(dir.path(), &["--json", "import-notes", path, "--dry-run"]).stdout);
    assert_eq!(preview["notes"], 3);
    assert_eq!(preview["withoutKind"], 1);

    // A note names no kind: the import asks which, and writes nothing.
    let run = cli(dir.path(), &["--workspace", &ws, "import-notes", path]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("1 note names no kind"),
        "{}",
        run.stderr
    );
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "import-notes",
            path,
            "--kind",
            "stakeholder_feedback",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Imported 2 notes as sessions (0 imported before, left as they are; 1 empty, left out)."),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("People: 0 matched, 1 added, 0 left out; 2 tags added."),
        "{}",
        run.stdout
    );
    let sessions = json(&cli(dir.path(), &["--workspace", &ws, "--json", "sessions"]).stdout);
    let kinds: Vec<(&str, &str)> = sessions
        .as_array()
        .expect("sessions")
        .iter()
        .map(|s| {
            (
                s["title"].as_str().expect("title"),
                s["kind"].as_str().expect("kind"),
            )
        })
        .collect();
    assert!(
        kinds.contains(&("Priya", "coffee_chat")),
        "the folder names the kind: {kinds:?}"
    );
    assert!(
        kinds.contains(&("Runbook", "stakeholder_feedback")),
        "{kinds:?}"
    );

    // The same folder again adds nothing.
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "--json",
            "import-notes",
            path,
            "--kind",
            "stakeholder_feedback",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let again = json(&run.stdout);
    assert_eq!(
        (
            again["sessions"].as_u64(),
            again["alreadyImported"].as_u64()
        ),
        (Some(0), Some(2))
    );

    // Not a folder of notes: refused in words.
    let run = cli(
        dir.path(),
        &["import-notes", "/no/such/folder", "--dry-run"],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("not a folder that can be read"),
        "{}",
        run.stderr
    );
}

#[test]
fn import_notes_tells_a_joplin_export_by_what_it_holds() {
    let dir = tempfile::tempdir().expect("tmp");
    let raw = dir.path().join("joplin-raw");
    std::fs::create_dir_all(&raw).expect("folder");
    let folder = "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0";
    std::fs::write(
        raw.join(format!("{folder}.md")),
        format!("Coffee chats\n\nid: {folder}\ncreated_time: 2026-11-01T10:00:00.000Z\ntype_: 2"),
    )
    .expect("notebook");
    let note = "c0ffee00c0ffee00c0ffee00c0ffee00";
    std::fs::write(
        raw.join(format!("{note}.md")),
        format!("Coffee with Priya\n\nCI is slow.\n\nid: {note}\nparent_id: {folder}\ncreated_time: 2026-11-03T10:00:00.000Z\ntype_: 1"),
    )
    .expect("note");
    let path = raw.to_str().expect("utf-8");
    let run = cli(dir.path(), &["--json", "import-notes", path, "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let preview = json(&run.stdout);
    assert_eq!(preview["notes"], 1, "the notebook is not a note: {preview}");
    assert_eq!(preview["withoutKind"], 0, "the notebook names the kind");
    // A file that is not a JEX is refused in words.
    let bogus = dir.path().join("notes.jex");
    std::fs::write(&bogus, b"PK\x03\x04 a zip, not a tar").expect("write");
    let run = cli(
        dir.path(),
        &["import-notes", bogus.to_str().expect("utf-8"), "--dry-run"],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("not a Joplin export"), "{}", run.stderr);
}

#[test]
fn import_notes_reads_a_notion_export_by_what_it_holds_and_imports_its_rows() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, ws) = workspace(dir.path());
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "call",
            "create_cycle",
            r#"{"name": "2027 H1"}"#,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let id = "0123456789abcdef0123456789abcdef";
    let row = "aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb";
    let export = dir.path().join("Notion");
    let talks = export.join(format!("Talks {id}"));
    std::fs::create_dir_all(&talks).expect("folders");
    std::fs::write(
        export.join(format!("Talks {id}.csv")),
        "Name,Date,Type,People\nCoffee with Priya,\"November 4, 2026\",Coffee chat,Priya Raman\n",
    )
    .expect("table");
    std::fs::write(
        talks.join(format!("Coffee with Priya {row}.md")),
        "# Coffee with Priya\n\nDate: November 4, 2026\nType: Coffee chat\nPeople: Priya Raman\n\nThe deploy queue is slow.\n",
    )
    .expect("row");
    let path = export.to_str().expect("utf-8");
    let preview = json(&cli(dir.path(), &["--json", "import-notes", path, "--dry-run"]).stdout);
    assert_eq!(preview["notes"], 1, "{preview}");
    let run = cli(dir.path(), &["--workspace", &ws, "import-notes", path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sessions = json(&cli(dir.path(), &["--workspace", &ws, "--json", "sessions"]).stdout);
    let text = sessions.to_string();
    assert!(
        text.contains("Coffee with Priya") && !text.contains(row),
        "{text}"
    );
    assert!(
        text.contains("2026-11-04") && text.contains("coffee_chat"),
        "{text}"
    );
}

#[test]
fn import_tickets_dry_runs_a_jira_export_then_imports_it_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, ws) = workspace(dir.path());
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "call",
            "create_cycle",
            r#"{"name": "2027 H1"}"#,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let csv = dir.path().join("jira.csv");
    std::fs::write(
        &csv,
        "Summary,Issue key,Issue Type,Reporter,Created,Resolved,Component/s,Labels,Custom field (Team),\"Custom field ([CHART] Date of First Response)\"\n\
         Deploys fail on ARM,PLAT-1,Bug,Priya Raman,02/Nov/26 9:00 AM,,CI,arm,Payments,02/Nov/26 11:00 AM\n\
         Please add a dry-run flag,PLAT-2,Story,Sam Lee,04/Nov/26 10:00 AM,,Deploy,,Search,\n\
         Broken,PLAT-3,Bug,Sam Lee,yesterday,,CI,,Search,\n",
    )
    .expect("csv");
    let path = csv.to_str().expect("utf-8");

    let run = cli(
        dir.path(),
        &["--workspace", &ws, "import-tickets", path, "--dry-run"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for says in [
        "Jira (CSV): 2 tickets opened 2026-11-02 to 2026-11-04 (1 pain, 1 request; 0 questions); 1 answered, 0 resolved.",
        "Reporters: 0 in People, 2 new. Teams: Payments, Search. Components: CI, Deploy.",
        "Left out line 4: its opening time “yesterday” is not a time",
        "Nothing was written (dry run).",
    ] {
        assert!(run.stdout.contains(says), "{says}\n{}", run.stdout);
    }
    let preview = json(&cli(dir.path(), &["--json", "import-tickets", path, "--dry-run"]).stdout);
    assert_eq!(preview["tickets"], 2);
    assert_eq!(preview["queue"], "jira");

    let run = cli(
        dir.path(),
        &["--workspace", &ws, "--json", "import-tickets", path],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let done = json(&run.stdout);
    assert_eq!(
        (done["tickets"].clone(), done["peopleAdded"].clone()),
        (json!(2), json!(2))
    );
    let run = cli(dir.path(), &["--workspace", &ws, "import-tickets", path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Imported 0 tickets as observations of a support-ticket-review session (2 imported before, not copied"),
        "{}",
        run.stdout
    );
    let queue = json(
        &cli(
            dir.path(),
            &[
                "--workspace",
                &ws,
                "--json",
                "call",
                "support_queue",
                r#"{"cycleId": null, "teamId": null}"#,
            ],
        )
        .stdout,
    );
    assert_eq!(queue["overall"]["medianHours"], 2.0, "{queue}");

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "Name,When\nx,2026-11-01\n").expect("bad");
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "import-tickets",
            bad.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("key"), "{}", run.stderr);
    let run = cli(dir.path(), &["import-tickets", path, "--from", "trello"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn import_notes_reads_a_csv_of_notes_through_a_mapping_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let csv = dir.path().join("notes.csv");
    std::fs::write(
        &csv,
        "Heading,Words,When,Who\nTalk,Flaky tests again.,2026-11-02,Priya Raman\n",
    )
    .expect("csv");
    let path = csv.to_str().expect("utf-8");
    let run = cli(dir.path(), &["import-notes", path, "--dry-run"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stderr.contains("content"), "{}", run.stderr);
    let mapping = dir.path().join("mapping.json");
    std::fs::write(
        &mapping,
        r#"{"title": "Heading", "content": "Words", "date": "When", "person": "Who"}"#,
    )
    .expect("mapping");
    let m = mapping.to_str().expect("utf-8");
    let preview = json(
        &cli(
            dir.path(),
            &["--json", "import-notes", path, "--mapping", m, "--dry-run"],
        )
        .stdout,
    );
    assert_eq!(preview["notes"], 1, "{preview}");
    assert_eq!(preview["people"], json!(["Priya Raman"]), "{preview}");
    std::fs::write(&mapping, r#"{"heading": "Heading"}"#).expect("mapping");
    let run = cli(
        dir.path(),
        &["import-notes", path, "--mapping", m, "--dry-run"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn import_notes_with_quotes_makes_quoted_passages_observations() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, ws) = workspace(dir.path());
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "call",
            "create_cycle",
            r#"{"name": "2027 H1"}"#,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let vault = dir.path().join("Vault");
    std::fs::create_dir_all(vault.join("Coffee chats")).expect("folders");
    std::fs::write(
        vault.join("Coffee chats/Priya.md"),
        "Talked CI.\n\n> \"We wait forty minutes.\" said Priya Raman\n",
    )
    .expect("note");
    let path = vault.to_str().expect("utf-8");
    let run = cli(
        dir.path(),
        &["--workspace", &ws, "import-notes", path, "--quotes"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("1 quoted passage made quote observations."),
        "{}",
        run.stdout
    );
    let search = json(
        &cli(
            dir.path(),
            &["--workspace", &ws, "--json", "search", "forty"],
        )
        .stdout,
    );
    assert!(search.to_string().contains("Priya Raman"), "{search}");
}

#[test]
fn export_folder_and_import_folder_round_trip_a_workspace_and_refuse_what_they_cannot_do() {
    let dir = tempfile::tempdir().expect("tmp");
    let sample = dir.path().join("sample.groundwork");
    let s = sample.to_str().expect("utf-8");
    assert_eq!(cli(dir.path(), &["sample", "--out", s]).code, 0);
    let folder = dir.path().join("shared");
    let f = folder.to_str().expect("utf-8");
    let run = cli(
        dir.path(),
        &["--workspace", s, "--json", "export-folder", f],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = json(&run.stdout);
    assert!(written["records"]["observation"].as_u64().expect("count") > 100);
    assert!(written["schema"].as_u64().expect("schema") > 0);
    assert!(folder.join("groundwork.json").exists());

    // Into a folder that holds something: refused (1), nothing touched.
    let again = cli(dir.path(), &["--workspace", s, "export-folder", f]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(again.stderr.contains("not empty"), "{}", again.stderr);

    let copy = dir.path().join("copy.groundwork");
    let c = copy.to_str().expect("utf-8");
    let run = cli(dir.path(), &["--json", "import-folder", f, "--out", c]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json(&run.stdout)["records"], written["records"]);
    let run = cli(dir.path(), &["--workspace", c, "search", "deploy"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("of"), "{}", run.stdout);

    // Onto an existing file: refused (1), the file left as it was.
    let before = std::fs::read(&copy).expect("copy");
    let run = cli(dir.path(), &["import-folder", f, "--out", c]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(std::fs::read(&copy).expect("copy"), before);

    // A folder of a newer schema: refused with what to do, no file made.
    std::fs::write(
        folder.join("groundwork.json"),
        "{\"format\": 1, \"schema\": 9999}",
    )
    .expect("manifest");
    let newer = dir.path().join("newer.groundwork");
    let run = cli(
        dir.path(),
        &[
            "--json",
            "import-folder",
            f,
            "--out",
            newer.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(json(&run.stderr)["kind"], "workspace_newer_schema");
    assert!(!newer.exists());
}

#[test]
fn similar_lists_the_observations_most_like_one_with_the_words_they_share() {
    let dir = tempfile::tempdir().expect("tmp");
    let sample = dir.path().join("sample.groundwork");
    let s = sample.to_str().expect("utf-8");
    assert_eq!(cli(dir.path(), &["sample", "--out", s]).code, 0);
    let list = json(
        &cli(
            dir.path(),
            &[
                "--workspace",
                s,
                "call",
                "list_observations",
                "{\"query\": {\"limit\": 1}}",
            ],
        )
        .stdout,
    );
    let id = list["observations"][0]["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    let run = cli(
        dir.path(),
        &["--workspace", s, "--json", "similar", &id, "--limit", "3"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let similar = json(&run.stdout);
    let items = similar.as_array().expect("a list");
    assert!(!items.is_empty() && items.len() <= 3, "{similar}");
    assert!(items.iter().all(|s| s["id"] != id.as_str()), "not itself");
    assert!(items
        .iter()
        .all(|s| !s["shared"].as_array().expect("words").is_empty()));
    let text = cli(dir.path(), &["--workspace", s, "similar", &id]);
    assert_eq!(text.code, 0);
    assert!(text.stdout.contains("shares: "), "{}", text.stdout);
    // An id of no observation is refused (1); one that is not an id is a usage error (2).
    let unknown = cli(
        dir.path(),
        &[
            "--workspace",
            s,
            "similar",
            "00000000-0000-0000-0000-000000000000",
        ],
    );
    assert_eq!(unknown.code, 1, "{}", unknown.stderr);
    assert_eq!(
        cli(dir.path(), &["--workspace", s, "similar", "nope"]).code,
        2
    );
}

#[test]
fn share_sync_conflicts_and_settle_keep_two_copies_in_step_through_a_repository() {
    let dir = tempfile::tempdir().expect("tmp");
    let repo = dir.path().join("shared.git");
    let status = Command::new("git")
        .args(["init", "--quiet", "--bare", "--initial-branch=main"])
        .arg(&repo)
        .status()
        .expect("git");
    assert!(status.success());
    let r = repo.to_str().expect("utf-8");
    let a = dir.path().join("a.groundwork");
    let a = a.to_str().expect("utf-8");
    assert_eq!(cli(dir.path(), &["sample", "--out", a]).code, 0);

    // Not shared yet: sync says what to do (1).
    let run = cli(dir.path(), &["--workspace", a, "--json", "sync"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(json(&run.stderr)["kind"], "not_shared");

    let run = cli(
        dir.path(),
        &["--workspace", a, "--json", "share", "--repo", r],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let shared = json(&run.stdout);
    assert_eq!(shared["pushed"], true);
    assert!(shared["message"]
        .as_str()
        .expect("message")
        .contains("observations"));

    // A teammate's copy is made from the repository.
    let b = dir.path().join("b.groundwork");
    let b = b.to_str().expect("utf-8");
    let run = cli(dir.path(), &["--workspace", b, "share", "--repo", r]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // Both rename the same person: a conflict, kept until settled.
    let people = json(
        &cli(
            dir.path(),
            &["--workspace", a, "call", "list_people", "{\"query\": {}}"],
        )
        .stdout,
    );
    let first = &people.as_array().expect("people")[0];
    let id = first["id"].as_str().expect("id");
    for (ws, role) in [(a, "Staff engineer"), (b, "Principal engineer")] {
        let input =
            json!({ "id": id, "person": { "name": first["name"], "role": role } }).to_string();
        let run = cli(
            dir.path(),
            &["--workspace", ws, "call", "update_person", &input],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    assert_eq!(cli(dir.path(), &["--workspace", a, "sync"]).code, 0);
    let run = cli(dir.path(), &["--workspace", b, "--json", "sync"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json(&run.stdout)["conflicts"], 1);
    let listed = json(&cli(dir.path(), &["--workspace", b, "--json", "conflicts"]).stdout);
    let conflict = &listed.as_array().expect("conflicts")[0];
    assert_eq!(conflict["field"], "role");
    assert_eq!(conflict["kept"], "Principal engineer");
    assert_eq!(conflict["other"], "Staff engineer");

    let run = cli(
        dir.path(),
        &[
            "--workspace",
            b,
            "settle",
            conflict["id"].as_str().expect("id"),
        ],
    );
    assert_eq!(run.code, 2, "which value must be said: {}", run.stderr);
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            b,
            "settle",
            conflict["id"].as_str().expect("id"),
            "--take",
            "other",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(cli(dir.path(), &["--workspace", b, "sync"]).code, 0);
    assert_eq!(cli(dir.path(), &["--workspace", a, "sync"]).code, 0);
    let run = cli(dir.path(), &["--workspace", a, "conflicts"]);
    assert!(run.stdout.contains("No conflicts"), "{}", run.stdout);
    let person = json(
        &cli(
            dir.path(),
            &[
                "--workspace",
                a,
                "call",
                "get_person",
                &json!({ "id": id }).to_string(),
            ],
        )
        .stdout,
    );
    assert_eq!(person["role"], "Staff engineer");

    // check finds nothing pointing at nothing.
    let run = cli(dir.path(), &["--workspace", a, "--json", "check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json(&run.stdout)["dangling"], json!([]));

    // Offline: the work is committed here, and sync exits 4.
    std::fs::rename(&repo, dir.path().join("away.git")).expect("away");
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            a,
            "call",
            "create_team",
            &json!({ "team": { "name": "Search", "orgArea": "", "segment": "product" } })
                .to_string(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = cli(dir.path(), &["--workspace", a, "sync"]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(
        run.stderr.contains("waits for the next sync"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("Committed: Groundwork: 1 team"),
        "{}",
        run.stdout
    );
}

#[test]
fn candidates_group_what_no_pain_holds_and_are_refused_in_discovery() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, ws) = workspace(dir.path());
    let call = |op: &str, input: &str| -> Value {
        let run = cli(dir.path(), &["--workspace", &ws, "call", op, input]);
        assert_eq!(run.code, 0, "{op}: {}", run.stderr);
        json(&run.stdout)
    };
    let cycle = call("create_cycle", r#"{"name": "2027 H1"}"#)["id"].clone();
    for text in [
        "CI runners queue for forty minutes every morning",
        "Our builds wait in the runner queue for ages",
        "The runner queue is so long we batch merges",
        "Release notes template is hard to find",
    ] {
        let input = json!({ "observation": { "cycleId": cycle, "kind": "pain", "text": text } });
        call("create_observation", &input.to_string());
    }
    let refused = cli(dir.path(), &["--workspace", &ws, "--json", "candidates"]);
    assert_eq!(refused.code, 1, "{}", refused.stdout);
    assert_eq!(json(&refused.stderr)["kind"], "wrong_mode");

    call("advance_cycle", &json!({ "id": cycle }).to_string());
    let run = cli(
        dir.path(),
        &[
            "--workspace",
            &ws,
            "--json",
            "candidates",
            "--cycle",
            "2027 h1",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = json(&run.stdout);
    let found = found.as_array().expect("a list");
    assert_eq!(found.len(), 1, "the queue, not the template: {found:?}");
    assert_eq!(
        found[0]["observations"].as_array().expect("members").len(),
        3
    );
    assert!(found[0]["words"].to_string().contains("queue"));
    let text = cli(dir.path(), &["--workspace", &ws, "candidates"]);
    assert!(text.stdout.contains("3 observations"), "{}", text.stdout);
    assert!(text.stdout.contains("tied by: "), "{}", text.stdout);

    // Dismissed, it is not offered again.
    let key = found[0]["key"].as_str().expect("key");
    call(
        "dismiss_candidate",
        &json!({ "cycleId": cycle, "key": key }).to_string(),
    );
    let run = cli(dir.path(), &["--workspace", &ws, "candidates"]);
    assert!(run.stdout.contains("No candidate pains"), "{}", run.stdout);
}
