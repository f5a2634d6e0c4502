//! Evidence lint: what in a charter or vision is not yet backed by what a real person
//! said. A paragraph or list item that makes a claim and cites nothing; a citation of
//! evidence older than the team's limit; a pain at the top of the ranked list that
//! neither the charter nor the vision mentions (by the pain, its bucket or any of its
//! evidence). It only points things out: nothing is refused.

use crate::documents::citation::{tokens, without_tokens, CitedKind, Token};
use crate::documents::document::{cited_in, DocumentKind};
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use chrono::Days;
use serde::Serialize;
use std::collections::HashSet;
use ts_rs::TS;
use uuid::Uuid;

const MAX_AGE_KEY: &str = "evidence_max_age_days";
/// Evidence older than this (in days) is flagged unless the team sets another limit.
pub const DEFAULT_MAX_AGE_DAYS: u32 = 365;
/// How many of the top-ranked pains the charter and vision should mention.
pub const TOP_PAINS: usize = 5;

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LintKind {
    /// A claim with no citation.
    UncitedClaim,
    /// A citation of evidence older than the limit.
    OldEvidence,
    /// A top-ranked pain that neither document mentions.
    UnmentionedPain,
    /// A section with nothing under its heading: exported, it is a bare heading.
    EmptySection,
}

/// One thing the lint points out.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LintFinding {
    pub kind: LintKind,
    /// The line of the document it is on (1 is the first), when it is in the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub line: Option<u32>,
    /// The words in question, shortened.
    pub excerpt: String,
    pub message: String,
    /// The pain (or cited item) it is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub target_id: Option<Uuid>,
}

/// The lint of one document.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentLint {
    pub findings: Vec<LintFinding>,
    pub max_age_days: u32,
}

/// Words that make a sentence a claim about users or the world, rather than a plan.
const CLAIM_WORDS: &[&str] = &[
    "user",
    "users",
    "team",
    "teams",
    "engineer",
    "engineers",
    "developer",
    "developers",
    "people",
    "everyone",
    "nobody",
    "most",
    "many",
    "always",
    "never",
    "every",
    "slow",
    "fast",
    "pain",
    "need",
    "needs",
    "want",
    "wants",
    "hate",
    "love",
    "trust",
    "cost",
    "costs",
    "waste",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "minute",
    "minutes",
    "wait",
    "waits",
    "break",
    "breaks",
    "fail",
    "fails",
    "hard",
    "easy",
    "worst",
    "best",
];

fn is_claim(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.len() >= 8
        && (text.chars().any(|c| c.is_ascii_digit())
            || words.iter().any(|w| CLAIM_WORDS.contains(&w.as_str())))
}

fn excerpt(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 90 {
        format!("{}…", flat.chars().take(89).collect::<String>())
    } else {
        flat
    }
}

/// The units a claim is judged in: each paragraph, and each list item on its own,
/// with the line it starts on. Headings, code, tables and quotes are not claims of
/// the author's.
fn units(body: &str) -> Vec<(u32, String)> {
    let mut out: Vec<(u32, String)> = Vec::new();
    let mut current: Option<(u32, String)> = None;
    let mut fenced = false;
    let close = |current: &mut Option<(u32, String)>, out: &mut Vec<(u32, String)>| {
        if let Some(unit) = current.take() {
            out.push(unit);
        }
    };
    for (i, line) in body.lines().enumerate() {
        let n = i as u32 + 1;
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
            close(&mut current, &mut out);
            continue;
        }
        if fenced || t.is_empty() || t.starts_with('#') || t.starts_with('|') || t.starts_with('>')
        {
            close(&mut current, &mut out);
            continue;
        }
        let item = t
            .strip_prefix("- ")
            .or_else(|| t.strip_prefix("* "))
            .or_else(|| t.strip_prefix("+ "))
            .or_else(|| {
                let digits = t.chars().take_while(char::is_ascii_digit).count();
                (digits > 0)
                    .then(|| {
                        t[digits..]
                            .strip_prefix(". ")
                            .or_else(|| t[digits..].strip_prefix(") "))
                    })
                    .flatten()
            });
        match (item, &mut current) {
            (Some(rest), _) => {
                close(&mut current, &mut out);
                current = Some((n, rest.to_owned()));
            }
            (None, Some((_, text))) => {
                text.push(' ');
                text.push_str(t);
            }
            (None, None) => current = Some((n, t.to_owned())),
        }
    }
    close(&mut current, &mut out);
    out
}

/// The `##` and deeper headings with nothing under them (not even a live section)
/// before the next heading of the same or a higher level: (line, heading).
fn empty_sections(body: &str) -> Vec<(u32, String)> {
    let lines: Vec<&str> = body.lines().collect();
    let level = |line: &str| {
        let t = line.trim_start();
        let hashes = t.chars().take_while(|c| *c == '#').count();
        (hashes > 0 && t[hashes..].starts_with(' ')).then_some(hashes)
    };
    let mut fenced = false;
    let headings: Vec<Option<usize>> = lines
        .iter()
        .map(|l| {
            if l.trim_start().starts_with("```") {
                fenced = !fenced;
                return None;
            }
            if fenced {
                None
            } else {
                level(l)
            }
        })
        .collect();
    let mut out = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        let Some(l) = *h else { continue };
        // The document's title (a single #) holds the whole document.
        if l < 2 {
            continue;
        }
        let written = lines[i + 1..]
            .iter()
            .zip(&headings[i + 1..])
            .take_while(|(_, h)| h.is_none_or(|deeper| deeper > l))
            .any(|(line, h)| h.is_none() && !line.trim().is_empty());
        if !written {
            let heading = lines[i].trim().trim_start_matches('#').trim().to_owned();
            out.push((i as u32 + 1, heading));
        }
    }
    out
}

impl Db<'_> {
    /// How old (in days) cited evidence may be before the lint says so.
    pub fn evidence_max_age(&self) -> Result<u32, DomainError> {
        Ok(self
            .meta_get(MAX_AGE_KEY)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_MAX_AGE_DAYS))
    }

    /// The evidence lint of a cycle's charter or vision.
    pub fn lint_document(
        &self,
        cycle: Uuid,
        kind: DocumentKind,
    ) -> Result<DocumentLint, DomainError> {
        let doc = self.document(cycle, kind)?;
        let max_age_days = self.evidence_max_age()?;
        let mut findings = Vec::new();
        for (line, text) in units(&doc.body) {
            let cites = tokens(&text)
                .iter()
                .any(|(_, t)| matches!(t, Token::Cite(..)));
            let live_only = without_tokens(&text).trim().is_empty();
            if !cites && !live_only && is_claim(&text) {
                findings.push(LintFinding {
                    kind: LintKind::UncitedClaim,
                    line: Some(line),
                    excerpt: excerpt(&text),
                    message: "This makes a claim and cites no evidence: who said so?".into(),
                    target_id: None,
                });
            }
        }
        for (line, heading) in empty_sections(&doc.body) {
            findings.push(LintFinding {
                kind: LintKind::EmptySection,
                line: Some(line),
                excerpt: excerpt(&heading),
                message: "Nothing is written under this heading yet: exported, it is a bare heading. Write it, or remove the heading.".into(),
                target_id: None,
            });
        }
        let today = self.clock.now().date_naive();
        let oldest = today.checked_sub_days(Days::new(u64::from(max_age_days)));
        for c in &doc.citations {
            if let (Some(day), Some(oldest)) = (c.kept.session_date, oldest) {
                if day < oldest {
                    let line = doc
                        .body
                        .find(&c.kind.token(c.target_id))
                        .map(|at| doc.body[..at].lines().count().max(1) as u32);
                    findings.push(LintFinding {
                        kind: LintKind::OldEvidence,
                        line,
                        excerpt: excerpt(&c.kept.text),
                        message: format!(
                            "Heard on {}, more than {max_age_days} days ago: is it still true?",
                            crate::store::input::date_text(day)
                        ),
                        target_id: Some(c.target_id),
                    });
                }
            }
        }
        // The top of the ranked list, against what both documents cite.
        if let Ok(ranking) = self.rank(cycle) {
            let mut cited: HashSet<(CitedKind, Uuid)> = HashSet::new();
            for k in DocumentKind::ALL {
                if k == kind {
                    cited.extend(cited_in(&doc.body));
                } else {
                    cited.extend(cited_in(&self.document_body(cycle, k)?.1));
                }
            }
            let mut evidence = self.conn.prepare_cached(
                "SELECT observation_id FROM pain_evidence_view WHERE pain_id = ?1",
            )?;
            for item in ranking.items.iter().take(TOP_PAINS) {
                let by_pain = cited.contains(&(CitedKind::Pain, item.pain_id));
                let by_bucket = item
                    .bucket_id
                    .is_some_and(|b| cited.contains(&(CitedKind::Bucket, b)));
                let by_evidence = evidence
                    .query_map([item.pain_id.to_string()], |r| r.get::<_, String>(0))?
                    .filter_map(Result::ok)
                    .filter_map(|s| Uuid::parse_str(&s).ok())
                    .any(|o| cited.contains(&(CitedKind::Observation, o)));
                if !(by_pain || by_bucket || by_evidence) {
                    findings.push(LintFinding {
                        kind: LintKind::UnmentionedPain,
                        line: None,
                        excerpt: excerpt(&item.statement),
                        message: format!(
                            "#{} of the ranked list, and neither the charter nor the vision mentions it (by the pain, its bucket or its evidence).",
                            item.position
                        ),
                        target_id: Some(item.pain_id),
                    });
                }
            }
        }
        Ok(DocumentLint {
            findings,
            max_age_days,
        })
    }
}

impl Tx<'_> {
    /// Sets how old cited evidence may be (30 to 3,650 days) before the lint says so.
    pub fn set_evidence_max_age(&self, days: u32) -> Result<u32, DomainError> {
        if !(30..=3650).contains(&days) {
            return Err(DomainError::invalid(
                "days",
                "choose between 30 days and 10 years (3,650 days)",
            ));
        }
        self.meta_set(MAX_AGE_KEY, &days.to_string())?;
        Ok(days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_list_items_are_judged_apart_and_headings_code_and_tables_are_not() {
        let body = "# Title\n\nOne paragraph\nthat goes on.\n\n- first item\n- second item\n  continued\n1. numbered\n\n```\ncode line\n```\n| a | b |\n> quoted";
        let u = units(body);
        assert_eq!(
            u,
            vec![
                (3, "One paragraph that goes on.".to_owned()),
                (6, "first item".to_owned()),
                (7, "second item continued".to_owned()),
                (9, "numbered".to_owned()),
            ]
        );
    }

    #[test]
    fn a_claim_is_a_long_enough_sentence_about_users_or_with_a_number() {
        assert!(is_claim(
            "Engineers lose an hour a day to flaky tests on every team"
        ));
        assert!(is_claim(
            "The pipeline for ledger api takes 31 minutes on a good run"
        ));
        assert!(!is_claim("We will not build a portal."));
        assert!(!is_claim(
            "Our strategy is to focus on the paved road first and then expand it"
        ));
    }
}
