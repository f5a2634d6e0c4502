//! Coverage of a cycle's discovery: which channels were used and how often, which
//! teams and segments have not been heard from, how much each person was asked, and
//! what the support queue says (tickets per component and month, response times).

use crate::discovery::person::{PeopleQuery, PersonSummary};
use crate::store::db::Db;
use crate::store::error::DomainError;
use crate::store::kind::SourceKind;
use crate::store::row::RowExt;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

/// How often a channel was used in the cycle.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChannelUse {
    pub kind: SourceKind,
    pub sessions: u32,
    #[ts(type = "string | null")]
    pub last_held: Option<NaiveDate>,
}

/// Whether a team was heard from in the cycle.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamHeard {
    pub team_id: Uuid,
    pub name: String,
    pub segment: String,
    /// Sessions of the cycle with someone of the team.
    pub sessions: u32,
    /// Observations of the cycle attributed to someone of the team.
    pub observations: u32,
}

/// Whether a customer segment was heard from in the cycle.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SegmentHeard {
    pub segment: String,
    pub teams: u32,
    pub teams_heard: u32,
}

/// The cycle's coverage.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    pub cycle_id: Uuid,
    /// Every source kind, used or not, in the brief's order.
    pub channels: Vec<ChannelUse>,
    /// Every team, least heard first.
    pub teams: Vec<TeamHeard>,
    pub segments: Vec<SegmentHeard>,
    /// People asked at least once in the last 90 days, most asked first.
    pub ask_load: Vec<PersonSummary>,
    pub threshold: u32,
    /// The cycle's tickets of the support queue: per component and month, and the
    /// support response time per team.
    pub support: crate::discovery::ticket::SupportQueue,
}

impl Db<'_> {
    /// Coverage of one cycle.
    pub fn coverage(&self, cycle: Uuid) -> Result<Coverage, DomainError> {
        self.cycle_head(cycle)?;
        let mut channels: Vec<ChannelUse> = SourceKind::ALL
            .into_iter()
            .map(|kind| ChannelUse {
                kind,
                sessions: 0,
                last_held: None,
            })
            .collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT max(id) AS id, kind, count(*) AS sessions, max(held_on) AS last_held FROM session
             WHERE cycle_id = ?1 AND deleted_at IS NULL GROUP BY kind",
        )?;
        let mut rows = stmt.query([cycle.to_string()])?;
        while let Some(r) = rows.next()? {
            let kind: SourceKind = r.stored("kind")?;
            if let Some(c) = channels.iter_mut().find(|c| c.kind == kind) {
                c.sessions = r.get("sessions")?;
                c.last_held = r.opt_date("last_held")?;
            }
        }

        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.name, t.segment,
                (SELECT count(DISTINCT s.id) FROM session s
                 JOIN session_asked sp ON sp.session_id = s.id
                 JOIN person p ON p.id = sp.person_id
                 WHERE s.cycle_id = ?1 AND s.deleted_at IS NULL AND p.team_id = t.id AND p.deleted_at IS NULL) AS sessions,
                (SELECT count(DISTINCT o.id) FROM observation o
                 JOIN observation_person op ON op.observation_id = o.id
                 JOIN person p ON p.id = op.person_id
                 WHERE o.cycle_id = ?1 AND o.deleted_at IS NULL AND p.team_id = t.id AND p.deleted_at IS NULL) AS observations
             FROM team t WHERE t.deleted_at IS NULL",
        )?;
        let mut teams: Vec<TeamHeard> = stmt
            .query_map([cycle.to_string()], |r| {
                Ok(TeamHeard {
                    team_id: r.uuid("id")?,
                    name: r.get("name")?,
                    segment: r.get("segment")?,
                    sessions: r.get("sessions")?,
                    observations: r.get("observations")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        teams.sort_by(|a, b| {
            (a.sessions + a.observations)
                .cmp(&(b.sessions + b.observations))
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });

        let mut segments: Vec<SegmentHeard> = Vec::new();
        for team in teams.iter().filter(|t| !t.segment.is_empty()) {
            let heard = u32::from(team.sessions + team.observations > 0);
            match segments.iter_mut().find(|s| s.segment == team.segment) {
                Some(s) => {
                    s.teams += 1;
                    s.teams_heard += heard;
                }
                None => segments.push(SegmentHeard {
                    segment: team.segment.clone(),
                    teams: 1,
                    teams_heard: heard,
                }),
            }
        }
        segments.sort_by(|a, b| {
            a.teams_heard
                .cmp(&b.teams_heard)
                .then_with(|| a.segment.cmp(&b.segment))
        });

        let mut ask_load: Vec<PersonSummary> = self
            .list_people(&PeopleQuery::default())?
            .into_iter()
            .filter(|p| p.ask_load > 0)
            .collect();
        ask_load.sort_by(|a, b| {
            b.ask_load
                .cmp(&a.ask_load)
                .then_with(|| a.name.cmp(&b.name))
        });

        Ok(Coverage {
            cycle_id: cycle,
            channels,
            teams,
            segments,
            ask_load,
            threshold: self.ask_load_threshold()?,
            support: self.support_queue(Some(cycle), None)?,
        })
    }
}
