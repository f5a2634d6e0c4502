//! Tickets of the support queue, each kept with the observation it became: its key
//! and place in the queue, its component, and when it was opened, first answered and
//! resolved. From those, the queue's patterns: tickets per component and team over
//! time, and the support response time (median and 90th percentile to the first
//! response) per team, which the method asks a platform team to watch.

use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;
use uuid::Uuid;

/// A ticket's facts as its queue gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketFacts {
    pub key: String,
    pub url: String,
    pub component: String,
    pub status: String,
    pub opened_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
}

/// A team's part of the queue and how fast it was answered.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamResponse {
    /// None for tickets whose reporter has no team (or no reporter).
    pub team_id: Option<Uuid>,
    /// The team's name; "No team" without one.
    pub team: String,
    pub tickets: u32,
    /// Tickets with a first response.
    pub answered: u32,
    pub resolved: u32,
    /// Hours from opened to the first response: the median and the 90th percentile.
    pub median_hours: Option<f64>,
    pub p90_hours: Option<f64>,
}

/// How many tickets of a component were opened in each month.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComponentMonths {
    /// "" for tickets without a component.
    pub component: String,
    pub tickets: u32,
    /// One count a month of [`SupportQueue::months`], in order.
    pub per_month: Vec<u32>,
}

/// The support queue's patterns, for a cycle or a team.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SupportQueue {
    pub tickets: u32,
    /// Every team's part, the slowest median first.
    pub teams: Vec<TeamResponse>,
    /// Months (`YYYY-MM`) from the first ticket to the last.
    pub months: Vec<String>,
    /// Components, the most tickets first.
    pub components: Vec<ComponentMonths>,
    /// All tickets' response: the same figures over the whole queue.
    pub overall: TeamResponse,
}

/// The `q` quantile (0 to 1) of sorted values, interpolated between neighbours.
fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let at = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (at.floor() as usize, at.ceil() as usize);
    let share = at - lo as f64;
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * share)
}

/// Hours rounded to a tenth, as people read them.
fn tenth(hours: Option<f64>) -> Option<f64> {
    hours.map(|h| (h * 10.0).round() / 10.0)
}

#[derive(Default)]
struct Tally {
    team_id: Option<Uuid>,
    team: String,
    tickets: u32,
    resolved: u32,
    hours: Vec<f64>,
}

impl Tally {
    fn response(mut self) -> TeamResponse {
        self.hours.sort_by(f64::total_cmp);
        TeamResponse {
            team_id: self.team_id,
            team: self.team,
            tickets: self.tickets,
            answered: self.hours.len() as u32,
            resolved: self.resolved,
            median_hours: tenth(quantile(&self.hours, 0.5)),
            p90_hours: tenth(quantile(&self.hours, 0.9)),
        }
    }
}

impl Db<'_> {
    /// The queue's patterns over the live tickets of a cycle (all cycles when none),
    /// or of one team's reporters.
    pub fn support_queue(
        &self,
        cycle: Option<Uuid>,
        team: Option<Uuid>,
    ) -> Result<SupportQueue, DomainError> {
        // Hours and months are worked out in SQL (the times are RFC 3339 text): the rows
        // come out as numbers, and a queue of 100,000 tickets reads in one pass. A
        // ticket's team is its reporter's (the first by name when it names several). The
        // CROSS JOIN keeps SQLite walking the tickets and looking each observation up,
        // rather than walking every live observation to find the few that are tickets
        // (three times faster at 100,000 tickets, far more beside other evidence).
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.component, substr(t.opened_at, 1, 7) AS month,
                    (unixepoch(t.first_response_at) - unixepoch(t.opened_at)) / 3600.0 AS hours,
                    t.resolved_at IS NOT NULL AS resolved,
                    (SELECT p.team_id FROM observation_person op JOIN person p ON p.id = op.person_id
                     WHERE op.observation_id = o.id ORDER BY p.name LIMIT 1) AS team_id
             FROM ticket t CROSS JOIN observation o ON o.id = t.observation_id
             WHERE o.deleted_at IS NULL AND o.merged_into IS NULL
               AND (?1 IS NULL OR o.cycle_id = ?1)",
        )?;
        let rows = stmt
            .query_map([cycle.map(|c| c.to_string())], |r| {
                Ok((
                    r.get::<_, String>("component")?,
                    r.get::<_, String>("month")?,
                    r.get::<_, Option<f64>>("hours")?,
                    r.get::<_, bool>("resolved")?,
                    r.get::<_, Option<String>>("team_id")?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        {
            let mut teams = self.conn.prepare_cached("SELECT id, name FROM team")?;
            let rows = teams.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            for row in rows {
                let (id, name) = row?;
                names.insert(id, name);
            }
        }
        let mut by_team: BTreeMap<Option<String>, Tally> = BTreeMap::new();
        let mut overall = Tally {
            team: "All teams".into(),
            ..Default::default()
        };
        let mut by_component: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
        let mut months: std::collections::BTreeSet<String> = Default::default();
        let wanted = team.map(|t| t.to_string());
        for (component, month, hours, resolved, team_id) in rows {
            if wanted.is_some() && team_id != wanted {
                continue;
            }
            months.insert(month.clone());
            *by_component
                .entry(component)
                .or_default()
                .entry(month)
                .or_default() += 1;
            let tally = by_team.entry(team_id.clone()).or_insert_with(|| Tally {
                team_id: team_id.as_deref().and_then(|t| Uuid::parse_str(t).ok()),
                team: team_id
                    .as_ref()
                    .and_then(|t| names.get(t).cloned())
                    .unwrap_or_else(|| "No team".into()),
                ..Default::default()
            });
            for t in [tally, &mut overall] {
                t.tickets += 1;
                t.resolved += u32::from(resolved);
                if let Some(h) = hours {
                    t.hours.push(h.max(0.0));
                }
            }
        }
        let months: Vec<String> = fill_months(&months);
        let mut components: Vec<ComponentMonths> = by_component
            .into_iter()
            .map(|(component, counts)| ComponentMonths {
                tickets: counts.values().sum(),
                per_month: months
                    .iter()
                    .map(|m| counts.get(m).copied().unwrap_or(0))
                    .collect(),
                component,
            })
            .collect();
        components.sort_by(|a, b| {
            b.tickets
                .cmp(&a.tickets)
                .then(a.component.cmp(&b.component))
        });
        let mut teams: Vec<TeamResponse> = by_team.into_values().map(Tally::response).collect();
        teams.sort_by(|a, b| {
            b.median_hours
                .unwrap_or(-1.0)
                .total_cmp(&a.median_hours.unwrap_or(-1.0))
                .then(a.team.cmp(&b.team))
        });
        Ok(SupportQueue {
            tickets: overall.tickets,
            teams,
            months,
            components,
            overall: overall.response(),
        })
    }
}

/// Every month from the first to the last, so a quiet month shows as a gap.
fn fill_months(seen: &std::collections::BTreeSet<String>) -> Vec<String> {
    let (Some(first), Some(last)) = (seen.first(), seen.last()) else {
        return Vec::new();
    };
    let ym = |s: &str| -> Option<(i32, u32)> {
        let (y, m) = s.split_once('-')?;
        Some((y.parse().ok()?, m.parse().ok()?))
    };
    let (Some((mut y, mut m)), Some(end)) = (ym(first), ym(last)) else {
        return seen.iter().cloned().collect();
    };
    let mut out = Vec::new();
    // Bounded: a queue spans years, not centuries.
    while (y, m) <= end && out.len() < 1200 {
        out.push(format!("{y:04}-{m:02}"));
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    out
}

impl Db<'_> {
    /// Whether a ticket of `queue` was imported before.
    pub fn ticket_known(&self, queue: &str, key: &str) -> Result<bool, DomainError> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM ticket WHERE queue = ?1 AND ticket_key = ?2")?
            .exists(params![queue, key])?)
    }
}

impl Tx<'_> {
    /// Keeps a ticket's facts with the observation it became.
    pub(crate) fn keep_ticket(
        &self,
        observation: Uuid,
        queue: &str,
        t: &TicketFacts,
    ) -> Result<(), DomainError> {
        self.conn
            .prepare_cached(
                "INSERT INTO ticket (observation_id, queue, ticket_key, url, component, status,
                                     opened_at, first_response_at, resolved_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                observation.to_string(),
                queue,
                t.key,
                t.url,
                t.component,
                t.status,
                t.opened_at.to_rfc3339(),
                t.first_response_at.map(|d| d.to_rfc3339()),
                t.resolved_at.map(|d| d.to_rfc3339()),
            ])?;
        Ok(())
    }

    /// Brings a ticket imported before up to date with its queue (answered or
    /// resolved since): only the queue's facts change, never what the user wrote.
    /// Whether anything changed.
    pub(crate) fn refresh_ticket(&self, queue: &str, t: &TicketFacts) -> Result<bool, DomainError> {
        let found: Option<(String, Option<String>, Option<String>, String)> = self
            .conn
            .prepare_cached(
                "SELECT observation_id, first_response_at, resolved_at, status FROM ticket
                 WHERE queue = ?1 AND ticket_key = ?2",
            )?
            .query_row(params![queue, t.key], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?;
        let Some((observation, first, resolved, status)) = found else {
            return Ok(false);
        };
        let now = (
            t.first_response_at.map(|d| d.to_rfc3339()),
            t.resolved_at.map(|d| d.to_rfc3339()),
            t.status.clone(),
        );
        if (first, resolved, status) == now {
            return Ok(false);
        }
        self.conn
            .prepare_cached(
                "UPDATE ticket SET first_response_at = ?2, resolved_at = ?3, status = ?4
                 WHERE observation_id = ?1",
            )?
            .execute(params![observation, now.0, now.1, now.2])?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_between_neighbours() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.5), Some(2.5));
        assert!((quantile(&v, 0.9).expect("p90") - 3.7).abs() < 1e-9);
        assert_eq!(quantile(&[], 0.5), None);
    }
}
