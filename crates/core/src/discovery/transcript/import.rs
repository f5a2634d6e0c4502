//! A transcript written into a session: the file kept byte for byte, its turns, each
//! speaker tied to the person the user chose, and those people the session's
//! participants. All or nothing, in the caller's unit of work.

use super::speaker::{SpeakerChoice, SpeakerRole, SpeakerSuggestion};
use super::{preview, read_transcript, Transcript, TranscriptPreview};
use crate::discovery::person::PersonRef;
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::kind::SourceKind;
use crate::store::policy::Act;
use crate::store::row::Stored;
use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;
use uuid::Uuid;

/// The session a transcript goes into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TranscriptTarget {
    /// A session already logged (its notes stay as they are).
    Session { id: Uuid },
    /// A new session of the transcript's talk.
    New {
        cycle_id: Uuid,
        source_kind: SourceKind,
        title: String,
        #[ts(type = "string")]
        held_on: NaiveDate,
    },
}

/// What to import: where, and who each speaker is. A label not named here is kept
/// unattributed (as "nobody").
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptImport {
    pub target: TranscriptTarget,
    #[serde(default)]
    pub speakers: Vec<SpeakerChoice>,
}

/// What reading a transcript found, and who its speakers likely are.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptImportPreview {
    pub preview: TranscriptPreview,
    /// One suggestion a speaker label, in the preview's order.
    pub speakers: Vec<SpeakerSuggestion>,
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptImported {
    pub session_id: Uuid,
    pub transcript_id: Uuid,
    pub turns: u32,
    /// The session's participants now.
    pub participants: Vec<PersonRef>,
    /// People added to the register for speakers new to it.
    pub people_added: u32,
}

/// The longest title a new session takes from a file name.
const TITLE_FROM_FILE: usize = 120;

/// A title for a talk from its file's name: "GMT20261104-Coffee with Priya.transcript.vtt"
/// → "GMT20261104-Coffee with Priya".
pub fn title_of_file(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let mut title = base;
    for ext in [".vtt", ".srt", ".txt", ".docx", ".transcript"] {
        if title.len() > ext.len() && title.to_lowercase().ends_with(ext) {
            title = &title[..title.len() - ext.len()];
        }
    }
    title.trim().chars().take(TITLE_FROM_FILE).collect()
}

impl Db<'_> {
    /// Reads a transcript and suggests a person for each speaker; writes nothing.
    pub fn preview_transcript_import(
        &self,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<TranscriptImportPreview, DomainError> {
        let preview = preview(&read_transcript(file_name, bytes)?);
        let labels: Vec<String> = preview.speakers.iter().map(|s| s.label.clone()).collect();
        let speakers = self.suggest_speakers(&labels)?;
        Ok(TranscriptImportPreview { preview, speakers })
    }
}

impl Tx<'_> {
    /// Reads a transcript and writes it into a session, the speakers tied to people as
    /// chosen (and remembered); nothing is written when the file cannot be read.
    pub fn import_transcript(
        &self,
        file_name: &str,
        bytes: &[u8],
        request: &TranscriptImport,
    ) -> Result<TranscriptImported, DomainError> {
        let transcript = read_transcript(file_name, bytes)?;
        self.write_transcript(file_name, bytes, &transcript, request)
    }

    /// Writes a transcript already read.
    pub fn write_transcript(
        &self,
        file_name: &str,
        bytes: &[u8],
        transcript: &Transcript,
        request: &TranscriptImport,
    ) -> Result<TranscriptImported, DomainError> {
        let session_id = match &request.target {
            TranscriptTarget::Session { id } => {
                self.require_in("session", *id, false, Act::Capture)?;
                *id
            }
            TranscriptTarget::New {
                cycle_id,
                source_kind,
                title,
                held_on,
            } => {
                self.create_session(&crate::discovery::session::NewSession {
                    cycle_id: *cycle_id,
                    kind: *source_kind,
                    title: title.clone(),
                    held_on: *held_on,
                    people: Vec::new(),
                    links: Vec::new(),
                    tags: Vec::new(),
                    notes: None,
                })?
                .id
            }
        };
        let day: String = self
            .conn
            .prepare_cached("SELECT held_on FROM session WHERE id = ?1")?
            .query_row([session_id.to_string()], |r| r.get(0))?;

        // Who each label is; a label chosen twice takes the last choice.
        let mut who: HashMap<&str, (Option<Uuid>, SpeakerRole)> = HashMap::new();
        for choice in &request.speakers {
            let person = self.person_of_choice(choice)?;
            self.remember_speaker(&choice.label, person, choice.role)?;
            who.insert(choice.label.as_str(), (person, choice.role));
        }

        let transcript_id = new_id();
        let left_out = serde_json::to_string(&transcript.left_out)
            .map_err(|e| DomainError::invalid("transcript", e.to_string()))?;
        self.conn.execute(
            "INSERT INTO transcript (id, session_id, file_name, format, encoding, original, duration_ms, left_out, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                transcript_id.to_string(),
                session_id.to_string(),
                file_name,
                transcript.format.as_stored(),
                transcript.encoding_label,
                bytes,
                transcript.duration_ms.map(|d| d as i64),
                left_out,
                self.now_text()
            ],
        )?;
        let mut turn_insert = self.conn.prepare_cached(
            "INSERT INTO transcript_turn (id, transcript_id, position, speaker, role, start_ms, end_ms, text, line, day)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        let mut person_insert = self
            .conn
            .prepare_cached("INSERT INTO turn_person (turn_id, person_id) VALUES (?1, ?2)")?;
        let transcript_key = transcript_id.to_string();
        for (position, turn) in transcript.turns.iter().enumerate() {
            let (person, role) = who
                .get(turn.speaker.as_str())
                .copied()
                .unwrap_or((None, SpeakerRole::Participant));
            let id = new_id().to_string();
            turn_insert.execute(params![
                id,
                transcript_key,
                position as i64,
                turn.speaker,
                role.as_stored(),
                turn.start_ms.map(|t| t as i64),
                turn.end_ms.map(|t| t as i64),
                turn.text,
                turn.line,
                day
            ])?;
            if let Some(person) = person {
                person_insert.execute(params![id, person.to_string()])?;
            }
        }
        self.refresh_voices(&transcript_key)?;
        self.add_speakers_to_session(session_id)?;
        Ok(TranscriptImported {
            session_id,
            transcript_id,
            turns: u32::try_from(transcript.turns.len()).unwrap_or(u32::MAX),
            participants: crate::discovery::person::session_people(self.conn, session_id)?,
            // Each "new person" choice adds one (person_of_choice).
            people_added: request
                .speakers
                .iter()
                .filter(|c| matches!(c.person, super::speaker::SpeakerPerson::New { .. }))
                .count() as u32,
        })
    }

    /// Makes every participant who speaks in the session's transcripts one of its
    /// participants (after those already named), so ask-load and last contact count them.
    pub(crate) fn add_speakers_to_session(&self, session: Uuid) -> Result<(), DomainError> {
        self.conn
            .prepare_cached(
                "INSERT OR IGNORE INTO session_person (session_id, person_id, position)
                 SELECT ?1, tp.person_id,
                        (SELECT coalesce(max(position), -1) FROM session_person WHERE session_id = ?1)
                        + row_number() OVER (ORDER BY min(t.position))
                 FROM transcript tr
                 JOIN transcript_turn t ON t.transcript_id = tr.id AND t.role = 'participant'
                 JOIN turn_person tp ON tp.turn_id = t.id
                 JOIN person p ON p.id = tp.person_id AND p.deleted_at IS NULL
                 WHERE tr.session_id = ?1
                   AND tp.person_id NOT IN (SELECT person_id FROM session_person WHERE session_id = ?1)
                 GROUP BY tp.person_id",
            )?
            .execute([session.to_string()])?;
        Ok(())
    }

    /// Takes a person off a session's participants when a correction left them with
    /// nothing there: no participant turn in its transcripts, no observation of it.
    pub(crate) fn drop_silent_participant(
        &self,
        session: Uuid,
        person: Uuid,
    ) -> Result<(), DomainError> {
        let still_there: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM transcript tr
                    JOIN transcript_turn t ON t.transcript_id = tr.id AND t.role = 'participant'
                    JOIN turn_person tp ON tp.turn_id = t.id AND tp.person_id = ?2
                    WHERE tr.session_id = ?1)
                 OR EXISTS (SELECT 1 FROM observation o
                    JOIN observation_person op ON op.observation_id = o.id AND op.person_id = ?2
                    WHERE o.session_id = ?1 AND o.deleted_at IS NULL)",
            params![session.to_string(), person.to_string()],
            |r| r.get(0),
        )?;
        if !still_there {
            self.conn.execute(
                "DELETE FROM session_person WHERE session_id = ?1 AND person_id = ?2",
                params![session.to_string(), person.to_string()],
            )?;
        }
        Ok(())
    }
}
