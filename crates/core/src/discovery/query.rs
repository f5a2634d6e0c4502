//! Groundwork's small query language, parsed by Groundwork and never by FTS5.
//!
//! What a person types becomes a query tree: groups of words or phrases that must all
//! match (within a group, `OR` between them), words or phrases to leave out (`-word`),
//! and field filters (`kind:pain`, `tag:"flaky tests"`, `person:`, `team:`, `source:`,
//! `before:2026-10-01`, `after:2026-10`). Only that tree is turned into FTS5: each word
//! is cut the way the index's tokenizer cuts text (letters and digits) and quoted, so
//! `NEAR(`, `AND`, `*`, a stray quote, SQL or emoji are words or nothing, never FTS5
//! syntax. Field values reach SQL only as bound parameters (see [`crate::discovery::search`]).
//! Nothing here fails: what does not parse as an operator or a field is plain words.

use chrono::NaiveDate;
use serde::Serialize;
use std::ops::Range;
use ts_rs::TS;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Most words (and field filters) one query uses; the rest of a long paste is ignored,
/// and said so.
pub const MAX_TERMS: usize = 16;
/// Longest word kept, in characters.
const MAX_TERM_CHARS: usize = 64;

/// One word, or a phrase of words that must stand together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub words: Vec<String>,
}

impl Term {
    /// The term as FTS5: quoted words, matched as a prefix so results come while a
    /// word is half typed. Words hold only letters and digits, so quoting is enough.
    fn fts(&self) -> String {
        format!("\"{}\"*", self.words.join(" "))
    }

    /// The term as a person reads it.
    pub fn text(&self) -> String {
        if self.words.len() == 1 {
            self.words[0].clone()
        } else {
            format!("\"{}\"", self.words.join(" "))
        }
    }
}

/// A field a query can filter on, the same ones as the filter bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QueryField {
    Kind,
    Tag,
    Person,
    Team,
    Source,
    /// Before a day (that day not included).
    Before,
    /// On or after a day.
    After,
}

impl QueryField {
    const ALL: [QueryField; 7] = [
        Self::Kind,
        Self::Tag,
        Self::Person,
        Self::Team,
        Self::Source,
        Self::Before,
        Self::After,
    ];

    /// The name typed before the colon.
    pub fn name(self) -> &'static str {
        match self {
            Self::Kind => "kind",
            Self::Tag => "tag",
            Self::Person => "person",
            Self::Team => "team",
            Self::Source => "source",
            Self::Before => "before",
            Self::After => "after",
        }
    }

    fn named(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }
}

/// A field filter as typed, e.g. `tag:"flaky tests"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldTerm {
    pub field: QueryField,
    /// The value as typed, without quotes.
    pub value: String,
    /// For `before:` and `after:`, the first day of what was typed (`2026-10` is
    /// 1 October 2026, `2026` is 1 January).
    pub day: Option<NaiveDate>,
}

/// What a query was understood as.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Every group must match; within a group, any term.
    pub groups: Vec<Vec<Term>>,
    /// No match may hold any of these.
    pub excluded: Vec<Term>,
    pub fields: Vec<FieldTerm>,
    /// Whether words beyond [`MAX_TERMS`] (or text beyond the longest search) were
    /// dropped.
    pub truncated: bool,
}

impl ParsedQuery {
    /// The FTS5 expression for what must match, or `None` when only exclusions and
    /// fields were typed (or nothing). Exclusions ride along with `NOT`.
    pub fn fts_expr(&self) -> Option<String> {
        if self.groups.is_empty() {
            return None;
        }
        let positive = self
            .groups
            .iter()
            .map(|g| {
                if g.len() == 1 {
                    g[0].fts()
                } else {
                    let any: Vec<String> = g.iter().map(Term::fts).collect();
                    format!("({})", any.join(" OR "))
                }
            })
            .collect::<Vec<_>>()
            .join(" AND ");
        Some(match self.exclusion_expr() {
            Some(ex) => format!("({positive}) NOT ({ex})"),
            None => positive,
        })
    }

    /// The FTS5 expression matching anything left out, for a search with nothing that
    /// must match (FTS5 cannot start with `NOT`).
    pub fn exclusion_expr(&self) -> Option<String> {
        (!self.excluded.is_empty()).then(|| {
            self.excluded
                .iter()
                .map(Term::fts)
                .collect::<Vec<_>>()
                .join(" OR ")
        })
    }

    /// The words searched for (not the ones left out), for highlighting.
    pub fn terms(&self) -> Vec<String> {
        self.groups
            .iter()
            .flatten()
            .flat_map(|t| t.words.iter().cloned())
            .collect()
    }

    /// Whether nothing was typed that could narrow a search.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.excluded.is_empty() && self.fields.is_empty()
    }
}

/// One piece of what was typed, before `OR`s are grouped.
enum Token {
    Term { term: Term, left_out: bool },
    Or,
    Field(FieldTerm),
}

/// Parses what a person typed. With `fields` false (the observation list's own text
/// box, which has the filter bar beside it), `kind:pain` is two words.
pub fn parse(input: &str, fields: bool) -> ParsedQuery {
    let chars: Vec<char> = input
        .chars()
        .take(crate::store::limits::SEARCH_TEXT)
        .collect();
    let mut truncated = input
        .chars()
        .nth(crate::store::limits::SEARCH_TEXT)
        .is_some();
    // A quote opens a phrase only when another one closes it: an unpaired last quote
    // is just a character.
    let quotes: Vec<usize> = (0..chars.len()).filter(|&i| chars[i] == '"').collect();
    let unpaired = (quotes.len() % 2 == 1).then(|| quotes[quotes.len() - 1]);
    let is_quote = |i: usize| chars[i] == '"' && Some(i) != unpaired;
    let closing = |open: usize| (open + 1..chars.len()).find(|&j| is_quote(j));

    let mut tokens: Vec<Token> = Vec::new();
    let mut budget = MAX_TERMS;
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        // `-` leaves out the word or phrase it starts.
        let left_out = chars[i] == '-'
            && chars
                .get(i + 1)
                .is_some_and(|&c| c.is_alphanumeric() || is_quote(i + 1));
        if left_out {
            i += 1;
        }
        if is_quote(i) {
            let end = closing(i).unwrap_or(chars.len());
            let words = words_of(&chars[i + 1..end]);
            i = end + 1;
            if let Some(term) = take(words, &mut budget, &mut truncated) {
                tokens.push(Token::Term { term, left_out });
            }
            continue;
        }
        // A chunk runs to the next space or phrase.
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && !is_quote(i) {
            i += 1;
        }
        let chunk: String = chars[start..i].iter().collect();
        if chunk == "OR" && !left_out {
            tokens.push(Token::Or);
            continue;
        }
        if fields && !left_out {
            if let Some((name, value)) = chunk.split_once(':') {
                if let Some(field) = QueryField::named(name) {
                    // `tag:"flaky tests"`: the value is the phrase right after the colon.
                    let (value, after) = if value.is_empty() && i < chars.len() && is_quote(i) {
                        let end = closing(i).unwrap_or(chars.len());
                        (chars[i + 1..end].iter().collect::<String>(), end + 1)
                    } else {
                        (value.to_owned(), i)
                    };
                    if let Some(term) = field_term(field, value.trim()) {
                        i = after;
                        if budget == 0 {
                            truncated = true;
                        } else {
                            budget -= 1;
                            tokens.push(Token::Field(term));
                        }
                        continue;
                    }
                }
            }
        }
        let words = words_of(&chars[start..i]);
        if let Some(term) = take(words, &mut budget, &mut truncated) {
            tokens.push(Token::Term { term, left_out });
        }
    }
    group(tokens, truncated)
}

/// Groups terms joined by `OR`; an `OR` with no term on one side is ignored.
fn group(tokens: Vec<Token>, truncated: bool) -> ParsedQuery {
    let mut q = ParsedQuery {
        truncated,
        ..Default::default()
    };
    // Whether the last token was a term that must match, so an `OR` can join it.
    let mut joinable = false;
    let mut or_pending = false;
    for token in tokens {
        match token {
            Token::Or => or_pending = joinable,
            Token::Term {
                term,
                left_out: true,
            } => {
                q.excluded.push(term);
                joinable = false;
                or_pending = false;
            }
            Token::Term {
                term,
                left_out: false,
            } => {
                match q.groups.last_mut() {
                    Some(last) if or_pending => last.push(term),
                    _ => q.groups.push(vec![term]),
                }
                joinable = true;
                or_pending = false;
            }
            Token::Field(f) => {
                q.fields.push(f);
                joinable = false;
                or_pending = false;
            }
        }
    }
    q
}

/// A field filter from its typed value, or `None` when the value is not one (an empty
/// value, a date that is not a date): then the chunk is plain words.
fn field_term(field: QueryField, value: &str) -> Option<FieldTerm> {
    if value.is_empty() || !value.chars().any(char::is_alphanumeric) {
        return None;
    }
    let day = match field {
        QueryField::Before | QueryField::After => Some(typed_day(value)?),
        _ => None,
    };
    Some(FieldTerm {
        field,
        value: value
            .chars()
            .take(crate::store::limits::SEARCH_TEXT)
            .collect(),
        day,
    })
}

/// The first day of `2026-10-01`, `2026-10` or `2026`.
fn typed_day(value: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = value.split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let year = i32::try_from(number(parts.first()?, 4)?).ok()?;
    let (month, day) = match parts.len() {
        1 => (1, 1),
        2 => (number(parts[1], 2)?, 1),
        3 => (number(parts[1], 2)?, number(parts[2], 2)?),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Where each word of `text` lies, cut the way the index's tokenizer cuts: runs of
/// letters and digits.
pub(crate) fn word_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            spans.push(s..i);
        }
    }
    if let Some(s) = start {
        spans.push(s..text.len());
    }
    spans
}

/// A word as the index compares it (unicode61, `remove_diacritics 2`): lower case,
/// without diacritics.
fn folded(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of `text` as the index compares them (folded), in order.
pub(crate) fn folded_words(text: &str) -> Vec<String> {
    word_spans(text)
        .into_iter()
        .map(|s| folded(&text[s]))
        .collect()
}

/// A query's words folded once, to find where they match in many texts.
pub(crate) struct Matcher {
    /// Per group that must match, its terms' words, folded.
    groups: Vec<Vec<Vec<String>>>,
}

impl ParsedQuery {
    /// What finds this query's words in texts (see [`Matcher::matches_in`]).
    pub(crate) fn matcher(&self) -> Matcher {
        Matcher {
            groups: self
                .groups
                .iter()
                .map(|g| {
                    g.iter()
                        .map(|t| t.words.iter().map(|w| folded(w)).collect::<Vec<_>>())
                        .filter(|w| !w.is_empty())
                        .collect()
                })
                .collect(),
        }
    }
}

impl Matcher {
    /// How many groups must match.
    pub(crate) fn groups(&self) -> usize {
        self.groups.len()
    }

    /// Where the words of the query match in `text`, as the index matches them (a term's
    /// words in a row, its last word as a prefix), in order, and how many of the groups
    /// that must match do. Exclusions are not looked at: a text the index matched holds
    /// none of them.
    pub(crate) fn matches_in(&self, text: &str) -> (usize, Vec<Range<usize>>) {
        self.matches_beyond(text, 0).unwrap_or_default()
    }

    /// [`Self::matches_in`], for a text that may match more than `beyond` groups: none
    /// when it cannot (most texts hold few of the words, and an ASCII text says so
    /// without being cut into words).
    pub(crate) fn matches_beyond(
        &self,
        text: &str,
        beyond: usize,
    ) -> Option<(usize, Vec<Range<usize>>)> {
        if text.is_ascii() {
            let lower = text.to_ascii_lowercase();
            let possible = self
                .groups
                .iter()
                .filter(|g| {
                    g.iter().any(|words| {
                        words
                            .first()
                            .is_some_and(|w| !w.is_ascii() || lower.contains(w.as_str()))
                    })
                })
                .count();
            if possible <= beyond {
                return None;
            }
        }
        let spans = word_spans(text);
        let words: Vec<String> = spans.iter().map(|s| folded(&text[s.clone()])).collect();
        let mut ranges = Vec::new();
        let mut groups = 0;
        for group in &self.groups {
            let mut matched = false;
            for want in group {
                if want.len() > words.len() {
                    continue;
                }
                for at in 0..=words.len() - want.len() {
                    let here = want.iter().enumerate().all(|(k, w)| {
                        let word = &words[at + k];
                        if k + 1 == want.len() {
                            word.starts_with(w.as_str())
                        } else {
                            word == w
                        }
                    });
                    if here {
                        matched = true;
                        ranges.push(spans[at].start..spans[at + want.len() - 1].end);
                    }
                }
            }
            groups += usize::from(matched);
        }
        // In order, and one where two overlap ("dep" and "deploy" in one word).
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for r in ranges {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        Some((groups, merged))
    }
}

/// Cuts text into words the way the index's tokenizer does: runs of letters and digits.
fn words_of(chars: &[char]) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for &c in chars.iter().chain(std::iter::once(&' ')) {
        if c.is_alphanumeric() {
            word.push(c);
        } else if !word.is_empty() {
            words.push(
                std::mem::take(&mut word)
                    .chars()
                    .take(MAX_TERM_CHARS)
                    .collect(),
            );
        }
    }
    words
}

/// A term of the words that fit in what is left of the budget.
fn take(mut words: Vec<String>, budget: &mut usize, truncated: &mut bool) -> Option<Term> {
    if words.len() > *budget {
        words.truncate(*budget);
        *truncated = true;
    }
    *budget -= words.len();
    (!words.is_empty()).then_some(Term { words })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(s: &str) -> Option<String> {
        parse(s, true).fts_expr()
    }

    fn matched<'t>(query: &str, text: &'t str) -> (usize, Vec<&'t str>) {
        let (groups, ranges) = parse(query, true).matcher().matches_in(text);
        (groups, ranges.into_iter().map(|r| &text[r]).collect())
    }

    #[test]
    fn a_text_is_matched_as_the_index_matches_it() {
        // Prefixes, any case, diacritics off.
        assert_eq!(
            matched("dep café", "Deploys at the Cafe, deploy again"),
            (2, vec!["Deploys", "Cafe", "deploy"])
        );
        // A phrase stands together; its last word is a prefix.
        assert_eq!(
            matched("\"deploy pipe\"", "deploy the pipeline, deploy pipelines"),
            (1, vec!["deploy pipelines"])
        );
        // Alternatives: either counts for the group; a missing group is not counted.
        assert_eq!(
            matched("flaky OR slow queue", "slow builds"),
            (1, vec!["slow"])
        );
        // Two terms on one word are one range.
        assert_eq!(matched("dep deploy", "deploy"), (2, vec!["deploy"]));
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
    fn or_joins_the_words_or_phrases_beside_it() {
        assert_eq!(
            expr("kafkaesque OR deploy").as_deref(),
            Some("(\"kafkaesque\"* OR \"deploy\"*)")
        );
        assert_eq!(
            expr("slow \"flaky tests\" OR builds").as_deref(),
            Some("\"slow\"* AND (\"flaky tests\"* OR \"builds\"*)")
        );
        // A dangling OR, or a lowercase one, is no operator.
        assert_eq!(expr("OR slow OR").as_deref(), Some("\"slow\"*"));
        assert_eq!(
            expr("slow or fast").as_deref(),
            Some("\"slow\"* AND \"or\"* AND \"fast\"*")
        );
    }

    #[test]
    fn a_minus_leaves_a_word_or_phrase_out() {
        let q = parse("builds -flaky -\"ci runner\"", true);
        assert_eq!(
            q.fts_expr().as_deref(),
            Some("(\"builds\"*) NOT (\"flaky\"* OR \"ci runner\"*)")
        );
        assert_eq!(q.terms(), vec!["builds"]);
        let only = parse("-flaky", true);
        assert_eq!(only.fts_expr(), None);
        assert_eq!(only.exclusion_expr().as_deref(), Some("\"flaky\"*"));
        // A hyphen inside a word, or alone, leaves nothing out.
        assert_eq!(
            expr("self-service - x").as_deref(),
            Some("\"self service\"* AND \"x\"*")
        );
    }

    #[test]
    fn fields_are_read_with_quoted_values_and_days() {
        let q = parse(
            "kind:pain tag:\"flaky tests\" Person:priya before:2026-10-01 after:2026-09 slow",
            true,
        );
        assert_eq!(q.terms(), vec!["slow"]);
        let got: Vec<(QueryField, &str)> = q
            .fields
            .iter()
            .map(|f| (f.field, f.value.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (QueryField::Kind, "pain"),
                (QueryField::Tag, "flaky tests"),
                (QueryField::Person, "priya"),
                (QueryField::Before, "2026-10-01"),
                (QueryField::After, "2026-09"),
            ]
        );
        assert_eq!(q.fields[4].day, NaiveDate::from_ymd_opt(2026, 9, 1));
    }

    #[test]
    fn what_is_not_a_field_is_plain_words() {
        // An unknown field, an empty value, a date that is not one, a field where
        // fields are not read.
        let q = parse("colour:red kind: before:tuesday after:2026-13-01", true);
        assert!(q.fields.is_empty());
        assert_eq!(
            q.terms(),
            vec!["colour", "red", "kind", "before", "tuesday", "after", "2026", "13", "01"]
        );
        assert_eq!(parse("kind:pain", false).terms(), vec!["kind", "pain"]);
    }

    #[test]
    fn syntax_and_symbols_become_words_or_nothing() {
        // Letters joined by a symbol stand together, as the tokenizer indexed them.
        assert_eq!(expr("NEAR(a b").as_deref(), Some("\"NEAR a\"* AND \"b\"*"));
        assert_eq!(
            expr("a AND b NOT c").as_deref(),
            Some("\"a\"* AND \"AND\"* AND \"b\"* AND \"NOT\"* AND \"c\"*")
        );
        assert_eq!(expr("*"), None);
        assert_eq!(expr("🚀🔥"), None);
        assert_eq!(expr("()"), None);
        assert_eq!(expr("OR"), None);
        assert!(parse("\"\" - -- :", true).is_empty());
    }

    #[test]
    fn a_long_paste_keeps_the_first_words_and_says_so() {
        let q = parse(&"word ".repeat(2000), true);
        assert_eq!(q.terms().len(), MAX_TERMS);
        assert!(q.truncated);
        let phrase = parse(&format!("\"{}\"", "w ".repeat(40)), true);
        assert_eq!(phrase.terms().len(), MAX_TERMS);
        assert!(phrase.truncated);
    }
}
