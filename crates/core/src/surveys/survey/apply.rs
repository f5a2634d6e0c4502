//! Applying a mapping: each row read into a response, each bad cell named, the preview.

use super::*;
use std::collections::HashSet;

/// The mapping of each column of `table`: the given or remembered one where it names
/// the column, a guess elsewhere; and which columns each side lacks.
pub(super) struct Applied {
    pub(super) columns: Vec<(ColumnMapping, bool)>,
    pub(super) new_columns: Vec<String>,
    pub(super) missing_columns: Vec<String>,
    pub(super) day_first: bool,
    pub(super) decimal_comma: bool,
}

pub(super) fn apply(table: &Table, mapping: Option<&SurveyMapping>) -> Applied {
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
pub(super) fn check_mapping(columns: &[(ColumnMapping, bool)]) -> Vec<String> {
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
pub(super) struct Response {
    pub(super) row: u32,
    pub(super) respondent: Option<String>,
    pub(super) team: Option<String>,
    pub(super) submitted: Option<String>,
    pub(super) answers: Vec<(usize, Answer)>,
}

pub(super) fn readers<'a>(table: &'a Table, applied: &'a Applied) -> Vec<Reader<'a>> {
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
pub(super) fn read_row(
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

/// The respondents and teams named in the rows an import would keep (a row with a bad
/// cell is never imported), each once in any case, in file order.
#[derive(Default)]
pub(super) struct Named {
    pub(super) respondents: Vec<String>,
    pub(super) teams: Vec<String>,
    seen: (HashSet<String>, HashSet<String>),
}

impl Named {
    fn add(&mut self, r: Response) {
        if let Some(p) = r.respondent {
            if self.seen.0.insert(p.to_lowercase()) {
                self.respondents.push(p);
            }
        }
        if let Some(t) = r.team {
            if self.seen.1.insert(t.to_lowercase()) {
                self.teams.push(t);
            }
        }
    }
}

/// The preview of a file, and whom its rows name (read in the same pass).
pub(super) fn preview_of(
    table: &Table,
    applied: &Applied,
    survey_known: bool,
) -> (SurveyPreview, Named) {
    let readers = readers(table, applied);
    let mut problems = Vec::new();
    let mut bad_rows = 0u32;
    let mut preview = Vec::new();
    let mut named = Named::default();
    for (i, (row, fields)) in table.rows.iter().enumerate() {
        let before = problems.len();
        let mut mine = Vec::new();
        let response = read_row(table, &readers, *row, fields, &mut mine);
        if mine.is_empty() {
            named.add(response);
        } else {
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
    let preview = SurveyPreview {
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
        register: RegisterPreview::default(),
    };
    (preview, named)
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
