//! One search over sessions, notes, observations, people, ideas and tags (SQLite FTS5).
//! What is typed becomes a safe FTS5 expression in [`crate::fts`]; filters are the
//! observation list's ([`crate::filter`]).

use crate::db::Db;
use crate::error::DomainError;
use crate::filter::{ObservationFilter, Subject};
use crate::fts::{fts_query, MAX_TERMS};
use crate::kind::{ObservationKind, SourceKind};
use crate::row::RowExt;
use crate::search_index::INDEXED;
use crate::sql::Args;
use crate::store::Store;
use rusqlite::params_from_iter;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Most hits one search returns.
pub const MAX_HITS: u32 = 200;
/// Above this many matches, hits come newest first instead of by relevance.
pub const BROAD_MATCHES: u32 = 3000;

/// Marks the start of a matched word in a snippet (a control character no text holds).
pub const MARK_START: char = '\u{2}';
/// Marks the end of a matched word in a snippet.
pub const MARK_END: char = '\u{3}';

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

    /// The table the entity is stored in.
    fn table(self) -> &'static str {
        match self {
            Self::Session => "session",
            Self::Observation => "observation",
            Self::Person => "person",
            Self::Idea => "idea",
            Self::Tag => "tag",
        }
    }

    /// The entity code in the index's rowid (see [`crate::search_index`]).
    fn code(self) -> i64 {
        INDEXED
            .iter()
            .find(|i| i.table == self.table())
            .map_or(0, |i| i.code)
    }

    /// The entity of an index code.
    fn of_code(code: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.code() == code)
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

impl Store {
    /// Searches everything a person can find, best matches first.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, DomainError> {
        self.read(|db| db.search(query))
    }
}

impl Db<'_> {
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
            let only_cycle = f.only_cycle();
            entities.retain(|e| match e {
                SearchEntity::Session | SearchEntity::Observation => true,
                SearchEntity::Idea => only_cycle,
                SearchEntity::Person | SearchEntity::Tag => false,
            });
        }
        let mut args = Args::default();
        let expr = args.bind(fts.expr.clone());
        let mut branches: Vec<String> = Vec::new();
        for entity in &entities {
            let code = entity.code();
            // Trashed rows are not in the index: only a filter needs the table.
            let mut cond = String::new();
            let table = match entity {
                SearchEntity::Observation => {
                    f.push_sql(Subject::Observation, &mut cond, &mut args);
                    "observation o"
                }
                SearchEntity::Session => {
                    f.push_sql(Subject::Session, &mut cond, &mut args);
                    "session s"
                }
                SearchEntity::Idea => {
                    if let Some(c) = f.cycle_id {
                        cond = format!(" AND i.cycle_id = {}", args.bind(c.to_string()));
                    }
                    "idea i"
                }
                SearchEntity::Person | SearchEntity::Tag => "",
            };
            let alias = table.rsplit(' ').next().unwrap_or("");
            branches.push(if cond.is_empty() {
                format!("(si.rowid % 8 = {code})")
            } else {
                format!(
                    "(si.rowid % 8 = {code} AND EXISTS (SELECT 1 FROM {table} WHERE {alias}.rowid = si.rowid / 8{cond}))"
                )
            });
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
        let limit = args.bind(i64::from(limit));
        let sql = format!(
            "SELECT si.rowid AS rowid, snippet(search_index, 0, char(2), char(3), '…', 12) AS title_snip,
                    snippet(search_index, 1, char(2), char(3), '…', 16) AS body_snip
             FROM search_index si
             WHERE search_index MATCH {expr} AND ({})
             ORDER BY {order} LIMIT {limit}",
            branches.join(" OR ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let raw: Vec<(i64, String, String)> = stmt
            .query_map(params_from_iter(args.iter()), |r| {
                Ok((r.get("rowid")?, r.get("title_snip")?, r.get("body_snip")?))
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
        let Some(entity) = SearchEntity::of_code(rowid % 8) else {
            return Ok(None);
        };
        let hit = match entity {
            SearchEntity::Session => self
                .conn
                .prepare_cached("SELECT id, title, kind FROM session WHERE rowid = ?1")?
                .query_row([source], |r| {
                    let kind: SourceKind = r.stored("kind")?;
                    let id = r.uuid("id")?;
                    Ok(SearchHit {
                        entity,
                        id,
                        title: r.get("title")?,
                        snippet,
                        context: kind.label().to_owned(),
                        session_id: Some(id),
                        observation_kind: None,
                        source_kind: Some(kind),
                    })
                }),
            SearchEntity::Observation => self
                .conn
                .prepare_cached(
                    "SELECT o.id, o.kind, o.session_id, s.title AS session_title, s.kind AS source_kind
                     FROM observation o LEFT JOIN session s ON s.id = o.session_id WHERE o.rowid = ?1",
                )?
                .query_row([source], |r| {
                    let kind: ObservationKind = r.stored("kind")?;
                    let source_kind: Option<SourceKind> = r.opt_stored("source_kind")?;
                    let session_title: Option<String> = r.get("session_title")?;
                    Ok(SearchHit {
                        entity,
                        id: r.uuid("id")?,
                        title: kind.label().to_owned(),
                        snippet,
                        context: match (source_kind, session_title) {
                            (Some(k), Some(t)) => format!("{} · {t}", k.label()),
                            _ => "Typed directly".to_owned(),
                        },
                        session_id: r.opt_uuid("session_id")?,
                        observation_kind: Some(kind),
                        source_kind,
                    })
                }),
            SearchEntity::Person => self
                .conn
                .prepare_cached(
                    "SELECT p.id, p.name, p.role, coalesce(t.name, '') AS team FROM person p
                     LEFT JOIN team t ON t.id = p.team_id WHERE p.rowid = ?1",
                )?
                .query_row([source], |r| {
                    let role: String = r.get("role")?;
                    let team: String = r.get("team")?;
                    Ok(SearchHit {
                        entity,
                        id: r.uuid("id")?,
                        title: r.get("name")?,
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
            SearchEntity::Idea | SearchEntity::Tag => {
                let sql = if entity == SearchEntity::Idea {
                    "SELECT id, title AS name FROM idea WHERE rowid = ?1"
                } else {
                    "SELECT id, name FROM tag WHERE rowid = ?1"
                };
                self.conn.prepare_cached(sql)?.query_row([source], |r| {
                    Ok(SearchHit {
                        entity,
                        id: r.uuid("id")?,
                        title: r.get("name")?,
                        snippet,
                        context: String::new(),
                        session_id: None,
                        observation_kind: None,
                        source_kind: None,
                    })
                })
            }
        };
        match hit {
            Ok(hit) => Ok(Some(hit)),
            // A stale index row (see `rebuild_search_index`) is skipped, not an error.
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}
