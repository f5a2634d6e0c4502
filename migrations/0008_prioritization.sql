-- Prioritization: a cycle's history of mode changes, late input, and pains with their
-- evidence. Additive: builds without it open the file and leave these alone.

-- Every change of a cycle's mode, with the reason given (going back to discovery
-- needs one).
CREATE TABLE cycle_event (
    id        TEXT PRIMARY KEY,
    cycle_id  TEXT NOT NULL REFERENCES cycle (id),
    from_mode TEXT NOT NULL,
    to_mode   TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL
) STRICT;

CREATE INDEX cycle_event_by_cycle ON cycle_event (cycle_id, at);

-- What was captured while its cycle was out of discovery: it counts, visibly.
ALTER TABLE session ADD COLUMN late_input INTEGER NOT NULL DEFAULT 0;
ALTER TABLE observation ADD COLUMN late_input INTEGER NOT NULL DEFAULT 0;
ALTER TABLE idea ADD COLUMN late_input INTEGER NOT NULL DEFAULT 0;

-- A user-pain statement. Severity is the team's judgement (absent: not set).
CREATE TABLE pain (
    id         TEXT PRIMARY KEY,
    cycle_id   TEXT NOT NULL REFERENCES cycle (id),
    statement  TEXT NOT NULL,
    severity   TEXT CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

CREATE INDEX pain_by_cycle ON pain (cycle_id, deleted_at, created_at);

-- One row per observation behind a pain: how much it matters, and when and why it
-- was linked. One observation may support several pains.
CREATE TABLE pain_evidence (
    pain_id        TEXT NOT NULL REFERENCES pain (id) ON DELETE CASCADE,
    observation_id TEXT NOT NULL REFERENCES observation (id),
    importance     TEXT CHECK (importance IN ('nice_to_have', 'important', 'critical')),
    reason         TEXT NOT NULL DEFAULT '',
    linked_at      TEXT NOT NULL,
    PRIMARY KEY (pain_id, observation_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX pain_evidence_by_observation ON pain_evidence (observation_id, pain_id);

-- Pains grouped into problems one solution could address, eliminate or empower.
CREATE TABLE bucket (
    id         TEXT PRIMARY KEY,
    cycle_id   TEXT NOT NULL REFERENCES cycle (id),
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('address', 'eliminate', 'empower')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

CREATE INDEX bucket_by_cycle ON bucket (cycle_id, deleted_at, created_at);

-- A pain sits in at most one bucket; a trashed bucket keeps its pains for a restore.
ALTER TABLE pain ADD COLUMN bucket_id TEXT REFERENCES bucket (id);

-- The raw inputs of a pain's score, never only a score: the score is computed from
-- them and the pain's reach each time. A missing input leaves the pain unscored.
CREATE TABLE pain_score (
    pain_id    TEXT PRIMARY KEY REFERENCES pain (id) ON DELETE CASCADE,
    impact     REAL,
    confidence REAL,
    effort     REAL,
    ease       REAL,
    value      REAL,
    updated_at TEXT NOT NULL
) STRICT;

-- Positions set by hand, each with its written reason. The latest row of a pain holds
-- (a NULL position gives it back to its score); all of them are its history.
CREATE TABLE rank_override (
    id       TEXT PRIMARY KEY,
    pain_id  TEXT NOT NULL REFERENCES pain (id) ON DELETE CASCADE,
    position INTEGER,
    reason   TEXT NOT NULL,
    at       TEXT NOT NULL
) STRICT;

CREATE INDEX rank_override_by_pain ON rank_override (pain_id, at);
