//! Guessing a mapping from the headers and a sample of the rows.

use super::*;

pub(super) fn has_any(header: &str, words: &[&str]) -> bool {
    words.iter().any(|w| header.contains(w))
}

/// Columns every export tool adds that say nothing about the respondent's answers.
pub(super) fn is_bookkeeping(h: &str) -> bool {
    matches!(
        h,
        "#" | "id"
            | "respondent id"
            | "collector id"
            | "response id"
            | "ip address"
            | "network id"
            | "token"
            | "response type"
            | "first name"
            | "last name"
            | "start date"
            | "start date (utc)"
            | "start time"
            | "last modified time"
            | "stage date (utc)"
            | "tags"
            // Qualtrics.
            | "status"
            | "progress"
            | "duration (in seconds)"
            | "finished"
            | "recipient last name"
            | "recipient first name"
            | "external data reference"
            | "location latitude"
            | "location longitude"
            | "distribution channel"
            | "user language"
            | "q_recaptchascore"
    ) || h.starts_with("custom data")
        || h.starts_with("utm_")
}

pub(super) fn looks_like_email(v: &str) -> bool {
    let v = v.trim();
    v.len() > 3
        && v.contains('@')
        && !v.contains(' ')
        && v.rsplit('@').next().is_some_and(|d| d.contains('.'))
}

/// A first guess at what each column is, from its header and its answers.
pub(super) fn guess(table: &Table, day_first: bool, decimal_comma: bool) -> Vec<ColumnMapping> {
    let mut out: Vec<ColumnMapping> = Vec::with_capacity(table.headers.len());
    let (mut respondent, mut team, mut submitted) = (false, false, false);
    // Emails first: a name column is the respondent only where there is no email.
    let email_col = (0..table.headers.len()).find(|&c| {
        let h = table.headers[c].to_lowercase();
        let values: Vec<&str> = table.column_values(c).take(50).collect();
        (has_any(&h, &["email", "e-mail"]) || !values.is_empty())
            && !values.is_empty()
            && values.iter().filter(|v| looks_like_email(v)).count() * 10 >= values.len() * 8
    });
    for c in 0..table.headers.len() {
        let header = table.headers[c].clone();
        let h = header.to_lowercase();
        let mut values: Vec<&str> = table.sample_values(c);
        if values.is_empty() {
            // A rarely answered question may fall between the rows sampled.
            values = table.column_values(c).take(GUESS_ROWS).collect();
        }
        let mapping = |kind, scale: Option<Scale>| ColumnMapping {
            header: header.clone(),
            kind,
            question: if table.subs[c].is_empty() || is_plain_answer(&table.subs[c]) {
                String::new()
            } else {
                table.tops[c].clone()
            },
            scale,
        };
        if values.is_empty() {
            out.push(mapping(ColumnKind::Ignore, None));
            continue;
        }
        if Some(c) == email_col && !respondent {
            respondent = true;
            out.push(mapping(ColumnKind::Respondent, None));
            continue;
        }
        let named = h == "name" || h == "full name" || h == "respondent" || h.contains("your name");
        if named && (respondent || email_col.is_some()) {
            // A name beside an email says nothing the email does not.
            out.push(mapping(ColumnKind::Ignore, None));
            continue;
        }
        if named {
            respondent = true;
            out.push(mapping(ColumnKind::Respondent, None));
            continue;
        }
        if !team
            && has_any(&h, &["team", "squad", "department", "business unit"])
            && values.iter().all(|v| v.chars().count() <= 80)
        {
            team = true;
            out.push(mapping(ColumnKind::Team, None));
            continue;
        }
        let dates = values
            .iter()
            .take(200)
            .filter(|v| parse_date(v, day_first).is_some())
            .count();
        let all_dates = dates == values.len().min(200);
        if all_dates {
            let when = has_any(
                &h,
                &[
                    "timestamp",
                    "submit",
                    "completion",
                    "end date",
                    "end time",
                    "completed",
                    "horodateur",
                    "zeitstempel",
                ],
            );
            if !submitted && (when || !is_bookkeeping(&h)) {
                submitted = true;
                out.push(mapping(ColumnKind::SubmittedAt, None));
            } else {
                out.push(mapping(ColumnKind::Ignore, None));
            }
            continue;
        }
        if is_bookkeeping(&h) || has_any(&h, &["email", "e-mail"]) {
            out.push(mapping(ColumnKind::Ignore, None));
            continue;
        }
        let mut q = guess_question(table, c, &values, decimal_comma, mapping);
        if q.kind != ColumnKind::MultipleChoice {
            // Only a spread multiple choice shares its question; "Other (please
            // specify)" beside it is a question of its own.
            q.question = String::new();
        }
        out.push(q);
    }
    out
}

pub(super) fn guess_question(
    table: &Table,
    c: usize,
    values: &[&str],
    decimal_comma: bool,
    mapping: impl Fn(ColumnKind, Option<Scale>) -> ColumnMapping,
) -> ColumnMapping {
    let h = table.headers[c].to_lowercase();
    let sub = &table.subs[c];
    // A SurveyMonkey (or Typeform) answer spread over columns: each cell is its name.
    if !sub.is_empty() && !is_plain_answer(sub) {
        // A matrix row ("Speed", "Reliability") is a question of its own, read by its
        // answers below; "Other (please specify)" reads as the free text it is.
        if values.iter().all(|v| v.eq_ignore_ascii_case(sub)) {
            return mapping(ColumnKind::MultipleChoice, None);
        }
    }
    // Typeform spreads a multiple choice over columns named after each answer.
    if values
        .iter()
        .all(|v| v.eq_ignore_ascii_case(table.headers[c].trim()))
    {
        return mapping(ColumnKind::MultipleChoice, None);
    }
    // Most, not all: a typo ("five" among numbers) is a bad cell to show, not a
    // reason to call the question free text.
    let mostly = |n: usize| n == values.len() || (n >= 2 && n * 3 >= values.len() * 2);
    let ints: Vec<i64> = values.iter().filter_map(|v| leading_int(v)).collect();
    if mostly(ints.len()) {
        let (lo, hi) = (
            ints.iter().min().copied().unwrap_or(0),
            ints.iter().max().copied().unwrap_or(0),
        );
        let npsish = has_any(&h, &["recommend", "nps", "likely"]);
        if npsish && lo >= 0 && hi <= 10 {
            return mapping(ColumnKind::Nps, None);
        }
        if has_any(&h, &["satisf", "csat"]) && lo >= 1 && hi <= 7 {
            return mapping(
                ColumnKind::Csat,
                Some(Scale::points(1, if hi > 5 { 7 } else { 5 })),
            );
        }
        if lo >= 0 && hi <= 10 && values.iter().all(|v| !v.contains('.') && !v.contains(',')) {
            let min = if lo == 0 { 0 } else { 1 };
            let max = match hi {
                ..=5 => 5,
                6 | 7 => 7,
                _ => 10,
            };
            return mapping(ColumnKind::Likert, Some(Scale::points(min, max)));
        }
    }
    if mostly(
        values
            .iter()
            .filter(|v| parse_number(v, decimal_comma).is_some())
            .count(),
    ) {
        return mapping(ColumnKind::Number, None);
    }
    let normals: Vec<String> = values.iter().map(|v| normal(v)).collect();
    for (labels, kind) in WORD_SCALES {
        let known =
            |n: &String| labels.iter().any(|l| l == n) || (n == "neutral" && labels.len() == 5);
        if mostly(normals.iter().filter(|n| known(n)).count()) {
            let scale = Scale {
                min: 1,
                max: labels.len() as i32,
                labels: labels.iter().map(|l| capitalise(l)).collect(),
            };
            return mapping(*kind, Some(scale));
        }
    }
    let long = values.iter().any(|v| v.chars().count() > 80);
    // Several answers in a cell (`GitHub Actions, Jenkins`) are choices when the same
    // few answers come back across rows; a sentence with a comma in it does not.
    let sep = if values.iter().any(|v| v.contains(';')) {
        ";"
    } else {
        ","
    };
    // Microsoft Forms ends every list of choices with its separator: "A;B;".
    if values.iter().all(|v| v.ends_with(';')) {
        return mapping(ColumnKind::MultipleChoice, None);
    }
    let tokens: Vec<String> = values
        .iter()
        .flat_map(|v| v.split(sep).map(|t| t.trim().to_lowercase()))
        .filter(|t| !t.is_empty())
        .collect();
    let mut distinct_tokens: Vec<&String> = tokens.iter().collect();
    distinct_tokens.sort_unstable();
    distinct_tokens.dedup();
    let several = values
        .iter()
        .any(|v| v.split(sep).filter(|t| !t.trim().is_empty()).count() > 1);
    if several
        && !long
        && distinct_tokens.len() <= 20
        && distinct_tokens.len() < tokens.len()
        && tokens.iter().all(|t| t.chars().count() <= 60)
    {
        return mapping(ColumnKind::MultipleChoice, None);
    }
    let mut distinct: Vec<&str> = values.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    if !long && !several && distinct.len() <= 12 && distinct.len() * 2 <= values.len() {
        return mapping(ColumnKind::SingleChoice, None);
    }
    mapping(ColumnKind::FreeText, None)
}

pub(super) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}
