//! What one speaker said in one transcript, kept as one row for search: a voice.
//!
//! Search counts every match, so an index row per turn made an hour's transcript cost
//! every search some 500 rows; a voice makes it four (see migration 0018). The turns
//! stay the source: [`Tx::refresh_voices`] rewrites a transcript's voices after its
//! turns change, and a voice read back ([`Db::voice`]) says which turn each of its
//! lines is, so search leads a hit to the turn of its match from this one row.

use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use rusqlite::OptionalExtension;

impl Tx<'_> {
    /// Rewrites the voices of `transcript` from its turns: one per speaker label, a line
    /// a turn. A voice whose words did not change is left alone, so the index is not
    /// rewritten for it.
    pub(crate) fn refresh_voices(&self, transcript: &str) -> Result<(), DomainError> {
        self.conn
            .prepare_cached(
                "DELETE FROM voice_person WHERE voice_id IN (
                     SELECT id FROM transcript_voice WHERE transcript_id = ?1
                     AND speaker NOT IN (SELECT speaker FROM transcript_turn WHERE transcript_id = ?1))",
            )?
            .execute([transcript])?;
        self.conn
            .prepare_cached(
                "DELETE FROM transcript_voice WHERE transcript_id = ?1
                 AND speaker NOT IN (SELECT speaker FROM transcript_turn WHERE transcript_id = ?1)",
            )?
            .execute([transcript])?;
        self.conn
            .prepare_cached(
                "INSERT INTO transcript_voice (id, transcript_id, speaker, text, positions, day, deleted_at)
                 SELECT transcript_id || '/' || speaker, transcript_id, speaker,
                        group_concat(replace(text, char(10), ' '), char(10) ORDER BY position),
                        json_group_array(position ORDER BY position), max(day), max(deleted_at)
                 FROM transcript_turn WHERE transcript_id = ?1 GROUP BY speaker
                 ON CONFLICT (id) DO UPDATE
                 SET text = excluded.text, positions = excluded.positions
                 WHERE text IS NOT excluded.text OR positions IS NOT excluded.positions",
            )?
            .execute([transcript])?;
        // Who each voice is, as its turns say.
        self.conn
            .prepare_cached(
                "DELETE FROM voice_person
                 WHERE voice_id IN (SELECT id FROM transcript_voice WHERE transcript_id = ?1)",
            )?
            .execute([transcript])?;
        self.conn
            .prepare_cached(
                "INSERT OR IGNORE INTO voice_person (voice_id, person_id)
                 SELECT t.transcript_id || '/' || t.speaker, tp.person_id
                 FROM transcript_turn t JOIN turn_person tp ON tp.turn_id = t.id
                 WHERE t.transcript_id = ?1",
            )?
            .execute([transcript])?;
        Ok(())
    }
}

/// A voice read back: its transcript, and its turns as lines.
pub(crate) struct Voice {
    pub transcript_id: String,
    text: String,
    positions: Vec<i64>,
}

impl Voice {
    /// Its turns in order, as (position in the transcript, words).
    pub(crate) fn turns(&self) -> impl Iterator<Item = (i64, &str)> {
        self.positions.iter().copied().zip(self.text.split('\n'))
    }
}

impl Db<'_> {
    /// The voice at `rowid` (an index row's source), if there is one.
    pub(crate) fn voice(&self, rowid: i64) -> Result<Option<Voice>, DomainError> {
        let row: Option<(String, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT transcript_id, text, positions FROM transcript_voice WHERE rowid = ?1",
            )?
            .query_row([rowid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        Ok(row.map(|(transcript_id, text, positions)| Voice {
            transcript_id,
            text,
            positions: serde_json::from_str(&positions).unwrap_or_default(),
        }))
    }
}
