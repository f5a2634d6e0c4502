//! Passages: the exact words of a session's notes an observation was taken from, and
//! where they are. Offsets count UTF-16 units, as editors do. When the notes change,
//! each passage is found again (the occurrence nearest where it was) or flagged lost.

use crate::store::row::Stored;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Whether an observation's passage is still in its session's notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PassageState {
    /// Typed directly: there is no passage.
    None,
    /// The passage is in the notes, at `passage_start`.
    Found,
    /// The notes no longer hold the passage; the observation keeps its copy.
    Lost,
}

impl PassageState {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Found => "found",
            Self::Lost => "lost",
        }
    }
}

impl Stored for PassageState {
    const WHAT: &'static str = "passage state";
    fn as_stored(self) -> &'static str {
        self.as_str()
    }
    fn all() -> &'static [Self] {
        &[Self::None, Self::Found, Self::Lost]
    }
}

/// UTF-16 offset of a byte offset in `s`.
fn utf16_at(s: &str, byte: usize) -> u32 {
    s[..byte].encode_utf16().count() as u32
}

/// Byte offset of a UTF-16 offset in `s`, if it falls on a character boundary.
fn byte_at(s: &str, utf16: u32) -> Option<usize> {
    let mut units = 0u32;
    for (i, ch) in s.char_indices() {
        if units == utf16 {
            return Some(i);
        }
        units += ch.len_utf16() as u32;
        if units > utf16 {
            return None;
        }
    }
    (units == utf16).then_some(s.len())
}

/// Where `passage` is in `notes`: the occurrence nearest `hint` (UTF-16), if any.
pub(crate) fn locate(notes: &str, passage: &str, hint: Option<u32>) -> Option<u32> {
    if passage.is_empty() {
        return None;
    }
    if let Some(h) = hint {
        if let Some(b) = byte_at(notes, h) {
            if notes[b..].starts_with(passage) {
                return Some(h);
            }
        }
    }
    let hint = hint.unwrap_or(0) as i64;
    notes
        .match_indices(passage)
        .map(|(b, _)| utf16_at(notes, b))
        .min_by_key(|at| (i64::from(*at) - hint).abs())
}

/// Re-finds the passages of a session's observations after its notes changed.
pub(crate) fn reanchor(tx: &Connection, session: Uuid, notes: &str) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, passage, passage_start, passage_state FROM observation
         WHERE session_id = ?1 AND passage <> '' AND turn_id IS NULL",
    )?;
    let rows: Vec<(String, String, Option<u32>, String)> = stmt
        .query_map([session.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare_cached(
        "UPDATE observation SET passage_start = ?2, passage_state = ?3 WHERE id = ?1",
    )?;
    for (id, passage, start, state) in rows {
        let (new_start, new_state) = match locate(notes, &passage, start) {
            Some(at) => (Some(at), PassageState::Found),
            None => (start, PassageState::Lost),
        };
        if new_start != start || new_state.as_str() != state {
            update.execute(params![id, new_start, new_state.as_str()])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passage_is_found_at_its_hint_or_the_nearest_occurrence() {
        let notes = "pain here. é pain here.";
        assert_eq!(locate(notes, "pain here", Some(0)), Some(0));
        // "é" is one UTF-16 unit but two bytes: offsets are counted as editors count.
        assert_eq!(locate(notes, "pain here", Some(13)), Some(13));
        assert_eq!(locate(notes, "pain here", Some(12)), Some(13));
        assert_eq!(locate(notes, "absent", Some(0)), None);
        assert_eq!(locate("🚀 rocket", "rocket", Some(3)), Some(3));
    }
}
