//! Checks on what people type: cleaned, bounded, and refused with a reason a person reads.

use crate::store::error::DomainError;
use crate::store::wording::too_long;
use chrono::{Datelike, NaiveDate};

/// The first year a date may fall in.
pub const FIRST_YEAR: i32 = 1900;
/// The last year a date may fall in.
pub const LAST_YEAR: i32 = 2999;

/// Whether `c` may hide or reorder what is shown beside a name: control characters
/// (NUL, escape, line breaks, C1) and the bidirectional embeddings, overrides,
/// isolates and marks (U+202A–E, U+2066–9, U+200E/F, U+061C), and the line and
/// paragraph separators.
fn is_hidden_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// A single-line name or title as stored: control and bidirectional-override
/// characters removed (a tab or line break becomes a space), spaces trimmed.
pub(crate) fn clean_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}') {
            out.push(' ');
        } else if !is_hidden_control(c) {
            out.push(c);
        }
    }
    out.trim().to_owned()
}

/// A single-line field ([`clean_line`]), refused when longer than `max` characters
/// (or empty, when `required` gives the hint to show).
pub(crate) fn line(
    field: &'static str,
    text: &str,
    max: usize,
    required: Option<&str>,
) -> Result<String, DomainError> {
    check_len(field, clean_line(text), max, required)
}

/// A multi-line field (a description, an answer): trimmed and bounded; its line
/// breaks and any other characters are content and kept.
pub(crate) fn bounded(
    field: &'static str,
    text: &str,
    max: usize,
    required: Option<&str>,
) -> Result<String, DomainError> {
    check_len(field, text.trim().to_owned(), max, required)
}

fn check_len(
    field: &'static str,
    text: String,
    max: usize,
    required: Option<&str>,
) -> Result<String, DomainError> {
    if text.is_empty() {
        if let Some(hint) = required {
            return Err(DomainError::invalid(field, hint));
        }
    }
    let count = text.chars().count();
    if count > max {
        return Err(DomainError::invalid(field, too_long(count, max)));
    }
    Ok(text)
}

/// Refuses a date outside years 1900–2999, so every stored date has four digits and
/// sorts as a date.
pub(crate) fn check_date(field: &'static str, date: NaiveDate) -> Result<NaiveDate, DomainError> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(DomainError::invalid(
            field,
            format!(
                "{} is not a date Groundwork keeps; choose one between {FIRST_YEAR} and {LAST_YEAR}",
                date_text(date)
            ),
        ))
    }
}

/// Stored form of a date.
pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_control_and_bidirectional_override_characters() {
        assert_eq!(clean_line("Pri\u{0}ya"), "Priya");
        assert_eq!(
            clean_line("  tab\there\nand\r\nline  "),
            "tab here and  line"
        );
        assert_eq!(clean_line("evil\u{202E}gnp.exe"), "evilgnp.exe");
        assert_eq!(clean_line("\u{2066}x\u{2069}\u{200F}\u{1b}[31m"), "x[31m");
        // Joiners in emoji and accents are content, not controls.
        assert_eq!(clean_line("👩‍💻 Zoë"), "👩‍💻 Zoë");
    }

    #[test]
    fn a_too_long_field_says_how_long_it_is_and_what_is_allowed() {
        let err = line("title", &"x".repeat(1001), 1000, None).expect_err("too long");
        assert_eq!(
            err.to_string(),
            "title: this is 1,001 characters; keep it to 1,000 at most"
        );
        assert!(line("title", "   ", 10, Some("give it a title")).is_err());
        assert_eq!(line("title", " ok ", 10, None).expect("ok"), "ok");
    }

    #[test]
    fn dates_outside_1900_to_2999_are_refused() {
        let ok = NaiveDate::from_ymd_opt(2026, 10, 1).expect("date");
        assert_eq!(check_date("date", ok).expect("ok"), ok);
        for y in [1899, 3000, 10000, -5] {
            let d = NaiveDate::from_ymd_opt(y, 1, 1).expect("date");
            assert!(check_date("date", d).is_err(), "{y}");
        }
    }
}
