//! The line-based exports: Zoom's saved captions (`[Name] 10:02:15`), Otter and Teams
//! documents (`Name  M:SS` opening a block), Google Meet (time lines between
//! `Name: text` lines, Gemini's notes before them) and plain `Name: text` lines.

use super::{looks_like_name, not_speech, split_speaker, time, Read, TranscriptError};

const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// The blocks of lines between blank lines.
pub(super) fn blocks<'a>(
    lines: &'a [(u32, &'a str)],
) -> impl Iterator<Item = &'a [(u32, &'a str)]> + 'a {
    lines
        .split(|(_, l)| l.trim().is_empty())
        .filter(|b| !b.is_empty())
}

/// `Name  M:SS` (or `H:MM:SS`): a speaker's name and the time they start.
pub(super) fn stamp_header(line: &str) -> Option<(&str, u64)> {
    let line = line.trim();
    let (name, stamp) = line.rsplit_once(char::is_whitespace)?;
    let name = name.trim();
    // "Transcription ended after 00:45:12" ends in a time too, and is no speaker.
    let tool_line = not_speech(line).is_some();
    if tool_line || !time::is_time(stamp) || name.contains(':') || !looks_like_name(name) {
        return None;
    }
    Some((name, time::parse(stamp)?))
}

/// `[Name] HH:MM:SS` and what follows on the line: Zoom's saved captions.
pub(super) fn zoom_caption_header(line: &str) -> Option<(&str, &str, &str)> {
    let rest = line.trim().strip_prefix('[')?;
    let (name, rest) = rest.split_once(']')?;
    let rest = rest.trim_start();
    let (clock, said) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    // A clock that is no time is still a header, for the reader to refuse by its line.
    time::looks_like_clock(clock).then_some((name.trim(), clock, said))
}

/// Zoom's saved captions. Their times are times of day, so each turn starts at its time
/// less the first line's; a time far before the one before is past midnight.
pub(super) fn zoom_captions(lines: &[(u32, &str)]) -> Result<Read, TranscriptError> {
    let mut read = Read::default();
    let mut first: Option<u64> = None;
    let mut at: Option<u64> = None;
    let mut speaker = String::new();
    for &(n, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        if let Some((name, clock, said)) = zoom_caption_header(line) {
            let mut clock = time::at(n, clock)?;
            let origin = *first.get_or_insert(clock);
            if let Some(before) = at {
                // Past midnight the clock starts again; the day goes on.
                while clock < before && before - clock > DAY_MS / 2 {
                    clock += DAY_MS;
                }
            }
            time::in_order(n, clock, at)?;
            at = Some(clock);
            name.clone_into(&mut speaker);
            let start = Some(clock - origin);
            // Each caption is its own cue: a new one is a new turn's start only
            // when the speaker changes.
            read.say(n, &speaker, start, None, said);
            continue;
        }
        speak_or_leave_out(
            &mut read,
            n,
            &speaker,
            at.map(|a| a - first.unwrap_or(a)),
            line,
        );
    }
    Ok(read)
}

/// Otter's text and Teams' documents: a block opens with `Name  M:SS`, its text below.
pub(super) fn stamped(lines: &[(u32, &str)]) -> Result<Read, TranscriptError> {
    let mut read = Read::default();
    let mut at: Option<u64> = None;
    let mut speaker: Option<String> = None;
    for block in blocks(lines) {
        let (n, head) = block[0];
        let mut body = block;
        if let Some((name, start)) = stamp_header(head) {
            time::in_order(n, start, at)?;
            at = Some(start);
            speaker = Some(name.to_owned());
            body = &block[1..];
        }
        for &(n, line) in body {
            match (&speaker, not_speech(line)) {
                (_, Some(why)) => read.leave_out(n, line, why),
                (Some(who), None) => read.say(n, who, at, None, line),
                // Before the first speaker: the document's title and date.
                (None, None) => read.leave_out(n, line, "the document's heading, not speech"),
            }
        }
    }
    Ok(read)
}

/// Google Meet, and Gemini's notes: the transcript starts at the first time line; what
/// comes before (the title, Gemini's summary and next steps) is not speech, nor is
/// anything after "Transcription ended after …".
pub(super) fn meet(lines: &[(u32, &str)]) -> Result<Read, TranscriptError> {
    let mut read = Read::default();
    let mut at: Option<u64> = None;
    let mut section = BEFORE_TRANSCRIPT;
    let mut ended = false;
    let mut speaker = String::new();
    for &(n, line) in lines {
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        if ended {
            read.leave_out(n, text, after_end(text));
            continue;
        }
        if let Some(why) = not_speech(text) {
            ended = text.to_lowercase().starts_with("transcription ended");
            read.leave_out(n, text, why);
            continue;
        }
        // Once the transcript has begun, a line written like a time must be one.
        if time::is_time(text) || (at.is_some() && time::looks_like_clock(text)) {
            let t = time::at(n, text)?;
            time::in_order(n, t, at)?;
            at = Some(t);
            continue;
        }
        if at.is_none() {
            section = gemini_heading(text).unwrap_or(section);
            read.leave_out(n, text, section);
            continue;
        }
        match split_speaker(text) {
            Some((name, said)) => {
                name.clone_into(&mut speaker);
                read.say(n, &speaker, at, None, said);
            }
            None => speak_or_leave_out(&mut read, n, &speaker, at, text),
        }
    }
    Ok(read)
}

fn after_end(text: &str) -> &'static str {
    not_speech(text).unwrap_or("after the end of transcription, not speech")
}

/// Why lines before Meet's first time line are not speech, until a heading says more.
const BEFORE_TRANSCRIPT: &str = "the document's heading, before the transcript, not speech";

/// Why the lines under a heading of Gemini's notes are not speech, the heading known
/// by its words (an emoji may lead).
fn gemini_heading(text: &str) -> Option<&'static str> {
    let words = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim()
        .to_lowercase();
    match words.as_str() {
        "summary" => Some("Gemini's summary, not speech"),
        "details" => Some("Gemini's details, not speech"),
        "next steps" | "suggested next steps" => Some("Gemini's suggested next steps, not speech"),
        "notes" | "notes by gemini" => Some("Gemini's notes, not speech"),
        "transcript" => Some(BEFORE_TRANSCRIPT),
        _ => None,
    }
}

/// Plain `Name: text` lines; a line that names no one goes on with the speaker before.
pub(super) fn plain(lines: &[(u32, &str)]) -> Read {
    let mut read = Read::default();
    let mut speaker = String::new();
    for &(n, line) in lines {
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        match split_speaker(text) {
            Some((name, said)) if not_speech(text).is_none() => {
                name.clone_into(&mut speaker);
                read.say(n, &speaker, None, None, said);
            }
            _ => speak_or_leave_out(&mut read, n, &speaker, None, text),
        }
    }
    read
}

/// A line of text under the speaker before, unless it is not speech.
fn speak_or_leave_out(read: &mut Read, n: u32, speaker: &str, at: Option<u64>, line: &str) {
    match not_speech(line) {
        Some(why) => read.leave_out(n, line, why),
        None => read.say(n, speaker, at, None, line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript_stamp_headers_are_a_name_then_a_time_alone() {
        assert_eq!(
            stamp_header("Priya Raman  1:02:03"),
            Some(("Priya Raman", 3_723_000))
        );
        assert_eq!(stamp_header("Speaker 1  0:12"), Some(("Speaker 1", 12_000)));
        assert_eq!(
            stamp_header("we met at 10:30"),
            Some(("we met at", 630_000))
        );
        assert_eq!(stamp_header("Note: at 10:30"), None);
        assert_eq!(stamp_header("0:12"), None);
    }
}
