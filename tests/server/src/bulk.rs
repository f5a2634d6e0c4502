//! Many rows at once, for the journeys of long lists: written straight into the tables
//! in one transaction (the triggers keep the search index), as an import would.

use groundwork_core::Store;
use serde_json::Value;

const KINDS: [&str; 4] = [
    "coffee_chat",
    "sla_conversation",
    "user_survey",
    "team_brainstorm",
];
const OBSERVATION_KINDS: [&str; 5] = ["quote", "pain", "request", "idea", "fact"];
const PEOPLE: [&str; 20] = [
    "Ada Okafor",
    "Ben Tran",
    "Chen Wei",
    "Dara Nolan",
    "Eli Moreau",
    "Fatima Idris",
    "Gus Lindqvist",
    "Hana Sato",
    "Ivo Petrov",
    "Jun Park",
    "Kofi Mensah",
    "Lena Vogel",
    "Mara Costa",
    "Nils Berg",
    "Omar Haddad",
    "Pia Keller",
    "Quinn Avery",
    "Rosa Diaz",
    "Sam Osei",
    "Tara Byrne",
];
const TAGS: [&str; 10] = [
    "flaky tests",
    "ci/cd",
    "observability",
    "kubernetes",
    "onboarding",
    "cost",
    "security",
    "docs",
    "deploys",
    "on-call",
];
const TEXTS: [&str; 10] = [
    "Builds wait in the queue for too long",
    "Flaky tests block merges to main",
    "Nobody knows who owns the staging cluster",
    "Deploys need a manual approval at night",
    "Dashboards miss the numbers teams ask for",
    "Onboarding a new service takes two weeks",
    "Cloud costs are hard to attribute to teams",
    "Secrets rotation is done by hand",
    "The docs for the deploy tool are out of date",
    "On-call pages fire for things nobody can fix",
];

fn day_before(day: &str, days: i64) -> String {
    chrono_day(day)
        .and_then(|d| d.checked_sub_days(chrono::Days::new(days as u64)))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| day.to_owned())
}

fn chrono_day(day: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// `count` sessions in a cycle, kinds round-robin, "Session <n>" with n = 1 the oldest,
/// one a day back from `lastDay`; every third with Priya and Tom, every other with notes.
pub fn sessions(store: &Store, body: &Value) -> Result<usize, String> {
    let cycle = body["cycle"].as_str().ok_or("a cycle id")?.to_owned();
    let count = body["count"].as_u64().ok_or("a count")? as usize;
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let last_day = body["lastDay"].as_str().unwrap_or(&today).to_owned();
    let prefix = body["titlePrefix"].as_str().unwrap_or("Session").to_owned();
    let kinds: Vec<String> = body["kinds"]
        .as_array()
        .map(|k| {
            k.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_else(|| KINDS.iter().map(|k| (*k).to_owned()).collect());
    store.with_connection(|conn| -> Result<usize, String> {
        let tx = conn.transaction().map_err(|e| e.to_string())?;
        let at = now();
        let mut pair = Vec::new();
        for name in ["Priya (Payments)", "Tom (SRE)"] {
            let pid = id();
            tx.execute(
                "INSERT INTO person (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                [&pid, name, &at],
            )
            .map_err(|e| e.to_string())?;
            pair.push(pid);
        }
        {
            let mut session = tx
                .prepare(
                    "INSERT INTO session (id, cycle_id, kind, title, held_on, notes, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                )
                .map_err(|e| e.to_string())?;
            let mut person = tx
                .prepare("INSERT INTO session_person (session_id, person_id, position) VALUES (?1, ?2, ?3)")
                .map_err(|e| e.to_string())?;
            for i in 0..count {
                let sid = id();
                let notes = if i % 2 == 0 {
                    format!("Notes for session {}: the refund flow takes too long.", i + 1)
                } else {
                    String::new()
                };
                session
                    .execute(rusqlite::params![
                        sid,
                        cycle,
                        kinds[i % kinds.len()],
                        format!("{prefix} {}", i + 1),
                        day_before(&last_day, (count - 1 - i) as i64),
                        notes,
                        at
                    ])
                    .map_err(|e| e.to_string())?;
                if i % 3 == 0 {
                    for (p, pid) in pair.iter().enumerate() {
                        person
                            .execute(rusqlite::params![sid, pid, p as i64])
                            .map_err(|e| e.to_string())?;
                    }
                }
            }
        }
        tx.commit().map_err(|e| e.to_string())?;
        Ok(count)
    })
}

/// `count` observations typed directly in a cycle: kinds, people and tags round-robin,
/// "<text> (#n)" with n = 1 the oldest, a few hundred a day back from today. One
/// `INSERT … SELECT` over a counter, so SQLite loops (100,000 rows in a second or two,
/// even in a debug build).
pub fn observations(store: &Store, body: &Value) -> Result<usize, String> {
    let cycle = body["cycle"].as_str().ok_or("a cycle id")?.to_owned();
    let count = body["count"].as_u64().ok_or("a count")? as i64;
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let per_day = (count + 364) / 365;
    store.with_connection(|conn| -> Result<usize, String> {
        let tx = conn.transaction().map_err(|e| e.to_string())?;
        let at = now();
        let sql = |e: rusqlite::Error| e.to_string();
        tx.execute_batch(
            "CREATE TEMP TABLE bulk_person (k INTEGER PRIMARY KEY, id TEXT);
             CREATE TEMP TABLE bulk_tag (k INTEGER PRIMARY KEY, id TEXT);
             CREATE TEMP TABLE bulk_text (k INTEGER PRIMARY KEY, text TEXT);
             CREATE TEMP TABLE bulk_kind (k INTEGER PRIMARY KEY, kind TEXT);",
        )
        .map_err(sql)?;
        for (k, name) in PEOPLE.iter().enumerate() {
            let pid = id();
            tx.execute(
                "INSERT INTO person (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                rusqlite::params![pid, name, at],
            )
            .map_err(sql)?;
            tx.execute("INSERT INTO bulk_person VALUES (?1, ?2)", rusqlite::params![k as i64, pid])
                .map_err(sql)?;
        }
        for (k, name) in TAGS.iter().enumerate() {
            let tid = id();
            tx.execute(
                "INSERT INTO tag (id, name, colour, created_at, updated_at) VALUES (?1, ?2, '#2563eb', ?3, ?3)",
                rusqlite::params![tid, name, at],
            )
            .map_err(sql)?;
            tx.execute("INSERT INTO bulk_tag VALUES (?1, ?2)", rusqlite::params![k as i64, tid])
                .map_err(sql)?;
        }
        for (k, text) in TEXTS.iter().enumerate() {
            tx.execute("INSERT INTO bulk_text VALUES (?1, ?2)", rusqlite::params![k as i64, text])
                .map_err(sql)?;
        }
        for (k, kind) in OBSERVATION_KINDS.iter().enumerate() {
            tx.execute("INSERT INTO bulk_kind VALUES (?1, ?2)", rusqlite::params![k as i64, kind])
                .map_err(sql)?;
        }
        // UUIDv7-shaped ids from this run's time and the counter: unique and ordered.
        let prefix = format!("{:012x}", chrono::Utc::now().timestamp_millis());
        tx.execute(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?2)
             INSERT INTO observation (id, cycle_id, kind, text, observed_on, created_at, updated_at)
             SELECT printf('%s-%s-7000-8000-%012x', substr(?5, 1, 8), substr(?5, 9, 4), i), ?1,
                    (SELECT kind FROM bulk_kind WHERE k = i % 5),
                    (SELECT text FROM bulk_text WHERE k = i % 10) || ' (#' || (i + 1) || ')',
                    date(?3, '-' || ((?2 - 1 - i) / ?4) || ' days'), ?6, ?6
             FROM n",
            rusqlite::params![cycle, count, today, per_day, prefix, at],
        )
        .map_err(sql)?;
        tx.execute(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?1)
             INSERT INTO observation_person (observation_id, person_id)
             SELECT printf('%s-%s-7000-8000-%012x', substr(?2, 1, 8), substr(?2, 9, 4), i),
                    (SELECT id FROM bulk_person WHERE k = i % 20)
             FROM n",
            rusqlite::params![count, prefix],
        )
        .map_err(sql)?;
        tx.execute(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?1)
             INSERT OR IGNORE INTO observation_tag (observation_id, tag_id)
             SELECT printf('%s-%s-7000-8000-%012x', substr(?2, 1, 8), substr(?2, 9, 4), i),
                    (SELECT id FROM bulk_tag WHERE k = i % 10) FROM n
             UNION ALL
             SELECT printf('%s-%s-7000-8000-%012x', substr(?2, 1, 8), substr(?2, 9, 4), i),
                    (SELECT id FROM bulk_tag WHERE k = (i + 3) % 10) FROM n WHERE i % 3 = 0",
            rusqlite::params![count, prefix],
        )
        .map_err(sql)?;
        tx.execute_batch("DROP TABLE bulk_person; DROP TABLE bulk_tag; DROP TABLE bulk_text; DROP TABLE bulk_kind;")
            .map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(count as usize)
    })
}
