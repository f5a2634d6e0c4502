//! Observations that say nearly what another says, found offline by the words they
//! share (FTS5's bm25 over the search index: rare words weigh more than common ones),
//! each with the words it shares, so the person sees why. Nothing is changed: merging
//! a duplicate is the person's act, through the existing merge.

use crate::discovery::query::folded_words;
use crate::discovery::search::SearchEntity;
use crate::discovery::search_index::{source_of, CODE_OF, SOURCE_OF};
use crate::store::db::Db;
use crate::store::error::DomainError;
use crate::store::kind::ObservationKind;
use crate::store::row::RowExt;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

/// Most similar observations one asks for.
pub const MAX_SIMILAR: u32 = 50;

/// Most words of an observation that look for others: a long one's rarest are enough.
const MAX_WORDS: usize = 32;

/// Words that say nothing of what an observation is about.
const STOPWORDS: &[&str] = &[
    "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was",
    "one", "our", "out", "has", "have", "him", "his", "how", "its", "may", "new", "now", "old",
    "see", "two", "way", "who", "did", "get", "got", "let", "say", "she", "too", "use", "that",
    "this", "with", "from", "they", "them", "then", "than", "there", "their", "what", "when",
    "where", "which", "while", "will", "would", "could", "should", "into", "about", "been",
    "being", "were", "just", "like", "some", "very", "also", "only", "over", "more", "most",
    "much", "such", "each", "every", "because", "does", "doing", "done", "here", "your", "yours",
    "we", "us", "it", "is", "a", "an", "to", "of", "in", "on", "at", "by", "or", "if", "so", "as",
    "be", "do", "no", "up",
];

/// An observation like another, and why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SimilarObservation {
    pub id: Uuid,
    pub kind: ObservationKind,
    pub text: String,
    /// Who said it ("Priya Raman, Tom Berg"), if anyone is named.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub said_by: Option<String>,
    /// The session it was taken from, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub session_title: Option<String>,
    pub observed_on: String,
    /// How alike, as bm25 scores it: higher is more alike; comparable within one list.
    pub score: f64,
    /// The words both say, folded (lower case, no diacritics), in the order the first
    /// observation says them.
    pub shared: Vec<String>,
}

/// The words of `text` that can tell what it is about: folded, each once, in order,
/// without stopwords, numbers alone or one- and two-letter words.
pub(crate) fn telling_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for w in folded_words(text) {
        if w.chars().count() < 3
            || w.chars().all(|c| c.is_ascii_digit())
            || STOPWORDS.contains(&w.as_str())
            || words.contains(&w)
        {
            continue;
        }
        words.push(w);
    }
    words
}

/// A word as similarity compares it, its endings taken off the way English bends words
/// ("runners", "running" and "run" meet; so do "queue", "queues" and "queued", and
/// "rotate" and "rotation"), while
/// "access", "status" and "analysis" stay whole. Words not in ASCII are left as they are.
pub fn stem(word: &str) -> String {
    if !word.is_ascii() || word.len() < 4 {
        return word.to_owned();
    }
    let mut w = word.to_owned();
    if w.len() > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
        return w;
    }
    if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        return w;
    }
    let mut bent = false;
    let ending = if w.ends_with("ing") && w.len() >= 6 {
        3
    } else if w.ends_with("ed") && !w.ends_with("eed") && w.len() >= 5 {
        2
    } else {
        0
    };
    // "string" and "speed" are words, not "str" and "spe" bent.
    let voiced = |s: &str| s.bytes().any(|b| b"aeiouy".contains(&b));
    if ending > 0 && voiced(&w[..w.len() - ending]) {
        w.truncate(w.len() - ending);
        bent = true;
    } else if w.ends_with("es") && w[..w.len() - 2].ends_with(['x', 'h', 's', 'u', 'z']) {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') {
        w.truncate(w.len() - 1);
    }
    // "rotation" is "rotat" as "rotate" is; "protection" is "protect".
    if w.len() > 7 && (w.ends_with("ation") || w.ends_with("ction")) {
        w.truncate(w.len() - 3);
        return w;
    }
    let b = w.as_bytes();
    // "stopp" is "stop": a consonant doubled before -ing or -ed.
    if bent
        && b.len() >= 3
        && b[b.len() - 1] == b[b.len() - 2]
        && !b"aeiouylsz".contains(&b[b.len() - 1])
    {
        w.pop();
    }
    if w.len() > 3 && w.ends_with('e') {
        w.pop();
    }
    w
}

impl Db<'_> {
    /// The observations most like `id` in the whole workspace (any cycle), best first:
    /// at most `limit` (up to [`MAX_SIMILAR`]), each with the words it shares. The same
    /// workspace gives the same list.
    pub fn similar_observations(
        &self,
        id: Uuid,
        limit: u32,
    ) -> Result<Vec<SimilarObservation>, DomainError> {
        let own: Option<(i64, String)> = self
            .conn
            .prepare_cached(
                "SELECT rowid, text FROM observation WHERE id = ?1 AND deleted_at IS NULL",
            )?
            .query_row([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (rowid, text) = own.ok_or(DomainError::NotFound {
            entity: "observation",
            id: id.to_string(),
        })?;
        self.observations_like(&text, Some(rowid), limit)
    }

    /// What an observation being written (`text`) looks like already: the existing ones
    /// that share most of its telling words (at least three in five, and two words), best
    /// first, so the person can open one instead of saying it twice.
    pub fn likely_duplicates(
        &self,
        text: &str,
        limit: u32,
    ) -> Result<Vec<SimilarObservation>, DomainError> {
        let words = telling_words(text).len();
        if words < 2 {
            return Ok(Vec::new());
        }
        let mut found = self.observations_like(text, None, MAX_SIMILAR)?;
        found.retain(|s| s.shared.len() * 5 >= words.min(MAX_WORDS) * 3);
        found.truncate(limit.clamp(1, MAX_SIMILAR) as usize);
        Ok(found)
    }

    /// The observations most like `text`, but the one at `rowid`.
    fn observations_like(
        &self,
        text: &str,
        rowid: Option<i64>,
        limit: u32,
    ) -> Result<Vec<SimilarObservation>, DomainError> {
        let rowid = rowid.unwrap_or(0);
        let mut words = telling_words(text);
        words.truncate(MAX_WORDS);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        // Words hold only letters and digits: quoted, they are words to FTS5, never syntax.
        // Whole words: looking for every form of a stem ("queu"*) found more of what was
        // meant (precision@5 0.247 -> 0.303 on the labelled set) but took p95 from 30 to
        // 53 ms at 100,000 observations; the words shared are still told by stem.
        let expr = words
            .iter()
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" OR ");
        let found: Vec<(i64, f64)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT si.rowid, bm25(search_index) AS score FROM search_index si
                 WHERE search_index MATCH ?1 AND {CODE_OF} = {} AND {SOURCE_OF} <> ?2
                 ORDER BY score, si.rowid LIMIT ?3",
                SearchEntity::Observation.code()
            ))?
            .query_map(
                params![expr, rowid, i64::from(limit.clamp(1, MAX_SIMILAR))],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let mut read = self.conn.prepare_cached(
            "SELECT o.id, o.kind, o.text, o.observed_on, s.title AS session_title,
                    (SELECT group_concat(name, ', ') FROM (SELECT p.name FROM observation_person op
                        JOIN person p ON p.id = op.person_id AND p.deleted_at IS NULL
                        WHERE op.observation_id = o.id ORDER BY p.name COLLATE NOCASE)) AS said_by
             FROM observation o LEFT JOIN session s ON s.id = o.session_id
             WHERE o.rowid = ?1 AND o.deleted_at IS NULL",
        )?;
        let mut similar = Vec::with_capacity(found.len());
        for (index_rowid, score) in found {
            let source = source_of(index_rowid);
            let row = read
                .query_row([source], |r| {
                    Ok(SimilarObservation {
                        id: r.uuid("id")?,
                        kind: r.stored("kind")?,
                        text: r.get("text")?,
                        said_by: r.get("said_by")?,
                        session_title: r.get("session_title")?,
                        observed_on: r.get("observed_on")?,
                        score: (-score * 100.0).round() / 100.0,
                        shared: Vec::new(),
                    })
                })
                .optional()?;
            if let Some(mut s) = row {
                let theirs: Vec<String> = telling_words(&s.text).iter().map(|w| stem(w)).collect();
                s.shared = words
                    .iter()
                    .filter(|w| theirs.contains(&stem(w)))
                    .cloned()
                    .collect();
                similar.push(s);
            }
        }
        Ok(similar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_plurals_and_verb_forms_and_keep_short_words() {
        for (words, stem_of_all) in [
            (&["runner", "runners"][..], "runner"),
            (&["run", "running"][..], "run"),
            (&["queue", "queues", "queued", "queuing"][..], "queu"),
            (&["cache", "caches", "cached"][..], "cach"),
            (&["image", "images"][..], "imag"),
            (&["release", "releases", "released"][..], "releas"),
            (&["process", "processes"][..], "process"),
            (&["stop", "stopped"][..], "stop"),
            (&["build", "builds", "building"][..], "build"),
            (&["policy", "policies"][..], "policy"),
            (&["rotate", "rotation", "rotations", "rotated"][..], "rotat"),
            (&["protect", "protection"][..], "protect"),
        ] {
            for w in words {
                assert_eq!(stem(w), stem_of_all, "{w}");
            }
        }
        assert_eq!(stem("strings"), "string");
        assert_eq!(stem("speeds"), "speed");
        for whole in [
            "access", "status", "analysis", "gas", "ci", "string", "speed", "need",
        ] {
            assert_eq!(stem(whole), whole);
        }
    }

    #[test]
    fn telling_words_leave_out_what_says_nothing() {
        assert_eq!(
            telling_words("The deploy queue is SLOW, and the queue waits 40 min"),
            vec!["deploy", "queue", "slow", "waits", "min"]
        );
    }
}
