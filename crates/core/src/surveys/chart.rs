//! What a survey says, wave by wave: for each question and wave, the distribution of
//! answers, the mean of a scale, NPS (promoters minus detractors, blanks left out) and
//! CSAT (the share in the top two points), each with its n and a 95% margin of
//! error (adjusted Wald, so a trend across waves is honest about small samples);
//! split by team or segment when asked. Core counts; the UI draws.
//!
//! Free-text answers become evidence here too: one by one or in bulk, each an
//! observation of the wave's session, attributed to the respondent.

use crate::discovery::observation::{NewObservation, Observation};
use crate::discovery::person::PersonRef;
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::kind::ObservationKind;
use crate::store::row::RowExt;
use crate::surveys::survey::{ColumnKind, Scale, SurveyQuestion};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use ts_rs::TS;
use uuid::Uuid;

/// Below this many answers a figure is shown as a small sample.
pub const SMALL_SAMPLE: u32 = 30;
/// Most answers turned into observations at once.
pub const MAX_BULK: usize = 1000;

/// How a survey's figures are split.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Split {
    #[default]
    None,
    Team,
    Segment,
}

/// One bar of a distribution: an answer and how many gave it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Count {
    pub label: String,
    /// The scale point it stands for (for Likert, CSAT and NPS).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub value: Option<i32>,
    pub count: u32,
}

/// A share of answers (NPS or CSAT) with its 95% margin of error, in points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Score {
    pub value: f64,
    pub margin: f64,
}

/// One question in one wave (and, split, one team or segment).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WaveFigures {
    pub wave_id: Uuid,
    /// Who answered the question.
    pub n: u32,
    /// Who answered the wave but left the question blank (left out of every figure).
    pub blanks: u32,
    pub distribution: Vec<Count>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub mean: Option<f64>,
    /// Promoters (9–10) minus detractors (0–6), in points from −100 to 100.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub nps: Option<Score>,
    /// The share satisfied (the top two points), in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub csat: Option<Score>,
    /// Fewer than [`SMALL_SAMPLE`] answers: read the figure with care.
    pub small_sample: bool,
}

/// One line of a split: a team's or a segment's figures, wave by wave.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Series {
    /// The team or segment; "No team" for respondents without one.
    pub name: String,
    pub waves: Vec<WaveFigures>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuestionChart {
    pub question: SurveyQuestion,
    /// Every wave, oldest first (a wave without the question has n 0).
    pub waves: Vec<WaveFigures>,
    /// With a split, one series per team or segment.
    pub series: Vec<Series>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChartWave {
    pub id: Uuid,
    pub label: String,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    pub responses: u32,
}

/// A survey's figures across its waves.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SurveyCharts {
    pub survey_id: Uuid,
    pub name: String,
    pub split: Split,
    pub waves: Vec<ChartWave>,
    pub questions: Vec<QuestionChart>,
}

/// A free-text answer, and the observation it became, if it did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TextAnswer {
    pub wave_id: Uuid,
    pub wave: String,
    pub row: u32,
    pub question: u32,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub person: Option<PersonRef>,
    pub team: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub observation_id: Option<Uuid>,
}

/// An answer to turn into an observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnswerRef {
    pub wave_id: Uuid,
    pub row: u32,
    pub question: u32,
}

/// 95% margin of error of a share of `hits` in `n`, in points: the adjusted Wald
/// interval (two hits and two misses added), so a small sample never claims ±0.
fn margin(hits: f64, n: u32) -> f64 {
    let n = f64::from(n) + 4.0;
    let p = (hits + 2.0) / n;
    100.0 * 1.96 * (p * (1.0 - p) / n).sqrt()
}

/// The figures of one question over `answers` (one per respondent of the wave).
fn figures(question: &SurveyQuestion, wave: Uuid, answers: &[Option<&Value>]) -> WaveFigures {
    let mut n = 0u32;
    let mut blanks = 0u32;
    let mut numbers: Vec<f64> = Vec::new();
    let mut choices: Vec<(String, u32)> = Vec::new();
    let mut add_choice = |label: &str| match choices.iter_mut().find(|(l, _)| l == label) {
        Some((_, c)) => *c += 1,
        None => choices.push((label.to_owned(), 1)),
    };
    for a in answers {
        match a {
            None | Some(Value::Null) => blanks += 1,
            Some(Value::Number(x)) => {
                n += 1;
                numbers.push(x.as_f64().unwrap_or(0.0));
            }
            Some(Value::String(s)) => {
                n += 1;
                if question.kind == ColumnKind::SingleChoice {
                    add_choice(s);
                }
            }
            Some(Value::Array(list)) => {
                n += 1;
                for c in list.iter().filter_map(Value::as_str) {
                    add_choice(c);
                }
            }
            Some(_) => blanks += 1,
        }
    }
    let scale = match question.kind {
        ColumnKind::Nps => Some(Scale {
            min: 0,
            max: 10,
            labels: Vec::new(),
        }),
        _ => question.scale.clone(),
    };
    let distribution = match (&scale, question.kind) {
        (Some(s), ColumnKind::Likert | ColumnKind::Csat | ColumnKind::Nps) => (s.min..=s.max)
            .map(|v| Count {
                label: usize::try_from(v - s.min)
                    .ok()
                    .and_then(|i| s.labels.get(i).cloned())
                    .unwrap_or_else(|| v.to_string()),
                value: Some(v),
                count: numbers
                    .iter()
                    .filter(|x| (**x - f64::from(v)).abs() < 0.5)
                    .count() as u32,
            })
            .collect(),
        _ => {
            choices.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            choices
                .into_iter()
                .map(|(label, count)| Count {
                    label,
                    value: None,
                    count,
                })
                .collect()
        }
    };
    let mean = (!numbers.is_empty()).then(|| numbers.iter().sum::<f64>() / numbers.len() as f64);
    let share = |pred: &dyn Fn(f64) -> bool| {
        numbers.iter().filter(|x| pred(**x)).count() as f64 / numbers.len().max(1) as f64
    };
    let nps = (question.kind == ColumnKind::Nps && n > 0).then(|| {
        let count =
            |pred: &dyn Fn(f64) -> bool| numbers.iter().filter(|x| pred(**x)).count() as f64;
        let (promoters, detractors) = (count(&|x| x >= 9.0), count(&|x| x <= 6.0));
        let all = numbers.len() as f64;
        // The adjusted Wald interval: one promoter, one passive and one detractor
        // added, so ten promoters of ten do not claim a margin of zero.
        let (p, d, m) = (
            (promoters + 1.0) / (all + 3.0),
            (detractors + 1.0) / (all + 3.0),
            all + 3.0,
        );
        Score {
            value: 100.0 * (promoters - detractors) / all,
            margin: 100.0 * 1.96 * ((p + d - (p - d).powi(2)) / m).sqrt(),
        }
    });
    let csat = match (&scale, question.kind) {
        (Some(s), ColumnKind::Csat) if n > 0 => {
            let top = f64::from(s.max - 1);
            let p = share(&|x| x >= top);
            Some(Score {
                value: 100.0 * p,
                margin: margin(p * numbers.len() as f64, n),
            })
        }
        _ => None,
    };
    WaveFigures {
        wave_id: wave,
        n,
        blanks,
        distribution,
        mean: if question.kind == ColumnKind::FreeText {
            None
        } else {
            mean
        },
        nps,
        csat,
        small_sample: n < SMALL_SAMPLE,
    }
}

fn answers_to<'a>(rows: &[&'a Answered], key: u32) -> Vec<Option<&'a Value>> {
    rows.iter().map(|r| r.answers.get(&key)).collect()
}

/// One response as charts read it.
struct Answered {
    wave: Uuid,
    group: String,
    /// By question number (JSON keys read as numbers: no string made per answer).
    answers: std::collections::BTreeMap<u32, Value>,
}

impl Db<'_> {
    /// A survey's figures per question and wave, split by team or segment if asked.
    pub fn survey_charts(
        &self,
        survey_id: Uuid,
        split: Split,
    ) -> Result<SurveyCharts, DomainError> {
        let survey = self.survey(survey_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.wave_id, r.answers, coalesce(t.name, '') AS team, coalesce(t.segment, '') AS segment
             FROM survey_response r
             JOIN survey_wave w ON w.id = r.wave_id
             JOIN session_view s ON s.id = w.session_id AND s.deleted_at IS NULL
             LEFT JOIN team_view t ON t.id = r.team_id
             WHERE w.survey_id = ?1",
        )?;
        let rows = stmt.query_map([survey_id.to_string()], |r| {
            let answers: String = r.get("answers")?;
            let group = match split {
                Split::None => String::new(),
                Split::Team => r.get("team")?,
                Split::Segment => r.get("segment")?,
            };
            Ok(Answered {
                wave: r.uuid("wave_id")?,
                group,
                answers: serde_json::from_str(&answers).unwrap_or_default(),
            })
        })?;
        let mut by_wave: HashMap<Uuid, Vec<Answered>> = HashMap::new();
        for row in rows {
            let row = row?;
            by_wave.entry(row.wave).or_default().push(row);
        }
        let mut groups: Vec<String> = by_wave
            .values()
            .flatten()
            .map(|r| r.group.clone())
            .collect();
        groups.sort_by_key(|g| (g.is_empty(), g.to_lowercase()));
        groups.dedup();
        // Each wave's rows by group, sorted once rather than filtered per question.
        let mut by_group: HashMap<(Uuid, &str), Vec<&Answered>> = HashMap::new();
        if split != Split::None {
            for rows in by_wave.values() {
                for r in rows {
                    by_group
                        .entry((r.wave, r.group.as_str()))
                        .or_default()
                        .push(r);
                }
            }
        }
        let none: Vec<&Answered> = Vec::new();
        let empty = Vec::new();
        let questions = survey
            .questions
            .iter()
            .map(|q| {
                let key = q.number;

                let waves = survey
                    .waves
                    .iter()
                    .map(|w| {
                        let rows: Vec<&Answered> =
                            by_wave.get(&w.id).unwrap_or(&empty).iter().collect();
                        figures(q, w.id, &answers_to(&rows, key))
                    })
                    .collect();
                let series = if split == Split::None {
                    Vec::new()
                } else {
                    groups
                        .iter()
                        .map(|g| Series {
                            name: if g.is_empty() {
                                match split {
                                    Split::Segment => "No segment".to_owned(),
                                    _ => "No team".to_owned(),
                                }
                            } else {
                                g.clone()
                            },
                            waves: survey
                                .waves
                                .iter()
                                .map(|w| {
                                    let rows = by_group.get(&(w.id, g.as_str())).unwrap_or(&none);
                                    figures(q, w.id, &answers_to(rows, key))
                                })
                                .collect(),
                        })
                        .collect()
                };
                QuestionChart {
                    question: q.clone(),
                    waves,
                    series,
                }
            })
            .collect();
        Ok(SurveyCharts {
            survey_id,
            name: survey.name,
            split,
            waves: survey
                .waves
                .iter()
                .map(|w| ChartWave {
                    id: w.id,
                    label: w.label.clone(),
                    held_on: w.held_on,
                    responses: w.responses,
                })
                .collect(),
            questions,
        })
    }

    /// The free-text answers to question `question` of a survey (of one wave, if given),
    /// each with who gave it and the observation it became.
    pub fn survey_text_answers(
        &self,
        survey_id: Uuid,
        question: u32,
        wave: Option<Uuid>,
    ) -> Result<Vec<TextAnswer>, DomainError> {
        let survey = self.survey(survey_id)?;
        if !survey
            .questions
            .iter()
            .any(|q| q.number == question && q.kind == ColumnKind::FreeText)
        {
            return Err(DomainError::invalid(
                "question",
                "that is not a free-text question of this survey",
            ));
        }
        let key = format!("$.\"{question}\"");
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.wave_id, w.label, r.row, json_extract(r.answers, ?2) AS text,
                    r.person_id, coalesce(t.name, '') AS team,
                    (SELECT so.observation_id FROM survey_observation so
                     JOIN observation_view o ON o.id = so.observation_id AND o.deleted_at IS NULL
                     WHERE so.wave_id = r.wave_id AND so.row = r.row AND so.question = ?3) AS observation_id
             FROM survey_response r
             JOIN survey_wave w ON w.id = r.wave_id
             JOIN session_view s ON s.id = w.session_id AND s.deleted_at IS NULL
             LEFT JOIN team_view t ON t.id = r.team_id AND t.deleted_at IS NULL
             WHERE w.survey_id = ?1 AND (?4 IS NULL OR r.wave_id = ?4)
               AND json_type(r.answers, ?2) = 'text'
             ORDER BY s.held_on, w.imported_at, r.row",
        )?;
        let rows: Vec<(TextAnswer, Option<Uuid>)> = stmt
            .query_map(
                params![
                    survey_id.to_string(),
                    key,
                    question,
                    wave.map(|w| w.to_string())
                ],
                |r| {
                    let answer = TextAnswer {
                        wave_id: r.uuid("wave_id")?,
                        wave: r.get("label")?,
                        row: r.get("row")?,
                        question,
                        text: r.get("text")?,
                        person: None,
                        team: r.get("team")?,
                        observation_id: r.opt_uuid("observation_id")?,
                    };
                    Ok((answer, r.opt_uuid("person_id")?))
                },
            )?
            .collect::<Result<_, _>>()?;
        let mut known = HashMap::new();
        rows.into_iter()
            .map(|(mut answer, named)| {
                if let Some(id) = named {
                    answer.person = self.respondent_now(id, &mut known)?;
                }
                Ok(answer)
            })
            .collect()
    }

    /// The live person a response names now: that person, or the one they were merged
    /// into (merges can chain); none when the person is in the trash.
    pub(crate) fn respondent_now(
        &self,
        id: Uuid,
        known: &mut HashMap<Uuid, Option<PersonRef>>,
    ) -> Result<Option<PersonRef>, DomainError> {
        if let Some(found) = known.get(&id) {
            return Ok(found.clone());
        }
        let mut at = id;
        let mut found = None;
        for _ in 0..64 {
            let row: Option<(String, Option<String>, Option<String>)> = self
                .conn
                .prepare_cached(
                    "SELECT name, merged_into, deleted_at FROM person_view WHERE id = ?1",
                )?
                .query_row([at.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            match row {
                Some((_, Some(into), _)) => match Uuid::parse_str(&into) {
                    Ok(next) => at = next,
                    Err(_) => break,
                },
                Some((name, None, None)) => {
                    found = Some(PersonRef { id: at, name });
                    break;
                }
                _ => break,
            }
        }
        known.insert(id, found.clone());
        Ok(found)
    }
}

impl Tx<'_> {
    /// Turns free-text answers into observations of their wave's session, attributed
    /// to their respondents; an answer that is evidence already is left as it is.
    /// All or nothing.
    pub fn answers_to_observations(
        &self,
        answers: &[AnswerRef],
        kind: ObservationKind,
    ) -> Result<Vec<Observation>, DomainError> {
        if answers.len() > MAX_BULK {
            return Err(DomainError::invalid(
                "answers",
                format!("turn at most {MAX_BULK} answers into observations at once"),
            ));
        }
        let mut made = Vec::with_capacity(answers.len());
        for a in answers {
            let found = self
                .conn
                .prepare_cached(
                    "SELECT w.session_id AS id, r.person_id, json_extract(r.answers, ?3) AS text,
                            json_type(r.answers, ?3) AS type, q.kind,
                            (SELECT 1 FROM survey_observation so
                             JOIN observation_view o ON o.id = so.observation_id AND o.deleted_at IS NULL
                             WHERE so.wave_id = r.wave_id AND so.row = r.row AND so.question = ?4) AS done
                     FROM survey_response r
                     JOIN survey_wave w ON w.id = r.wave_id
                     LEFT JOIN survey_question q ON q.survey_id = w.survey_id AND q.number = ?4
                     WHERE r.wave_id = ?1 AND r.row = ?2",
                )?
                .query_row(
                    params![
                        a.wave_id.to_string(),
                        a.row,
                        format!("$.\"{}\"", a.question),
                        a.question
                    ],
                    |r| {
                        Ok((
                            r.uuid("id")?,
                            r.opt_uuid("person_id")?,
                            r.get::<_, Option<String>>("text")?,
                            r.get::<_, Option<String>>("type")?,
                            r.get::<_, Option<String>>("kind")?,
                            r.get::<_, Option<i64>>("done")?.is_some(),
                        ))
                    },
                );
            let (session, person, text, ty, qkind, done) = match found {
                Ok(f) => f,
                Err(rusqlite::Error::QueryReturnedNoRows) => {
                    return Err(DomainError::NotFound {
                        entity: "survey answer",
                        id: format!("{} row {}", a.wave_id, a.row),
                    })
                }
                Err(e) => return Err(e.into()),
            };
            if qkind.as_deref() != Some(ColumnKind::FreeText.as_str())
                || ty.as_deref() != Some("text")
            {
                return Err(DomainError::invalid(
                    "answer",
                    format!("row {} has no free-text answer to that question", a.row),
                ));
            }
            if done {
                continue;
            }
            let person = match person {
                Some(p) => self
                    .respondent_now(p, &mut HashMap::new())?
                    .map(|p| vec![p.id])
                    .unwrap_or_default(),
                None => Vec::new(),
            };
            let observation = self.create_observation(&NewObservation {
                session_id: Some(session),
                kind,
                text: text.unwrap_or_default(),
                people: person,
                ..Default::default()
            })?;
            self.conn.execute(
                "INSERT OR REPLACE INTO survey_observation (wave_id, row, question, observation_id)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    a.wave_id.to_string(),
                    a.row,
                    a.question,
                    observation.id.to_string()
                ],
            )?;
            made.push(observation);
        }
        Ok(made)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(kind: ColumnKind, scale: Option<Scale>) -> SurveyQuestion {
        SurveyQuestion {
            id: Uuid::nil(),
            number: 1,
            title: "Q".into(),
            kind,
            scale,
        }
    }

    #[test]
    fn nps_is_promoters_minus_detractors_with_blanks_left_out_and_a_margin() {
        let q = question(ColumnKind::Nps, None);
        let values: Vec<Value> = [10, 9, 9, 8, 7, 6, 3, 10]
            .iter()
            .map(|n| serde_json::json!(n))
            .collect();
        let mut answers: Vec<Option<&Value>> = values.iter().map(Some).collect();
        answers.push(None);
        let f = figures(&q, Uuid::nil(), &answers);
        assert_eq!((f.n, f.blanks), (8, 1));
        let nps = f.nps.expect("nps");
        // 4 promoters, 2 detractors of 8: +25.
        assert!((nps.value - 25.0).abs() < 1e-9, "{}", nps.value);
        // Adjusted: 5 and 3 of 11, sqrt((8/11 - (2/11)^2) / 11) * 1.96 * 100 = 49.2.
        assert!((nps.margin - 49.24).abs() < 0.1, "{}", nps.margin);
        assert!(f.small_sample);
        assert_eq!(f.distribution.len(), 11);
        assert_eq!(f.distribution[10].count, 2);
    }

    #[test]
    fn a_unanimous_small_sample_still_has_a_margin() {
        let q = question(ColumnKind::Nps, None);
        let values: Vec<Value> = [10, 10].iter().map(|n| serde_json::json!(n)).collect();
        let answers: Vec<Option<&Value>> = values.iter().map(Some).collect();
        let nps = figures(&q, Uuid::nil(), &answers).nps.expect("nps");
        assert_eq!(nps.value, 100.0);
        assert!(nps.margin > 50.0, "{}", nps.margin);
    }

    #[test]
    fn csat_is_the_share_in_the_top_two_points() {
        let q = question(
            ColumnKind::Csat,
            Some(Scale {
                min: 1,
                max: 5,
                labels: vec![],
            }),
        );
        let values: Vec<Value> = [5, 4, 3, 2].iter().map(|n| serde_json::json!(n)).collect();
        let answers: Vec<Option<&Value>> = values.iter().map(Some).collect();
        let f = figures(&q, Uuid::nil(), &answers);
        let csat = f.csat.expect("csat");
        assert!((csat.value - 50.0).abs() < 1e-9);
        assert!((f.mean.expect("mean") - 3.5).abs() < 1e-9);
        assert_eq!(
            f.distribution.iter().map(|c| c.count).collect::<Vec<_>>(),
            vec![0, 1, 1, 1, 1]
        );
    }
}
