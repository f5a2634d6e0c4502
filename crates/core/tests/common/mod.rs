//! The one fixture core tests share: a workspace in memory on a fixed clock, empty
//! (`empty_on`) or with one cycle (`world_on`), and the few steps that fill it. An
//! area's own test files add the helpers only they need.
#![allow(dead_code)] // each test file uses some of it

use chrono::{NaiveDate, TimeZone, Utc};
use groundwork_core::*;
use std::sync::Arc;
use uuid::Uuid;

/// A workspace in memory on a fixed clock, with nothing in it.
pub struct Empty {
    pub store: Store,
    pub clock: Arc<FixedClock>,
}

/// A workspace in memory on a fixed clock, with one cycle in discovery.
pub struct World {
    pub store: Store,
    pub clock: Arc<FixedClock>,
    pub cycle: Cycle,
}

/// 09:00 UTC on the given day: the clock every core test pins.
pub fn clock_on(year: i32, month: u32, day: u32) -> Arc<FixedClock> {
    Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(year, month, day, 9, 0, 0)
            .single()
            .expect("time"),
    ))
}

/// An empty workspace whose clock reads 09:00 on the given day.
pub fn empty_on(year: i32, month: u32, day: u32) -> Empty {
    let clock = clock_on(year, month, day);
    let store = Store::open_in_memory(clock.clone()).expect("store");
    Empty { store, clock }
}

/// A workspace with the cycle "2027 H1 planning", its clock at 09:00 on the given day.
pub fn world_on(year: i32, month: u32, day: u32) -> World {
    let Empty { store, clock } = empty_on(year, month, day);
    let cycle = store
        .write(|tx| tx.create_cycle("2027 H1 planning"))
        .expect("cycle");
    World {
        store,
        clock,
        cycle,
    }
}

/// The world of prioritization's tests: 1 December 2026.
pub fn world() -> World {
    world_on(2026, 12, 1)
}

impl World {
    pub fn team(&self, name: &str, segment: &str) -> Uuid {
        self.store
            .write(|tx| {
                tx.create_team(&TeamInput {
                    name: name.into(),
                    org_area: String::new(),
                    segment: segment.into(),
                })
            })
            .expect("team")
            .id
    }

    pub fn person(&self, name: &str, team: Option<Uuid>, relation: Relation) -> Uuid {
        self.store
            .write(|tx| {
                tx.create_person(&PersonInput {
                    name: name.into(),
                    team_id: team,
                    relation,
                    ..Default::default()
                })
            })
            .expect("person")
            .summary
            .id
    }

    /// An observation said by `people` in a new session of `kind`.
    pub fn heard(&self, kind: SourceKind, text: &str, people: &[Uuid]) -> Uuid {
        let session = self
            .store
            .write(|tx| {
                tx.create_session(&NewSession {
                    cycle_id: self.cycle.id,
                    kind,
                    title: format!("{} about {text}", kind.label()),
                    held_on: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
                    people: people.to_vec(),
                    links: vec![],
                    tags: vec![],
                    notes: Some(text.into()),
                })
            })
            .expect("session");
        self.store
            .write(|tx| {
                tx.create_observation(&NewObservation {
                    session_id: Some(session.id),
                    kind: ObservationKind::Pain,
                    passage: Some(text.into()),
                    passage_start: Some(0),
                    people: people.to_vec(),
                    ..Default::default()
                })
            })
            .expect("observation")
            .id
    }

    pub fn prioritize(&self) {
        self.store
            .write(|tx| tx.advance_cycle(self.cycle.id))
            .expect("to prioritization");
    }

    pub fn pain(&self, statement: &str, evidence: &[Uuid]) -> Pain {
        self.store
            .write(|tx| {
                tx.create_pain(
                    self.cycle.id,
                    &PainInput {
                        statement: statement.into(),
                        severity: None,
                        evidence: evidence
                            .iter()
                            .map(|o| EvidenceLink {
                                observation_id: *o,
                                ..Default::default()
                            })
                            .collect(),
                    },
                )
            })
            .expect("pain")
    }
}

pub fn rice(impact: f64, confidence: f64, effort: f64) -> ScoreInputs {
    ScoreInputs {
        impact: Some(impact),
        confidence: Some(confidence),
        effort: Some(effort),
        ..Default::default()
    }
}

/// Every table a folder of records (and a shared repository) holds, each as its rows
/// in order: what a round trip keeps and what replicas must agree on.
pub fn tables(
    store: &Store,
) -> std::collections::BTreeMap<String, Vec<Vec<rusqlite::types::Value>>> {
    use groundwork_core::store::folder::LOCAL_TABLES;
    use rusqlite::types::Value;
    store.with_connection(|conn| {
        let names: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                 AND name NOT LIKE 'search_index%' AND name <> 'schema_migration'",
            )
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("tables");
        names
            .into_iter()
            .filter(|name: &String| !LOCAL_TABLES.contains(&name.as_str()))
            .map(|name| {
                let mut stmt = conn
                    .prepare(&format!("SELECT * FROM \"{name}\""))
                    .expect("select");
                let n = stmt.column_count();
                let mut rows: Vec<Vec<Value>> = stmt
                    .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
                    .expect("rows")
                    .collect::<Result<_, _>>()
                    .expect("rows");
                rows.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
                (name, rows)
            })
            .collect()
    })
}
