-- Surveys: a series of waves, each an imported export of responses. A wave is a
-- discovery session of the survey kind (its cycle, date and trash are the session's);
-- its responses keep who answered, their team, when, and the answers by question.
-- Additive: builds without it open the file and leave these alone.

CREATE TABLE survey (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    -- The column mapping of the last wave, as JSON: the next wave imports in one step.
    mapping    TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

CREATE UNIQUE INDEX survey_name_unique ON survey (name COLLATE NOCASE) WHERE deleted_at IS NULL;

CREATE TABLE survey_question (
    id        TEXT PRIMARY KEY,
    survey_id TEXT NOT NULL REFERENCES survey (id),
    -- Its key in a response's answers; never reused within the survey.
    number    INTEGER NOT NULL,
    title     TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('likert', 'nps', 'csat', 'number', 'single_choice',
                                            'multiple_choice', 'free_text')),
    scale_min INTEGER,
    scale_max INTEGER,
    -- The scale's words, lowest first, as a JSON array; empty when answers are numbers.
    labels    TEXT NOT NULL DEFAULT '[]',
    UNIQUE (survey_id, number)
) STRICT;

CREATE UNIQUE INDEX survey_question_title ON survey_question (survey_id, title COLLATE NOCASE);

CREATE TABLE survey_wave (
    id           TEXT PRIMARY KEY,
    survey_id    TEXT NOT NULL REFERENCES survey (id),
    session_id   TEXT NOT NULL UNIQUE REFERENCES session (id),
    label        TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    -- SHA-256 of the file's records as read: the same responses imported twice are noticed.
    content_hash TEXT NOT NULL,
    encoding     TEXT NOT NULL,
    delimiter    TEXT NOT NULL,
    responses    INTEGER NOT NULL,
    skipped      INTEGER NOT NULL,
    imported_at  TEXT NOT NULL
) STRICT;

CREATE INDEX survey_wave_by_survey ON survey_wave (survey_id);
CREATE INDEX survey_wave_by_hash ON survey_wave (content_hash);

CREATE TABLE survey_response (
    wave_id      TEXT NOT NULL REFERENCES survey_wave (id),
    -- The row of the file (its header is row 1), as a spreadsheet shows it.
    row          INTEGER NOT NULL,
    person_id    TEXT REFERENCES person (id),
    team_id      TEXT REFERENCES team (id),
    submitted_on TEXT,
    -- {"question number": answer}: a number, a choice, a list of choices, or text.
    answers      TEXT NOT NULL,
    PRIMARY KEY (wave_id, row)
) STRICT, WITHOUT ROWID;

-- Who answered a wave, once each: what ask-load reads (an index on the responses'
-- person would cost an import more than the responses themselves).
CREATE TABLE survey_wave_person (
    wave_id   TEXT NOT NULL REFERENCES survey_wave (id),
    person_id TEXT NOT NULL REFERENCES person (id),
    PRIMARY KEY (wave_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX survey_wave_person_by_person ON survey_wave_person (person_id);

-- How a respondent was named in an export (an email or a name, in lower case),
-- matched to a person once, so later waves find the same person.
CREATE TABLE respondent (
    key       TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES person (id)
) STRICT, WITHOUT ROWID;

-- Whom each session asked for their time: its participants, and the respondents of
-- the survey wave it is. Ask-load and last contact count from here.
CREATE VIEW session_asked AS
    SELECT session_id, person_id FROM session_person
    UNION
    SELECT w.session_id, wp.person_id
    FROM survey_wave_person wp JOIN survey_wave w ON w.id = wp.wave_id;

-- A free-text answer turned into evidence: the observation it became.
CREATE TABLE survey_observation (
    wave_id        TEXT NOT NULL REFERENCES survey_wave (id),
    row            INTEGER NOT NULL,
    question       INTEGER NOT NULL,
    observation_id TEXT NOT NULL REFERENCES observation (id),
    PRIMARY KEY (wave_id, row, question)
) STRICT, WITHOUT ROWID;
