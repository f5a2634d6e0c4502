//! A session's transcripts as the reader sees them (turns with who said them, and
//! which observations were taken from each), and the corrections a reader makes: who
//! a speaker label is, and which speaker a turn was. What was attributed follows.

use super::speaker::{SpeakerChoice, SpeakerRole};
use super::{LeftOut, TranscriptFormat};
use crate::discovery::person::PersonRef;
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::policy::Act;
use crate::store::row::{RowExt, Stored};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;
use uuid::Uuid;

/// One turn as the reader sees it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TurnView {
    pub id: Uuid,
    /// The label as the file writes it.
    pub speaker: String,
    pub person: Option<PersonRef>,
    pub role: SpeakerRole,
    #[ts(type = "number | null")]
    pub start_ms: Option<u64>,
    #[ts(type = "number | null")]
    pub end_ms: Option<u64>,
    pub text: String,
    /// The observations taken from this turn.
    pub observations: Vec<Uuid>,
}

/// One speaker label of a transcript, and who they are.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptSpeaker {
    pub label: String,
    pub person: Option<PersonRef>,
    pub role: SpeakerRole,
    pub turns: u32,
}

/// A transcript kept with its session.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionTranscript {
    pub id: Uuid,
    pub session_id: Uuid,
    pub file_name: String,
    pub format: TranscriptFormat,
    pub format_label: String,
    pub encoding_label: String,
    #[ts(type = "number | null")]
    pub duration_ms: Option<u64>,
    pub imported_at: DateTime<Utc>,
    /// The file's size, byte for byte as it was imported.
    #[ts(type = "number")]
    pub original_bytes: u64,
    pub speakers: Vec<TranscriptSpeaker>,
    pub turns: Vec<TurnView>,
    pub left_out: Vec<LeftOut>,
}

impl Db<'_> {
    /// The transcripts of a session, oldest import first, with every turn.
    pub fn session_transcripts(
        &self,
        session: Uuid,
    ) -> Result<Vec<SessionTranscript>, DomainError> {
        self.require_live("session", session)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, session_id, file_name, format, encoding, duration_ms, imported_at,
                    length(original) AS size, left_out
             FROM transcript WHERE session_id = ?1 ORDER BY imported_at, id",
        )?;
        let heads = stmt
            .query_map([session.to_string()], |r| {
                let format: TranscriptFormat = r.stored("format")?;
                let left_out: String = r.get("left_out")?;
                Ok(SessionTranscript {
                    id: r.uuid("id")?,
                    session_id: r.uuid("session_id")?,
                    file_name: r.get("file_name")?,
                    format,
                    format_label: format.label().to_owned(),
                    encoding_label: r.get("encoding")?,
                    duration_ms: r.get::<_, Option<i64>>("duration_ms")?.map(|d| d as u64),
                    imported_at: r.time("imported_at")?,
                    original_bytes: r.get::<_, i64>("size")? as u64,
                    speakers: Vec::new(),
                    turns: Vec::new(),
                    // Written by this build from its own type: unreadable only if damaged.
                    left_out: serde_json::from_str(&left_out).unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(heads.len());
        for mut transcript in heads {
            transcript.turns = self.turns_of(transcript.id)?;
            transcript.speakers = speakers_of(&transcript.turns);
            out.push(transcript);
        }
        Ok(out)
    }

    fn turns_of(&self, transcript: Uuid) -> Result<Vec<TurnView>, DomainError> {
        let mut observations: HashMap<String, Vec<Uuid>> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT o.id, o.turn_id FROM observation o JOIN transcript_turn t ON t.id = o.turn_id
                 WHERE t.transcript_id = ?1 AND o.deleted_at IS NULL AND o.merged_into IS NULL
                 ORDER BY o.said_at_ms, o.created_at",
            )?;
            let rows = stmt.query_map([transcript.to_string()], |r| {
                Ok((r.get::<_, String>("turn_id")?, r.uuid("id")?))
            })?;
            for row in rows {
                let (turn, id) = row?;
                observations.entry(turn).or_default().push(id);
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.speaker, t.role, t.start_ms, t.end_ms, t.text, p.id AS person_id,
                    p.name AS person_name
             FROM transcript_turn t
             LEFT JOIN turn_person tp ON tp.turn_id = t.id
             LEFT JOIN person p ON p.id = tp.person_id AND p.deleted_at IS NULL
             WHERE t.transcript_id = ?1 ORDER BY t.position",
        )?;
        let turns = stmt
            .query_map([transcript.to_string()], |r| {
                let id: String = r.get("id")?;
                let person = match r.opt_uuid("person_id")? {
                    Some(id) => Some(PersonRef {
                        id,
                        name: r.get("person_name")?,
                    }),
                    None => None,
                };
                Ok(TurnView {
                    observations: observations.remove(&id).unwrap_or_default(),
                    id: r.uuid("id")?,
                    speaker: r.get("speaker")?,
                    person,
                    role: r.stored("role")?,
                    start_ms: r.get::<_, Option<i64>>("start_ms")?.map(|t| t as u64),
                    end_ms: r.get::<_, Option<i64>>("end_ms")?.map(|t| t as u64),
                    text: r.get("text")?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(turns)
    }

    /// The file a transcript was imported from, byte for byte, and its name.
    pub fn transcript_original(&self, transcript: Uuid) -> Result<(String, Vec<u8>), DomainError> {
        self.conn
            .prepare_cached("SELECT file_name, original FROM transcript WHERE id = ?1")?
            .query_row([transcript.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or(DomainError::NotFound {
                entity: "transcript",
                id: transcript.to_string(),
            })
    }

    /// A live session's id, or not found.
    fn require_live(&self, table: &'static str, id: Uuid) -> Result<(), DomainError> {
        let live: bool = self.conn.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1 AND deleted_at IS NULL)"),
            [id.to_string()],
            |r| r.get(0),
        )?;
        if live {
            Ok(())
        } else {
            Err(DomainError::NotFound {
                entity: table,
                id: id.to_string(),
            })
        }
    }
}

/// Each label's person and role (as its first turn has them) and how many turns it has,
/// in the order they first speak.
fn speakers_of(turns: &[TurnView]) -> Vec<TranscriptSpeaker> {
    let mut out: Vec<TranscriptSpeaker> = Vec::new();
    for turn in turns {
        match out.iter_mut().find(|s| s.label == turn.speaker) {
            Some(s) => s.turns += 1,
            None => out.push(TranscriptSpeaker {
                label: turn.speaker.clone(),
                person: turn.person.clone(),
                role: turn.role,
                turns: 1,
            }),
        }
    }
    out
}

impl Tx<'_> {
    /// The session a transcript belongs to, in a cycle that allows capture.
    fn transcript_session(&self, transcript: Uuid) -> Result<Uuid, DomainError> {
        let session = self
            .conn
            .prepare_cached("SELECT session_id FROM transcript WHERE id = ?1")?
            .query_row([transcript.to_string()], |r| r.uuid("session_id"))
            .optional()?
            .ok_or(DomainError::NotFound {
                entity: "transcript",
                id: transcript.to_string(),
            })?;
        self.require_in("session", session, false, Act::Capture)?;
        Ok(session)
    }

    /// Ties every turn of a label to the person and role chosen (and remembers it); the
    /// observations taken from those turns follow, and the session's participants too.
    pub fn map_transcript_speaker(
        &self,
        transcript: Uuid,
        choice: &SpeakerChoice,
    ) -> Result<SessionTranscript, DomainError> {
        let session = self.transcript_session(transcript)?;
        let turns: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT id FROM transcript_turn WHERE transcript_id = ?1 AND speaker = ?2",
            )?
            .query_map(params![transcript.to_string(), choice.label], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if turns.is_empty() {
            return Err(DomainError::invalid(
                "speaker",
                format!("no one speaks as “{}” in this transcript", choice.label),
            ));
        }
        let person = self.person_of_choice(choice)?;
        self.remember_speaker(&choice.label, person, choice.role)?;
        for turn in &turns {
            self.attribute_turn(session, turn, &choice.label, person, choice.role)?;
        }
        self.refresh_voices(&transcript.to_string())?;
        self.session_transcript(session, transcript)
    }

    /// Says a turn was spoken by another label of its transcript (tools split and merge
    /// voices wrongly): it takes that label's person and role, and what was attributed
    /// to the turn follows.
    pub fn set_turn_speaker(
        &self,
        turn: Uuid,
        label: &str,
    ) -> Result<SessionTranscript, DomainError> {
        let transcript: Uuid = self
            .conn
            .prepare_cached("SELECT transcript_id FROM transcript_turn WHERE id = ?1")?
            .query_row([turn.to_string()], |r| r.uuid("transcript_id"))
            .optional()?
            .ok_or(DomainError::NotFound {
                entity: "turn",
                id: turn.to_string(),
            })?;
        let session = self.transcript_session(transcript)?;
        let label = label.trim();
        if label.is_empty() || label.chars().count() > 200 {
            return Err(DomainError::invalid(
                "speaker",
                "name the speaker in 1 to 200 characters",
            ));
        }
        // The label's person and role as its other turns have them; a new label is nobody yet.
        let theirs: Option<(Option<String>, SpeakerRole)> = self
            .conn
            .prepare_cached(
                "SELECT tp.person_id, t.role FROM transcript_turn t
                 LEFT JOIN turn_person tp ON tp.turn_id = t.id
                 WHERE t.transcript_id = ?1 AND t.speaker = ?2 AND t.id <> ?3
                 ORDER BY t.position LIMIT 1",
            )?
            .query_row(
                params![transcript.to_string(), label, turn.to_string()],
                |r| Ok((r.get("person_id")?, r.stored("role")?)),
            )
            .optional()?;
        let (person, role) = match theirs {
            Some((person, role)) => (person.and_then(|p| Uuid::parse_str(&p).ok()), role),
            None => (None, SpeakerRole::Participant),
        };
        self.attribute_turn(session, &turn.to_string(), label, person, role)?;
        self.refresh_voices(&transcript.to_string())?;
        self.session_transcript(session, transcript)
    }

    /// Gives one turn a label, person and role; the observations taken from it trade the
    /// old speaker for the new one, and participants follow.
    fn attribute_turn(
        &self,
        session: Uuid,
        turn: &str,
        label: &str,
        person: Option<Uuid>,
        role: SpeakerRole,
    ) -> Result<(), DomainError> {
        let before: Option<String> = self
            .conn
            .prepare_cached("SELECT person_id FROM turn_person WHERE turn_id = ?1")?
            .query_row([turn], |r| r.get(0))
            .optional()?;
        self.conn
            .prepare_cached("UPDATE transcript_turn SET speaker = ?2, role = ?3 WHERE id = ?1")?
            .execute(params![turn, label, role.as_stored()])?;
        self.conn
            .prepare_cached("DELETE FROM turn_person WHERE turn_id = ?1")?
            .execute([turn])?;
        if let Some(p) = person {
            self.conn
                .prepare_cached("INSERT INTO turn_person (turn_id, person_id) VALUES (?1, ?2)")?
                .execute(params![turn, p.to_string()])?;
        }
        // Us is never a user's voice: an observation of our own turn names no one.
        let now_said_by = person.filter(|_| role == SpeakerRole::Participant);
        let observations: Vec<String> = self
            .conn
            .prepare_cached("SELECT id FROM observation WHERE turn_id = ?1")?
            .query_map([turn], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for obs in &observations {
            if let Some(old) = &before {
                self.conn
                    .prepare_cached(
                        "DELETE FROM observation_person WHERE observation_id = ?1 AND person_id = ?2",
                    )?
                    .execute(params![obs, old])?;
            }
            if let Some(p) = now_said_by {
                self.conn
                    .prepare_cached(
                        "INSERT OR IGNORE INTO observation_person (observation_id, person_id) VALUES (?1, ?2)",
                    )?
                    .execute(params![obs, p.to_string()])?;
            }
            self.conn
                .prepare_cached("UPDATE observation SET updated_at = ?2 WHERE id = ?1")?
                .execute(params![obs, self.now_text()])?;
        }
        self.add_speakers_to_session(session)?;
        if let Some(old) = before.and_then(|p| Uuid::parse_str(&p).ok()) {
            if Some(old) != now_said_by {
                self.drop_silent_participant(session, old)?;
            }
        }
        Ok(())
    }

    fn session_transcript(
        &self,
        session: Uuid,
        transcript: Uuid,
    ) -> Result<SessionTranscript, DomainError> {
        self.session_transcripts(session)?
            .into_iter()
            .find(|t| t.id == transcript)
            .ok_or(DomainError::NotFound {
                entity: "transcript",
                id: transcript.to_string(),
            })
    }
}

/// What an observation taken from a turn needs of it.
pub(crate) struct TurnSource {
    pub session: Uuid,
    pub text: String,
    start_ms: Option<u64>,
    end_ms: Option<u64>,
    /// The turn's person when they are a participant (us is never a user's voice).
    pub said_by: Option<Uuid>,
}

impl TurnSource {
    /// When the words starting at `start` (UTF-16 units into the turn) were said: the
    /// turn's start, moved on in proportion to how far into its words they are, as
    /// transcripts time turns, not words.
    pub fn said_at(&self, start: Option<u32>) -> Option<u64> {
        let begin = self.start_ms?;
        let (Some(end), Some(at)) = (self.end_ms, start) else {
            return Some(begin);
        };
        let len = self.text.encode_utf16().count() as u64;
        if end <= begin || len == 0 {
            return Some(begin);
        }
        Some(begin + (end - begin) * u64::from(at).min(len) / len)
    }
}

impl Tx<'_> {
    /// A live turn of a transcript, to take an observation from; it must be of
    /// `session` when one is named.
    pub(crate) fn turn_source(
        &self,
        turn: Uuid,
        session: Option<Uuid>,
    ) -> Result<TurnSource, DomainError> {
        let found = self
            .conn
            .prepare_cached(
                "SELECT tr.session_id, t.text, t.start_ms, t.end_ms, t.role, tp.person_id
                 FROM transcript_turn t JOIN transcript tr ON tr.id = t.transcript_id
                 LEFT JOIN turn_person tp ON tp.turn_id = t.id
                 WHERE t.id = ?1 AND t.deleted_at IS NULL",
            )?
            .query_row([turn.to_string()], |r| {
                let role: SpeakerRole = r.stored("role")?;
                Ok(TurnSource {
                    session: r.uuid("session_id")?,
                    text: r.get("text")?,
                    start_ms: r.get::<_, Option<i64>>("start_ms")?.map(|t| t as u64),
                    end_ms: r.get::<_, Option<i64>>("end_ms")?.map(|t| t as u64),
                    said_by: r
                        .opt_uuid("person_id")?
                        .filter(|_| role == SpeakerRole::Participant),
                })
            })
            .optional()?
            .ok_or(DomainError::NotFound {
                entity: "turn",
                id: turn.to_string(),
            })?;
        if session.is_some_and(|s| s != found.session) {
            return Err(DomainError::invalid(
                "turn",
                "that turn is of another session's transcript",
            ));
        }
        Ok(found)
    }
}
