//! WebVTT and SubRip: blocks of an optional cue id, a `start --> end` line and the
//! cue's text. Zoom and plain files name the speaker as `Name: text`; Teams writes
//! `<v Name>text</v>`, sometimes two voices in one cue when people talk over each
//! other, and sometimes leaves the last `</v>` out.

use super::{lines, not_speech, split_speaker, time, Read, TranscriptError};

/// Reads every cue, in order; cues of one speaker in a row become one turn.
pub(super) fn read(all: &[(u32, &str)]) -> Result<Read, TranscriptError> {
    let mut read = Read::default();
    let mut last_start = None;
    // A cue that names no speaker goes on with the one before: subtitle files name the
    // speaker only when it changes.
    let mut speaker = String::new();
    for block in lines::blocks(all) {
        // The WEBVTT header, NOTE, STYLE and REGION blocks have no timing line.
        let Some(at) = block.iter().position(|(_, l)| l.contains("-->")) else {
            continue;
        };
        let (line, timing) = block[at];
        let (start, end) = timing_of(line, timing)?;
        time::in_order(line, start, last_start)?;
        last_start = Some(start);
        let text = cue_text(&block[at + 1..]);
        // What was said is named by the line it is written on, not its timing line.
        let said_on = block.get(at + 1).map_or(line, |(n, _)| *n);
        for (who, said) in voices(&text, &mut speaker) {
            match not_speech(&said) {
                Some(why) => read.leave_out(said_on, &said, why),
                None => read.say(said_on, &who, Some(start), Some(end), &said),
            }
        }
    }
    Ok(read)
}

/// The start and end of `start --> end [settings]`, refusing an end before the start.
fn timing_of(line: u32, timing: &str) -> Result<(u64, u64), TranscriptError> {
    let (start, rest) = timing.split_once("-->").unwrap_or((timing, ""));
    let end = rest.split_whitespace().next().unwrap_or("");
    let (start, end) = (time::at(line, start)?, time::at(line, end)?);
    if end < start {
        return Err(TranscriptError::Backwards {
            line,
            time: time::shown(end),
            before: time::shown(start),
        });
    }
    Ok((start, end))
}

/// A cue's text lines as one line.
fn cue_text(lines: &[(u32, &str)]) -> String {
    let mut text = String::new();
    for (_, l) in lines {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(l.trim());
    }
    text
}

/// Who says what in a cue's text: each `<v Name>` voice, or `Name: text`, or the
/// speaker before when it names none. `speaker` is left as the last one named.
fn voices(text: &str, speaker: &mut String) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut pieces = text.split("<v");
    let before = pieces.next().unwrap_or("");
    if !plain(before).trim().is_empty() {
        let said = plain(before);
        match split_speaker(said.trim()) {
            Some((name, rest)) => {
                name.clone_into(speaker);
                out.push((name.to_owned(), rest.to_owned()));
            }
            None => out.push((speaker.clone(), said)),
        }
    }
    for piece in pieces {
        // `<v Name>` or `<v.class Name>`: the name runs from the first space to `>`.
        let Some((tag, said)) = piece.split_once('>') else {
            continue;
        };
        let name = tag.split_once(char::is_whitespace).map_or("", |(_, n)| n);
        name.trim().clone_into(speaker);
        out.push((speaker.clone(), plain(said)));
    }
    out
}

/// Text without its tags (`</v>`, `<i>`, `<c.yellow>`, `<00:00:01.000>`) and with
/// WebVTT's escapes read.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                rest = &rest[open..];
                break;
            }
        }
    }
    out.push_str(rest);
    if out.contains('&') {
        out = out
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&nbsp;", " ")
            .replace("&amp;", "&");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript_cues_with_two_voices_and_a_missing_close_are_two_speakers() {
        let mut speaker = String::new();
        assert_eq!(
            voices("<v Ana Lima>Yes.</v> <v Bo>No, <i>never</i>", &mut speaker),
            vec![
                ("Ana Lima".to_owned(), "Yes. ".to_owned()),
                ("Bo".to_owned(), "No, never".to_owned())
            ]
        );
        assert_eq!(speaker, "Bo");
        assert_eq!(
            voices("and then some", &mut speaker),
            vec![("Bo".to_owned(), "and then some".to_owned())]
        );
    }
}
