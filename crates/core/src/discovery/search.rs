//! One search over sessions, notes, observations, people, ideas, tags and the turns of
//! transcripts (SQLite FTS5).
//! What is typed is parsed by [`crate::discovery::query`] into words, phrases, `OR`, `-word` and
//! field filters; only that tree reaches FTS5 (as quoted words) and SQL (as bound
//! values). Filters are the observation list's ([`crate::discovery::filter`]). Every search says
//! how many things match, per kind, and any page of them can be asked for.

use crate::discovery::filter::{ObservationFilter, Subject};
use crate::discovery::query::{self, ParsedQuery, QueryField, MAX_TERMS};
use crate::discovery::search_index::{code_of, source_of, CODE_OF, INDEXED, SOURCE_OF};
use crate::discovery::transcript::said_at_label;
use crate::store::db::Db;
use crate::store::error::DomainError;
use crate::store::input::check_date;
use crate::store::kind::{ObservationKind, SourceKind};
use crate::store::row::RowExt;
use crate::store::sql::Args;
use rusqlite::{params_from_iter, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Most hits one page holds.
pub const MAX_HITS: u32 = 200;
/// Above this many matches, hits come newest first unless best matches are asked for:
/// ranking scores every match, listing by date reads one page.
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
    /// A speaker's turn in a session's transcript: the one that holds the match, of
    /// everything that speaker said in that transcript.
    Turn,
}

impl SearchEntity {
    const ALL: [SearchEntity; 6] = [
        Self::Session,
        Self::Observation,
        Self::Person,
        Self::Idea,
        Self::Tag,
        Self::Turn,
    ];

    /// The table the entity is stored in.
    fn table(self) -> &'static str {
        match self {
            Self::Session => "session",
            Self::Observation => "observation",
            Self::Person => "person",
            Self::Idea => "idea",
            Self::Tag => "tag",
            // Turns are found by their speaker's voice (see `transcript::voice`).
            Self::Turn => "transcript_voice",
        }
    }

    /// The entity code in the index's rowid (see [`crate::discovery::search_index`]).
    pub(crate) fn code(self) -> i64 {
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

/// The order hits come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SearchOrder {
    /// Best matches first (FTS5's bm25).
    Relevance,
    /// By the session's date (an observation's own, the day an idea was written),
    /// newest first; people and tags, which have no date, last.
    Newest,
}

/// A search and its filters (the observation list's filters).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchQuery {
    /// What was typed, in Groundwork's query language (see [`crate::discovery::query`]).
    pub text: String,
    /// Only these kinds of things; all when empty.
    #[serde(default)]
    pub entities: Vec<SearchEntity>,
    #[serde(default)]
    pub filter: ObservationFilter,
    /// Hits per page: 50 when absent, at most [`MAX_HITS`].
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
    /// How many hits to skip: the next page starts where the last one ended.
    #[serde(default)]
    pub offset: u32,
    /// The order asked for; when absent, relevance unless the search is broad (more
    /// than [`BROAD_MATCHES`] matches) or has no words to rank by.
    #[serde(default)]
    #[ts(optional)]
    pub order: Option<SearchOrder>,
}

/// One thing found.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub entity: SearchEntity,
    pub id: Uuid,
    /// A title to show (a session's or idea's title, a person's or tag's name,
    /// an observation's kind, e.g. "Pain", a turn's speaker: the person's name, else the
    /// label the transcript gives).
    pub title: String,
    /// Text around the match. Matched words sit between U+0002 and U+0003;
    /// the UI turns those into highlights and shows everything else as text.
    pub snippet: String,
    /// Where it sits, e.g. "Coffee chat · Coffee with Priya" (and for a turn, when in the
    /// recording it was said: "Coffee chat · Coffee with Priya · 12:41"); empty for ideas
    /// and tags.
    pub context: String,
    /// The day it is dated (a session's, or a turn's session's, an observation's, the
    /// day an idea was written), as `YYYY-MM-DD`; none for people and tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub date: Option<String>,
    /// The session to open for a session, a turn of its transcript, or an observation
    /// taken from one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub session_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub observation_kind: Option<ObservationKind>,
    /// Who said an observation or a turn ("Priya Raman, Tom Berg"); none when no one is
    /// named.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub said_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub source_kind: Option<SourceKind>,
}

/// How many things match, per kind of thing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchCounts {
    pub sessions: u32,
    pub observations: u32,
    pub people: u32,
    pub ideas: u32,
    pub tags: u32,
    /// What speakers said in transcripts, once per speaker per transcript (each hit
    /// opens the turn of its match).
    pub turns: u32,
}

impl SearchCounts {
    fn add(&mut self, entity: SearchEntity, n: u32) {
        match entity {
            SearchEntity::Session => self.sessions += n,
            SearchEntity::Observation => self.observations += n,
            SearchEntity::Person => self.people += n,
            SearchEntity::Idea => self.ideas += n,
            SearchEntity::Tag => self.tags += n,
            SearchEntity::Turn => self.turns += n,
        }
    }

    /// How many of `entity` match.
    pub fn of(&self, entity: SearchEntity) -> u32 {
        match entity {
            SearchEntity::Session => self.sessions,
            SearchEntity::Observation => self.observations,
            SearchEntity::Person => self.people,
            SearchEntity::Idea => self.ideas,
            SearchEntity::Tag => self.tags,
            SearchEntity::Turn => self.turns,
        }
    }
}

/// A field filter found in what was typed, as the UI shows it (a chip).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueryChip {
    pub field: QueryField,
    /// The value as typed.
    pub value: String,
    /// What it was read as, e.g. "Person: Priya Raman" or "Before 1 Oct 2026".
    pub label: String,
    /// Whether it names something; a chip that names nothing matches nothing.
    pub found: bool,
}

/// What the search understood of what was typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Understood {
    /// Each must match: a word, a "phrase", or alternatives joined by OR.
    pub all_of: Vec<String>,
    /// Words and phrases no hit holds.
    pub left_out: Vec<String>,
    pub filters: Vec<QueryChip>,
}

/// One page of the hits of a search, with how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// How many things match in all, on every page.
    pub total: u32,
    pub counts: SearchCounts,
    /// Where this page starts among all hits.
    pub offset: u32,
    /// The order the hits are in.
    pub order: SearchOrder,
    /// Why they are in that order, for the view to say.
    pub order_reason: String,
    /// The words searched for, for highlighting.
    pub terms: Vec<String>,
    pub understood: Understood,
    /// A note for the person: words ignored, or nothing to search for.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub notice: Option<String>,
}

impl SearchResults {
    fn nothing(offset: u32, understood: Understood, notice: Option<String>) -> Self {
        SearchResults {
            hits: Vec::new(),
            total: 0,
            counts: SearchCounts::default(),
            offset,
            order: SearchOrder::Relevance,
            order_reason: String::new(),
            terms: Vec::new(),
            understood,
            notice,
        }
    }
}

/// The SQL of one search: what every hit must satisfy, over `search_index si`.
struct Plan {
    /// `MATCH ?N AND (…)` or the conditions alone.
    condition: String,
    args: Args,
    /// Whether the index is matched (else every indexed row is a candidate).
    matched: bool,
    /// Filters alone (nothing to match, nothing left out): the same rows read from
    /// their tables through the filters' indexes, as `SELECT k, code` (k the index
    /// rowid), instead of every row of the index being asked whether it passes.
    direct: Option<String>,
    /// Whether filters narrow the matches.
    filtered: bool,
    /// Words and a person, team or tag: the rows those name, as `SELECT k`, to be read
    /// once and given to the plans of the count and the page (see `plan`'s `keys`).
    keyed: Option<String>,
}

impl Db<'_> {
    /// Searches everything a person can find: one page of hits and how many in all.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, DomainError> {
        self.search_by(query, true)
    }

    /// [`Self::search`]; `from_tables` false asks the filters of every candidate of the
    /// index instead of reading the rows they name from their tables, which a test
    /// compares.
    fn search_by(
        &self,
        query: &SearchQuery,
        from_tables: bool,
    ) -> Result<SearchResults, DomainError> {
        let parsed = query::parse(&query.text, true);
        let truncated = parsed.truncated.then(|| {
            format!("Searched for the first {MAX_TERMS} words and filters; the rest were ignored.")
        });
        if parsed.is_empty() {
            let notice = (!query.text.trim().is_empty()).then(|| {
                "Type a word to search: symbols and emoji alone match nothing.".to_owned()
            });
            return Ok(SearchResults::nothing(
                query.offset,
                Understood::default(),
                notice,
            ));
        }
        query.filter.check()?;
        let (typed, chips) = self.understand(&parsed)?;
        let understood = Understood {
            all_of: parsed
                .groups
                .iter()
                .map(|g| {
                    g.iter()
                        .map(query::Term::text)
                        .collect::<Vec<_>>()
                        .join(" OR ")
                })
                .collect(),
            left_out: parsed.excluded.iter().map(query::Term::text).collect(),
            filters: chips,
        };
        // Every kind the filters can describe is counted, so each scope can say how
        // many it holds; the page and the total are the scope's.
        let allowed = allowed(std::iter::once(&query.filter).chain(&typed));
        let wanted: Vec<SearchEntity> = allowed
            .iter()
            .copied()
            .filter(|e| query.entities.is_empty() || query.entities.contains(e))
            .collect();
        // A filter that names nothing matches nothing (say so rather than ignore it),
        // and neither does a scope the filters cannot describe.
        if wanted.is_empty() || understood.filters.iter().any(|c| !c.found) {
            return Ok(SearchResults {
                terms: parsed.terms(),
                ..SearchResults::nothing(query.offset, understood, truncated)
            });
        }
        let mut counted = self.plan(query, &parsed, &typed, &allowed, from_tables, None);
        // Words and a person, team or tag: the rows those name are read once, for the
        // count and the page alike.
        let keys = match counted.keyed.clone() {
            Some(rows) => {
                let mut stmt = self
                    .conn
                    .prepare_cached(&format!("SELECT k FROM ({rows})"))?;
                let keys: Vec<i64> = stmt
                    .query_map(params_from_iter(counted.args.iter()), |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                counted = self.plan(query, &parsed, &typed, &allowed, from_tables, Some(&keys));
                Some(keys)
            }
            None => None,
        };
        let limit = query.limit.unwrap_or(50).clamp(1, MAX_HITS);
        // Filters alone: every row they name is read once, counted, and the page taken
        // from those rows; there is no best match to rank them by.
        if let Some(rows) = &counted.direct {
            let (counts, keys) = self.count_direct(&counted, rows)?;
            let codes: Vec<i64> = wanted.iter().map(|e| e.code()).collect();
            let page: Vec<i64> = keys
                .into_iter()
                .filter(|k| codes.contains(&code_of(*k)))
                .skip(query.offset as usize)
                .take(limit as usize)
                .collect();
            return Ok(SearchResults {
                hits: self.hits_of(&page, &parsed)?,
                total: wanted.iter().map(|e| counts.of(*e)).sum(),
                counts,
                offset: query.offset,
                order: SearchOrder::Newest,
                order_reason: chosen_order(query.order, false, 0).1,
                terms: parsed.terms(),
                understood,
                notice: truncated,
            });
        }
        let counts = self.count(&counted)?;
        let total = wanted.iter().map(|e| counts.of(*e)).sum();
        let plan = if wanted == allowed {
            counted
        } else {
            self.plan(
                query,
                &parsed,
                &typed,
                &wanted,
                from_tables,
                keys.as_deref(),
            )
        };
        let (order, order_reason) = chosen_order(query.order, plan.matched, total);
        let hits = self.page(plan, &parsed, order, limit, query.offset)?;
        Ok(SearchResults {
            hits,
            total,
            counts,
            offset: query.offset,
            order,
            order_reason,
            terms: parsed.terms(),
            understood,
            notice: truncated,
        })
    }

    /// The SQL every hit of one of `entities` satisfies.
    fn plan(
        &self,
        query: &SearchQuery,
        parsed: &ParsedQuery,
        typed: &[ObservationFilter],
        entities: &[SearchEntity],
        from_tables: bool,
        keys: Option<&[i64]>,
    ) -> Plan {
        let mut args = Args::default();
        let mut condition = String::new();
        let fts = parsed.fts_expr();
        let matched = fts.is_some();
        if let Some(expr) = fts {
            condition = format!("search_index MATCH {} AND ", args.bind(expr));
        }
        let mut branches: Vec<String> = Vec::new();
        let mut direct: Vec<String> = Vec::new();
        // A person, team or tag names few rows: `+` keeps SQLite from reading every live
        // row by the trash's index instead of those few by their links.
        let live = if std::iter::once(&query.filter)
            .chain(typed)
            .any(ObservationFilter::drives_by_links)
        {
            "+"
        } else {
            ""
        };
        for entity in entities {
            let code = entity.code();
            // Trashed rows are not in the index: only a filter needs the table.
            let mut cond = String::new();
            // Who said a turn, as sets of rowids found once (see `turn_speakers`).
            let mut speakers = String::new();
            let filters = std::iter::once(&query.filter).chain(typed);
            let table = match entity {
                SearchEntity::Observation => {
                    filters.for_each(|f| f.push_sql(Subject::Observation, &mut cond, &mut args));
                    "observation o"
                }
                SearchEntity::Session => {
                    filters.for_each(|f| f.push_sql(Subject::Session, &mut cond, &mut args));
                    "session s"
                }
                SearchEntity::Idea => {
                    filters.for_each(|f| f.push_sql(Subject::Idea, &mut cond, &mut args));
                    "idea i"
                }
                SearchEntity::Turn => {
                    for f in filters {
                        f.push_sql(Subject::Turn, &mut cond, &mut args);
                        for set in f.turn_speakers(&mut args) {
                            speakers.push_str(&format!(" AND {SOURCE_OF} IN ({set})"));
                        }
                    }
                    "transcript_voice t"
                }
                SearchEntity::Person | SearchEntity::Tag => "",
            };
            let alias = table.rsplit(' ').next().unwrap_or("");
            if let Some(indexed) = INDEXED.iter().find(|i| i.code == code) {
                if !table.is_empty() {
                    direct.push(format!(
                        "SELECT {} AS k, {code} AS code FROM {table} WHERE {live}{alias}.deleted_at IS NULL{cond}{}",
                        indexed.key_of(alias),
                        speakers.replace(SOURCE_OF, &format!("{alias}.rowid"))
                    ));
                }
            }
            branches.push(if cond.is_empty() {
                format!("({CODE_OF} = {code}{speakers})")
            } else {
                format!(
                    "({CODE_OF} = {code}{speakers} AND EXISTS (SELECT 1 FROM {table} WHERE {alias}.rowid = {SOURCE_OF}{cond}))"
                )
            });
        }
        let filtered = branches.iter().any(|b| b.contains(" AND "));
        let mut keyed: Option<String> = None;
        let whole = from_tables && direct.len() == entities.len();
        let direct = whole.then(|| direct.join(" UNION ALL "));
        match &direct {
            // Words and a person, team or tag: the few rows those name are found once, and
            // each match is looked up among them, instead of each match's row being read.
            Some(rows) if matched && !live.is_empty() => {
                let set = match keys {
                    Some(keys) => {
                        // Read for every kind counted; this plan's kinds only.
                        let codes: Vec<i64> = entities.iter().map(|e| e.code()).collect();
                        let mine: Vec<i64> = keys
                            .iter()
                            .copied()
                            .filter(|k| codes.contains(&code_of(*k)))
                            .collect();
                        format!(
                            "SELECT value FROM json_each({})",
                            args.bind(serde_json::to_string(&mine).unwrap_or_else(|_| "[]".into()))
                        )
                    }
                    None => {
                        keyed = Some(rows.clone());
                        format!("SELECT k FROM ({rows})")
                    }
                };
                condition.push_str(&format!("+si.rowid IN ({set})"));
            }
            _ => condition.push_str(&format!("({})", branches.join(" OR "))),
        }
        let direct = direct.filter(|_| !matched && parsed.excluded.is_empty());
        let keyed = keyed.filter(|_| keys.is_none());
        // With words to match, the ones left out ride in the FTS expression; alone,
        // they leave out every row that holds them.
        if !matched {
            if let Some(ex) = parsed.exclusion_expr() {
                condition.push_str(&format!(
                    " AND si.rowid NOT IN (SELECT rowid FROM search_index WHERE search_index MATCH {})",
                    args.bind(ex)
                ));
            }
        }
        Plan {
            condition,
            args,
            matched,
            direct,
            filtered,
            keyed,
        }
    }

    /// How many rows match, per kind: one pass over the matches, no ranking.
    fn count(&self, plan: &Plan) -> Result<SearchCounts, DomainError> {
        let sql = format!(
            "SELECT {CODE_OF} AS code, count(*) AS n FROM search_index si WHERE {} GROUP BY code",
            plan.condition
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(plan.args.iter()), |r| {
            Ok((r.get::<_, i64>("code")?, r.get::<_, u32>("n")?))
        })?;
        let mut counts = SearchCounts::default();
        for row in rows {
            let (code, n) = row?;
            if let Some(entity) = SearchEntity::of_code(code) {
                counts.add(entity, n);
            }
        }
        Ok(counts)
    }

    /// Filters alone, read once from the tables: how many rows match per kind, and every
    /// matching index rowid, newest first, for the page to be taken from.
    fn count_direct(
        &self,
        plan: &Plan,
        rows: &str,
    ) -> Result<(SearchCounts, Vec<i64>), DomainError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT k FROM ({rows})"))?;
        let mut keys: Vec<i64> = stmt
            .query_map(params_from_iter(plan.args.iter()), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        keys.sort_unstable_by(|a, b| b.cmp(a));
        let mut counts = SearchCounts::default();
        for k in &keys {
            if let Some(entity) = SearchEntity::of_code(code_of(*k)) {
                counts.add(entity, 1);
            }
        }
        Ok((counts, keys))
    }

    /// The hits of index rowids read by [`Self::count_direct`]: each one's text from the
    /// index by its rowid.
    fn hits_of(&self, keys: &[i64], parsed: &ParsedQuery) -> Result<Vec<SearchHit>, DomainError> {
        let voice = SearchEntity::Turn.code();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT si.title AS title, CASE WHEN {CODE_OF} = {voice} THEN '' ELSE substr(si.body, 1, 400) END AS body
             FROM search_index si WHERE si.rowid = ?1"
        ))?;
        let mut hits = Vec::with_capacity(keys.len());
        for &k in keys {
            let row: Option<(String, String)> = stmt
                .query_row([k], |r| Ok((r.get("title")?, r.get("body")?)))
                .optional()?;
            if let Some((title, body)) = row {
                if let Some(hit) = self.resolve_hit(k, title, opening(&body), parsed)? {
                    hits.push(hit);
                }
            }
        }
        Ok(hits)
    }

    /// One page of hits in `order`. Newest first walks the index backwards by rowid,
    /// which is by date (see [`crate::discovery::search_index`]), and stops at the page's end.
    fn page(
        &self,
        mut plan: Plan,
        parsed: &ParsedQuery,
        order: SearchOrder,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<SearchHit>, DomainError> {
        let order_by = match order {
            // FTS5 sorts by `rank` before the filters run, scoring every match; the same
            // bm25 as an expression is scored only for the rows the filters keep.
            SearchOrder::Relevance if plan.matched && plan.filtered => {
                "bm25(search_index), si.rowid DESC"
            }
            SearchOrder::Relevance if plan.matched => "rank",
            _ => "si.rowid DESC",
        };
        // Snippets need a match; filters alone show each row's opening words.
        // A voice is everything a speaker said in a talk: its snippet is made from the
        // turn of the match (`turn_hit`), as FTS5 would read all of it.
        let voice = SearchEntity::Turn.code();
        let (title, body) = if plan.matched {
            (
                "snippet(search_index, 0, char(2), char(3), '…', 12)",
                format!("CASE WHEN {CODE_OF} = {voice} THEN '' ELSE snippet(search_index, 1, char(2), char(3), '…', 16) END"),
            )
        } else {
            (
                "si.title",
                format!("CASE WHEN {CODE_OF} = {voice} THEN '' ELSE substr(si.body, 1, 400) END"),
            )
        };
        let limit = plan.args.bind(i64::from(limit));
        let offset = plan.args.bind(i64::from(offset));
        let sql = format!(
            "SELECT si.rowid AS rowid, {title} AS title_snip, {body} AS body_snip
             FROM search_index si WHERE {}
             ORDER BY {order_by} LIMIT {limit} OFFSET {offset}",
            plan.condition
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let raw: Vec<(i64, String, String)> = stmt
            .query_map(params_from_iter(plan.args.iter()), |r| {
                Ok((r.get("rowid")?, r.get("title_snip")?, r.get("body_snip")?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut hits = Vec::with_capacity(raw.len());
        for (rowid, title_snip, body_snip) in raw {
            let body_snip = if plan.matched {
                body_snip
            } else {
                opening(&body_snip)
            };
            if let Some(hit) = self.resolve_hit(rowid, title_snip, body_snip, parsed)? {
                hits.push(hit);
            }
        }
        Ok(hits)
    }

    /// Reads the typed field filters: each becomes a filter of its own (all must
    /// hold), and a chip saying what it was read as.
    fn understand(
        &self,
        parsed: &ParsedQuery,
    ) -> Result<(Vec<ObservationFilter>, Vec<QueryChip>), DomainError> {
        let mut filters = Vec::new();
        let mut chips = Vec::new();
        for term in &parsed.fields {
            let mut f = ObservationFilter::default();
            let value = term.value.as_str();
            let (label, found) = match term.field {
                QueryField::Kind => {
                    f.kinds = matching(&ObservationKind::ALL, value, |k| [k.as_str(), k.label()]);
                    let names: Vec<&str> = f.kinds.iter().map(|k| k.label()).collect();
                    named_label("Kind", "kind", value, &names)
                }
                QueryField::Source => {
                    f.source_kinds = matching(&SourceKind::ALL, value, |k| [k.as_str(), k.label()]);
                    let names: Vec<&str> = f.source_kinds.iter().map(|k| k.label()).collect();
                    named_label("Source", "source", value, &names)
                }
                QueryField::Tag | QueryField::Person | QueryField::Team => {
                    let (table, title, noun) = match term.field {
                        QueryField::Tag => ("tag", "Tag", "tag"),
                        QueryField::Person => ("person", "Person", "person"),
                        _ => ("team", "Team", "team"),
                    };
                    let found = self.named(table, value)?;
                    let names: Vec<&str> = found.iter().map(|(_, n)| n.as_str()).collect();
                    let label = named_label(title, noun, value, &names);
                    let ids = found.iter().map(|(id, _)| *id).collect();
                    match term.field {
                        QueryField::Tag => f.tag_ids = ids,
                        QueryField::Person => f.person_ids = ids,
                        _ => f.team_ids = ids,
                    }
                    label
                }
                QueryField::Before | QueryField::After => {
                    let day = term.day.filter(|d| check_date("date", *d).is_ok());
                    match (term.field, day) {
                        (QueryField::Before, Some(d)) => {
                            f.to = d.pred_opt();
                            (format!("Before {}", d.format("%-d %b %Y")), f.to.is_some())
                        }
                        (_, Some(d)) => {
                            f.from = Some(d);
                            (format!("On or after {}", d.format("%-d %b %Y")), true)
                        }
                        (_, None) => (format!("{value} is not a date Groundwork keeps"), false),
                    }
                }
            };
            chips.push(QueryChip {
                field: term.field,
                value: term.value.clone(),
                label,
                found,
            });
            filters.push(f);
        }
        Ok((filters, chips))
    }

    /// The live rows of `table` whose name is `value` (any case), or else whose name
    /// has a word starting with it: `person:priya` finds "Priya Raman".
    fn named(&self, table: &str, value: &str) -> Result<Vec<(Uuid, String)>, DomainError> {
        let read = |sql: &str, args: &[&str]| -> Result<Vec<(Uuid, String)>, DomainError> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt
                .query_map(rusqlite::params_from_iter(args), |r| {
                    Ok((r.uuid("id")?, r.get("name")?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(rows)
        };
        let exact = read(
            &format!(
                "SELECT id, name FROM {table} WHERE deleted_at IS NULL AND name = ?1 COLLATE NOCASE ORDER BY name LIMIT {NAMED}"
            ),
            &[value],
        )?;
        if !exact.is_empty() {
            return Ok(exact);
        }
        let like = value
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        read(
            &format!(
                "SELECT id, name FROM {table} WHERE deleted_at IS NULL
                 AND (name LIKE ?1 || '%' ESCAPE '\\' OR name LIKE '% ' || ?1 || '%' ESCAPE '\\')
                 ORDER BY name LIMIT {NAMED}"
            ),
            &[&like],
        )
    }
}

/// The order hits come in and why, for the view to say: newest first when asked, when
/// nothing is matched (filters alone), or when more than [`BROAD_MATCHES`] match and
/// no order was asked; else best matches first.
fn chosen_order(asked: Option<SearchOrder>, matched: bool, total: u32) -> (SearchOrder, String) {
    match (asked, matched) {
        (Some(SearchOrder::Newest), _) => (SearchOrder::Newest, "Newest first.".to_owned()),
        (_, false) => (
            SearchOrder::Newest,
            "Newest first: filters alone have no best match.".to_owned(),
        ),
        (Some(SearchOrder::Relevance), true) => {
            (SearchOrder::Relevance, "Best matches first.".to_owned())
        }
        (None, true) if total > BROAD_MATCHES => (
            SearchOrder::Newest,
            format!(
                "Newest first: more than {} matches. Choose best matches to rank them all.",
                crate::store::wording::thousands(BROAD_MATCHES as usize)
            ),
        ),
        (None, true) => (
            SearchOrder::Relevance,
            format!(
                "Best matches first (newest first above {} matches).",
                crate::store::wording::thousands(BROAD_MATCHES as usize)
            ),
        ),
    }
}

/// The kinds of things every one of `filters` can describe (see
/// [`ObservationFilter::describes`]); people and tags only when nothing is filtered.
fn allowed<'f>(filters: impl Iterator<Item = &'f ObservationFilter> + Clone) -> Vec<SearchEntity> {
    let mut entities = SearchEntity::ALL.to_vec();
    entities.retain(|e| {
        filters.clone().all(|f| match e {
            SearchEntity::Observation => f.describes(Subject::Observation),
            SearchEntity::Session => f.describes(Subject::Session),
            SearchEntity::Idea => f.describes(Subject::Idea),
            SearchEntity::Turn => f.describes(Subject::Turn),
            SearchEntity::Person | SearchEntity::Tag => f.is_empty(),
        })
    });
    entities
}

/// Most rows one typed name stands for.
const NAMED: usize = 500;

/// The values whose stored name or label is `value`, or else starts with it, ignoring
/// case, spaces and punctuation: `source:coffee-chat` and `source:coffee` are coffee chats.
fn matching<T: Copy>(all: &[T], value: &str, names: impl Fn(T) -> [&'static str; 2]) -> Vec<T> {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let v = key(value);
    let exact: Vec<T> = all
        .iter()
        .copied()
        .filter(|k| names(*k).iter().any(|n| key(n) == v))
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    all.iter()
        .copied()
        .filter(|k| names(*k).iter().any(|n| key(n).starts_with(&v)))
        .collect()
}

/// A chip's label: "Person: Priya Raman", "Person: Priya Raman, Priya Shah +2", or
/// "No person matches “zed”".
fn named_label(title: &str, noun: &str, value: &str, names: &[&str]) -> (String, bool) {
    if names.is_empty() {
        return (format!("No {noun} matches “{value}”"), false);
    }
    let shown = names.iter().take(3).copied().collect::<Vec<_>>().join(", ");
    let more = names.len().saturating_sub(3);
    let label = if more > 0 {
        format!("{title}: {shown} +{more}")
    } else {
        format!("{title}: {shown}")
    };
    (label, true)
}

/// The first words of a text, for a hit found by filters alone.
fn opening(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(24).collect();
    let mut out = words.join(" ");
    if text.split_whitespace().nth(24).is_some() {
        out.push('…');
    }
    out
}

impl Db<'_> {
    /// Turns an index row into a hit with its title and context.
    fn resolve_hit(
        &self,
        rowid: i64,
        title_snip: String,
        body_snip: String,
        parsed: &ParsedQuery,
    ) -> Result<Option<SearchHit>, DomainError> {
        let source = source_of(rowid);
        let has_mark = |s: &str| s.contains(MARK_START);
        let snippet = if has_mark(&body_snip) || !has_mark(&title_snip) {
            body_snip
        } else {
            title_snip
        };
        let Some(entity) = SearchEntity::of_code(code_of(rowid)) else {
            return Ok(None);
        };
        let hit = match entity {
            SearchEntity::Session => self
                .conn
                .prepare_cached("SELECT id, title, kind, held_on FROM session WHERE rowid = ?1")?
                .query_row([source], |r| {
                    let kind: SourceKind = r.stored("kind")?;
                    let id = r.uuid("id")?;
                    Ok(SearchHit {
                        entity,
                        id,
                        title: r.get("title")?,
                        snippet,
                        context: kind.label().to_owned(),
                        date: r.get("held_on")?,
                        session_id: Some(id),
                        observation_kind: None,
                        said_by: None,
                        source_kind: Some(kind),
                    })
                }),
            SearchEntity::Observation => self
                .conn
                .prepare_cached(
                    "SELECT o.id, o.kind, o.session_id, o.observed_on, s.title AS session_title,
                            s.kind AS source_kind,
                            (SELECT group_concat(name, ', ') FROM (SELECT p.name FROM observation_person op
                                JOIN person p ON p.id = op.person_id AND p.deleted_at IS NULL
                                WHERE op.observation_id = o.id ORDER BY p.name COLLATE NOCASE)) AS said_by
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
                        date: r.get("observed_on")?,
                        session_id: r.opt_uuid("session_id")?,
                        observation_kind: Some(kind),
                        said_by: r.get("said_by")?,
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
                        date: None,
                        session_id: None,
                        observation_kind: None,
                        said_by: None,
                        source_kind: None,
                    })
                }),
            SearchEntity::Turn => {
                // The index holds the speaker's voice; the hit is the turn of its match.
                let Some(voice) = self.voice(source)? else {
                    return Ok(None);
                };
                let Some((position, snippet)) = turn_hit(parsed, voice.turns()) else {
                    return Ok(None);
                };
                self
                .conn
                .prepare_cached(
                    "SELECT t.id, t.speaker, t.start_ms, t.day, s.id AS session_id, s.title AS session_title,
                            s.kind AS source_kind,
                            (SELECT group_concat(name, ', ') FROM (SELECT p.name FROM turn_person tp
                                JOIN person p ON p.id = tp.person_id AND p.deleted_at IS NULL
                                WHERE tp.turn_id = t.id ORDER BY p.name COLLATE NOCASE)) AS said_by
                     FROM transcript_turn t JOIN transcript tr ON tr.id = t.transcript_id
                     JOIN session s ON s.id = tr.session_id
                     WHERE t.transcript_id = ?1 AND t.position = ?2",
                )?
                .query_row(rusqlite::params![voice.transcript_id, position], |r| {
                    let source_kind: SourceKind = r.stored("source_kind")?;
                    let session_title: String = r.get("session_title")?;
                    let said_by: Option<String> = r.get("said_by")?;
                    let start: Option<i64> = r.get("start_ms")?;
                    let mut context = format!("{} · {session_title}", source_kind.label());
                    if let Some(ms) = start {
                        context.push_str(" · ");
                        context.push_str(&said_at_label(ms.max(0) as u64));
                    }
                    Ok(SearchHit {
                        entity,
                        id: r.uuid("id")?,
                        title: said_by.clone().unwrap_or(r.get("speaker")?),
                        snippet: snippet.clone(),
                        context,
                        date: r.get("day")?,
                        session_id: Some(r.uuid("session_id")?),
                        observation_kind: None,
                        said_by,
                        source_kind: Some(source_kind),
                    })
                })
            }
            SearchEntity::Idea | SearchEntity::Tag => {
                let sql = if entity == SearchEntity::Idea {
                    "SELECT id, title AS name, substr(created_at, 1, 10) AS day FROM idea WHERE rowid = ?1"
                } else {
                    "SELECT id, name, NULL AS day FROM tag WHERE rowid = ?1"
                };
                self.conn.prepare_cached(sql)?.query_row([source], |r| {
                    Ok(SearchHit {
                        entity,
                        id: r.uuid("id")?,
                        title: r.get("name")?,
                        snippet,
                        context: String::new(),
                        date: r.get("day")?,
                        session_id: None,
                        observation_kind: None,
                        said_by: None,
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

/// Words shown around a match in a turn (FTS5's snippets of other rows show 16).
const WINDOW_WORDS: usize = 16;

/// The turn of a voice's hit, as its position and its words around the match, marked:
/// the first turn that holds the most of what must match (every group, for a turn that
/// alone matches the query). The first turn, opening, when none holds any (a match in
/// the speaker's name, or filters alone).
fn turn_hit<'t>(
    parsed: &ParsedQuery,
    turns: impl Iterator<Item = (i64, &'t str)>,
) -> Option<(i64, String)> {
    let matcher = parsed.matcher();
    let mut best: Option<(usize, i64, &str, Vec<std::ops::Range<usize>>)> = None;
    for (position, text) in turns {
        let Some((groups, ranges)) = (match &best {
            None => matcher.matches_in(text).into(),
            Some((g, ..)) => matcher.matches_beyond(text, *g),
        }) else {
            continue;
        };
        if best.as_ref().is_none_or(|(g, ..)| groups > *g) {
            let all = groups == matcher.groups();
            best = Some((groups, position, text, ranges));
            if all {
                break;
            }
        }
    }
    let (_, position, text, ranges) = best?;
    Some((position, marked_window(text, &ranges)))
}

/// About [`WINDOW_WORDS`] words of `text` from a little before its first match, each
/// match between [`MARK_START`] and [`MARK_END`], an ellipsis where the text was cut.
fn marked_window(text: &str, ranges: &[std::ops::Range<usize>]) -> String {
    let spans = query::word_spans(text);
    let first = ranges
        .first()
        .and_then(|r| spans.iter().position(|s| s.end > r.start))
        .unwrap_or(0);
    let from = first.saturating_sub(4);
    let to = (from + WINDOW_WORDS).min(spans.len());
    let start = if from == 0 { 0 } else { spans[from].start };
    let end = if to >= spans.len() {
        text.len()
    } else {
        spans[to - 1].end
    };
    let mut out = String::with_capacity(end - start + 8);
    if start > 0 {
        out.push('…');
    }
    let mut at = start;
    for r in ranges {
        let (s, e) = (r.start.max(at), r.end.min(end));
        if s >= e {
            continue;
        }
        out.push_str(&text[at..s]);
        out.push(MARK_START);
        out.push_str(&text[s..e]);
        out.push(MARK_END);
        at = e;
    }
    out.push_str(&text[at..end]);
    if end < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(s: &str) -> String {
        s.replace('[', &MARK_START.to_string())
            .replace(']', &MARK_END.to_string())
    }

    fn turns<'t>(texts: &'t [&'t str]) -> impl Iterator<Item = (i64, &'t str)> {
        texts.iter().enumerate().map(|(i, t)| (i as i64 + 1, *t))
    }

    #[test]
    fn filters_alone_read_from_the_tables_find_what_the_index_finds() {
        use crate::*;
        use chrono::NaiveDate;
        use std::sync::Arc;
        let store = Store::open_in_memory(Arc::new(SystemClock)).expect("store");
        let cycle = store.write(|tx| tx.create_cycle("C")).expect("cycle");
        let team = store
            .write(|tx| {
                tx.create_team(&TeamInput {
                    name: "Payments".into(),
                    ..Default::default()
                })
            })
            .expect("team");
        let priya = store
            .write(|tx| {
                tx.create_person(&PersonInput {
                    name: "Priya Raman".into(),
                    team_id: Some(team.id),
                    ..Default::default()
                })
            })
            .expect("person")
            .summary
            .id;
        for (i, kind) in [
            SourceKind::CoffeeChat,
            SourceKind::SlaConversation,
            SourceKind::CoffeeChat,
        ]
        .into_iter()
        .enumerate()
        {
            let session = store
                .write(|tx| {
                    tx.create_session(&NewSession {
                        cycle_id: cycle.id,
                        kind,
                        title: format!("Talk {i}"),
                        held_on: NaiveDate::from_ymd_opt(2026, 10, 1 + i as u32).expect("date"),
                        people: if i == 1 { vec![] } else { vec![priya] },
                        links: vec![],
                        notes: Some(format!("Notes of talk {i}")),
                        tags: Vec::new(),
                    })
                })
                .expect("session");
            for j in 0..3 {
                store
                    .write(|tx| {
                        tx.create_observation(&NewObservation {
                            session_id: Some(session.id),
                            text: format!("Observation {j} of talk {i}"),
                            people: if j == 0 { vec![priya] } else { vec![] },
                            ..Default::default()
                        })
                    })
                    .expect("observation");
            }
        }
        store
            .write(|tx| {
                tx.create_idea(
                    cycle.id,
                    &IdeaInput {
                        title: "Cache builds".into(),
                        description: String::new(),
                        evidence: vec![],
                        tags: None,
                    },
                )
            })
            .expect("idea");
        for text in [
            "person:priya",
            "team:payments",
            "source:coffee",
            "source:sla",
            "after:2026-10-02",
            "before:2026-10-02 person:priya",
            "talk person:priya",
            "observation team:payments",
            "notes OR cache person:priya",
        ] {
            for (limit, entities) in [
                (2, vec![]),
                (50, vec![]),
                (50, vec![SearchEntity::Observation]),
                (50, vec![SearchEntity::Session]),
            ] {
                let query = SearchQuery {
                    text: text.into(),
                    limit: Some(limit),
                    offset: 1,
                    entities,
                    ..Default::default()
                };
                let (tables, index) = store
                    .read(|db| {
                        Ok::<_, DomainError>((
                            db.search_by(&query, true)?,
                            db.search_by(&query, false)?,
                        ))
                    })
                    .expect("search");
                if query.entities.is_empty() {
                    assert!(tables.total > 0, "{text} finds something");
                }
                assert_eq!(tables, index, "{text}, {limit} a page");
            }
        }
    }

    #[test]
    fn a_voices_hit_is_the_first_turn_that_holds_the_whole_query() {
        let said = [
            "We deploy on Fridays",
            "Kubernetes is fine",
            "Kubernetes upgrades break every deploy",
        ];
        let q = query::parse("kubernetes deploy", true);
        let (turn, snippet) = turn_hit(&q, turns(&said)).expect("a turn");
        assert_eq!(turn, 3);
        assert_eq!(
            snippet,
            marked("[Kubernetes] upgrades break every [deploy]")
        );
    }

    #[test]
    fn without_a_turn_that_holds_it_all_the_one_holding_most_is_the_hit() {
        let said = ["Hello", "Upgrades hurt", "Kubernetes"];
        let q = query::parse("upgrades kubernetes", true);
        assert_eq!(turn_hit(&q, turns(&said)).map(|(t, _)| t), Some(2));
        let q = query::parse("person:priya", true);
        assert_eq!(
            turn_hit(&q, turns(&said)),
            Some((1, "Hello".to_owned())),
            "filters alone open the first turn"
        );
    }

    #[test]
    fn a_long_turn_is_cut_around_its_match() {
        let text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty deploy twentytwo twentythree";
        let q = query::parse("deploy", true);
        let (_, snippet) = turn_hit(&q, turns(&[text])).expect("a turn");
        assert_eq!(
            snippet,
            marked("…seventeen eighteen nineteen twenty [deploy] twentytwo twentythree")
        );
        let q = query::parse("three", true);
        let (_, snippet) = turn_hit(&q, turns(&[text])).expect("a turn");
        assert!(
            snippet.starts_with(&marked("one two [three] four")),
            "{snippet}"
        );
        assert!(snippet.ends_with("sixteen…"), "{snippet}");
    }
}
