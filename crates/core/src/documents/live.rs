//! Live sections of a document: the trade-off map, the ranked pains and the roadmap,
//! as Markdown made from the cycle as it is now. A document keeps them frozen when a
//! version is kept; an export shows them live or as sent.

use crate::documents::citation::{CitedKind, Live};
use crate::prioritization::rank::Ranking;
use crate::prioritization::tradeoff::Stance;
use crate::store::db::Db;
use crate::store::error::DomainError;
use crate::store::exported::escape_markdown;
use crate::store::wording::count;
use std::collections::HashMap;
use std::fmt::Write as _;
use uuid::Uuid;

/// What a live section shows of `cycle` now, as Markdown whose pains are citations.
pub(crate) fn live_markdown(db: &Db<'_>, cycle: Uuid, live: Live) -> Result<String, DomainError> {
    match live {
        Live::Tradeoffs => tradeoffs_markdown(db, cycle),
        Live::Roadmap => roadmap_markdown(db, cycle),
        Live::Pains { top } => match db.rank(cycle) {
            Ok(ranking) => Ok(pains_table(&ranking, Some(top))),
            Err(DomainError::JudgingInDiscovery { .. }) => Ok(
                "*The ranked list of user pain shows here once the cycle is in prioritization.*"
                    .to_owned(),
            ),
            Err(e) => Err(e),
        },
    }
}

fn tradeoffs_markdown(db: &Db<'_>, cycle: Uuid) -> Result<String, DomainError> {
    let t = db.tradeoffs(cycle)?;
    let mut out = String::new();
    for (stance, label) in [
        (Stance::Excellent, "We serve excellently"),
        (Stance::LessWell, "We serve less well"),
    ] {
        let names: Vec<String> = t
            .serve
            .iter()
            .filter(|c| c.stance == stance && !c.trashed)
            .map(|c| {
                let what = if c.segment.is_some() {
                    "segment"
                } else {
                    "team"
                };
                let mut s = format!("{} ({what})", escape_markdown(&c.name));
                if !c.note.trim().is_empty() {
                    s.push_str(&format!(": {}", escape_markdown(&c.note)));
                }
                s
            })
            .collect();
        if !names.is_empty() {
            let _ = writeln!(out, "- **{label}:** {}", names.join("; "));
        }
    }
    for axis in &t.axes {
        let (a, b) = (escape_markdown(&axis.pole_a), escape_markdown(&axis.pole_b));
        let lean = match axis.lean {
            -2 => format!("{a} over {b}, firmly"),
            -1 => format!("{a} over {b}"),
            0 => format!("balanced between {a} and {b}"),
            1 => format!("{b} over {a}"),
            _ => format!("{b} over {a}, firmly"),
        };
        let mut line = format!("- **Trade-off:** {lean}");
        if !axis.note.trim().is_empty() {
            line.push_str(&format!(": {}", escape_markdown(&axis.note)));
        }
        let _ = writeln!(out, "{line}");
    }
    if out.is_empty() {
        out.push_str(
            "*No trade-offs are stated yet: the trade-off map of the cycle fills this in.*",
        );
    }
    Ok(out)
}

/// The roadmap as one table in plan order, each item citing its solution, after a
/// line on how its effort splits and what its lanes mean.
pub(crate) fn roadmap_markdown(db: &Db<'_>, cycle: Uuid) -> Result<String, DomainError> {
    let roadmap = db.roadmap(cycle)?;
    if roadmap.items.is_empty() {
        return Ok("*No roadmap items yet: items are drafted from the cycle's solutions.*".into());
    }
    let b = &roadmap.balance;
    let split = match b.immediate_share {
        Some(share) => format!(
            "Effort: {share:.0}% immediate needs, {:.0}% the vision, against a {}/{} target.",
            100.0 - share,
            b.target_immediate,
            100 - u32::from(b.target_immediate)
        ),
        None => "No item's effort is estimated yet.".to_owned(),
    };
    let mut out = format!(
        "*Each item delivers value on its own. A lane is an order, not a date; the confidence \
         says how sure the team is. {split}*\n\n\
         | # | When | Item | Delivers on its own | Work | Confidence | Depends on | Status |\n\
         |---|---|---|---|---|---|---|---|\n"
    );
    let numbers: HashMap<Uuid, u32> = roadmap.items.iter().map(|i| (i.id, i.order)).collect();
    for item in &roadmap.items {
        let when = match &item.quarter {
            Some(q) => format!("{}, {q}", item.lane.label()),
            None => item.lane.label().to_owned(),
        };
        let value = if item.value.is_empty() {
            "*not stated yet*".to_owned()
        } else {
            escape_markdown(&item.value)
        };
        let work = match item.effort {
            Some(e) => format!("{}, {e:.1} person-months", item.work.label()),
            None => item.work.label().to_owned(),
        };
        let depends: Vec<String> = item
            .depends_on
            .iter()
            .filter_map(|d| numbers.get(d).map(|n| format!("#{n}")))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {when} | {}{} | {value} | {work} | {} | {} | {} |",
            item.order,
            escape_markdown(&item.title),
            CitedKind::Solution.token(item.solution_id),
            item.confidence.label(),
            if depends.is_empty() {
                "—".to_owned()
            } else {
                depends.join(", ")
            },
            item.status.label()
        );
    }
    Ok(out)
}

/// The ranked list as a table (its top `top`, or all), each pain cited.
pub(crate) fn pains_table(ranking: &Ranking, top: Option<u32>) -> String {
    if ranking.items.is_empty() {
        return "*No pains are ranked yet.*".to_owned();
    }
    let buckets: HashMap<Uuid, String> = ranking
        .buckets
        .iter()
        .map(|b| {
            (
                b.id,
                format!("{} ({})", escape_markdown(&b.name), b.kind.label()),
            )
        })
        .collect();
    let mut out = String::from(
        "| # | Pain | Bucket | Reach | Evidence | Score |\n|---|---|---|---|---|---|\n",
    );
    let shown = top.map_or(ranking.items.len(), |t| {
        (t as usize).min(ranking.items.len())
    });
    for item in &ranking.items[..shown] {
        let mut pain = format!(
            "{}{}",
            escape_markdown(&item.statement),
            CitedKind::Pain.token(item.pain_id)
        );
        if !item.user_evidence {
            pain.push_str(" *(no user evidence yet)*");
        }
        for voice in &item.loud_voices {
            pain.push_str(&format!(" *({})*", escape_markdown(voice)));
        }
        if item.override_reason.is_some() {
            pain.push_str(" *(placed by hand)*");
        }
        let bucket = item
            .bucket_id
            .and_then(|b| buckets.get(&b).cloned())
            .unwrap_or_default();
        let reach = format!(
            "{}, {}",
            count(item.reach.people as usize, "person", "people"),
            count(item.reach.teams as usize, "team", "teams")
        );
        let score = item
            .score
            .map_or("unscored".to_owned(), |s| format!("{:.1}", s));
        let _ = writeln!(
            out,
            "| {} | {pain} | {bucket} | {reach} | {} | {score} |",
            item.position, item.reach.evidence
        );
    }
    if shown < ranking.items.len() {
        let _ = writeln!(out, "\n*The top {shown} of {} pains.*", ranking.items.len());
    }
    out
}
