//! The store: a wave imported as a survey session, all or nothing, its respondents matched or added.

use super::*;

pub(super) fn survey_name(name: &str) -> Result<String, DomainError> {
    crate::store::input::line(
        "survey",
        name,
        SURVEY_NAME,
        Some("name the survey, e.g. \"Developer experience survey\""),
    )
}

/// A name for a person known only by an email: `priya.raman@corp` is "Priya Raman".
pub(super) fn name_from_email(email: &str) -> String {
    let local = email.split('@').next().unwrap_or(email);
    local
        .split(['.', '_', '-', '+'])
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .map(capitalise)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The name a respondent is added to People as: an email's words, or the name given.
fn person_name(key: &str) -> String {
    let name = if looks_like_email(key) {
        name_from_email(key)
    } else {
        key.to_owned()
    };
    if name.is_empty() {
        key.to_owned()
    } else {
        name
    }
}

impl Db<'_> {
    /// The live survey of this name (in any case): its id, its name as stored, and
    /// its remembered mapping.
    pub(super) fn survey_by_name(
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

    pub(super) fn wave_with_hash(&self, hash: &str) -> Result<Option<WaveRef>, DomainError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT w.id, s.name AS survey, w.label, w.session_id, se.held_on
                 FROM survey_wave w JOIN survey s ON s.id = w.survey_id
                 JOIN session_view se ON se.id = w.session_id
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
        let (mut preview, named) = preview_of(&table, &applied, remembered.is_some());
        preview.duplicate_of = self.wave_with_hash(&table.hash)?;
        preview.register = self.register_preview(&named)?;
        Ok(preview)
    }

    /// What importing would add to People: who of the respondents and teams is known.
    fn register_preview(&self, named: &Named) -> Result<RegisterPreview, DomainError> {
        let people = self.load_people()?;
        let (respondents, teams) = (&named.respondents, &named.teams);
        let mut register = RegisterPreview {
            respondents: respondents.len() as u32,
            teams: teams.len() as u32,
            ..RegisterPreview::default()
        };
        let mut adding = std::collections::HashSet::new();
        for key in respondents {
            if people.find(key).is_some() {
                register.known += 1;
            } else {
                let name = person_name(key);
                // Two keys of one name would be one person added.
                if adding.insert(name.to_lowercase()) {
                    register.new_people_count += 1;
                    if register.new_people.len() < REGISTER_PREVIEW_NAMES {
                        register.new_people.push(name);
                    }
                }
            }
        }
        for team in teams {
            if !people.teams.contains_key(&team.to_lowercase()) {
                register.new_teams_count += 1;
                if register.new_teams.len() < REGISTER_PREVIEW_NAMES {
                    register.new_teams.push(team.clone());
                }
            }
        }
        Ok(register)
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
                 FROM survey_wave w JOIN session_view s ON s.id = w.session_id
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
pub(super) struct People {
    pub(super) teams: HashMap<String, Uuid>,
    pub(super) keys: HashMap<String, Uuid>,
    pub(super) names: HashMap<String, Uuid>,
    pub(super) matched: u32,
    pub(super) created: u32,
    pub(super) teams_created: u32,
}

impl People {
    /// The person a respondent key names: the one it was matched to before, or the
    /// person of the name it would be added as.
    fn find(&self, key: &str) -> Option<Uuid> {
        self.keys
            .get(&key.to_lowercase())
            .or_else(|| self.names.get(&person_name(key).to_lowercase()))
            .copied()
    }
}

impl Db<'_> {
    pub(super) fn load_people(&self) -> Result<People, DomainError> {
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
            teams: map("SELECT name, id FROM team_view WHERE deleted_at IS NULL ORDER BY created_at")?,
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
            names: map("SELECT name, id FROM person_view WHERE deleted_at IS NULL AND merged_into IS NULL ORDER BY created_at")?,
            matched: 0,
            created: 0,
            teams_created: 0,
        })
    }
}

impl Tx<'_> {
    /// The team of this name; one People does not know is added when `add` says so.
    pub(super) fn team_for(
        &self,
        people: &mut People,
        name: &str,
        add: bool,
    ) -> Result<Option<Uuid>, DomainError> {
        if let Some(id) = people.teams.get(&name.to_lowercase()) {
            return Ok(Some(*id));
        }
        if !add {
            return Ok(None);
        }
        let id = self.add_team_named(name)?;
        people.teams.insert(name.to_lowercase(), id);
        people.teams_created += 1;
        Ok(Some(id))
    }

    /// The person a respondent is, as `choice` allows: matched in People, added to
    /// it, or no one (anonymous, or unknown when only matching).
    pub(super) fn person_for(
        &self,
        people: &mut People,
        key: &str,
        team: Option<Uuid>,
        choice: Respondents,
    ) -> Result<Option<Uuid>, DomainError> {
        if choice == Respondents::Anonymous {
            return Ok(None);
        }
        let lower = key.to_lowercase();
        if let Some(id) = people.keys.get(&lower) {
            return Ok(Some(*id));
        }
        let name = person_name(key);
        let id = match people.names.get(&name.to_lowercase()) {
            Some(id) => {
                people.matched += 1;
                *id
            }
            None if choice == Respondents::Match => return Ok(None),
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
        Ok(Some(id))
    }

    /// The question numbers of the mapped columns, made or updated in the survey.
    pub(super) fn questions_for(
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
            "SELECT count(*) FROM survey_wave w JOIN session_view s ON s.id = w.session_id
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
        let choice = request.respondents.unwrap_or_default();
        let add_teams = request.add_teams.unwrap_or(true);
        let mut without_person = 0u32;
        let done_before = total;
        for (i, r) in responses.iter().enumerate() {
            let team = match r.team.as_deref() {
                Some(t) => self.team_for(&mut people, t, add_teams)?,
                None => None,
            };
            let person = match r.respondent.as_deref() {
                Some(p) => self.person_for(&mut people, p, team, choice)?,
                None => None,
            };
            match person {
                Some(p) => {
                    respondents.insert(p);
                }
                None => without_person += 1,
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
            responses_without_person: without_person,
            teams_created: people.teams_created,
            new_columns: applied.new_columns,
        })
    }
}

/// The notes a wave's session starts with: where it came from, in words.
pub(super) fn wave_notes(
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
    let max = text_file::MAX_FILE_BYTES;
    crate::store::chosen_file::read_chosen(path, "a survey export", max, |len| {
        text_file::FileError::TooLarge {
            size: crate::store::wording::size_beside(len as usize, max),
            max: format!("{} MiB", max / (1024 * 1024)),
        }
        .into()
    })
}
