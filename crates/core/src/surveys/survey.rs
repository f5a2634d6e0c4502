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
//!
//! This file holds the types; the work is in its parts, in the order a file goes
//! through them: `table` (the export read into header rows and rows), `value` (cells
//! read as dates, numbers, scales and choices), `guess` (a mapping guessed from the
//! headers and a sample), `apply` (rows read by a mapping, bad cells named, the
//! preview) and `import` (the wave written, all or nothing).

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
    /// What the import would add to People, for the user to choose.
    pub register: RegisterPreview,
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

/// What an import does with the respondents it names, so the register of people is
/// changed only as the user chose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Respondents {
    /// Respondents already in People (by email or name) are linked to them; the others
    /// are counted in the survey only.
    Match,
    /// Respondents not in People are added to it (named after their email or name).
    #[default]
    Add,
    /// No respondent is linked to People: the answers are counted in the survey, and
    /// no one's ask-load or last contact changes.
    Anonymous,
}

impl Respondents {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "match" => Some(Self::Match),
            "add" => Some(Self::Add),
            "anonymous" => Some(Self::Anonymous),
            _ => None,
        }
    }
}

/// What an import would change in the register of people and teams, by choice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterPreview {
    /// Distinct respondents the file names (by email or name).
    pub respondents: u32,
    /// Of them, those already in People.
    pub known: u32,
    /// The people "add respondents" would add, as they would be named (the first
    /// [`REGISTER_PREVIEW_NAMES`]); `new_people_count` counts them all.
    pub new_people: Vec<String>,
    pub new_people_count: u32,
    /// Distinct teams the file names.
    pub teams: u32,
    /// The teams not in People yet (the first [`REGISTER_PREVIEW_NAMES`]), and how many.
    pub new_teams: Vec<String>,
    pub new_teams_count: u32,
}

/// How many names a register preview lists.
pub const REGISTER_PREVIEW_NAMES: usize = 12;

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
    /// What to do with respondents People does not know; absent means add them.
    #[serde(default)]
    #[ts(optional)]
    pub respondents: Option<Respondents>,
    /// Whether teams People does not know are added; absent means they are.
    #[serde(default)]
    #[ts(optional)]
    pub add_teams: Option<bool>,
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
    /// Responses kept without a person: anonymous, or not in People when only
    /// matching.
    pub responses_without_person: u32,
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

mod apply;
mod guess;
mod import;
mod table;
mod value;

pub use self::import::read_export;
use self::{apply::*, guess::*, table::*, value::*};

#[cfg(test)]
mod tests {
    use super::import::name_from_email;
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
