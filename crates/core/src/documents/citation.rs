//! Citations: a document names the evidence behind a claim with a token in its
//! Markdown, `[@obs:UUID]` (also `pain:`, `bucket:`, `solution:`, `session:`, `kudos:`), and
//! shows the current state of a cycle with a live section, `[@live:pains]` (the top
//! ten of the ranked list, or `[@live:pains:5]`), `[@live:tradeoffs]` or `[@live:roadmap]`.
//!
//! What a citation said is kept when it is first saved in a document, so a cited item
//! that is later edited, merged or trashed never goes missing from it: the citation is
//! flagged, and the document still shows the text it had.

use crate::store::db::Db;
use crate::store::error::DomainError;
use crate::store::row::{stored, RowExt, Stored};
use chrono::{DateTime, NaiveDate, Utc};
use pulldown_cmark::{Event, Parser, Tag};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use ts_rs::TS;
use uuid::Uuid;

/// How many ranked pains a live section shows unless it says.
pub const LIVE_PAINS_DEFAULT: u32 = 10;
/// The most a live section may show.
pub const LIVE_PAINS_MAX: u32 = 100;

/// What a citation points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CitedKind {
    Observation,
    Pain,
    Bucket,
    Solution,
    Session,
    Kudos,
}

stored!(CitedKind, "cited kind", {
    Observation => "observation",
    Pain => "pain",
    Bucket => "bucket",
    Solution => "solution",
    Session => "session",
    Kudos => "kudos",
});

impl CitedKind {
    /// The word the token uses: `[@obs:…]`.
    pub fn token_word(self) -> &'static str {
        match self {
            Self::Observation => "obs",
            Self::Pain => "pain",
            Self::Bucket => "bucket",
            Self::Solution => "solution",
            Self::Session => "session",
            Self::Kudos => "kudos",
        }
    }

    fn from_token_word(word: &str) -> Option<Self> {
        Self::all().iter().copied().find(|k| k.token_word() == word)
    }

    /// The token that cites `id`.
    pub fn token(self, id: Uuid) -> String {
        format!("[@{}:{id}]", self.token_word())
    }
}

/// A section that shows the cycle as it is now (and as it was, in a version).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Live {
    /// The top of the ranked list of user pain.
    Pains { top: u32 },
    /// Whom the cycle serves excellently and less well, and its trade-offs.
    Tradeoffs,
    /// The roadmap as a table, in plan order.
    Roadmap,
}

impl Live {
    /// Its token, as written in a document.
    pub fn token(self) -> String {
        match self {
            Live::Pains { top } if top == LIVE_PAINS_DEFAULT => "[@live:pains]".into(),
            Live::Pains { top } => format!("[@live:pains:{top}]"),
            Live::Tradeoffs => "[@live:tradeoffs]".into(),
            Live::Roadmap => "[@live:roadmap]".into(),
        }
    }
}

/// One token of a document's Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token {
    Cite(CitedKind, Uuid),
    Live(Live),
}

/// The tokens in `markdown`, outside code spans and code blocks (where they are
/// text), with where each is. An escaped one (`\[@obs:…]`) is text too.
pub(crate) fn tokens(markdown: &str) -> Vec<(Range<usize>, Token)> {
    if !markdown.contains("[@") {
        return Vec::new();
    }
    let mut code: Vec<Range<usize>> = Vec::new();
    for (event, range) in
        Parser::new_ext(markdown, crate::store::render::OPTIONS).into_offset_iter()
    {
        match event {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => code.push(range),
            _ => {}
        }
    }
    let mut found = Vec::new();
    for (start, _) in markdown.match_indices("[@") {
        if code.iter().any(|r| r.contains(&start)) || markdown[..start].ends_with('\\') {
            continue;
        }
        let rest = &markdown[start + 2..];
        let Some(end) = rest.find(']').filter(|&e| e <= 60) else {
            continue;
        };
        if let Some(token) = parse_token(&rest[..end]) {
            found.push((start..start + 2 + end + 1, token));
        }
    }
    found
}

/// `text` with its tokens taken out: the author's own words.
pub(crate) fn without_tokens(text: &str) -> String {
    let mut rest = text.to_owned();
    for (range, _) in tokens(text).into_iter().rev() {
        rest.replace_range(range, "");
    }
    rest
}

fn parse_token(inner: &str) -> Option<Token> {
    let (word, arg) = inner.split_once(':')?;
    if word == "live" {
        return match arg.split_once(':') {
            None if arg == "tradeoffs" => Some(Token::Live(Live::Tradeoffs)),
            None if arg == "roadmap" => Some(Token::Live(Live::Roadmap)),
            None if arg == "pains" => Some(Token::Live(Live::Pains {
                top: LIVE_PAINS_DEFAULT,
            })),
            Some(("pains", n)) => {
                let top: u32 = n.parse().ok()?;
                Some(Token::Live(Live::Pains {
                    top: top.clamp(1, LIVE_PAINS_MAX),
                }))
            }
            _ => None,
        };
    }
    let kind = CitedKind::from_token_word(word)?;
    Some(Token::Cite(kind, Uuid::parse_str(arg).ok()?))
}

/// Where a cited item stands now, against what the document kept of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CitationState {
    /// It reads as it did when cited.
    Current,
    /// Its text changed since.
    Edited,
    /// It was merged into another; `mergedInto` names the one kept.
    Merged,
    /// It is in the trash.
    Trashed,
    /// Nothing by that id exists (a token typed by hand, or from another workspace).
    Missing,
}

/// What a citation says: the item as cited, who said it and where.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CitedText {
    pub text: String,
    /// People's names, joined.
    pub who: String,
    /// Their teams, joined.
    pub teams: String,
    pub session_title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "string")]
    pub session_date: Option<NaiveDate>,
    /// For an observation taken from a transcript's turn: the speaker's label as the
    /// transcript writes it (shown when no person stands for them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub speaker: Option<String>,
    /// For an observation taken from a transcript's turn: when in the recording it was
    /// said (milliseconds), when the transcript has times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub said_at_ms: Option<u64>,
}

/// One citation of a document, with what it said when cited and its state now.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Citation {
    pub kind: CitedKind,
    pub target_id: Uuid,
    /// What the document shows: the text as cited.
    pub kept: CitedText,
    pub state: CitationState,
    /// The text it has now, when that differs (edited, or the merged-into one's).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub now_text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub merged_into: Option<Uuid>,
    /// When it was first cited; absent for a version's frozen copy.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cited_at: Option<DateTime<Utc>>,
}

/// A cited item as it reads now.
pub(crate) struct Now {
    pub(crate) cited: CitedText,
    pub(crate) trashed: bool,
    pub(crate) merged_into: Option<Uuid>,
}

impl Db<'_> {
    /// A cited item as it reads now, whether live, trashed or merged; None when there
    /// is no such item.
    pub(crate) fn cited_now(&self, kind: CitedKind, id: Uuid) -> Result<Option<Now>, DomainError> {
        let sql = match kind {
            CitedKind::Observation => {
                "SELECT o.id, o.text, o.deleted_at IS NOT NULL AS trashed, o.merged_into,
                    coalesce(s.title, '') AS session_title, coalesce(s.held_on, o.observed_on) AS day,
                    coalesce((SELECT group_concat(name, ', ') FROM (SELECT p.name FROM observation_person_view op
                        JOIN person_view p ON p.id = op.person_id WHERE op.observation_id = o.id
                        ORDER BY p.name)), '') AS who,
                    coalesce((SELECT group_concat(name, ', ') FROM (SELECT DISTINCT t.name FROM observation_person_view op
                        JOIN person_view p ON p.id = op.person_id JOIN team_view t ON t.id = p.team_id
                        WHERE op.observation_id = o.id ORDER BY t.name)), '') AS teams,
                    tt.speaker, o.said_at_ms
                 FROM observation_view o LEFT JOIN session_view s ON s.id = o.session_id
                 LEFT JOIN transcript_turn_view tt ON tt.id = o.turn_id WHERE o.id = ?1"
            }
            CitedKind::Pain => {
                "SELECT p.id, p.statement AS text, p.deleted_at IS NOT NULL AS trashed, NULL AS merged_into,
                    '' AS session_title, NULL AS day,
                    (SELECT count(DISTINCT op.person_id) FROM pain_evidence_view e
                        JOIN observation_view o ON o.id = e.observation_id AND o.deleted_at IS NULL
                        JOIN observation_person_view op ON op.observation_id = o.id
                        WHERE e.pain_id = p.id) AS people,
                    (SELECT count(DISTINCT pe.team_id) FROM pain_evidence_view e
                        JOIN observation_view o ON o.id = e.observation_id AND o.deleted_at IS NULL
                        JOIN observation_person_view op ON op.observation_id = o.id
                        JOIN person_view pe ON pe.id = op.person_id
                        WHERE e.pain_id = p.id) AS team_count
                 FROM pain_view p WHERE p.id = ?1"
            }
            CitedKind::Bucket => {
                "SELECT id, name || ' (' || kind || ')' AS text, deleted_at IS NOT NULL AS trashed,
                    NULL AS merged_into, '' AS session_title, NULL AS day, '' AS who, '' AS teams
                 FROM bucket_view WHERE id = ?1"
            }
            CitedKind::Solution => {
                "SELECT s.id, s.title AS text, s.deleted_at IS NOT NULL AS trashed, NULL AS merged_into,
                    '' AS session_title, NULL AS day, '' AS who, '' AS teams
                 FROM solution_view s WHERE s.id = ?1"
            }
            CitedKind::Session => {
                "SELECT s.id, s.title AS text, s.deleted_at IS NOT NULL AS trashed, NULL AS merged_into,
                    s.title AS session_title, s.held_on AS day,
                    coalesce((SELECT group_concat(name, ', ') FROM (SELECT p.name FROM session_person_view sp
                        JOIN person_view p ON p.id = sp.person_id WHERE sp.session_id = s.id
                        ORDER BY sp.position)), '') AS who,
                    coalesce((SELECT group_concat(name, ', ') FROM (SELECT DISTINCT t.name FROM session_person_view sp
                        JOIN person_view p ON p.id = sp.person_id JOIN team_view t ON t.id = p.team_id
                        WHERE sp.session_id = s.id ORDER BY t.name)), '') AS teams
                 FROM session_view s WHERE s.id = ?1"
            }
            CitedKind::Kudos => {
                "SELECT k.id, k.what AS text, k.deleted_at IS NOT NULL AS trashed, NULL AS merged_into,
                    '' AS session_title, k.given_on AS day,
                    coalesce((SELECT group_concat(name, ', ') FROM (SELECT p.name FROM kudos_person_view kp
                        JOIN person_view p ON p.id = kp.person_id WHERE kp.kudos_id = k.id
                        ORDER BY p.name)), '') AS who,
                    coalesce((SELECT group_concat(name, ', ') FROM (SELECT DISTINCT t.name FROM kudos_person_view kp
                        JOIN person_view p ON p.id = kp.person_id JOIN team_view t ON t.id = p.team_id
                        WHERE kp.kudos_id = k.id ORDER BY t.name)), '') AS teams
                 FROM kudos_view k WHERE k.id = ?1"
            }
        };
        let now = self
            .conn
            .prepare_cached(sql)?
            .query_row([id.to_string()], |r| {
                let (who, teams) = if kind == CitedKind::Pain {
                    let people: u32 = r.get("people")?;
                    let teams: u32 = r.get("team_count")?;
                    (
                        crate::store::wording::count(people as usize, "person", "people"),
                        crate::store::wording::count(teams as usize, "team", "teams"),
                    )
                } else {
                    (r.get("who")?, r.get("teams")?)
                };
                let (speaker, said_at_ms) = if kind == CitedKind::Observation {
                    let said: Option<i64> = r.get("said_at_ms")?;
                    (r.get("speaker")?, said.map(|ms| ms.max(0) as u64))
                } else {
                    (None, None)
                };
                Ok(Now {
                    cited: CitedText {
                        text: r.get("text")?,
                        who,
                        teams,
                        session_title: r.get("session_title")?,
                        session_date: r.opt_date("day")?,
                        speaker,
                        said_at_ms,
                    },
                    trashed: r.get("trashed")?,
                    merged_into: r.opt_uuid("merged_into")?,
                })
            })
            .optional()?;
        Ok(now)
    }

    /// A citation's state now, against the text it kept. A merged observation is
    /// followed to the one it went into (through chains of merges).
    pub(crate) fn citation_state(
        &self,
        kind: CitedKind,
        id: Uuid,
        kept: &CitedText,
    ) -> Result<(CitationState, Option<String>, Option<Uuid>), DomainError> {
        let Some(now) = self.cited_now(kind, id)? else {
            return Ok((CitationState::Missing, None, None));
        };
        if let Some(mut into) = now.merged_into {
            // Follow the chain, at most a few hops (a cycle cannot form, but a
            // damaged file should not hang the document).
            for _ in 0..16 {
                match self.cited_now(kind, into)? {
                    Some(next) => match next.merged_into {
                        Some(further) => into = further,
                        None => {
                            return Ok((CitationState::Merged, Some(next.cited.text), Some(into)))
                        }
                    },
                    None => break,
                }
            }
            return Ok((CitationState::Merged, None, Some(into)));
        }
        if now.trashed {
            return Ok((CitationState::Trashed, None, None));
        }
        if now.cited.text != kept.text {
            return Ok((CitationState::Edited, Some(now.cited.text), None));
        }
        Ok((CitationState::Current, None, None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0190c3a4-5b6c-7d8e-9f00-112233445566";

    #[test]
    fn tokens_are_found_with_where_they_are() {
        let md = format!("Builds are slow [@obs:{ID}] and flaky [@pain:{ID}].\n\n[@live:pains:5]\n[@live:tradeoffs] [@live:pains]");
        let found = tokens(&md);
        let id = Uuid::parse_str(ID).expect("id");
        assert_eq!(found.len(), 5);
        assert_eq!(found[0].1, Token::Cite(CitedKind::Observation, id));
        assert_eq!(&md[found[0].0.clone()], format!("[@obs:{ID}]"));
        assert_eq!(found[1].1, Token::Cite(CitedKind::Pain, id));
        assert_eq!(found[2].1, Token::Live(Live::Pains { top: 5 }));
        assert_eq!(found[3].1, Token::Live(Live::Tradeoffs));
        assert_eq!(found[4].1, Token::Live(Live::Pains { top: 10 }));
    }

    #[test]
    fn tokens_in_code_escaped_or_malformed_are_text() {
        let md = format!(
            "`[@obs:{ID}]`\n\n```\n[@obs:{ID}]\n```\n\n\\[@obs:{ID}] [@obs:nope] [@nothing:{ID}] [@live:pains:x] [@obs:{ID}"
        );
        assert!(tokens(&md).is_empty(), "{:?}", tokens(&md));
    }

    #[test]
    fn a_live_section_shows_at_least_one_and_at_most_a_hundred() {
        assert_eq!(
            tokens("[@live:pains:0] [@live:pains:5000]")
                .into_iter()
                .map(|(_, t)| t)
                .collect::<Vec<_>>(),
            vec![
                Token::Live(Live::Pains { top: 1 }),
                Token::Live(Live::Pains { top: 100 })
            ]
        );
    }
}
