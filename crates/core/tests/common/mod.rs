//! The world prioritization tests share: a store on a fixed clock with one cycle,
//! and the few steps that fill it.
#![allow(dead_code)] // each test file uses some of it

use chrono::{NaiveDate, TimeZone, Utc};
use groundwork_core::*;
use std::sync::Arc;
use uuid::Uuid;

pub struct World {
    pub store: Store,
    pub clock: Arc<FixedClock>,
    pub cycle: Cycle,
}

pub fn world() -> World {
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
            .single()
            .expect("time"),
    ));
    let store = Store::open_in_memory(clock.clone()).expect("store");
    let cycle = store
        .write(|tx| tx.create_cycle("2027 H1 planning"))
        .expect("cycle");
    World {
        store,
        clock,
        cycle,
    }
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
