-- Prioritization, second part: the trade-offs a cycle states, weighted criteria,
-- solutions per bucket validated by experiments, and the plan's immediate/vision
-- target. Additive: builds without it open the file and leave these alone.

-- Whom a cycle will serve excellently and whom less well: one team or one segment
-- a row, with the weight its people take in the ranking's reach.
CREATE TABLE serve_choice (
    id         TEXT PRIMARY KEY,
    cycle_id   TEXT NOT NULL REFERENCES cycle (id),
    team_id    TEXT REFERENCES team (id),
    -- As typed; compared in any case, as reach counts segments.
    segment    TEXT,
    stance     TEXT NOT NULL CHECK (stance IN ('excellent', 'less_well')),
    weight     REAL NOT NULL CHECK (weight > 0 AND weight <= 10),
    note       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    CHECK ((team_id IS NULL) <> (segment IS NULL))
) STRICT;

CREATE UNIQUE INDEX serve_choice_once
    ON serve_choice (cycle_id, coalesce(team_id, ''), lower(coalesce(segment, '')));

-- A trade-off the team chose between two goods, e.g. flexibility vs. stability:
-- lean is -2 (all the way to pole_a) … 2 (all the way to pole_b).
CREATE TABLE tradeoff_axis (
    id         TEXT PRIMARY KEY,
    cycle_id   TEXT NOT NULL REFERENCES cycle (id),
    pole_a     TEXT NOT NULL,
    pole_b     TEXT NOT NULL,
    lean       INTEGER NOT NULL DEFAULT 0 CHECK (lean BETWEEN -2 AND 2),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

CREATE INDEX tradeoff_axis_by_cycle ON tradeoff_axis (cycle_id, deleted_at, created_at);

-- The criteria of the weighted-criteria framework, for the whole workspace.
CREATE TABLE criterion (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    weight     REAL NOT NULL CHECK (weight > 0 AND weight <= 100),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

-- A pain's rating on one criterion (0 … 10): a raw input like pain_score's.
CREATE TABLE pain_criterion (
    pain_id      TEXT NOT NULL REFERENCES pain (id) ON DELETE CASCADE,
    criterion_id TEXT NOT NULL REFERENCES criterion (id),
    value        REAL NOT NULL,
    PRIMARY KEY (pain_id, criterion_id)
) STRICT, WITHOUT ROWID;

-- A candidate solution to a bucket's problem. The cycle is kept with it so the mode
-- policy reads it in one look-up.
CREATE TABLE solution (
    id                 TEXT PRIMARY KEY,
    cycle_id           TEXT NOT NULL REFERENCES cycle (id),
    bucket_id          TEXT NOT NULL REFERENCES bucket (id),
    title              TEXT NOT NULL,
    notes              TEXT NOT NULL DEFAULT '',
    horizon            TEXT NOT NULL CHECK (horizon IN ('immediate', 'vision')),
    status             TEXT NOT NULL DEFAULT 'unvalidated'
                       CHECK (status IN ('unvalidated', 'validating', 'validated', 'disproven')),
    -- Person-months; absent when not estimated yet.
    effort             REAL,
    -- An existing capability that may solve it if users knew of it, and what telling
    -- them about it showed.
    capability         TEXT NOT NULL DEFAULT '',
    capability_outcome TEXT NOT NULL DEFAULT '',
    -- Cloud vendors may absorb this within 2–3 years, so underinvest.
    vendor_absorb      INTEGER NOT NULL DEFAULT 0,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT
) STRICT;

CREATE INDEX solution_by_cycle ON solution (cycle_id, deleted_at, created_at);

-- The cloud-vendor-scan observations a vendor-absorb flag cites.
CREATE TABLE solution_vendor_evidence (
    solution_id    TEXT NOT NULL REFERENCES solution (id) ON DELETE CASCADE,
    observation_id TEXT NOT NULL REFERENCES observation (id),
    PRIMARY KEY (solution_id, observation_id)
) STRICT, WITHOUT ROWID;

-- An experiment on a solution: the test that could prove it cannot work, and what
-- it showed.
CREATE TABLE experiment (
    id          TEXT PRIMARY KEY,
    cycle_id    TEXT NOT NULL REFERENCES cycle (id),
    solution_id TEXT NOT NULL REFERENCES solution (id),
    hypothesis  TEXT NOT NULL,
    falsifier   TEXT NOT NULL,
    result      TEXT NOT NULL DEFAULT '',
    outcome     TEXT CHECK (outcome IN ('survived', 'disproved', 'inconclusive')),
    ran_on      TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

CREATE INDEX experiment_by_solution ON experiment (solution_id, deleted_at, created_at);

-- The share of planned effort meant for immediate needs (the rest is the vision).
ALTER TABLE cycle ADD COLUMN immediate_target INTEGER NOT NULL DEFAULT 70;

-- A counter every change that can move a pain's reach raises, so a ranking may reuse
-- the reach it weighed last while the counter stands still. The triggers name every
-- column reach reads: links, who said what, where it was heard, people's teams and
-- relations, teams' names and segments, and the cycle's stances.
CREATE TABLE reach_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
) STRICT;

INSERT INTO reach_generation (id, n) VALUES (1, 0);

CREATE TRIGGER reach_on_link_insert AFTER INSERT ON pain_evidence
    BEGIN UPDATE reach_generation SET n = n + 1; END;
CREATE TRIGGER reach_on_link_delete AFTER DELETE ON pain_evidence
    BEGIN UPDATE reach_generation SET n = n + 1; END;
CREATE TRIGGER reach_on_link_update AFTER UPDATE ON pain_evidence
    BEGIN UPDATE reach_generation SET n = n + 1; END;
CREATE TRIGGER reach_on_observation_update AFTER UPDATE OF session_id, deleted_at ON observation
    BEGIN UPDATE reach_generation SET n = n + 1; END;
CREATE TRIGGER reach_on_observation_delete AFTER DELETE ON observation
    BEGIN UPDATE reach_generation SET n = n + 1; END;
CREATE TRIGGER reach_on_speaker_insert AFTER INSERT ON observation_person
    BEGIN UPDATE reach_generation SET n = n + 1; END;
CREATE TRIGGER reach_on_speaker_delete AFTER DELETE ON observation_person
    BEGIN UPDATE reach_generation SET n = n + 1; END;
CREATE TRIGGER reach_on_session_update AFTER UPDATE OF kind ON session
    BEGIN UPDATE reach_generation SET n = n + 1; END;
CREATE TRIGGER reach_on_person_update AFTER UPDATE OF name, relation, team_id, deleted_at ON person
    BEGIN UPDATE reach_generation SET n = n + 1; END;
CREATE TRIGGER reach_on_person_delete AFTER DELETE ON person
    BEGIN UPDATE reach_generation SET n = n + 1; END;
CREATE TRIGGER reach_on_team_update AFTER UPDATE OF name, segment, deleted_at ON team
    BEGIN UPDATE reach_generation SET n = n + 1; END;
CREATE TRIGGER reach_on_team_delete AFTER DELETE ON team
    BEGIN UPDATE reach_generation SET n = n + 1; END;
CREATE TRIGGER reach_on_stance_insert AFTER INSERT ON serve_choice
    BEGIN UPDATE reach_generation SET n = n + 1; END;
CREATE TRIGGER reach_on_stance_delete AFTER DELETE ON serve_choice
    BEGIN UPDATE reach_generation SET n = n + 1; END;
CREATE TRIGGER reach_on_stance_update AFTER UPDATE ON serve_choice
    BEGIN UPDATE reach_generation SET n = n + 1; END;
CREATE TRIGGER reach_on_speaker_update AFTER UPDATE ON observation_person
    BEGIN UPDATE reach_generation SET n = n + 1; END;
