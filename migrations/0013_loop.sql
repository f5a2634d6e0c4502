-- Closing the loop with customers: a check-in rhythm per stakeholder and their three
-- answers kept over time; SLAs (expected vs. delivered, with a history); adoption and
-- migration milestones; kudos; and "you said, we did" answers to observations and pains.
-- Additive but for the citation table at the end (see there).

-- How often to check in with someone, in weeks; NULL for no rhythm.
ALTER TABLE person ADD COLUMN checkin_weeks INTEGER;

-- A stakeholder's answers to the three questions as given on one day.
CREATE TABLE checkin (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES person (id),
    held_on     TEXT NOT NULL,
    goals       TEXT NOT NULL,
    support     TEXT NOT NULL,
    interaction TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

CREATE INDEX checkin_by_person ON checkin (person_id, held_on);

-- What one user team expects of one platform service, on one measure.
CREATE TABLE sla (
    id         TEXT PRIMARY KEY,
    service    TEXT NOT NULL,
    team_id    TEXT NOT NULL REFERENCES team (id),
    measure    TEXT NOT NULL,
    unit       TEXT NOT NULL DEFAULT '',
    -- Whether more is better (availability) or less (build minutes, response hours).
    better     TEXT NOT NULL CHECK (better IN ('higher', 'lower')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

CREATE UNIQUE INDEX sla_unique ON sla (service COLLATE NOCASE, team_id, measure COLLATE NOCASE)
    WHERE deleted_at IS NULL;

-- A level of an SLA on a day: expected (heard in an SLA conversation) or delivered.
CREATE TABLE sla_level (
    id         TEXT PRIMARY KEY,
    sla_id     TEXT NOT NULL REFERENCES sla (id),
    kind       TEXT NOT NULL CHECK (kind IN ('expected', 'delivered')),
    value      REAL NOT NULL,
    on_date    TEXT NOT NULL,
    session_id TEXT REFERENCES session (id),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

CREATE INDEX sla_level_by_sla ON sla_level (sla_id, on_date);

-- A team adopting a platform capability or finishing a migration.
CREATE TABLE adoption (
    id         TEXT PRIMARY KEY,
    team_id    TEXT NOT NULL REFERENCES team (id),
    capability TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('adoption', 'migration')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

CREATE TABLE adoption_milestone (
    id          TEXT PRIMARY KEY,
    adoption_id TEXT NOT NULL REFERENCES adoption (id),
    title       TEXT NOT NULL,
    planned_on  TEXT,
    done_on     TEXT,
    -- How much of the team has moved once this milestone is done, 0 to 100.
    percent     REAL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

CREATE INDEX adoption_milestone_by_adoption ON adoption_milestone (adoption_id);

-- Appreciation received (people said thanks to the platform team) or given.
CREATE TABLE kudos (
    id         TEXT PRIMARY KEY,
    direction  TEXT NOT NULL CHECK (direction IN ('received', 'given')),
    given_on   TEXT NOT NULL,
    what       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

-- Who gave a received kudos, or who was thanked by a given one.
CREATE TABLE kudos_person (
    kudos_id  TEXT NOT NULL REFERENCES kudos (id),
    person_id TEXT NOT NULL REFERENCES person (id),
    PRIMARY KEY (kudos_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX kudos_person_by_person ON kudos_person (person_id);

-- "You said, we did": what was done about an observation or a pain.
CREATE TABLE answer (
    id              TEXT PRIMARY KEY,
    observation_id  TEXT REFERENCES observation (id),
    pain_id         TEXT REFERENCES pain (id),
    what_done       TEXT NOT NULL,
    done_on         TEXT NOT NULL,
    solution_id     TEXT REFERENCES solution (id),
    roadmap_item_id TEXT REFERENCES roadmap_item (id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    CHECK ((observation_id IS NULL) != (pain_id IS NULL))
) STRICT;

CREATE UNIQUE INDEX answer_of_observation ON answer (observation_id)
    WHERE deleted_at IS NULL AND observation_id IS NOT NULL;
CREATE UNIQUE INDEX answer_of_pain ON answer (pain_id)
    WHERE deleted_at IS NULL AND pain_id IS NOT NULL;

-- A document may cite a kudos like an observation: the citation table takes the new
-- kind. SQLite cannot change a CHECK in place, so the table is rebuilt with its rows.
-- Builds before this one could not read such a citation, so this step is breaking:
-- they refuse the file, untouched, rather than fail on a document.
CREATE TABLE document_citation_new (
    document_id   TEXT NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL
                  CHECK (kind IN ('observation', 'pain', 'bucket', 'solution', 'session', 'kudos')),
    target_id     TEXT NOT NULL,
    text          TEXT NOT NULL,
    who           TEXT NOT NULL DEFAULT '',
    teams         TEXT NOT NULL DEFAULT '',
    session_title TEXT NOT NULL DEFAULT '',
    session_date  TEXT,
    cited_at      TEXT NOT NULL,
    PRIMARY KEY (document_id, kind, target_id)
) STRICT, WITHOUT ROWID;

INSERT INTO document_citation_new SELECT document_id, kind, target_id, text, who, teams,
    session_title, session_date, cited_at FROM document_citation;
DROP TABLE document_citation;
ALTER TABLE document_citation_new RENAME TO document_citation;
