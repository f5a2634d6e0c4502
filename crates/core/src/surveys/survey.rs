//! Surveys: a series of waves, each one imported export of responses (Google Forms,
//! Typeform, SurveyMonkey, Microsoft Forms, a spreadsheet). Before anything is
//! written the file is read and its columns mapped: who answered (a person, matched
//! or created), their team, when, and what each question is (Likert on a scale, NPS,
//! CSAT, a number, one or several choices, free text, or ignored). The mapping is
//! kept per survey, so the next wave imports in one step.
//!
//! A wave is a discovery session of the survey kind in a cycle: it has a date, shows
//! in the channel coverage, goes to the trash and comes back with it, and its
//! respondents count in ask-load (being surveyed is being asked). An import is one
//! transaction: a failed, refused or cancelled one leaves the workspace as it was.

use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::id::new_id;
use crate::store::input::{clean_line, date_text};
use crate::store::kind::SourceKind;
use crate::store::policy::Act;
use crate::store::row::RowExt;
use crate::store::text_file::{self, Delimiter, Record, TextEncoding};
use crate::store::wording::{count, thousands};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;
use uuid::Uuid;

/// Longest survey name.
pub const SURVEY_NAME: usize = 200;
/// Longest wave name (the wave's session is titled "survey: wave").
pub const WAVE_LABEL: usize = 80;
/// Longest free-text answer kept (the longest observation it could become).
pub const ANSWER_TEXT: usize = crate::store::limits::OBSERVATION_TEXT;
/// Rows shown in a preview.
const PREVIEW_ROWS: usize = 10;
/// Problems listed one by one; past this many, only counted.
const LISTED_PROBLEMS: usize = 1000;
/// Rows a guess at a column's type reads, spread over the file.
const GUESS_ROWS: usize = 3000;
/// How often (in rows) an import reports its progress.
const PROGRESS_EVERY: usize = 2000;

/// What a column of an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Who answered: an email or a name, matched to a person or made one.
    Respondent,
    /// The respondent's team, matched by name or made.
    Team,
    /// When the response was sent.
    SubmittedAt,
    /// Agreement or the like on a scale (1–5 unless set), as numbers or labels.
    Likert,
    /// How likely to recommend, 0–10.
    Nps,
    /// Satisfaction on a scale (1–5 unless set); the top two count as satisfied.
    Csat,
    Number,
    SingleChoice,
    /// Several choices: in one cell, separated by `;` or `,`, or one column each.
    MultipleChoice,
    FreeText,
    Ignore,
}

impl ColumnKind {
    pub const ALL: [ColumnKind; 11] = [
        Self::Respondent,
        Self::Team,
        Self::SubmittedAt,
        Self::Likert,
        Self::Nps,
        Self::Csat,
        Self::Number,
        Self::SingleChoice,
        Self::MultipleChoice,
        Self::FreeText,
        Self::Ignore,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Respondent => "respondent",
            Self::Team => "team",
            Self::SubmittedAt => "submitted_at",
            Self::Likert => "likert",
            Self::Nps => "nps",
            Self::Csat => "csat",
            Self::Number => "number",
            Self::SingleChoice => "single_choice",
            Self::MultipleChoice => "multiple_choice",
            Self::FreeText => "free_text",
            Self::Ignore => "ignore",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Respondent => "Respondent",
            Self::Team => "Team",
            Self::SubmittedAt => "Submitted at",
            Self::Likert => "Likert",
            Self::Nps => "NPS (0–10)",
            Self::Csat => "CSAT",
            Self::Number => "Number",
            Self::SingleChoice => "Single choice",
            Self::MultipleChoice => "Multiple choice",
            Self::FreeText => "Free text",
            Self::Ignore => "Ignore",
        }
    }

    /// Whether the column answers a question (rather than saying who, which team or when).
    pub fn is_question(self) -> bool {
        !matches!(
            self,
            Self::Respondent | Self::Team | Self::SubmittedAt | Self::Ignore
        )
    }

    fn has_scale(self) -> bool {
        matches!(self, Self::Likert | Self::Csat)
    }
}

/// A rating scale: its lowest and highest value and, when answers are words, its
/// labels from the lowest up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Scale {
    pub min: i32,
    pub max: i32,
    #[serde(default)]
    pub labels: Vec<String>,
}

impl Scale {
    fn points(min: i32, max: i32) -> Self {
        Self {
            min,
            max,
            labels: Vec::new(),
        }
    }
}

/// What one column of the file is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnMapping {
    /// The column's header as the file names it (a SurveyMonkey sub-answer as
    /// "Question / Answer").
    pub header: String,
    pub kind: ColumnKind,
    /// The question it answers; empty means the header. The columns of one
    /// multiple-choice question spread over several share it.
    #[serde(default)]
    pub question: String,
    /// For Likert and CSAT; absent means 1–5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub scale: Option<Scale>,
}

impl ColumnMapping {
    fn question_title(&self) -> &str {
        if self.question.trim().is_empty() {
            &self.header
        } else {
            &self.question
        }
    }

    fn scale(&self) -> Scale {
        match (&self.scale, self.kind) {
            (Some(s), _) => s.clone(),
            (None, ColumnKind::Nps) => Scale::points(0, 10),
            (None, _) => Scale::points(1, 5),
        }
    }
}

/// How a survey's columns are read: one mapping per column, by header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SurveyMapping {
    pub columns: Vec<ColumnMapping>,
    /// Whether `03/04/2027` is the 3rd of April; absent means as the file suggests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub day_first: Option<bool>,
    /// Whether `4,5` is four and a half; absent means as the file suggests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub decimal_comma: Option<bool>,
}

/// A problem with one cell, named as a spreadsheet shows it (the header is row 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RowProblem {
    pub row: u32,
    /// The column's header; empty for a problem with the whole row.
    pub column: String,
    pub message: String,
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.column.is_empty() {
            write!(f, "row {}: {}", self.row, self.message)
        } else {
            write!(
                f,
                "row {}, column {}: {}",
                self.row, self.column, self.message
            )
        }
    }
}

/// One column of a file as read, with the mapping guessed (or remembered) for it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnPreview {
    pub header: String,
    pub mapping: ColumnMapping,
    /// Whether the mapping is the survey's remembered one (not a guess).
    pub remembered: bool,
    /// A few of its answers, as written.
    pub samples: Vec<String>,
    /// Rows that left it blank.
    pub blanks: u32,
}

/// One cell of a previewed row: as written, and as it will be kept.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewCell {
    pub text: String,
    /// The value kept, in words (`4`, `Agree = 4`, `GitHub; Jenkins`); empty for a blank.
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewRow {
    pub row: u32,
    pub cells: Vec<PreviewCell>,
}

/// A wave already imported, as a duplicate or a survey's history names it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WaveRef {
    pub id: Uuid,
    pub survey: String,
    pub label: String,
    pub session_id: Uuid,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
}

/// A file read and mapped, before anything is written: what an import would do.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SurveyPreview {
    pub file_name: String,
    pub encoding: TextEncoding,
    /// The encoding in words: "UTF-8 with byte-order mark".
    pub encoding_label: String,
    pub delimiter: Delimiter,
    /// 2 for SurveyMonkey's question row and answer row.
    pub header_rows: u32,
    /// Responses in the file (rows after the header, blank ones left out).
    pub rows: u32,
    pub columns: Vec<ColumnPreview>,
    pub day_first: bool,
    pub decimal_comma: bool,
    /// The first rows with the mapping applied.
    pub preview: Vec<PreviewRow>,
    /// Every bad cell (the first thousand), and how many rows have one.
    pub problems: Vec<RowProblem>,
    pub bad_rows: u32,
    /// Whether the survey exists and remembers a mapping.
    pub survey_known: bool,
    /// Columns the remembered mapping does not know (imported as ignored until mapped).
    pub new_columns: Vec<String>,
    /// Columns the remembered mapping has that this file lacks.
    pub missing_columns: Vec<String>,
    /// The wave these same responses were imported as already.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub duplicate_of: Option<WaveRef>,
    /// What is missing before the file can be imported; empty when it can be.
    pub blockers: Vec<String>,
}

/// What to do with rows that cannot be read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BadRows {
    /// Import nothing, and say which rows and why.
    #[default]
    Stop,
    /// Import the other rows, and say which were left out.
    Skip,
}

/// An import of one wave.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WaveImport {
    /// The survey, by name: made if there is none of that name.
    pub survey: String,
    /// The cycle the wave's session goes in; absent means the current one.
    #[serde(default)]
    #[ts(optional)]
    pub cycle_id: Option<Uuid>,
    /// The wave's name; absent means "Wave N".
    #[serde(default)]
    #[ts(optional)]
    pub label: Option<String>,
    /// How to read the columns; absent means the survey's remembered mapping.
    #[serde(default)]
    #[ts(optional)]
    pub mapping: Option<SurveyMapping>,
    #[serde(default)]
    pub bad_rows: BadRows,
    /// Import even though these responses were imported before.
    #[serde(default)]
    pub again: bool,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WaveImported {
    pub wave: WaveRef,
    pub survey_id: Uuid,
    pub responses: u32,
    /// Rows left out, and why.
    pub skipped: Vec<RowProblem>,
    pub people_matched: u32,
    pub people_created: u32,
    pub teams_created: u32,
    /// Columns of the file the mapping ignored because it did not know them.
    pub new_columns: Vec<String>,
}

/// A survey with its questions and waves.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Survey {
    pub id: Uuid,
    pub name: String,
    pub questions: Vec<SurveyQuestion>,
    /// Oldest first.
    pub waves: Vec<SurveyWave>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub mapping: Option<SurveyMapping>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SurveyQuestion {
    pub id: Uuid,
    /// Its key in a response's answers.
    pub number: u32,
    pub title: String,
    pub kind: ColumnKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub scale: Option<Scale>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SurveyWave {
    pub id: Uuid,
    pub label: String,
    pub session_id: Uuid,
    pub cycle_id: Uuid,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    pub file_name: String,
    pub encoding: TextEncoding,
    pub responses: u32,
    pub skipped: u32,
}

// ---- reading a file -------------------------------------------------------------

/// A file read into a header and rows, with how its numbers and dates are written.
struct Table {
    file_name: String,
    encoding: TextEncoding,
    delimiter: Delimiter,
    header_rows: u32,
    headers: Vec<String>,
    /// The top header of each column (the question of a SurveyMonkey sub-answer).
    tops: Vec<String>,
    /// The sub-answer of each column; empty for a one-row header.
    subs: Vec<String>,
    /// `(spreadsheet row, fields)` of each response.
    rows: Vec<(u32, Vec<String>)>,
    hash: String,
}

/// SurveyMonkey's answer-row words for "the one answer of this question".
fn is_plain_answer(sub: &str) -> bool {
    matches!(
        sub.trim().to_lowercase().as_str(),
        "response" | "open-ended response" | "responses"
    )
}

fn read_table(file_name: &str, bytes: &[u8]) -> Result<Table, DomainError> {
    let sheet = text_file::read(bytes)?;
    // Spreadsheet rows: a record is a row, blank ones included.
    let mut records: Vec<(u32, Record)> = sheet
        .records
        .into_iter()
        .enumerate()
        .map(|(i, r)| (i as u32 + 1, r))
        .filter(|(_, r)| !r.is_blank())
        .collect();
    let mut hasher = Sha256::new();
    for (_, r) in &records {
        for f in &r.fields {
            // Re-saved with other line ends, the same responses are the same.
            if f.contains('\r') {
                hasher.update(f.replace("\r\n", "\n").as_bytes());
            } else {
                hasher.update(f.as_bytes());
            }
            hasher.update([0x1F]);
        }
        hasher.update([0x1E]);
    }
    let hash = format!("{:x}", hasher.finalize());
    let (_, mut first) = records.remove(0);
    // Qualtrics: question ids, then the questions, then a row of import ids as JSON.
    let qualtrics = records.get(1).is_some_and(|(_, r)| {
        r.fields
            .iter()
            .filter(|f| f.trim_start().starts_with("{\"ImportId\""))
            .count()
            * 2
            >= r.fields.len()
    });
    if qualtrics {
        first = records.remove(0).1;
        records.remove(0);
    }
    let width = first.fields.len();
    // SurveyMonkey: a second header row naming each column's answer, under a first
    // whose multi-column questions leave the cells after the first blank.
    let second = records.first().map(|(_, r)| &r.fields);
    let two_rows = second.is_some_and(|s| {
        s.iter().any(|c| is_plain_answer(c))
            || (s.first().is_some_and(|c| c.trim().is_empty())
                && first.fields.first().is_some_and(|c| !c.trim().is_empty())
                && (1..width).any(|i| {
                    first.fields[i].trim().is_empty()
                        && s.get(i).is_some_and(|c| !c.trim().is_empty())
                }))
    });
    let subs: Vec<String> = if two_rows {
        let (_, r) = records.remove(0);
        (0..width)
            .map(|i| clean_line(r.fields.get(i).map_or("", String::as_str)))
            .collect()
    } else {
        vec![String::new(); width]
    };
    let mut tops = Vec::with_capacity(width);
    let mut carried = String::new();
    for (i, h) in first.fields.iter().enumerate() {
        let h = clean_line(h);
        if !h.is_empty() {
            carried = h.clone();
        } else if !two_rows || subs[i].is_empty() {
            carried = String::new();
        }
        tops.push(if h.is_empty() { carried.clone() } else { h });
    }
    let mut headers: Vec<String> = (0..width)
        .map(|i| {
            let (top, sub) = (&tops[i], &subs[i]);
            match (top.is_empty(), sub.is_empty() || is_plain_answer(sub)) {
                (true, true) => format!("Column {}", i + 1),
                (true, false) => sub.clone(),
                (false, true) => top.clone(),
                (false, false) => format!("{top} / {sub}"),
            }
        })
        .collect();
    // Two columns of one name (two "Comments") are told apart by their place.
    let mut seen: HashMap<String, u32> = HashMap::new();
    for h in headers.iter_mut() {
        let n = seen.entry(h.to_lowercase()).or_insert(0);
        *n += 1;
        if *n > 1 {
            *h = format!("{h} ({n})");
        }
    }
    Ok(Table {
        file_name: file_name.to_owned(),
        encoding: sheet.encoding,
        delimiter: sheet.delimiter,
        header_rows: if two_rows { 2 } else { 1 },
        headers,
        tops,
        subs,
        rows: records.into_iter().map(|(n, r)| (n, r.fields)).collect(),
        hash,
    })
}

impl Table {
    fn cell<'r>(&self, row: &'r [String], col: usize) -> &'r str {
        row.get(col).map_or("", |s| s.trim())
    }

    /// The answers of a column a guess looks at: all of them in a small file, else
    /// about [`GUESS_ROWS`] rows spread over the whole file.
    fn sample_values(&self, col: usize) -> Vec<&str> {
        let step = self.rows.len().div_ceil(GUESS_ROWS).max(1);
        self.rows
            .iter()
            .step_by(step)
            .map(|(_, r)| self.cell(r, col))
            .filter(|v| !v.is_empty())
            .collect()
    }

    fn column_values(&self, col: usize) -> impl Iterator<Item = &str> + '_ {
        self.rows
            .iter()
            .map(move |(_, r)| self.cell(r, col))
            .filter(|v| !v.is_empty())
    }

    /// Whether `4,5` in this file is a decimal: commas as decimal marks outnumber dots.
    fn decimal_comma(&self) -> bool {
        let (mut commas, mut dots) = (0, 0);
        for (_, r) in self.rows.iter().take(2000) {
            for v in r {
                let v = v.trim();
                if let Some((a, b)) = v.split_once([',', '.']) {
                    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
                    if digits(a.trim_start_matches('-')) && digits(b) && b.len() <= 3 {
                        if v.contains(',') {
                            commas += 1;
                        } else {
                            dots += 1;
                        }
                    }
                }
            }
        }
        commas > dots
    }

    /// Whether dates in this file put the day first: a first part above 12 says so, a
    /// second above 12 says not; otherwise a European file (semicolons, dots) does.
    fn day_first(&self) -> bool {
        let mut dotted = false;
        for (_, r) in self.rows.iter().take(2000) {
            for v in r {
                if let Some((a, b, _, sep)) = numeric_date_parts(v.trim()) {
                    if a > 12 && b <= 12 {
                        return true;
                    }
                    if b > 12 && a <= 12 {
                        return false;
                    }
                    dotted |= sep == '.';
                }
            }
        }
        dotted || self.delimiter == Delimiter::Semicolon
    }
}

// ---- reading values -------------------------------------------------------------

/// `d/m/y`-like dates: the two parts before the year, the year, and the separator.
fn numeric_date_parts(text: &str) -> Option<(u32, u32, i32, char)> {
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

const MONTHS: [&str; 12] = [
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
fn parse_number(text: &str, decimal_comma: bool) -> Option<f64> {
    let t = text.trim();
    let t = if decimal_comma {
        t.replace(',', ".")
    } else {
        t.to_owned()
    };
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The leading whole number of an answer like `4`, `4 - Agree`, `10 (Extremely likely)`.
fn leading_int(text: &str) -> Option<i64> {
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

fn normal(text: &str) -> String {
    text.trim()
        .trim_start_matches(|c: char| {
            c.is_ascii_digit() || matches!(c, '-' | '–' | '.' | ')' | ' ')
        })
        .trim()
        .to_lowercase()
}

/// Scales whose answers are words, lowest first; "neutral" may stand for the middle.
const WORD_SCALES: &[(&[&str], ColumnKind)] = &[
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
enum Answer {
    Blank,
    Number(f64),
    Text(String),
    Choices(Vec<String>),
}

/// How a column reads its cells: its mapping with the file's conventions.
struct Reader<'a> {
    mapping: &'a ColumnMapping,
    scale: Scale,
    /// The SurveyMonkey sub-answer of a spread multiple-choice column.
    sub: &'a str,
    day_first: bool,
    decimal_comma: bool,
}

impl Reader<'_> {
    fn on_scale(&self, text: &str) -> Option<i64> {
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

    fn read(&self, text: &str) -> Result<Answer, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Answer::Blank);
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
    fn shown(&self, answer: &Answer, text: &str) -> String {
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

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() > 60 {
        text.chars().take(57).collect::<String>() + "…"
    } else {
        text.to_owned()
    }
}

// ---- guessing a mapping ---------------------------------------------------------

fn has_any(header: &str, words: &[&str]) -> bool {
    words.iter().any(|w| header.contains(w))
}

/// Columns every export tool adds that say nothing about the respondent's answers.
fn is_bookkeeping(h: &str) -> bool {
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

fn looks_like_email(v: &str) -> bool {
    let v = v.trim();
    v.len() > 3
        && v.contains('@')
        && !v.contains(' ')
        && v.rsplit('@').next().is_some_and(|d| d.contains('.'))
}

/// A first guess at what each column is, from its header and its answers.
fn guess(table: &Table, day_first: bool, decimal_comma: bool) -> Vec<ColumnMapping> {
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

fn guess_question(
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

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

// ---- applying a mapping ---------------------------------------------------------

/// The mapping of each column of `table`: the given or remembered one where it names
/// the column, a guess elsewhere; and which columns each side lacks.
struct Applied {
    columns: Vec<(ColumnMapping, bool)>,
    new_columns: Vec<String>,
    missing_columns: Vec<String>,
    day_first: bool,
    decimal_comma: bool,
}

fn apply(table: &Table, mapping: Option<&SurveyMapping>) -> Applied {
    let Some(m) = mapping else {
        let (day_first, decimal_comma) = (table.day_first(), table.decimal_comma());
        return Applied {
            columns: guess(table, day_first, decimal_comma)
                .into_iter()
                .map(|g| (g, false))
                .collect(),
            new_columns: Vec::new(),
            missing_columns: Vec::new(),
            day_first,
            decimal_comma,
        };
    };
    let by_header: HashMap<String, &ColumnMapping> = m
        .columns
        .iter()
        .map(|c| (c.header.to_lowercase(), c))
        .collect();
    let mut new_columns = Vec::new();
    let columns = table
        .headers
        .iter()
        .map(|header| match by_header.get(&header.to_lowercase()) {
            Some(known) => (
                ColumnMapping {
                    header: header.clone(),
                    ..(*known).clone()
                },
                true,
            ),
            None => {
                new_columns.push(header.clone());
                // Unknown to the survey: kept out until someone maps it.
                (
                    ColumnMapping {
                        header: header.clone(),
                        kind: ColumnKind::Ignore,
                        question: String::new(),
                        scale: None,
                    },
                    false,
                )
            }
        })
        .collect::<Vec<_>>();
    let present: std::collections::HashSet<String> =
        table.headers.iter().map(|h| h.to_lowercase()).collect();
    let missing_columns = m
        .columns
        .iter()
        .filter(|c| c.kind != ColumnKind::Ignore && !present.contains(&c.header.to_lowercase()))
        .map(|c| c.header.clone())
        .collect();
    Applied {
        columns,
        new_columns,
        missing_columns,
        day_first: m.day_first.unwrap_or_else(|| table.day_first()),
        decimal_comma: m.decimal_comma.unwrap_or_else(|| table.decimal_comma()),
    }
}

/// Refuses a mapping that cannot be imported, in words.
fn check_mapping(columns: &[(ColumnMapping, bool)]) -> Vec<String> {
    let mut out = Vec::new();
    for kind in [
        ColumnKind::Respondent,
        ColumnKind::Team,
        ColumnKind::SubmittedAt,
    ] {
        let n = columns.iter().filter(|(c, _)| c.kind == kind).count();
        if n > 1 {
            out.push(format!(
                "{n} columns are mapped as {}; choose one",
                kind.label().to_lowercase()
            ));
        }
    }
    if !columns.iter().any(|(c, _)| c.kind.is_question()) {
        out.push("no column is mapped as a question: say what at least one column asks".to_owned());
    }
    let mut kinds: HashMap<String, ColumnKind> = HashMap::new();
    for (c, _) in columns.iter().filter(|(c, _)| c.kind.is_question()) {
        let title = c.question_title().to_lowercase();
        if let Some(k) = kinds.insert(title, c.kind) {
            if k != c.kind || c.kind != ColumnKind::MultipleChoice {
                out.push(format!(
                    "two columns answer “{}”: only the columns of one multiple-choice question may share a question",
                    c.question_title()
                ));
            }
        }
        if let Some(s) = &c.scale {
            if s.min >= s.max || s.min < -100 || s.max > 100 {
                out.push(format!(
                    "the scale of “{}” must go up, e.g. from 1 to 5",
                    c.header
                ));
            } else if !s.labels.is_empty() && s.labels.len() as i32 != s.max - s.min + 1 {
                out.push(format!(
                    "the scale of “{}” runs {}–{} and so needs {} labels, not {}",
                    c.header,
                    s.min,
                    s.max,
                    s.max - s.min + 1,
                    s.labels.len()
                ));
            }
        }
        if c.question_title().chars().count() > 1000 {
            out.push(format!(
                "the question “{}” is too long",
                shorten(c.question_title())
            ));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// One response as read: who, which team, when, and its answers by question title.
struct Response {
    row: u32,
    respondent: Option<String>,
    team: Option<String>,
    submitted: Option<String>,
    answers: Vec<(usize, Answer)>,
}

fn readers<'a>(table: &'a Table, applied: &'a Applied) -> Vec<Reader<'a>> {
    applied
        .columns
        .iter()
        .enumerate()
        .map(|(i, (m, _))| Reader {
            mapping: m,
            scale: m.scale(),
            sub: if is_plain_answer(&table.subs[i]) {
                ""
            } else {
                &table.subs[i]
            },
            day_first: applied.day_first,
            decimal_comma: applied.decimal_comma,
        })
        .collect()
}

/// Reads one row; its problems go to `problems`.
fn read_row(
    table: &Table,
    readers: &[Reader<'_>],
    row: u32,
    fields: &[String],
    problems: &mut Vec<RowProblem>,
) -> Response {
    let mut r = Response {
        row,
        respondent: None,
        team: None,
        submitted: None,
        answers: Vec::new(),
    };
    if fields.len() > readers.len() && fields[readers.len()..].iter().any(|f| !f.trim().is_empty())
    {
        problems.push(RowProblem {
            row,
            column: String::new(),
            message: format!(
                "it has {} fields where the header has {}: an answer may hold the delimiter without quotes",
                fields.len(),
                readers.len()
            ),
        });
    }
    for (c, reader) in readers.iter().enumerate() {
        if reader.mapping.kind == ColumnKind::Ignore {
            continue;
        }
        let text = table.cell(fields, c);
        match reader.read(text) {
            Ok(Answer::Blank) => {}
            Ok(answer) => match (reader.mapping.kind, answer) {
                (ColumnKind::Respondent, Answer::Text(t)) => r.respondent = Some(t),
                (ColumnKind::Team, Answer::Text(t)) => r.team = Some(t),
                (ColumnKind::SubmittedAt, Answer::Text(t)) => r.submitted = Some(t),
                (_, a) => r.answers.push((c, a)),
            },
            Err(message) => problems.push(RowProblem {
                row,
                column: table.headers[c].clone(),
                message,
            }),
        }
    }
    r
}

fn preview_of(table: &Table, applied: &Applied, survey_known: bool) -> SurveyPreview {
    let readers = readers(table, applied);
    let mut problems = Vec::new();
    let mut bad_rows = 0u32;
    let mut preview = Vec::new();
    for (i, (row, fields)) in table.rows.iter().enumerate() {
        let before = problems.len();
        let mut mine = Vec::new();
        read_row(table, &readers, *row, fields, &mut mine);
        if !mine.is_empty() {
            bad_rows += 1;
        }
        if i < PREVIEW_ROWS {
            let cells = readers
                .iter()
                .enumerate()
                .map(|(c, reader)| {
                    let text = table.cell(fields, c).to_owned();
                    let (value, error) = match reader.read(&text) {
                        Ok(a) => (reader.shown(&a, &text), None),
                        Err(e) => (String::new(), Some(e)),
                    };
                    PreviewCell {
                        value: if reader.mapping.kind == ColumnKind::Ignore {
                            String::new()
                        } else {
                            value
                        },
                        error: if reader.mapping.kind == ColumnKind::Ignore {
                            None
                        } else {
                            error
                        },
                        text,
                    }
                })
                .collect();
            preview.push(PreviewRow { row: *row, cells });
        }
        if before < LISTED_PROBLEMS {
            problems.extend(mine.into_iter().take(LISTED_PROBLEMS - before));
        }
    }
    let columns = applied
        .columns
        .iter()
        .enumerate()
        .map(|(c, (m, remembered))| ColumnPreview {
            header: table.headers[c].clone(),
            mapping: m.clone(),
            remembered: *remembered,
            samples: {
                let mut s: Vec<String> = Vec::new();
                for v in table.column_values(c) {
                    if !s.iter().any(|x| x == v) {
                        s.push(shorten(v));
                    }
                    if s.len() == 3 {
                        break;
                    }
                }
                s
            },
            blanks: table
                .rows
                .iter()
                .filter(|(_, r)| table.cell(r, c).is_empty())
                .count() as u32,
        })
        .collect();
    let mut blockers = check_mapping(&applied.columns);
    if table.rows.is_empty() {
        blockers.push("the file has a header but no responses".to_owned());
    }
    SurveyPreview {
        file_name: table.file_name.clone(),
        encoding: table.encoding,
        encoding_label: table.encoding.label().to_owned(),
        delimiter: table.delimiter,
        header_rows: table.header_rows,
        rows: table.rows.len() as u32,
        columns,
        day_first: applied.day_first,
        decimal_comma: applied.decimal_comma,
        preview,
        problems,
        bad_rows,
        survey_known,
        new_columns: applied.new_columns.clone(),
        missing_columns: applied.missing_columns.clone(),
        duplicate_of: None,
        blockers,
    }
}

/// The mapping the columns of a preview stand for, to remember or pass on.
impl SurveyPreview {
    pub fn mapping(&self) -> SurveyMapping {
        SurveyMapping {
            columns: self.columns.iter().map(|c| c.mapping.clone()).collect(),
            day_first: Some(self.day_first),
            decimal_comma: Some(self.decimal_comma),
        }
    }
}

// ---- the store ------------------------------------------------------------------

fn survey_name(name: &str) -> Result<String, DomainError> {
    crate::store::input::line(
        "survey",
        name,
        SURVEY_NAME,
        Some("name the survey, e.g. \"Developer experience survey\""),
    )
}

/// A name for a person known only by an email: `priya.raman@corp` is "Priya Raman".
fn name_from_email(email: &str) -> String {
    let local = email.split('@').next().unwrap_or(email);
    local
        .split(['.', '_', '-', '+'])
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .map(capitalise)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Db<'_> {
    /// The live survey of this name (in any case): its id, its name as stored, and
    /// its remembered mapping.
    fn survey_by_name(
        &self,
        name: &str,
    ) -> Result<Option<(Uuid, String, Option<SurveyMapping>)>, DomainError> {
        let found = self
            .conn
            .prepare_cached(
                "SELECT id, name, mapping FROM survey WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL",
            )?
            .query_row([name], |r| {
                Ok((r.uuid("id")?, r.get::<_, String>("name")?, r.get::<_, Option<String>>("mapping")?))
            })
            .optional()?;
        Ok(found.map(|(id, name, m)| (id, name, m.and_then(|m| serde_json::from_str(&m).ok()))))
    }

    fn wave_with_hash(&self, hash: &str) -> Result<Option<WaveRef>, DomainError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT w.id, s.name AS survey, w.label, w.session_id, se.held_on
                 FROM survey_wave w JOIN survey s ON s.id = w.survey_id
                 JOIN session se ON se.id = w.session_id
                 WHERE w.content_hash = ?1 AND se.deleted_at IS NULL AND s.deleted_at IS NULL
                 ORDER BY w.imported_at LIMIT 1",
            )?
            .query_row([hash], |r| {
                Ok(WaveRef {
                    id: r.uuid("id")?,
                    survey: r.get("survey")?,
                    label: r.get("label")?,
                    session_id: r.uuid("session_id")?,
                    held_on: r.date("held_on")?,
                })
            })
            .optional()?)
    }

    /// Reads a survey export and maps it (the survey's remembered mapping, `mapping`,
    /// or a guess), without writing anything: what an import would do.
    pub fn preview_survey_import(
        &self,
        file_name: &str,
        bytes: &[u8],
        survey: Option<&str>,
        mapping: Option<&SurveyMapping>,
    ) -> Result<SurveyPreview, DomainError> {
        let table = read_table(file_name, bytes)?;
        let known = match survey.map(str::trim).filter(|s| !s.is_empty()) {
            Some(name) => self.survey_by_name(name)?,
            None => None,
        };
        let remembered = known.as_ref().and_then(|(_, _, m)| m.as_ref());
        let applied = apply(&table, mapping.or(remembered));
        let mut preview = preview_of(&table, &applied, remembered.is_some());
        preview.duplicate_of = self.wave_with_hash(&table.hash)?;
        Ok(preview)
    }

    /// Every live survey with its questions and waves, by name.
    pub fn list_surveys(&self) -> Result<Vec<Survey>, DomainError> {
        let ids: Vec<Uuid> = self
            .conn
            .prepare_cached(
                "SELECT id FROM survey WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE",
            )?
            .query_map([], |r| r.uuid("id"))?
            .collect::<Result<_, _>>()?;
        ids.into_iter().map(|id| self.survey(id)).collect()
    }

    /// One live survey with its questions and live waves, oldest first.
    pub fn survey(&self, id: Uuid) -> Result<Survey, DomainError> {
        let (name, mapping): (String, Option<String>) = self
            .conn
            .prepare_cached(
                "SELECT id, name, mapping FROM survey WHERE id = ?1 AND deleted_at IS NULL",
            )?
            .query_row([id.to_string()], |r| {
                Ok((r.get("name")?, r.get("mapping")?))
            })
            .optional()?
            .ok_or_else(|| DomainError::NotFound {
                entity: "survey",
                id: id.to_string(),
            })?;
        let questions = self
            .conn
            .prepare_cached(
                "SELECT id, number, title, kind, scale_min, scale_max, labels FROM survey_question
                 WHERE survey_id = ?1 ORDER BY number",
            )?
            .query_map([id.to_string()], |r| {
                let kind: String = r.get("kind")?;
                let min: Option<i32> = r.get("scale_min")?;
                let max: Option<i32> = r.get("scale_max")?;
                let labels: String = r.get("labels")?;
                Ok(SurveyQuestion {
                    id: r.uuid("id")?,
                    number: r.get("number")?,
                    title: r.get("title")?,
                    kind: ColumnKind::parse(&kind).unwrap_or(ColumnKind::FreeText),
                    scale: min.zip(max).map(|(min, max)| Scale {
                        min,
                        max,
                        labels: serde_json::from_str(&labels).unwrap_or_default(),
                    }),
                })
            })?
            .collect::<Result<_, _>>()?;
        let waves = self
            .conn
            .prepare_cached(
                "SELECT w.id, w.label, w.session_id, s.cycle_id, s.held_on, w.file_name, w.encoding,
                        w.responses, w.skipped
                 FROM survey_wave w JOIN session s ON s.id = w.session_id
                 WHERE w.survey_id = ?1 AND s.deleted_at IS NULL
                 ORDER BY s.held_on, w.imported_at",
            )?
            .query_map([id.to_string()], |r| {
                let encoding: String = r.get("encoding")?;
                Ok(SurveyWave {
                    id: r.uuid("id")?,
                    label: r.get("label")?,
                    session_id: r.uuid("session_id")?,
                    cycle_id: r.uuid("cycle_id")?,
                    held_on: r.date("held_on")?,
                    file_name: r.get("file_name")?,
                    encoding: serde_json::from_value(Value::String(encoding)).unwrap_or(TextEncoding::Utf8),
                    responses: r.get("responses")?,
                    skipped: r.get("skipped")?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Survey {
            id,
            name,
            questions,
            waves,
            mapping: mapping.and_then(|m| serde_json::from_str(&m).ok()),
        })
    }
}

/// Resolves respondents and teams to people and teams within one import.
struct People {
    teams: HashMap<String, Uuid>,
    keys: HashMap<String, Uuid>,
    names: HashMap<String, Uuid>,
    matched: u32,
    created: u32,
    teams_created: u32,
}

impl Tx<'_> {
    fn load_people(&self) -> Result<People, DomainError> {
        let map = |sql: &str| -> Result<HashMap<String, Uuid>, DomainError> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, String>(0)?.to_lowercase(), r.uuid("id")?))
            })?;
            let mut out = HashMap::new();
            for row in rows {
                let (k, v) = row?;
                out.entry(k).or_insert(v);
            }
            Ok(out)
        };
        Ok(People {
            teams: map("SELECT name, id FROM team WHERE deleted_at IS NULL ORDER BY created_at")?,
            // A key names the person it was first matched to; merged since, it names
            // the person kept (a trashed one names no one, and is matched afresh).
            keys: {
                let mut known = HashMap::new();
                let mut keys = HashMap::new();
                for (key, id) in map("SELECT r.key, r.person_id AS id FROM respondent r")? {
                    if let Some(now) = self.respondent_now(id, &mut known)? {
                        keys.insert(key, now.id);
                    }
                }
                keys
            },
            names: map("SELECT name, id FROM person WHERE deleted_at IS NULL AND merged_into IS NULL ORDER BY created_at")?,
            matched: 0,
            created: 0,
            teams_created: 0,
        })
    }

    fn team_for(&self, people: &mut People, name: &str) -> Result<Uuid, DomainError> {
        if let Some(id) = people.teams.get(&name.to_lowercase()) {
            return Ok(*id);
        }
        let id = self.add_team_named(name)?;
        people.teams.insert(name.to_lowercase(), id);
        people.teams_created += 1;
        Ok(id)
    }

    fn person_for(
        &self,
        people: &mut People,
        key: &str,
        team: Option<Uuid>,
    ) -> Result<Uuid, DomainError> {
        let lower = key.to_lowercase();
        if let Some(id) = people.keys.get(&lower) {
            return Ok(*id);
        }
        let name = if looks_like_email(key) {
            name_from_email(key)
        } else {
            key.to_owned()
        };
        let name = if name.is_empty() {
            key.to_owned()
        } else {
            name
        };
        let id = match people.names.get(&name.to_lowercase()) {
            Some(id) => {
                people.matched += 1;
                *id
            }
            None => {
                let id = self.add_person_named(&name, team)?;
                people.names.insert(name.to_lowercase(), id);
                people.created += 1;
                id
            }
        };
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO respondent (key, person_id) VALUES (?1, ?2)")?
            .execute(params![lower, id.to_string()])?;
        people.keys.insert(lower, id);
        Ok(id)
    }

    /// The question numbers of the mapped columns, made or updated in the survey.
    fn questions_for(
        &self,
        survey: Uuid,
        columns: &[(ColumnMapping, bool)],
    ) -> Result<Vec<Option<u32>>, DomainError> {
        let mut existing: HashMap<String, u32> = self
            .conn
            .prepare_cached("SELECT title, number FROM survey_question WHERE survey_id = ?1")?
            .query_map([survey.to_string()], |r| {
                Ok((r.get::<_, String>(0)?.to_lowercase(), r.get(1)?))
            })?
            .collect::<Result<_, _>>()?;
        let mut next: u32 = existing.values().max().copied().unwrap_or(0) + 1;
        let mut out = Vec::with_capacity(columns.len());
        for (c, _) in columns {
            if !c.kind.is_question() {
                out.push(None);
                continue;
            }
            let title = c.question_title().to_owned();
            let scale = c
                .kind
                .has_scale()
                .then(|| c.scale())
                .or((c.kind == ColumnKind::Nps).then(|| Scale::points(0, 10)));
            let labels = serde_json::to_string(
                &scale.as_ref().map(|s| s.labels.clone()).unwrap_or_default(),
            )
            .unwrap_or_else(|_| "[]".into());
            let number = match existing.get(&title.to_lowercase()) {
                Some(n) => {
                    self.conn.execute(
                        "UPDATE survey_question SET kind = ?3, scale_min = ?4, scale_max = ?5, labels = ?6
                         WHERE survey_id = ?1 AND number = ?2",
                        params![survey.to_string(), n, c.kind.as_str(), scale.as_ref().map(|s| s.min), scale.as_ref().map(|s| s.max), labels],
                    )?;
                    *n
                }
                None => {
                    self.conn.execute(
                        "INSERT INTO survey_question (id, survey_id, number, title, kind, scale_min, scale_max, labels)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        params![new_id().to_string(), survey.to_string(), next, title, c.kind.as_str(), scale.as_ref().map(|s| s.min), scale.as_ref().map(|s| s.max), labels],
                    )?;
                    existing.insert(title.to_lowercase(), next);
                    next += 1;
                    next - 1
                }
            };
            out.push(Some(number));
        }
        Ok(out)
    }

    /// Imports one wave of a survey export, all or nothing. `progress` hears `(rows
    /// done, rows)` now and then; returning `false` cancels, and nothing is written.
    pub fn import_survey_wave(
        &self,
        file_name: &str,
        bytes: &[u8],
        request: &WaveImport,
        progress: &mut dyn FnMut(u32, u32) -> bool,
    ) -> Result<WaveImported, DomainError> {
        let name = survey_name(&request.survey)?;
        let cycle = match request.cycle_id {
            Some(c) => c,
            None => self.current_cycle()?.ok_or(DomainError::NoCycle)?.id,
        };
        self.require(cycle, Act::Capture)?;
        let table = read_table(file_name, bytes)?;
        let known = self.survey_by_name(&name)?;
        let mapping = request
            .mapping
            .as_ref()
            .or(known.as_ref().and_then(|(_, _, m)| m.as_ref()))
            .ok_or_else(|| {
                DomainError::invalid(
                    "mapping",
                    format!(
                        "“{name}” has no remembered mapping yet: this is its first wave, so say what each column is first (in the import's mapping step, or with --mapping)"
                    ),
                )
            })?;
        let applied = apply(&table, Some(mapping));
        let blockers = check_mapping(&applied.columns);
        if let Some(first) = blockers.first() {
            return Err(DomainError::invalid("mapping", first.clone()));
        }
        if table.rows.is_empty() {
            return Err(DomainError::invalid(
                "file",
                "the file has a header but no responses; nothing was imported",
            ));
        }
        if !request.again {
            if let Some(w) = self.wave_with_hash(&table.hash)? {
                return Err(DomainError::AlreadyImported {
                    survey: w.survey,
                    wave: w.label,
                    held_on: date_text(w.held_on),
                });
            }
        }
        let readers = readers(&table, &applied);
        let total = table.rows.len() as u32;
        let mut responses = Vec::with_capacity(table.rows.len());
        let mut skipped: Vec<RowProblem> = Vec::new();
        for (i, (row, fields)) in table.rows.iter().enumerate() {
            let mut problems = Vec::new();
            let r = read_row(&table, &readers, *row, fields, &mut problems);
            if problems.is_empty() {
                responses.push(r);
            } else if request.bad_rows == BadRows::Skip {
                skipped.push(problems.swap_remove(0));
            } else {
                let mut all = problems;
                for (row, fields) in &table.rows[i + 1..] {
                    let mut more = Vec::new();
                    read_row(&table, &readers, *row, fields, &mut more);
                    all.extend(more.into_iter().take(1));
                }
                return Err(DomainError::BadRows {
                    count: all
                        .iter()
                        .map(|p| p.row)
                        .collect::<std::collections::BTreeSet<_>>()
                        .len() as u32,
                    first: all[0].to_string(),
                });
            }
            if i % PROGRESS_EVERY == 0 && !progress(i as u32, total * 2) {
                return Err(DomainError::Cancelled);
            }
        }
        if responses.is_empty() {
            return Err(DomainError::invalid(
                "file",
                format!(
                    "every row has a problem, so nothing was imported; the first: {}",
                    skipped[0]
                ),
            ));
        }
        let now = self.now_text();
        let (survey, name) = match known {
            Some((id, stored, _)) => (id, stored),
            None => {
                let id = new_id();
                self.conn.execute(
                    "INSERT INTO survey (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                    params![id.to_string(), name, now],
                )?;
                (id, name)
            }
        };
        let numbers = self.questions_for(survey, &applied.columns)?;
        let waves: u32 = self.conn.query_row(
            "SELECT count(*) FROM survey_wave w JOIN session s ON s.id = w.session_id
             WHERE w.survey_id = ?1 AND s.deleted_at IS NULL",
            [survey.to_string()],
            |r| r.get(0),
        )?;
        let label = match request
            .label
            .as_deref()
            .map(clean_line)
            .filter(|l| !l.is_empty())
        {
            Some(l) => crate::store::input::line("wave", &l, WAVE_LABEL, None)?,
            None => format!("Wave {}", waves + 1),
        };
        // The wave is dated by its last response, or today.
        let held_on = responses
            .iter()
            .filter_map(|r| r.submitted.as_deref())
            .max()
            .map(str::to_owned)
            .unwrap_or_else(|| date_text(self.now().date_naive()));
        let session = self.create_session(&crate::discovery::session::NewSession {
            cycle_id: cycle,
            kind: SourceKind::UserSurvey,
            title: format!("{name}: {label}"),
            held_on: NaiveDate::parse_from_str(&held_on, "%Y-%m-%d")
                .unwrap_or(self.now().date_naive()),
            people: Vec::new(),
            links: Vec::new(),
            tags: Vec::new(),
            notes: Some(wave_notes(
                &name,
                &label,
                &table,
                responses.len(),
                skipped.len(),
            )),
        })?;
        let wave = new_id();
        self.conn.execute(
            "INSERT INTO survey_wave (id, survey_id, session_id, label, file_name, content_hash, encoding,
                                      delimiter, responses, skipped, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                wave.to_string(),
                survey.to_string(),
                session.id.to_string(),
                label,
                clean_line(file_name),
                table.hash,
                serde_json::to_value(table.encoding).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
                table.delimiter.label(),
                responses.len() as u32,
                skipped.len() as u32,
                now
            ],
        )?;
        let mut people = self.load_people()?;
        let mut insert = self.conn.prepare_cached(
            "INSERT INTO survey_response (wave_id, row, person_id, team_id, submitted_on, answers)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let wave_text = wave.to_string();
        let mut respondents: std::collections::HashSet<Uuid> = std::collections::HashSet::new();
        let done_before = total;
        for (i, r) in responses.iter().enumerate() {
            let team = r
                .team
                .as_deref()
                .map(|t| self.team_for(&mut people, t))
                .transpose()?;
            let person = r
                .respondent
                .as_deref()
                .map(|p| self.person_for(&mut people, p, team))
                .transpose()?;
            if let Some(p) = person {
                respondents.insert(p);
            }
            let mut answers: BTreeMap<u32, Value> = BTreeMap::new();
            for (c, a) in &r.answers {
                let Some(n) = numbers[*c] else { continue };
                match a {
                    Answer::Number(x) => {
                        answers.insert(n, serde_json::json!(x));
                    }
                    Answer::Text(t) => {
                        answers.insert(n, Value::String(t.clone()));
                    }
                    Answer::Choices(cs) => {
                        let entry = answers.entry(n).or_insert_with(|| Value::Array(Vec::new()));
                        if let Value::Array(list) = entry {
                            list.extend(cs.iter().cloned().map(Value::String));
                        }
                    }
                    Answer::Blank => {}
                }
            }
            let answers = serde_json::to_string(&answers)
                .map_err(|e| DomainError::invalid("answers", e.to_string()))?;
            insert.execute(params![
                wave_text,
                r.row,
                person.map(|p| p.to_string()),
                team.map(|t| t.to_string()),
                r.submitted,
                answers
            ])?;
            if i % PROGRESS_EVERY == 0 && !progress(done_before + i as u32, total * 2) {
                return Err(DomainError::Cancelled);
            }
        }
        let mut asked = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO survey_wave_person (wave_id, person_id) VALUES (?1, ?2)",
        )?;
        for p in &respondents {
            asked.execute(params![wave_text, p.to_string()])?;
        }
        let remembered = SurveyMapping {
            columns: applied.columns.iter().map(|(c, _)| c.clone()).collect(),
            day_first: Some(applied.day_first),
            decimal_comma: Some(applied.decimal_comma),
        };
        self.conn.execute(
            "UPDATE survey SET mapping = ?2, updated_at = ?3 WHERE id = ?1",
            params![
                survey.to_string(),
                serde_json::to_string(&remembered)
                    .map_err(|e| DomainError::invalid("mapping", e.to_string()))?,
                now
            ],
        )?;
        progress(total * 2, total * 2);
        Ok(WaveImported {
            wave: WaveRef {
                id: wave,
                survey: name,
                label,
                session_id: session.id,
                held_on: session.held_on,
            },
            survey_id: survey,
            responses: responses.len() as u32,
            skipped,
            people_matched: people.matched,
            people_created: people.created,
            teams_created: people.teams_created,
            new_columns: applied.new_columns,
        })
    }
}

/// The notes a wave's session starts with: where it came from, in words.
fn wave_notes(
    survey: &str,
    label: &str,
    table: &Table,
    responses: usize,
    skipped: usize,
) -> String {
    let mut notes = format!(
        "# {survey}: {label}\n\n{} imported from `{}` ({}, {} delimited).",
        count(responses, "response", "responses"),
        table.file_name.replace('`', "'"),
        table.encoding.label(),
        table.delimiter.label()
    );
    if skipped > 0 {
        notes.push_str(&format!(
            " {} left out.",
            count(skipped, "bad row was", "bad rows were")
        ));
    }
    notes.push_str("\n\n## What stood out\n\n");
    notes
}

/// Reads a survey export from disk for an import, refusing what is not a file or is
/// too large before reading it.
pub fn read_export(path: &std::path::Path) -> Result<(String, Vec<u8>), DomainError> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        DomainError::invalid(
            "file",
            match e.kind() {
                std::io::ErrorKind::NotFound => format!("{shown} does not exist"),
                std::io::ErrorKind::PermissionDenied => {
                    format!("{shown} cannot be read (permission denied)")
                }
                _ => format!("{shown} cannot be read: {e}"),
            },
        )
    })?;
    if meta.is_dir() {
        return Err(DomainError::invalid(
            "file",
            format!("{shown} is a folder, not a survey export"),
        ));
    }
    if !meta.is_file() {
        return Err(DomainError::invalid(
            "file",
            format!("{shown} is not a regular file"),
        ));
    }
    if meta.len() > text_file::MAX_FILE_BYTES as u64 {
        return Err(text_file::FileError::TooLarge {
            size: crate::store::wording::size_beside(
                meta.len() as usize,
                text_file::MAX_FILE_BYTES,
            ),
            max: format!("{} MiB", text_file::MAX_FILE_BYTES / (1024 * 1024)),
        }
        .into());
    }
    let bytes = std::fs::read(path)
        .map_err(|e| DomainError::invalid("file", format!("{shown} cannot be read: {e}")))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    Ok((name, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_in_the_forms_exports_write_them() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(
            parse_date("2026/11/03 10:15:22 AM GMT+1", false),
            d(2026, 11, 3)
        );
        assert_eq!(parse_date("2026-11-03T10:15:22Z", false), d(2026, 11, 3));
        assert_eq!(parse_date("11/3/2026 10:15:22", false), d(2026, 11, 3));
        assert_eq!(parse_date("03.11.2026 10:15", true), d(2026, 11, 3));
        assert_eq!(parse_date("03/11/26", true), d(2026, 11, 3));
        assert_eq!(parse_date("Nov 3, 2026", false), d(2026, 11, 3));
        assert_eq!(parse_date("3 November 2026", true), d(2026, 11, 3));
        assert_eq!(parse_date("yesterday", false), None);
        assert_eq!(parse_date("4", false), None);
    }

    #[test]
    fn scale_answers_are_numbers_or_the_scales_words() {
        assert_eq!(leading_int("4 - Agree"), Some(4));
        assert_eq!(leading_int("10 (Extremely likely)"), Some(10));
        assert_eq!(leading_int("5th"), None);
        assert_eq!(leading_int("five"), None);
        let m = ColumnMapping {
            header: "Q".into(),
            kind: ColumnKind::Likert,
            question: String::new(),
            scale: Some(Scale {
                min: 1,
                max: 5,
                labels: WORD_SCALES[0].0.iter().map(|s| capitalise(s)).collect(),
            }),
        };
        let r = Reader {
            scale: m.scale(),
            mapping: &m,
            sub: "",
            day_first: false,
            decimal_comma: false,
        };
        assert_eq!(r.read("Strongly agree"), Ok(Answer::Number(5.0)));
        assert_eq!(r.read("neutral"), Ok(Answer::Number(3.0)));
        assert_eq!(r.read("2"), Ok(Answer::Number(2.0)));
        assert!(r
            .read("five")
            .expect_err("refused")
            .starts_with("“five” is not a number on a 1–5 scale"));
        assert!(r.read("6").is_err());
    }

    #[test]
    fn a_name_is_made_from_an_email() {
        assert_eq!(name_from_email("priya.raman@corp.example"), "Priya Raman");
        assert_eq!(name_from_email("tom_berg2@x.io"), "Tom Berg2");
    }
}
