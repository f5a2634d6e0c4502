//! Makes a realistic synthetic workspace for benchmarks and manual testing.
//!
//! ```text
//! cargo run --release -p groundwork-core --example generate_workspace -- \
//!     --out /tmp/big.groundwork --sessions 10000 [--cycles 3] [--seed 42] \
//!     [--observations 100000] [--people 300]
//! cargo run --release -p groundwork-core --example generate_workspace -- --out /tmp/s.groundwork --sample
//! ```
//!
//! With `--observations`, people (in teams) take part in sessions and observations are
//! cut from the sessions' notes (each keeps its passage), attributed and tagged, so
//! the full-text index and the observation list can be measured at size.
//! `--sample` writes the sample workspace the welcome screen offers.
//!
//! The file is created through `Store::open` (so it has the real schema, pragmas
//! and application id); cycles are made with `create_cycle` (the first becomes the
//! current cycle and holds most sessions), then every session and link is inserted
//! in one transaction on the raw connection, which is what makes 10,000 sessions
//! take well under a second. Sessions cover all 14 source kinds, with plausible
//! titles, participants, links, Markdown notes of 0.5–3 KB and dates over the
//! past year. The same seed gives the same content (ids and times aside).
//! An existing file is never overwritten.

use chrono::{Duration, NaiveDate, SecondsFormat, TimeZone, Utc};
use groundwork_core::{OpenMode, SourceKind, Store, SystemClock};
use rusqlite::params;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

const USAGE: &str = "Usage: generate_workspace --out FILE --sessions N [--cycles K] [--seed S]
                          [--observations M] [--people P]
       generate_workspace --out FILE --sample

  --out FILE      the workspace file to create (refused if it exists)
  --sessions N    how many sessions to make (0 makes an empty workspace with cycles)
  --cycles K      how many cycles (default 1; the first is current and holds most
                  sessions, older ones are closed history). 0 with --sessions 0
                  makes a completely empty workspace.
  --seed S        seed for the content (default 1)
  --observations M  observations cut from the sessions' notes (default 0)
  --people P      people in the register, in teams (default 300 with sessions, else 0)
  --sample        write the sample workspace instead";

struct Args {
    out: PathBuf,
    sessions: usize,
    cycles: usize,
    seed: u64,
    observations: usize,
    people: usize,
    sample: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut out = None;
    let mut sessions = None;
    let mut cycles = 1usize;
    let mut seed = 1u64;
    let mut observations = 0usize;
    let mut people: Option<usize> = None;
    let mut sample = false;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--sessions" => {
                sessions = Some(
                    value("--sessions")?
                        .parse()
                        .map_err(|e| format!("--sessions: {e}"))?,
                )
            }
            "--cycles" => {
                cycles = value("--cycles")?
                    .parse()
                    .map_err(|e| format!("--cycles: {e}"))?
            }
            "--seed" => {
                seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--observations" => {
                observations = value("--observations")?
                    .parse()
                    .map_err(|e| format!("--observations: {e}"))?
            }
            "--people" => {
                people = Some(
                    value("--people")?
                        .parse()
                        .map_err(|e| format!("--people: {e}"))?,
                )
            }
            "--sample" => sample = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let out = out.ok_or("--out is required")?;
    let sessions = if sample {
        0
    } else {
        sessions.ok_or("--sessions is required")?
    };
    // People take part in sessions: none unless there are sessions (an empty workspace is empty).
    let people = people.unwrap_or(if sessions > 0 { 300 } else { 0 });
    if observations > 0 && (sessions == 0 || people == 0) {
        return Err("observations are cut from sessions and need people".into());
    }
    if cycles == 0 && sessions > 0 {
        return Err("sessions need at least one cycle (--cycles 1 or more)".into());
    }
    Ok(Args {
        out,
        sessions,
        cycles,
        seed,
        observations,
        people,
        sample,
    })
}

/// SplitMix64: small, fast, deterministic; no dependency needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const FIRST: &[&str] = &[
    "Aisha", "Ben", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
    "Lars", "Maya", "Nikhil", "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Victor",
    "Wen", "Ximena", "Yusuf", "Zoe", "Priya", "Mateo", "Hannah", "Kwame",
];
const LAST: &[&str] = &[
    "Okafor",
    "Schmidt",
    "Nakamura",
    "Rossi",
    "Haddad",
    "Kowalski",
    "Lindqvist",
    "Mensah",
    "Silva",
    "Chen",
    "Novak",
    "Dubois",
    "Patel",
    "Garcia",
    "Ivanova",
    "Brennan",
    "Yilmaz",
    "Andersen",
];
const TEAMS: &[&str] = &[
    "payments",
    "checkout",
    "search",
    "identity",
    "data platform",
    "mobile",
    "growth",
    "billing",
    "fulfilment",
    "risk",
    "notifications",
    "ML platform",
    "SRE",
    "security",
    "developer experience",
    "analytics",
    "catalog",
    "support tooling",
];
const TOPICS: &[&str] = &[
    "deploy pipeline",
    "CI wait times",
    "Kubernetes upgrades",
    "service templates",
    "secrets rotation",
    "on-call load",
    "observability costs",
    "feature flags",
    "database migrations",
    "local dev setup",
    "golden paths",
    "incident tooling",
    "cost dashboards",
    "build caching",
    "preview environments",
    "SLO reporting",
    "dependency updates",
    "API gateway",
    "message queues",
    "access requests",
];
const VENDORS: &[&str] = &["AWS", "GCP", "Azure", "Cloudflare", "Fly.io", "Hetzner"];
const PROJECTS: &[&str] = &[
    "Backstage",
    "Argo CD",
    "Crossplane",
    "OpenTelemetry",
    "Dagger",
    "Tekton",
    "Flux",
    "Renovate",
    "Temporal",
    "Grafana Tempo",
    "Buildkite agents",
    "Earthly",
];
const PEERS: &[&str] = &[
    "Northwind",
    "Contoso",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Vandelay",
];

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

/// How many people take part in a session of `kind`.
fn participants(rng: &mut Rng, kind: SourceKind) -> usize {
    match kind {
        SourceKind::AcademicResearch
        | SourceKind::IndustryResearch
        | SourceKind::OpenSourceScan => {
            if rng.chance(60) {
                return 0;
            }
            1
        }
        SourceKind::DiscussionGroup
        | SourceKind::CustomerAdvisoryGroup
        | SourceKind::TeamBrainstorm => rng.range(3, 7),
        SourceKind::CoffeeChat => rng.range(1, 2),
        _ => rng.range(1, 4),
    }
}

fn title(rng: &mut Rng, kind: SourceKind) -> String {
    let team = rng.pick(TEAMS);
    let topic = rng.pick(TOPICS);
    match kind {
        SourceKind::SlaConversation => format!("SLA review with {team}: {topic}"),
        SourceKind::UserSurvey => format!("Developer survey wave {}: {topic}", rng.range(1, 6)),
        SourceKind::CoffeeChat => format!("Coffee chat with {} ({team})", rng.pick(FIRST)),
        SourceKind::DiscussionGroup => format!("Discussion group on {topic}"),
        SourceKind::CustomerAdvisoryGroup => {
            format!("Advisory group #{}: {topic}", rng.range(1, 24))
        }
        SourceKind::PeerCompanyChat => format!("How {} runs {topic}", rng.pick(PEERS)),
        SourceKind::AcademicResearch => format!("Paper notes: {topic} at scale"),
        SourceKind::IndustryResearch => format!("Industry report on {topic}"),
        SourceKind::OpenSourceScan => format!("{} evaluation for {topic}", rng.pick(PROJECTS)),
        SourceKind::CloudVendorScan => format!("{} offering for {topic}", rng.pick(VENDORS)),
        SourceKind::TeamBrainstorm => format!("Brainstorm: fixing {topic}"),
        SourceKind::StakeholderFeedback => format!("Feedback from {team} leadership on {topic}"),
        SourceKind::SupportTicketReview => {
            format!("Ticket review: {} {topic} tickets", rng.range(8, 120))
        }
        SourceKind::MetricsReview => {
            format!("Metrics review: {topic} ({} weeks)", rng.range(2, 12))
        }
    }
}

const OBSERVATIONS: &[&str] = &[
    "Teams wait on average **{n} minutes** for {topic}, and most of that is queueing, not work.",
    "The {team} team built their own workaround for {topic}; it is undocumented and only one person understands it.",
    "Nobody owns {topic} end to end, so problems bounce between three teams before anyone acts.",
    "{name} said the docs for {topic} are \"fine once you already know how it works\".",
    "Roughly {n}% of incidents last quarter touched {topic} in some way.",
    "The `{topic}` path works for new services but breaks for anything older than two years.",
    "People like the self-service flow but do not trust it for production changes yet.",
    "Two squads asked for the same thing independently: a clear owner and a status page for {topic}.",
    "Costs for {topic} grew {n}% year over year without anyone noticing until the budget review.",
    "The {team} team is happy with {topic} today; their pain is elsewhere (mostly reviews and approvals).",
];
const QUOTES: &[&str] = &[
    "I don't want a new tool, I want the old one to stop surprising me.",
    "If I could delete one thing from my week it would be chasing approvals.",
    "We tried to fix {topic} ourselves twice and gave up both times.",
    "Honestly the biggest win would be knowing who to ask.",
    "It's not slow, it's unpredictable — that's worse.",
];
const FOLLOW_UPS: &[&str] = &[
    "Share the {topic} dashboard with {name}",
    "Ask {team} for their incident write-ups from last quarter",
    "Check whether the survey numbers match what we heard here",
    "Draft a one-pager on owning {topic}",
    "Book a follow-up in three weeks",
    "Compare with what {peer} told us",
];

fn fill(rng: &mut Rng, template: &str) -> String {
    template
        .replace("{topic}", rng.pick(TOPICS))
        .replace("{team}", rng.pick(TEAMS))
        .replace("{name}", rng.pick(FIRST))
        .replace("{peer}", rng.pick(PEERS))
        .replace("{n}", &rng.range(3, 60).to_string())
}

fn fill_from(rng: &mut Rng, templates: &[&str]) -> String {
    let template = rng.pick(templates);
    fill(rng, template)
}

/// Markdown notes of roughly `target` bytes, shaped like real session notes.
fn notes(rng: &mut Rng, kind: SourceKind, title: &str) -> String {
    let target = rng.range(512, 2850);
    let mut md = String::with_capacity(target + 400);
    // Real notes rarely repeat the title; a few start with a heading of their own.
    if rng.chance(25) {
        md.push_str(&format!("# Notes: {}\n\n", title.to_lowercase()));
    }
    md.push_str(&format!(
        "_{}_ — context: {}.\n\n",
        kind.label(),
        fill(rng, "{team} team, focus on {topic}")
    ));
    md.push_str("## What we heard\n\n");
    while md.len() < target * 2 / 3 {
        md.push_str(&format!("- {}\n", fill_from(rng, OBSERVATIONS)));
        if rng.chance(20) {
            md.push_str(&format!("\n> {}\n\n", fill_from(rng, QUOTES)));
        }
    }
    md.push_str("\n## Follow-ups\n\n");
    for _ in 0..rng.range(1, 4) {
        let done = if rng.chance(30) { "x" } else { " " };
        md.push_str(&format!("- [{done}] {}\n", fill_from(rng, FOLLOW_UPS)));
    }
    if rng.chance(40) {
        md.push_str(&format!(
            "\nSee also [the {} notes](https://wiki.example.com/platform/{}).\n",
            rng.pick(TOPICS),
            rng.range(100, 9999)
        ));
    }
    while md.len() < target {
        md.push_str(&format!("\n{}\n", fill_from(rng, OBSERVATIONS)));
    }
    md
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("error: {msg}\n");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let started = Instant::now();
    // symlink_metadata: a dangling symlink is "something there" too.
    if std::fs::symlink_metadata(&args.out).is_ok() {
        return Err(format!(
            "{} already exists; refusing to overwrite it",
            args.out.display()
        ));
    }
    for suffix in ["-wal", "-shm"] {
        let mut side = args.out.clone().into_os_string();
        side.push(suffix);
        if std::fs::symlink_metadata(&side).is_ok() {
            return Err(format!(
                "{} exists (left from an earlier workspace); remove it first",
                PathBuf::from(side).display()
            ));
        }
    }

    if args.sample {
        groundwork_core::sample::write_sample(&args.out, Arc::new(SystemClock))
            .map_err(|e| e.to_string())?;
        println!("created the sample workspace {}", args.out.display());
        return Ok(());
    }

    let store = Store::open(&args.out, OpenMode::CreateNew, Arc::new(SystemClock))
        .map_err(|e| format!("could not create the workspace: {e}"))?;

    // Cycles: the first created is current; the rest are older, closed history.
    let mut cycles = Vec::with_capacity(args.cycles);
    let this_year = Utc::now()
        .date_naive()
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .unwrap_or(2026);
    for i in 0..args.cycles {
        let half = if i % 2 == 0 { "H1" } else { "H2" };
        let name = format!("{} {half} planning", this_year + 1 - (i as i32 + 1) / 2);
        let cycle = store
            .write(|tx| tx.create_cycle(&name))
            .map_err(|e| format!("could not create cycle {name:?}: {e}"))?;
        cycles.push(cycle.id);
    }

    let mut rng = Rng(args.seed ^ 0x005E_ED0F_6A0D);
    let today = Utc::now().date_naive();
    let mut bytes_of_notes = 0usize;
    let mut links = 0usize;
    let mut per_kind = [0usize; 14];

    store.with_connection(|conn| -> Result<(), String> {
    let tx = conn.transaction().map_err(|e| e.to_string())?;
    {
        if cycles.len() > 1 {
            let mut close = tx
                .prepare("UPDATE cycle SET mode = 'closed' WHERE id = ?1")
                .map_err(|e| e.to_string())?;
            for id in &cycles[1..] {
                close.execute([id.to_string()]).map_err(|e| e.to_string())?;
            }
        }
        let now = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
        let mut team_ids = Vec::new();
        if args.people > 0 {
            let mut insert_team = tx
                .prepare("INSERT INTO team (id, name, segment, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)")
                .map_err(|e| e.to_string())?;
            for (i, team) in TEAMS.iter().enumerate() {
                let id = uuid::Uuid::now_v7().to_string();
                let segment = [
                    "Product engineering",
                    "Data & ML",
                    "Mobile",
                    "Internal tools",
                ][i % 4];
                insert_team
                    .execute(params![id, team, segment, now])
                    .map_err(|e| e.to_string())?;
                team_ids.push(id);
            }
        }
        let mut person_ids = Vec::with_capacity(args.people);
        {
            let mut insert_person = tx
                .prepare("INSERT INTO person (id, name, team_id, role, created_at, updated_at) VALUES (?1, ?2, ?3, 'Engineer', ?4, ?4)")
                .map_err(|e| e.to_string())?;
            for i in 0..args.people {
                let id = uuid::Uuid::now_v7().to_string();
                insert_person
                    .execute(params![
                        id,
                        format!("{} {i}", person(&mut rng)),
                        team_ids[i % team_ids.len()],
                        now
                    ])
                    .map_err(|e| e.to_string())?;
                person_ids.push(id);
            }
        }
        let mut tag_ids = Vec::new();
        if args.observations > 0 {
            let mut insert_tag = tx
                .prepare(
                    "INSERT INTO tag (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                )
                .map_err(|e| e.to_string())?;
            for topic in TOPICS {
                let id = uuid::Uuid::now_v7().to_string();
                insert_tag
                    .execute(params![id, topic, now])
                    .map_err(|e| e.to_string())?;
                tag_ids.push(id);
            }
        }
        let mut link_person = tx
            .prepare("INSERT OR IGNORE INTO session_person (session_id, person_id, position) VALUES (?1, ?2, ?3)")
            .map_err(|e| e.to_string())?;
        // (id, cycle, date, notes, people) of every session, to cut observations from.
        let mut made: Vec<(String, String, String, String, Vec<usize>)> = Vec::new();
        let mut insert = tx
            .prepare(
                "INSERT INTO session (id, cycle_id, kind, title, held_on, participants, notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .map_err(|e| e.to_string())?;
        let mut insert_link = tx
            .prepare("INSERT INTO session_link (session_id, position, url, label) VALUES (?1, ?2, ?3, ?4)")
            .map_err(|e| e.to_string())?;
        for i in 0..args.sessions {
            // Most sessions in the current cycle; older cycles hold the rest.
            let cycle = if cycles.len() == 1 || rng.chance(70) {
                cycles[0]
            } else {
                cycles[1 + rng.below(cycles.len() - 1)]
            };
            // All 14 kinds appear; coffee chats and surveys are the most common.
            let kind = if i < SourceKind::ALL.len() {
                SourceKind::ALL[i]
            } else if rng.chance(25) {
                [
                    SourceKind::CoffeeChat,
                    SourceKind::UserSurvey,
                    SourceKind::StakeholderFeedback,
                ][rng.below(3)]
            } else {
                SourceKind::ALL[rng.below(SourceKind::ALL.len())]
            };
            per_kind[SourceKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)] += 1;
            let held_on: NaiveDate = today - Duration::days(rng.below(365) as i64);
            let created = Utc.from_utc_datetime(&held_on.and_hms_opt(9, 0, 0).unwrap_or_default())
                + Duration::minutes(rng.range(0, 10 * 60) as i64);
            let updated = created + Duration::minutes(rng.range(0, 3 * 24 * 60) as i64);
            let updated = updated.min(Utc::now());
            let id = uuid::Uuid::new_v7(uuid::Timestamp::from_unix(
                uuid::NoContext,
                created.timestamp() as u64,
                created.timestamp_subsec_nanos(),
            ));
            let title = title(&mut rng, kind);
            let notes = notes(&mut rng, kind, &title);
            bytes_of_notes += notes.len();
            insert
                .execute(params![
                    id.to_string(),
                    cycle.to_string(),
                    kind.as_str(),
                    title,
                    held_on.format("%Y-%m-%d").to_string(),
                    "",
                    notes,
                    created.to_rfc3339_opts(SecondsFormat::Millis, true),
                    updated.to_rfc3339_opts(SecondsFormat::Millis, true),
                ])
                .map_err(|e| e.to_string())?;
            let mut who = Vec::new();
            if !person_ids.is_empty() {
                for pos in 0..participants(&mut rng, kind) {
                    let p = rng.below(person_ids.len());
                    link_person
                        .execute(params![id.to_string(), person_ids[p], pos as i64])
                        .map_err(|e| e.to_string())?;
                    who.push(p);
                }
            }
            if args.observations > 0 {
                made.push((
                    id.to_string(),
                    cycle.to_string(),
                    held_on.format("%Y-%m-%d").to_string(),
                    notes.clone(),
                    who,
                ));
            }
            for pos in 0..rng.below(4) {
                let (url, label) = match rng.below(3) {
                    0 => (
                        format!("https://docs.example.com/d/{:x}", rng.next() >> 16),
                        "Notes doc",
                    ),
                    1 => (
                        format!("https://tickets.example.com/PLAT-{}", rng.range(100, 9999)),
                        "Ticket",
                    ),
                    _ => (
                        format!("https://recordings.example.com/r/{:x}", rng.next() >> 20),
                        "Recording",
                    ),
                };
                insert_link
                    .execute(params![id.to_string(), pos as i64, url, label])
                    .map_err(|e| e.to_string())?;
                links += 1;
            }
        }
        drop(insert);
        drop(insert_link);
        drop(link_person);
        let mut insert_obs = tx
            .prepare(
                "INSERT INTO observation (id, cycle_id, session_id, kind, text, passage, passage_start,
                                          passage_state, observed_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, 'found', ?7, ?8, ?8)",
            )
            .map_err(|e| e.to_string())?;
        let mut obs_person = tx
            .prepare("INSERT OR IGNORE INTO observation_person (observation_id, person_id) VALUES (?1, ?2)")
            .map_err(|e| e.to_string())?;
        let mut obs_tag = tx
            .prepare(
                "INSERT OR IGNORE INTO observation_tag (observation_id, tag_id) VALUES (?1, ?2)",
            )
            .map_err(|e| e.to_string())?;
        for _ in 0..args.observations {
            let (session, cycle, held_on, notes, who) = &made[rng.below(made.len())];
            // A passage: one line of the notes, as a PM would select it.
            let lines: Vec<&str> = notes.lines().filter(|l| l.trim().len() > 20).collect();
            let Some(line) = lines.get(rng.below(lines.len())).copied() else {
                continue;
            };
            let passage = line.trim();
            let start = notes
                .find(passage)
                .map_or(0, |b| notes[..b].encode_utf16().count());
            let id = uuid::Uuid::now_v7().to_string();
            let kind = ["pain", "pain", "quote", "request", "idea", "fact"][rng.below(6)];
            insert_obs
                .execute(params![
                    id,
                    cycle,
                    session,
                    kind,
                    passage,
                    start as i64,
                    held_on,
                    now
                ])
                .map_err(|e| e.to_string())?;
            let speaker = match who.first() {
                Some(p) if rng.chance(80) => *p,
                _ => rng.below(person_ids.len()),
            };
            obs_person
                .execute(params![id, person_ids[speaker]])
                .map_err(|e| e.to_string())?;
            for _ in 0..rng.below(3) {
                obs_tag
                    .execute(params![id, tag_ids[rng.below(tag_ids.len())]])
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    tx.commit().map_err(|e| e.to_string())?;
    // Fold the WAL into the main file so the workspace is one self-contained file.
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .map_err(|e| e.to_string())?;
    Ok(())
    })?;
    drop(store);

    let size = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
    println!(
        "created {}: {} cycle(s), {} session(s), {} people, {} observation(s), {} link(s), {:.1} MiB of notes (avg {} B), file {:.1} MiB, in {:.2} s",
        args.out.display(),
        cycles.len(),
        args.sessions,
        args.people,
        args.observations,
        links,
        bytes_of_notes as f64 / (1024.0 * 1024.0),
        bytes_of_notes.checked_div(args.sessions).unwrap_or(0),
        size as f64 / (1024.0 * 1024.0),
        started.elapsed().as_secs_f64()
    );
    if args.sessions > 0 {
        let kinds: Vec<String> = SourceKind::ALL
            .iter()
            .zip(per_kind)
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| format!("{}={n}", k.as_str()))
            .collect();
        println!("kinds: {}", kinds.join(" "));
    }
    Ok(())
}
