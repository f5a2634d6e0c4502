//! The ways transcripts write a time: `00:01:30.250` (WebVTT), `00:01:30,250`
//! (SubRip), `0:6:43.330` (older Teams, unpadded), `1:02:03` and `12:41` (Otter,
//! Teams documents, Meet), and `10:02:15` as a time of day (Zoom's saved captions).

use super::TranscriptError;

/// Milliseconds of a time written `[[H:]M:]S[.mmm]`, or `None` when it is not one.
/// Minutes and seconds under an hour or minute must be under 60.
pub(super) fn parse(text: &str) -> Option<u64> {
    let text = text.trim();
    let (clock, fraction) = match text.find(['.', ',']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let mut total: u64 = 0;
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let value: u64 = part.parse().ok()?;
        if i > 0 && value >= 60 {
            return None;
        }
        total = total * 60 + value;
    }
    Some(total * 1000 + millis(fraction)?)
}

/// The milliseconds of a fraction of a second: `5` is 500, `25` is 250, `250` is 250.
fn millis(fraction: Option<&str>) -> Option<u64> {
    let Some(f) = fraction else { return Some(0) };
    if f.is_empty() || f.len() > 9 || !f.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let three: String = f.chars().chain("000".chars()).take(3).collect();
    three.parse().ok()
}

/// Whether `text` is only a time (Meet's time lines, Otter's and Teams' stamps).
pub(super) fn is_time(text: &str) -> bool {
    let t = text.trim();
    t.starts_with(|c: char| c.is_ascii_digit()) && t.contains(':') && parse(t).is_some()
}

/// Whether `text` is written like a time (digits and colons, a fraction perhaps),
/// whether or not it is one: where a format puts a time, such a text that is no time
/// is a damaged file, not words.
pub(super) fn looks_like_clock(text: &str) -> bool {
    let t = text.trim();
    t.contains(':')
        && t.starts_with(|c: char| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | ','))
}

/// A time parsed, or an error naming the line.
pub(super) fn at(line: u32, text: &str) -> Result<u64, TranscriptError> {
    parse(text).ok_or_else(|| TranscriptError::BadTime {
        line,
        text: text.trim().to_owned(),
    })
}

/// A time as people read it: `1:02:03`, or `2:03.250` under an hour.
pub(super) fn shown(ms: u64) -> String {
    let (s, milli) = (ms / 1000, ms % 1000);
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    let clock = if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    };
    if milli > 0 {
        format!("{clock}.{milli:03}")
    } else {
        clock
    }
}

/// Refuses a time before the one before it, naming the line.
pub(super) fn in_order(line: u32, time: u64, before: Option<u64>) -> Result<(), TranscriptError> {
    match before {
        Some(b) if time < b => Err(TranscriptError::Backwards {
            line,
            time: shown(time),
            before: shown(b),
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript_times_are_read_padded_unpadded_and_with_a_comma() {
        assert_eq!(parse("00:01:30.250"), Some(90_250));
        assert_eq!(parse("00:01:30,25"), Some(90_250));
        assert_eq!(parse("0:6:43.330"), Some(403_330));
        assert_eq!(parse("1:02:03"), Some(3_723_000));
        assert_eq!(parse("12:41"), Some(761_000));
        assert_eq!(parse("00:61:00"), None);
        assert_eq!(parse("1:2:3:4"), None);
        assert_eq!(parse("ab:cd"), None);
        assert_eq!(parse("10"), None);
        assert_eq!(shown(3_723_000), "1:02:03");
        assert_eq!(shown(90_250), "1:30.250");
    }
}
