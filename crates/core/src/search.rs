//! One search over sessions, notes, observations, people, ideas and tags (SQLite FTS5).
//!
//! What a person types is never handed to FTS5 as syntax. It is cut into words the
//! way the index's tokenizer cuts text (letters and digits), each word is quoted, and
//! the last one (or every one, for prefix matching while typing) gets `*`. Double
//! quotes that pair up make a phrase. So `NEAR(`, `AND`, a lone `*`, unbalanced
//! parentheses, SQL or emoji are only words or nothing, and never an FTS5 error.

use crate::error::DomainError;
use crate::id::uuid_at;
use crate::input::{date_text, id_list, json_list};
use crate::observation::{ObservationFilter, ObservationKind};
use crate::session::SourceKind;
use crate::store::Store;
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Most words one search uses; the rest of a long paste is ignored (and said so).
pub const MAX_TERMS: usize = 16;
/// Longest word kept, in characters.
const MAX_TERM_CHARS: usize = 64;
/// Most hits one search returns.
pub const MAX_HITS: u32 = 200;
/// Above this many matches, hits come newest first instead of by relevance.
pub const BROAD_MATCHES: u32 = 3000;

/// Marks the start of a matched word in a snippet (a control character no text holds).
pub const MARK_START: char = '\u{2}';
/// Marks the end of a matched word in a snippet.
pub const MARK_END: char = '\u{3}';

/// A search expression for FTS5, built only from quoted words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FtsQuery {
    pub expr: String,
    /// The words searched for, for the UI to say what it looked for.
    pub terms: Vec<String>,
    /// Whether words beyond [`MAX_TERMS`] were dropped.
    pub truncated: bool,
}

/// Builds a safe FTS5 expression from what a person typed; `None` when it holds no word.
pub(crate) fn fts_query(input: &str) -> Option<FtsQuery> {
    // A long paste is read only as far as a search goes.
    let (input, cut) = match input.char_indices().nth(crate::limits::SEARCH_TEXT) {
        Some((at, _)) => (&input[..at], true),
        None => (input, false),
    };
    // Groups of words: a phrase (between paired quotes) or a single word.
    let mut groups: Vec<Vec<String>> = Vec::new();
    let quotes = input.matches('"').count();
    // An unpaired last quote is just a character.
    let paired_end = if quotes % 2 == 1 {
        input.rfind('"').unwrap_or(input.len())
    } else {
        input.len()
    };
    let mut in_phrase = false;
    let mut phrase: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut terms = 0usize;
    let mut truncated = cut;
    let mut flush_word = |word: &mut String,
                          phrase: &mut Vec<String>,
                          groups: &mut Vec<Vec<String>>,
                          in_phrase: bool| {
        if word.is_empty() {
            return;
        }
        let w: String = std::mem::take(word).chars().take(MAX_TERM_CHARS).collect();
        if terms >= MAX_TERMS {
            truncated = true;
            return;
        }
        terms += 1;
        if in_phrase {
            phrase.push(w);
        } else {
            groups.push(vec![w]);
        }
    };
    for (i, ch) in input.char_indices() {
        if ch == '"' && i < paired_end {
            flush_word(&mut word, &mut phrase, &mut groups, in_phrase);
            if in_phrase && !phrase.is_empty() {
                groups.push(std::mem::take(&mut phrase));
            }
            in_phrase = !in_phrase;
        } else if ch.is_alphanumeric() {
            word.push(ch);
        } else {
            flush_word(&mut word, &mut phrase, &mut groups, in_phrase);
        }
    }
    flush_word(&mut word, &mut phrase, &mut groups, in_phrase);
    if !phrase.is_empty() {
        groups.push(phrase);
    }
    if groups.is_empty() {
        return None;
    }
    let all_terms: Vec<String> = groups.iter().flatten().cloned().collect();
    // Every group matches as a prefix, so results appear while a word is half typed.
    let expr = groups
        .iter()
        .map(|g| format!("\"{}\"*", g.join(" ")))
        .collect::<Vec<_>>()
        .join(" AND ");
    Some(FtsQuery {
        expr,
        terms: all_terms,
        truncated,
    })
}

/// What kind of thing a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SearchEntity {
    Session,
    Observation,
    Person,
    Idea,
    Tag,
}

impl SearchEntity {
    const ALL: [SearchEntity; 5] = [
        Self::Session,
        Self::Observation,
        Self::Person,
        Self::Idea,
        Self::Tag,
    ];

    /// The entity code in the index's rowid (see migration 0002).
    fn code(self) -> i64 {
        match self {
            Self::Session => 1,
            Self::Observation => 2,
            Self::Person => 3,
            Self::Idea => 4,
            Self::Tag => 5,
        }
    }
}

/// A search and its filters (the observation list's filters).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchQuery {
    pub text: String,
    /// Only these kinds of things; all when empty.
    #[serde(default)]
    pub entities: Vec<SearchEntity>,
    #[serde(default)]
    pub filter: ObservationFilter,
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
}

/// One thing found.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub entity: SearchEntity,
    pub id: Uuid,
    /// A title to show (a session's or idea's title, a person's or tag's name,
    /// an observation's kind, e.g. "Pain").
    pub title: String,
    /// Text around the match. Matched words sit between U+0002 and U+0003;
    /// the UI turns those into highlights and shows everything else as text.
    pub snippet: String,
    /// Where it sits, e.g. "Coffee chat · Coffee with Priya"; empty for ideas and tags.
    pub context: String,
    /// The session to open for a session or an observation taken from one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub session_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub observation_kind: Option<ObservationKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub source_kind: Option<SourceKind>,
}

/// The hits of a search, best first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// The words searched for.
    pub terms: Vec<String>,
    /// A note for the person: words ignored, or nothing to search for.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub notice: Option<String>,
}

impl ObservationFilter {
    fn is_observation_only(&self) -> bool {
        !self.kinds.is_empty() || !self.tag_ids.is_empty()
    }

    fn is_empty(&self) -> bool {
        *self == ObservationFilter::default()
    }
}

impl Store {
    /// Searches everything a person can find, best matches first.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, DomainError> {
        let Some(fts) = fts_query(&query.text) else {
            let notice = (!query.text.trim().is_empty()).then(|| {
                "Type a word to search: symbols and emoji alone match nothing.".to_owned()
            });
            return Ok(SearchResults {
                hits: Vec::new(),
                terms: Vec::new(),
                notice,
            });
        };
        query.filter.check()?;
        let limit = query.limit.unwrap_or(50).min(MAX_HITS);
        let f = &query.filter;
        let mut entities: Vec<SearchEntity> = if query.entities.is_empty() {
            SearchEntity::ALL.to_vec()
        } else {
            query.entities.clone()
        };
        // A filter narrows to the things it can describe.
        if f.is_observation_only() {
            entities.retain(|e| *e == SearchEntity::Observation);
        } else if !f.is_empty() {
            let only_cycle = f.person_ids.is_empty()
                && f.team_ids.is_empty()
                && f.source_kinds.is_empty()
                && f.from.is_none()
                && f.to.is_none()
                && f.session_id.is_none();
            entities.retain(|e| match e {
                SearchEntity::Session | SearchEntity::Observation => true,
                SearchEntity::Idea => only_cycle,
                SearchEntity::Person | SearchEntity::Tag => false,
            });
        }
        let mut args: Vec<Value> = vec![fts.expr.clone().into()];
        let mut branches: Vec<String> = Vec::new();
        for entity in &entities {
            let code = entity.code();
            match entity {
                SearchEntity::Observation => {
                    // Trashed rows are not in the index: only a filter needs the table.
                    let mut cond = String::new();
                    f.push_sql(&mut cond, &mut args);
                    branches.push(if cond.is_empty() {
                        format!("(si.rowid % 8 = {code})")
                    } else {
                        format!(
                            "(si.rowid % 8 = {code} AND EXISTS (SELECT 1 FROM observation o
                                WHERE o.rowid = si.rowid / 8{cond}))"
                        )
                    });
                }
                SearchEntity::Session => {
                    // The session-level parts of the filter, read against the session itself.
                    let mut cond = String::new();
                    let mut bind = |cond: &mut String, pattern: &str, value: String| {
                        args.push(value.into());
                        cond.push_str(&pattern.replace("?N", &format!("?{}", args.len())));
                    };
                    if let Some(c) = f.cycle_id {
                        bind(&mut cond, " AND s.cycle_id = ?N", c.to_string());
                    }
                    if let Some(sid) = f.session_id {
                        bind(&mut cond, " AND s.id = ?N", sid.to_string());
                    }
                    if let Some(from) = f.from {
                        bind(&mut cond, " AND s.held_on >= ?N", date_text(from));
                    }
                    if let Some(to) = f.to {
                        bind(&mut cond, " AND s.held_on <= ?N", date_text(to));
                    }
                    if !f.source_kinds.is_empty() {
                        bind(
                            &mut cond,
                            " AND s.kind IN (SELECT value FROM json_each(?N))",
                            json_list(f.source_kinds.iter().map(|k| k.as_str())),
                        );
                    }
                    if !f.person_ids.is_empty() {
                        bind(
                            &mut cond,
                            " AND EXISTS (SELECT 1 FROM session_person sp WHERE sp.session_id = s.id
                                          AND sp.person_id IN (SELECT value FROM json_each(?N)))",
                            id_list(&f.person_ids),
                        );
                    }
                    if !f.team_ids.is_empty() {
                        bind(
                            &mut cond,
                            " AND EXISTS (SELECT 1 FROM session_person sp JOIN person p ON p.id = sp.person_id
                                          WHERE sp.session_id = s.id AND p.team_id IN (SELECT value FROM json_each(?N)))",
                            id_list(&f.team_ids),
                        );
                    }
                    branches.push(if cond.is_empty() {
                        format!("(si.rowid % 8 = {code})")
                    } else {
                        format!(
                            "(si.rowid % 8 = {code} AND EXISTS (SELECT 1 FROM session s WHERE s.rowid = si.rowid / 8{cond}))"
                        )
                    });
                }
                SearchEntity::Idea => {
                    let mut cond = String::new();
                    if let Some(c) = f.cycle_id {
                        args.push(c.to_string().into());
                        cond = format!(
                            " AND EXISTS (SELECT 1 FROM idea i WHERE i.rowid = si.rowid / 8 AND i.cycle_id = ?{})",
                            args.len()
                        );
                    }
                    branches.push(format!("(si.rowid % 8 = {code}{cond})"));
                }
                SearchEntity::Person | SearchEntity::Tag => {
                    branches.push(format!("(si.rowid % 8 = {code})"));
                }
            }
        }
        if branches.is_empty() {
            return Ok(SearchResults {
                hits: Vec::new(),
                terms: fts.terms,
                notice: None,
            });
        }
        // Ranking by relevance (bm25) scores every match, which grows with them; counting
        // them is cheap. A query as broad as a two-letter prefix lists the newest first.
        let matches: u32 = self
            .conn
            .prepare_cached("SELECT count(*) FROM search_index WHERE search_index MATCH ?1")?
            .query_row([&fts.expr], |r| r.get(0))?;
        let broad = matches > BROAD_MATCHES;
        let order = if broad { "si.rowid DESC" } else { "rank" };
        args.push(i64::from(limit).into());
        let sql = format!(
            "SELECT si.rowid, snippet(search_index, 0, char(2), char(3), '…', 12),
                    snippet(search_index, 1, char(2), char(3), '…', 16)
             FROM search_index si
             WHERE search_index MATCH ?1 AND ({})
             ORDER BY {order} LIMIT ?{}",
            branches.join(" OR "),
            args.len()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let raw: Vec<(i64, String, String)> = stmt
            .query_map(params_from_iter(args.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut hits = Vec::with_capacity(raw.len());
        for (rowid, title_snip, body_snip) in raw {
            if let Some(hit) = self.resolve_hit(rowid, title_snip, body_snip)? {
                hits.push(hit);
            }
        }
        let notice = if fts.truncated {
            Some(format!(
                "Searched for the first {MAX_TERMS} words; the rest were ignored."
            ))
        } else if broad {
            Some(format!(
                "{matches} matches: the newest come first. Type more of a word to see the best matches first."
            ))
        } else {
            None
        };
        Ok(SearchResults {
            hits,
            terms: fts.terms,
            notice,
        })
    }

    /// Turns an index row into a hit with its title and context.
    fn resolve_hit(
        &self,
        rowid: i64,
        title_snip: String,
        body_snip: String,
    ) -> Result<Option<SearchHit>, DomainError> {
        let source = rowid / 8;
        let has_mark = |s: &str| s.contains(MARK_START);
        let snippet = if has_mark(&body_snip) || !has_mark(&title_snip) {
            body_snip
        } else {
            title_snip
        };
        let hit = match rowid % 8 {
            1 => self
                .conn
                .prepare_cached("SELECT id, title, kind FROM session WHERE rowid = ?1")?
                .query_row([source], |r| {
                    let kind = SourceKind::parse(&r.get::<_, String>(2)?);
                    let id = uuid_at(r, 0)?;
                    Ok(SearchHit {
                        entity: SearchEntity::Session,
                        id,
                        title: r.get(1)?,
                        snippet,
                        context: kind.map_or("Session", |k| k.label()).to_owned(),
                        session_id: Some(id),
                        observation_kind: None,
                        source_kind: kind,
                    })
                }),
            2 => self
                .conn
                .prepare_cached(
                    "SELECT o.id, o.kind, o.session_id, s.title, s.kind FROM observation o
                     LEFT JOIN session s ON s.id = o.session_id WHERE o.rowid = ?1",
                )?
                .query_row([source], |r| {
                    let kind = ObservationKind::parse(&r.get::<_, String>(1)?);
                    let session_id = match r.get::<_, Option<String>>(2)? {
                        Some(_) => Some(uuid_at(r, 2)?),
                        None => None,
                    };
                    let source_kind = r
                        .get::<_, Option<String>>(4)?
                        .and_then(|k| SourceKind::parse(&k));
                    let session_title: Option<String> = r.get(3)?;
                    Ok(SearchHit {
                        entity: SearchEntity::Observation,
                        id: uuid_at(r, 0)?,
                        title: kind.map_or("Observation", |k| k.label()).to_owned(),
                        snippet,
                        context: match (source_kind, session_title) {
                            (Some(k), Some(t)) => format!("{} · {t}", k.label()),
                            _ => "Typed directly".to_owned(),
                        },
                        session_id,
                        observation_kind: kind,
                        source_kind,
                    })
                }),
            3 => self
                .conn
                .prepare_cached(
                    "SELECT p.id, p.name, p.role, coalesce(t.name, '') FROM person p
                     LEFT JOIN team t ON t.id = p.team_id WHERE p.rowid = ?1",
                )?
                .query_row([source], |r| {
                    let role: String = r.get(2)?;
                    let team: String = r.get(3)?;
                    Ok(SearchHit {
                        entity: SearchEntity::Person,
                        id: uuid_at(r, 0)?,
                        title: r.get(1)?,
                        snippet,
                        context: [role, team]
                            .into_iter()
                            .filter(|s| !s.is_empty())
                            .collect::<Vec<_>>()
                            .join(" · "),
                        session_id: None,
                        observation_kind: None,
                        source_kind: None,
                    })
                }),
            4 => self
                .conn
                .prepare_cached("SELECT id, title FROM idea WHERE rowid = ?1")?
                .query_row([source], |r| {
                    Ok(SearchHit {
                        entity: SearchEntity::Idea,
                        id: uuid_at(r, 0)?,
                        title: r.get(1)?,
                        snippet,
                        context: String::new(),
                        session_id: None,
                        observation_kind: None,
                        source_kind: None,
                    })
                }),
            5 => self
                .conn
                .prepare_cached("SELECT id, name FROM tag WHERE rowid = ?1")?
                .query_row([source], |r| {
                    Ok(SearchHit {
                        entity: SearchEntity::Tag,
                        id: uuid_at(r, 0)?,
                        title: r.get(1)?,
                        snippet,
                        context: String::new(),
                        session_id: None,
                        observation_kind: None,
                        source_kind: None,
                    })
                }),
            _ => return Ok(None),
        };
        match hit {
            Ok(hit) => Ok(Some(hit)),
            // A stale index row (see `rebuild_search_index`) is skipped, not an error.
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Rebuilds the search index from the tables (after a VACUUM, or to repair it).
    pub fn rebuild_search_index(&mut self) -> Result<(), DomainError> {
        let tx = self.conn.transaction()?;
        tx.execute_batch(
            "DELETE FROM search_index;
             INSERT INTO search_index (rowid, title, body)
                 SELECT rowid * 8 + 1, title, notes FROM session WHERE deleted_at IS NULL;
             INSERT INTO search_index (rowid, title, body)
                 SELECT rowid * 8 + 2, '', text FROM observation WHERE deleted_at IS NULL;
             INSERT INTO search_index (rowid, title, body)
                 SELECT rowid * 8 + 3, name, concat_ws(' ', role, goals, support, interaction)
                 FROM person WHERE deleted_at IS NULL;
             INSERT INTO search_index (rowid, title, body)
                 SELECT rowid * 8 + 4, title, description FROM idea WHERE deleted_at IS NULL;
             INSERT INTO search_index (rowid, title, body)
                 SELECT rowid * 8 + 5, name, '' FROM tag WHERE deleted_at IS NULL;",
        )?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(s: &str) -> Option<String> {
        fts_query(s).map(|q| q.expr)
    }

    #[test]
    fn words_are_quoted_and_matched_as_prefixes() {
        assert_eq!(
            expr("flaky tests").as_deref(),
            Some("\"flaky\"* AND \"tests\"*")
        );
    }

    #[test]
    fn paired_quotes_make_a_phrase_and_an_unpaired_one_is_ignored() {
        assert_eq!(
            expr("\"deploy pipeline\" slow").as_deref(),
            Some("\"deploy pipeline\"* AND \"slow\"*")
        );
        assert_eq!(
            expr("say \"hello").as_deref(),
            Some("\"say\"* AND \"hello\"*")
        );
    }

    #[test]
    fn syntax_and_symbols_become_words_or_nothing() {
        assert_eq!(
            expr("NEAR(a b").as_deref(),
            Some("\"NEAR\"* AND \"a\"* AND \"b\"*")
        );
        assert_eq!(expr("*"), None);
        assert_eq!(expr("🚀🔥"), None);
        assert_eq!(expr("()"), None);
        assert_eq!(expr("OR").as_deref(), Some("\"OR\"*"));
    }

    #[test]
    fn a_long_paste_keeps_the_first_words_and_says_so() {
        let q = fts_query(&"word ".repeat(2000)).expect("words");
        assert_eq!(q.terms.len(), MAX_TERMS);
        assert!(q.truncated);
    }
}
