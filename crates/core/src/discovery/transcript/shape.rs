//! Which format a transcript is, told by what its lines hold, since people rename
//! files and tools mislabel them. The name only breaks a tie: WebVTT cues of
//! `Name: text` without Zoom's cue numbers are Zoom's when the file is named as Zoom
//! names it (`….transcript.vtt`).

use super::{lines, split_speaker, time, TranscriptError, TranscriptFormat};

/// How many non-blank lines are enough to tell a shape.
const SNIFF_LINES: usize = 200;

/// The format of a text file's lines.
pub(super) fn of_text(
    file_name: &str,
    lines: &[(u32, &str)],
) -> Result<TranscriptFormat, TranscriptError> {
    let head: Vec<&str> = non_blank(lines).take(SNIFF_LINES).collect();
    let Some(first) = head.first() else {
        return Err(TranscriptError::Empty);
    };
    if first.trim_start_matches('\u{feff}').starts_with("WEBVTT") {
        return Ok(vtt_kind(file_name, &head));
    }
    if is_srt(&head) {
        return Ok(TranscriptFormat::Srt);
    }
    // Cues whose `WEBVTT` header was lost (some tools leave it out) are still cues.
    if first.contains("-->") {
        return Ok(vtt_kind(file_name, &head));
    }
    if lines::zoom_caption_header(first).is_some() {
        return Ok(TranscriptFormat::ZoomTxt);
    }
    if starts_with_stamp(lines) {
        return Ok(TranscriptFormat::OtterTxt);
    }
    if is_meet(&head) {
        return Ok(TranscriptFormat::MeetTxt);
    }
    if is_plain(&head) {
        return Ok(TranscriptFormat::PlainText);
    }
    Err(TranscriptError::NotATranscript)
}

/// The format of a Word document's paragraphs (Teams or Meet).
pub(super) fn of_document(lines: &[(u32, &str)]) -> Result<TranscriptFormat, TranscriptError> {
    let head: Vec<&str> = non_blank(lines).take(SNIFF_LINES).collect();
    if head.is_empty() {
        return Err(TranscriptError::Empty);
    }
    if lines::blocks(lines)
        .take(SNIFF_LINES)
        .any(|b| lines::stamp_header(b[0].1).is_some())
    {
        return Ok(TranscriptFormat::TeamsDocx);
    }
    if is_meet(&head) {
        return Ok(TranscriptFormat::MeetDocx);
    }
    Err(TranscriptError::NotATranscript)
}

fn non_blank<'a>(lines: &'a [(u32, &'a str)]) -> impl Iterator<Item = &'a str> + 'a {
    lines
        .iter()
        .map(|(_, l)| *l)
        .filter(|l| !l.trim().is_empty())
}

/// Teams writes voice tags; Zoom numbers its cues and names the speaker in the text.
/// Zoom's file name (`….transcript.vtt`) breaks the tie when the cues are not numbered.
fn vtt_kind(file_name: &str, head: &[&str]) -> TranscriptFormat {
    if head.iter().any(|l| l.contains("<v ") || l.contains("<v.")) {
        return TranscriptFormat::TeamsVtt;
    }
    let numbered = head.iter().zip(head.iter().skip(1)).any(|(id, timing)| {
        !id.trim().is_empty()
            && id.trim().bytes().all(|b| b.is_ascii_digit())
            && timing.contains("-->")
    });
    let named = head
        .iter()
        .any(|l| !l.contains("-->") && split_speaker(l).is_some());
    let zoom_name = file_name.to_lowercase().ends_with(".transcript.vtt");
    if named && (numbered || zoom_name) {
        TranscriptFormat::ZoomVtt
    } else {
        TranscriptFormat::Vtt
    }
}

/// SubRip: a cue number, then a line of `start --> end`.
fn is_srt(head: &[&str]) -> bool {
    match head {
        [number, timing, ..] => {
            number.trim().bytes().all(|b| b.is_ascii_digit()) && timing.contains("-->")
        }
        _ => false,
    }
}

/// Otter: the first block (or the second, after a title) opens with `Name  M:SS`.
fn starts_with_stamp(all: &[(u32, &str)]) -> bool {
    lines::blocks(all)
        .take(2)
        .any(|b| lines::stamp_header(b[0].1).is_some() && b.len() > 1)
}

/// Meet: lines that are only a time, with `Name: text` lines after them.
fn is_meet(head: &[&str]) -> bool {
    let Some(at) = head.iter().position(|l| time::is_time(l)) else {
        return false;
    };
    head[at..].iter().any(|l| split_speaker(l).is_some())
}

/// Plain text: at least a third of the lines are `Name: text`.
fn is_plain(head: &[&str]) -> bool {
    let named = head.iter().filter(|l| split_speaker(l).is_some()).count();
    named > 0 && named * 3 >= head.len()
}
