//! Reading values as people type them: dates, numbers, scales, choices, in each locale.

use super::*;

/// `d/m/y`-like dates: the two parts before the year, the year, and the separator.
pub(super) fn numeric_date_parts(text: &str) -> Option<(u32, u32, i32, char)> {
    let date = text.split([' ', 'T', ',']).next()?;
    let sep = date.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = date.split(sep).collect();
    if parts.len() != 3 || parts[0].len() > 2 {
        return None;
    }
    let a = parts[0].parse().ok()?;
    let b = parts[1].parse().ok()?;
    let y: i32 = parts[2].trim_end_matches('.').parse().ok()?;
    let y = if parts[2].len() == 2 { 2000 + y } else { y };
    Some((a, b, y, sep))
}

pub(super) const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A date as exports write it: ISO (`2026-11-03`, `2026/11/03 10:15:22 AM GMT+1`,
/// `2026-11-03T10:15:22Z`), numeric with the year last (day or month first, per the
/// file), or with a month's name (`Nov 3, 2026`, `3 November 2026`).
pub(crate) fn parse_date(text: &str, day_first: bool) -> Option<NaiveDate> {
    let text = text.trim();
    let head = text.split([' ', 'T']).next().unwrap_or("");
    let iso: Vec<&str> = head.split(['-', '/', '.']).collect();
    if iso.len() == 3 && iso[0].len() == 4 {
        return NaiveDate::from_ymd_opt(
            iso[0].parse().ok()?,
            iso[1].parse().ok()?,
            iso[2].parse().ok()?,
        );
    }
    if let Some((a, b, y, _)) = numeric_date_parts(text) {
        let (d, m) = if day_first { (a, b) } else { (b, a) };
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    // Month names: "Nov 3, 2026", "3 November 2026", "3-Nov-2026".
    let words: Vec<String> = text
        .split([' ', ',', '-', '/'])
        .filter(|w| !w.is_empty())
        .take(3)
        .map(str::to_lowercase)
        .collect();
    if words.len() == 3 {
        let month = |w: &str| {
            MONTHS
                .iter()
                .position(|m| w.starts_with(m))
                .map(|i| i as u32 + 1)
        };
        let (m, d) = match (month(&words[0]), month(&words[1])) {
            (Some(m), _) => (m, words[1].trim_end_matches('.').parse().ok()?),
            (None, Some(m)) => (m, words[0].trim_end_matches('.').parse().ok()?),
            _ => return None,
        };
        return NaiveDate::from_ymd_opt(words[2].parse().ok()?, m, d);
    }
    None
}

/// A number as exports write it: `4`, `4.5`, with `decimal_comma` `4,5`.
pub(super) fn parse_number(text: &str, decimal_comma: bool) -> Option<f64> {
    let t = text.trim();
    let t = if decimal_comma {
        t.replace(',', ".")
    } else {
        t.to_owned()
    };
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The leading whole number of an answer like `4`, `4 - Agree`, `10 (Extremely likely)`.
pub(super) fn leading_int(text: &str) -> Option<i64> {
    let t = text.trim();
    let end = t
        .char_indices()
        .find(|(i, c)| !(c.is_ascii_digit() || (*i == 0 && *c == '-')))
        .map_or(t.len(), |(i, _)| i);
    let (digits, rest) = t.split_at(end);
    let rest = rest.trim_start();
    let separated = rest.is_empty() || rest.starts_with(['-', '–', '—', '(', ':', '=', '.', ' ']);
    if digits.is_empty() || digits == "-" || !separated {
        return None;
    }
    digits.parse().ok()
}

pub(super) fn normal(text: &str) -> String {
    text.trim()
        .trim_start_matches(|c: char| {
            c.is_ascii_digit() || matches!(c, '-' | '–' | '.' | ')' | ' ')
        })
        .trim()
        .to_lowercase()
}

/// Scales whose answers are words, lowest first; "neutral" may stand for the middle.
pub(super) const WORD_SCALES: &[(&[&str], ColumnKind)] = &[
    (
        &[
            "strongly disagree",
            "disagree",
            "neither agree nor disagree",
            "agree",
            "strongly agree",
        ],
        ColumnKind::Likert,
    ),
    (
        &[
            "very dissatisfied",
            "dissatisfied",
            "neither satisfied nor dissatisfied",
            "satisfied",
            "very satisfied",
        ],
        ColumnKind::Csat,
    ),
    (
        &[
            "very unsatisfied",
            "unsatisfied",
            "neutral",
            "satisfied",
            "very satisfied",
        ],
        ColumnKind::Csat,
    ),
    (
        &[
            "very difficult",
            "difficult",
            "neither easy nor difficult",
            "easy",
            "very easy",
        ],
        ColumnKind::Likert,
    ),
    (
        &["never", "rarely", "sometimes", "often", "always"],
        ColumnKind::Likert,
    ),
];

/// One cell read as its column says.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Answer {
    Blank,
    Number(f64),
    Text(String),
    Choices(Vec<String>),
}

/// How a column reads its cells: its mapping with the file's conventions.
pub(super) struct Reader<'a> {
    pub(super) mapping: &'a ColumnMapping,
    pub(super) scale: Scale,
    /// The SurveyMonkey sub-answer of a spread multiple-choice column.
    pub(super) sub: &'a str,
    pub(super) day_first: bool,
    pub(super) decimal_comma: bool,
}

impl Reader<'_> {
    pub(super) fn on_scale(&self, text: &str) -> Option<i64> {
        let s = &self.scale;
        let found = leading_int(text).or_else(|| {
            let n = normal(text);
            s.labels
                .iter()
                .position(|l| normal(l) == n)
                .map(|i| i64::from(s.min) + i as i64)
                .or_else(|| {
                    // "Neutral" is the middle of a five-word scale.
                    (n == "neutral" && s.labels.len() == 5).then(|| i64::from(s.min) + 2)
                })
        })?;
        (i64::from(s.min)..=i64::from(s.max))
            .contains(&found)
            .then_some(found)
    }

    pub(super) fn read(&self, text: &str) -> Result<Answer, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Answer::Blank);
        }
        // A stray NUL (a paste from another program, a broken export) is not text:
        // the cell is bad, not the whole file, unless its column is ignored.
        if text.contains('\0') && self.mapping.kind != ColumnKind::Ignore {
            return Err(
                "it holds a NUL byte, an invisible character that is not text; correct the cell or leave the row out"
                    .to_owned(),
            );
        }
        let s = &self.scale;
        match self.mapping.kind {
            ColumnKind::Likert | ColumnKind::Csat => self
                .on_scale(text)
                .map(|n| Answer::Number(n as f64))
                .ok_or_else(|| {
                    let words = if s.labels.is_empty() {
                        String::new()
                    } else {
                        format!(" (or one of: {})", s.labels.join(", "))
                    };
                    format!(
                        "“{}” is not a number on a {}–{} scale{words}",
                        shorten(text),
                        s.min,
                        s.max
                    )
                }),
            ColumnKind::Nps => leading_int(text)
                .filter(|n| (0..=10).contains(n))
                .map(|n| Answer::Number(n as f64))
                .ok_or_else(|| format!("“{}” is not a score from 0 to 10", shorten(text))),
            ColumnKind::Number => parse_number(text, self.decimal_comma)
                .map(Answer::Number)
                .ok_or_else(|| format!("“{}” is not a number", shorten(text))),
            ColumnKind::SubmittedAt => parse_date(text, self.day_first)
                .filter(|d| crate::store::input::check_date("date", *d).is_ok())
                .map(|d| Answer::Text(date_text(d)))
                .ok_or_else(|| format!("“{}” is not a date", shorten(text))),
            ColumnKind::MultipleChoice => {
                // A spread column holds its own answer's name, or what "Other" said.
                if !self.sub.is_empty() {
                    return Ok(Answer::Choices(vec![clean_line(text)]));
                }
                let sep = if text.contains(';') { ';' } else { ',' };
                Ok(Answer::Choices(
                    text.split(sep)
                        .map(clean_line)
                        .filter(|c| !c.is_empty())
                        .collect(),
                ))
            }
            ColumnKind::FreeText => {
                let n = text.chars().count();
                if n > ANSWER_TEXT {
                    Err(format!(
                        "this answer is {} characters; one answer keeps at most {}",
                        thousands(n),
                        thousands(ANSWER_TEXT)
                    ))
                } else {
                    Ok(Answer::Text(text.to_owned()))
                }
            }
            ColumnKind::Respondent | ColumnKind::Team => {
                let name = clean_line(text);
                if name.is_empty() {
                    Ok(Answer::Blank)
                } else if name.chars().count() > crate::store::limits::NAME {
                    Err(format!("“{}” is too long for a name", shorten(text)))
                } else {
                    Ok(Answer::Text(name))
                }
            }
            ColumnKind::SingleChoice => Ok(Answer::Text(clean_line(text))),
            ColumnKind::Ignore => Ok(Answer::Blank),
        }
    }

    /// The value kept, in words, for the preview.
    pub(super) fn shown(&self, answer: &Answer, text: &str) -> String {
        match answer {
            Answer::Blank => String::new(),
            Answer::Number(n) => {
                let n = format_number(*n);
                if self.mapping.kind.has_scale() && leading_int(text).is_none() {
                    format!("{} = {n}", text.trim())
                } else {
                    n
                }
            }
            Answer::Text(t) => t.clone(),
            Answer::Choices(c) => c.join("; "),
        }
    }
}

pub(super) fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

pub(super) fn shorten(text: &str) -> String {
    if text.chars().count() > 60 {
        text.chars().take(57).collect::<String>() + "…"
    } else {
        text.to_owned()
    }
}
