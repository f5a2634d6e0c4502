//! The review a cycle gets before it leaves discovery: what was heard, through which
//! channels, from whom (and from whom not), and how much of it there is.

use crate::discovery::coverage::Coverage;
use crate::store::db::Db;
use crate::store::error::DomainError;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

/// What discovery gathered in a cycle, to look at before moving on.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CycleReview {
    /// Channels used and how often, teams and segments heard and not.
    pub coverage: Coverage,
    pub sessions: u32,
    pub observations: u32,
    /// Observations of the pain kind.
    pub pains: u32,
    /// Live ideas of the cycle.
    pub open_ideas: u32,
    /// Sessions and observations captured after the cycle left discovery.
    pub late_input: u32,
}

impl Db<'_> {
    /// The review of one cycle.
    pub fn cycle_review(&self, cycle: Uuid) -> Result<CycleReview, DomainError> {
        let coverage = self.coverage(cycle)?;
        let (sessions, observations, pains, open_ideas, late_input) = self.conn.query_row(
            "SELECT
                (SELECT count(*) FROM session WHERE cycle_id = ?1 AND deleted_at IS NULL),
                (SELECT count(*) FROM observation WHERE cycle_id = ?1 AND deleted_at IS NULL),
                (SELECT count(*) FROM observation WHERE cycle_id = ?1 AND deleted_at IS NULL AND kind = 'pain'),
                (SELECT count(*) FROM idea WHERE cycle_id = ?1 AND deleted_at IS NULL),
                (SELECT count(*) FROM session WHERE cycle_id = ?1 AND deleted_at IS NULL AND late_input)
                  + (SELECT count(*) FROM observation WHERE cycle_id = ?1 AND deleted_at IS NULL AND late_input)",
            [cycle.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        Ok(CycleReview {
            coverage,
            sessions,
            observations,
            pains,
            open_ideas,
            late_input,
        })
    }
}
