//! Transcripts of recorded talks, read as they come from Zoom, Teams, Meet, Otter or
//! any subtitle tool: recognised by what they hold (the extension only breaks a tie),
//! split into turns (who spoke, when, what they said) and what is not speech (the
//! "started transcription" lines, Gemini's notes, Otter's footer) set aside and named.
//!
//! Reading is pure: bytes in, a [`Transcript`] or a [`TranscriptError`] that names the
//! line out. Then `speaker` ties each label to a person (and remembers it), `import`
//! writes the transcript into a session, and `view` shows it and takes corrections.
//!
//! The parts, in the order a file goes through them: `docx` (a Word document's
//! paragraphs), `time` (the ways a time is written), `shape` (which format this is),
//! `cues` (WebVTT and SubRip cues) and `lines` (the line-based exports).

mod cues;
mod docx;
pub mod import;
mod lines;
mod shape;
pub mod speaker;
mod time;
pub mod view;
pub(crate) mod voice;

use crate::store::error::DomainError;
use crate::store::text_file::{self, FileError};
use serde::Serialize;
use std::collections::HashMap;
use thiserror::Error;
use ts_rs::TS;

/// When in a recording something was said, to the second, as people read it: `12:41`,
/// `1:02:03` past an hour.
pub fn said_at_label(ms: u64) -> String {
    time::shown(ms / 1000 * 1000)
}

/// The largest uncompressed text a `.docx` may unpack to: far above a day-long
/// transcript (a three-hour one is about 2 MiB of XML), and a stop for zip bombs.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// The shape a transcript was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TranscriptFormat {
    /// Zoom's cloud recording `.transcript.vtt`: numbered cues, `Name: text`.
    ZoomVtt,
    /// Zoom's locally saved captions: `[Name] HH:MM:SS` (time of day), text below.
    ZoomTxt,
    /// Microsoft Teams `.vtt`: `<v Name>text</v>` voice tags.
    TeamsVtt,
    /// Microsoft Teams `.docx`: a paragraph per turn, `Name   M:SS` then the text.
    TeamsDocx,
    /// Google Meet (or Gemini's notes) exported as `.docx`.
    MeetDocx,
    /// Google Meet (or Gemini's notes) exported as text.
    MeetTxt,
    /// Otter `.txt`: `Name  M:SS`, the text, a blank line.
    OtterTxt,
    /// SubRip subtitles, `Name: text` in the cues.
    Srt,
    /// WebVTT without a vendor's marks, `Name: text` in the cues.
    Vtt,
    /// Lines of `Name: text`.
    PlainText,
}

crate::store::row::stored!(TranscriptFormat, "transcript format", {
    ZoomVtt => "zoom_vtt",
    ZoomTxt => "zoom_txt",
    TeamsVtt => "teams_vtt",
    TeamsDocx => "teams_docx",
    MeetDocx => "meet_docx",
    MeetTxt => "meet_txt",
    OtterTxt => "otter_txt",
    Srt => "srt",
    Vtt => "vtt",
    PlainText => "plain_text",
});

impl TranscriptFormat {
    /// Its name, as a person knows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::ZoomVtt => "Zoom cloud recording (VTT)",
            Self::ZoomTxt => "Zoom saved captions (text)",
            Self::TeamsVtt => "Microsoft Teams (VTT)",
            Self::TeamsDocx => "Microsoft Teams (Word document)",
            Self::MeetDocx => "Google Meet (Word document)",
            Self::MeetTxt => "Google Meet (text)",
            Self::OtterTxt => "Otter (text)",
            Self::Srt => "SubRip subtitles (SRT)",
            Self::Vtt => "WebVTT subtitles",
            Self::PlainText => "Plain text of “Name: text” lines",
        }
    }
}

/// What one speaker said without another speaking in between: consecutive cues of
/// one speaker joined, for reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Turn {
    /// The speaker's label as the file writes it, trimmed; "" when it names none.
    pub speaker: String,
    /// Milliseconds into the recording (for Zoom's saved captions, since the first line).
    #[ts(type = "number | null")]
    pub start_ms: Option<u64>,
    #[ts(type = "number | null")]
    pub end_ms: Option<u64>,
    pub text: String,
    /// The line the turn starts on (in a Word document, the paragraph: 1 is the first).
    pub line: u32,
}

/// A line that is not speech, and why it was left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeftOut {
    /// Its line (in a Word document, its paragraph).
    pub line: u32,
    pub text: String,
    pub why: String,
}

/// A transcript read: its turns and what was left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Transcript {
    pub format: TranscriptFormat,
    /// How the text was encoded, in words: "UTF-8 with byte-order mark".
    pub encoding_label: String,
    pub turns: Vec<Turn>,
    pub left_out: Vec<LeftOut>,
    /// The time of the last word, when the file has times.
    #[ts(type = "number | null")]
    pub duration_ms: Option<u64>,
}

/// One speaker's part of the talk.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpeakerShare {
    /// The label as written; "" for what no speaker was named for.
    pub label: String,
    pub turns: u32,
    pub words: u32,
    /// Their words over all words, 0 to 1.
    pub share: f64,
}

/// What reading a transcript found, before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptPreview {
    pub format: TranscriptFormat,
    /// The format in words: "Microsoft Teams (VTT)".
    pub format_label: String,
    pub encoding_label: String,
    #[ts(type = "number | null")]
    pub duration_ms: Option<u64>,
    pub turns: u32,
    /// The speakers, the largest share of the words first.
    pub speakers: Vec<SpeakerShare>,
    pub left_out: Vec<LeftOut>,
}

/// Why a file could not be read as a transcript. Each says what to do, and names the
/// line where there is one.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TranscriptError {
    #[error("the file is empty (or holds only blank lines): export the transcript again")]
    Empty,
    #[error("this is not a text file (it holds binary data, perhaps a {what} renamed), so it cannot be a transcript")]
    NotText { what: &'static str },
    #[error("this is not a transcript Groundwork reads: none of its lines has the shape of one. It reads WebVTT (Zoom, Teams), SubRip (.srt), Zoom's saved captions, Otter and Google Meet text, Teams and Meet Word documents, and lines of “Name: text”")]
    NotATranscript,
    #[error("line {line}: “{text}” cannot be a time (times are written like 00:01:30.250, 0:6:43.330 or 1:30). The file is damaged or was edited by hand: export it again")]
    BadTime { line: u32, text: String },
    #[error("line {line}: the time {time} comes before {before}, an earlier time in the file, so the times run backwards. The file is damaged or two transcripts were pasted together")]
    Backwards {
        line: u32,
        time: String,
        before: String,
    },
    #[error("the file is {size}; Groundwork reads transcripts of up to {max}")]
    TooLarge { size: String, max: String },
    #[error("this Word document holds no text (it has no word/document.xml), so it is not a Teams or Meet transcript; open it in Word and save it again, or export the transcript as .vtt or .txt")]
    NoDocument,
    #[error("this Word document's text would unpack to more than {max}, far more than any transcript; Groundwork stopped there in case the file was made to fill the disk")]
    DocumentTooLarge { max: String },
    #[error("this file is a zip archive (as a Word document is) that cannot be opened: {reason}. Export the transcript again")]
    BadArchive { reason: String },
}

impl TranscriptError {
    /// The line the error is on, when there is one.
    pub fn line(&self) -> Option<u32> {
        match self {
            Self::BadTime { line, .. } | Self::Backwards { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// A kernel decoding error worded for a transcript (the kernel's own words speak of
    /// survey exports).
    fn from_file(e: FileError) -> Self {
        match e {
            FileError::Empty | FileError::Blank => Self::Empty,
            FileError::Binary { what } => Self::NotText { what },
            FileError::TooLarge { size, max } => Self::TooLarge { size, max },
            // A zip is read as a Word document before decoding; none reaches here.
            FileError::Workbook => Self::NotText {
                what: "zip archive",
            },
            FileError::UnterminatedQuote { .. } => Self::NotATranscript,
        }
    }
}

impl From<TranscriptError> for DomainError {
    fn from(e: TranscriptError) -> Self {
        DomainError::TranscriptFile {
            line: e.line(),
            message: e.to_string(),
        }
    }
}

/// Reads a transcript's bytes: a Word document (`.docx`) or text in any encoding the
/// kernel decodes. `file_name` only breaks ties between shapes that read alike.
pub fn read_transcript(file_name: &str, bytes: &[u8]) -> Result<Transcript, TranscriptError> {
    if bytes.len() > text_file::MAX_FILE_BYTES {
        return Err(TranscriptError::TooLarge {
            size: crate::store::wording::size_beside(bytes.len(), text_file::MAX_FILE_BYTES),
            max: format!("{} MiB", text_file::MAX_FILE_BYTES / (1024 * 1024)),
        });
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let paragraphs = docx::document_paragraphs(bytes, MAX_DOCUMENT_BYTES)?;
        let lines = by_paragraph(&paragraphs);
        let format = shape::of_document(&lines)?;
        return parse(format, &lines, "UTF-8 (inside a Word document)");
    }
    let (text, encoding) = text_file::decode(bytes).map_err(TranscriptError::from_file)?;
    let lines = numbered(&text);
    let format = shape::of_text(file_name, &lines)?;
    parse(format, &lines, encoding.label())
}

/// The text's lines, each with its number (1 is the first), line ends of any kind
/// taken off.
fn numbered(text: &str) -> Vec<(u32, &str)> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| {
            let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
            (n, l.strip_suffix('\r').unwrap_or(l))
        })
        .collect()
}

/// A Word document's lines, numbered by their paragraph (Word numbers no lines), each
/// paragraph ending in a blank line so that it reads as a block, as Otter's turns do.
fn by_paragraph(paragraphs: &[String]) -> Vec<(u32, &str)> {
    let mut lines = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        lines.extend(p.split('\n').map(|l| (n, l.trim_end_matches('\r'))));
        lines.push((n, ""));
    }
    lines
}

fn parse(
    format: TranscriptFormat,
    lines: &[(u32, &str)],
    encoding: &str,
) -> Result<Transcript, TranscriptError> {
    use TranscriptFormat as F;
    let read = match format {
        F::ZoomVtt | F::TeamsVtt | F::Vtt | F::Srt => cues::read(lines)?,
        F::ZoomTxt => lines::zoom_captions(lines)?,
        F::OtterTxt | F::TeamsDocx => lines::stamped(lines)?,
        F::MeetTxt | F::MeetDocx => lines::meet(lines)?,
        F::PlainText => lines::plain(lines),
    };
    if read.turns.is_empty() {
        return Err(TranscriptError::Empty);
    }
    Ok(Transcript {
        format,
        encoding_label: encoding.to_owned(),
        turns: read.turns,
        left_out: read.left_out,
        duration_ms: read.last_ms,
    })
}

/// What a part read: turns, joined, and what it left out.
#[derive(Debug, Default)]
struct Read {
    turns: Vec<Turn>,
    left_out: Vec<LeftOut>,
    /// The latest time said: a joined turn keeps only its first start, and formats
    /// without end times would otherwise lose their last stamps.
    last_ms: Option<u64>,
}

impl Read {
    /// Adds what a speaker said: to the last turn when it is theirs (consecutive cues
    /// of one speaker are one turn), else as a new turn. Pushing onto the last turn's
    /// text keeps a long file linear.
    fn say(&mut self, line: u32, speaker: &str, start: Option<u64>, end: Option<u64>, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.last_ms = self.last_ms.max(end.or(start));
        if let Some(last) = self.turns.last_mut() {
            if last.speaker == speaker {
                last.text.push(' ');
                last.text.push_str(text);
                last.end_ms = end.or(last.end_ms);
                return;
            }
        }
        self.turns.push(Turn {
            speaker: speaker.to_owned(),
            start_ms: start,
            end_ms: end,
            text: text.to_owned(),
            line,
        });
    }

    fn leave_out(&mut self, line: u32, text: &str, why: &str) {
        self.left_out.push(LeftOut {
            line,
            text: text.trim().to_owned(),
            why: why.to_owned(),
        });
    }
}

/// Why a line is not speech, when it is one of the lines tools add around a
/// transcript: every format is checked, as people paste one tool's lines into another.
fn not_speech(text: &str) -> Option<&'static str> {
    let t = text.trim();
    let lower = t.to_lowercase();
    if lower.ends_with("started transcription") || lower.ends_with("stopped transcription") {
        return Some("the start or end of transcription, not speech");
    }
    if lower.starts_with("transcription ended after") {
        return Some("the end of transcription, not speech");
    }
    // The notices' own words, not just "computer generated" or "transcribed by":
    // someone may say those in a talk.
    let generated = lower.contains("computer generated") || lower.contains("computer-generated");
    if generated && (lower.contains("transcript") || lower.contains("might contain errors")) {
        return Some("the notice that the transcript was computer generated, not speech");
    }
    if lower.starts_with("transcribed by") && lower.contains("otter") {
        return Some("Otter's footer, not speech");
    }
    None
}

/// The speaker and text of `Name: text`, split at the first ": " only when what comes
/// before it looks like a name: not a link, not a time, not a sentence.
fn split_speaker(line: &str) -> Option<(&str, &str)> {
    let (name, text) = match line.split_once(": ") {
        Some(parts) => parts,
        None => (line.strip_suffix(':')?, ""),
    };
    let name = name.trim();
    looks_like_name(name).then_some((name, text.trim()))
}

/// Whether `name` can be a speaker's label: 1 to 60 characters, at most 8 words,
/// starting with a letter or digit (`Speaker 1`), and not a link or a time.
fn looks_like_name(name: &str) -> bool {
    let chars = name.chars().count();
    (1..=60).contains(&chars)
        && name.split_whitespace().count() <= 8
        && name.chars().next().is_some_and(|c| c.is_alphanumeric())
        && !name.contains("://")
        && !name.starts_with("www.")
        && !name
            .chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
}

/// A transcript's preview: the format, its length and each speaker's share of the words.
pub fn preview(transcript: &Transcript) -> TranscriptPreview {
    let mut by_label: HashMap<&str, (u32, u32)> = HashMap::new();
    let mut total: u64 = 0;
    for turn in &transcript.turns {
        let words = u32::try_from(turn.text.split_whitespace().count()).unwrap_or(u32::MAX);
        total += u64::from(words);
        let entry = by_label.entry(turn.speaker.as_str()).or_default();
        entry.0 += 1;
        entry.1 = entry.1.saturating_add(words);
    }
    let mut speakers: Vec<SpeakerShare> = by_label
        .into_iter()
        .map(|(label, (turns, words))| SpeakerShare {
            label: label.to_owned(),
            turns,
            words,
            share: if total == 0 {
                0.0
            } else {
                f64::from(words) / total as f64
            },
        })
        .collect();
    speakers.sort_by(|a, b| {
        b.share
            .total_cmp(&a.share)
            .then(b.turns.cmp(&a.turns))
            .then_with(|| a.label.cmp(&b.label))
    });
    TranscriptPreview {
        format: transcript.format,
        format_label: transcript.format.label().to_owned(),
        encoding_label: transcript.encoding_label.clone(),
        duration_ms: transcript.duration_ms,
        turns: u32::try_from(transcript.turns.len()).unwrap_or(u32::MAX),
        speakers,
        left_out: transcript.left_out.clone(),
    }
}

/// A transcript file the user chose: its name and bytes, refused in a transcript's
/// words when it is past the size limit (before a byte is read).
pub fn read_transcript_file(path: &std::path::Path) -> Result<(String, Vec<u8>), DomainError> {
    let max = crate::store::text_file::MAX_FILE_BYTES;
    crate::store::chosen_file::read_chosen(path, "a transcript", max, |len| {
        TranscriptError::TooLarge {
            size: crate::store::wording::size_beside(len as usize, max),
            max: format!("{} MiB", max / (1024 * 1024)),
        }
        .into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript_speakers_are_split_at_the_first_colon_only_after_a_name() {
        assert_eq!(
            split_speaker("Raman, Priya (Guest): see: this"),
            Some(("Raman, Priya (Guest)", "see: this"))
        );
        assert_eq!(split_speaker("https://example.com: x"), None);
        assert_eq!(split_speaker("10:30: x"), None);
        assert_eq!(
            split_speaker("I said that we should really look at this again: later"),
            None
        );
        assert_eq!(split_speaker("李明: 你好"), Some(("李明", "你好")));
    }

    #[test]
    fn transcript_turns_join_consecutive_cues_of_one_speaker() {
        let mut read = Read::default();
        read.say(1, "A", Some(0), Some(1000), "one");
        read.say(2, "A", Some(1000), Some(2000), "two");
        read.say(3, "B", Some(2000), Some(3000), "three");
        assert_eq!(read.turns.len(), 2);
        assert_eq!(read.turns[0].text, "one two");
        assert_eq!(read.turns[0].end_ms, Some(2000));
    }
}
