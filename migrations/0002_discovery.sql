-- Groundwork schema 2: the discovery register. People and teams, the people in each
-- session, observations pulled out of notes, tags, ideas, per-workspace session
-- templates, merge records (so a merge can be undone) and one full-text index.

CREATE TABLE team (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    org_area   TEXT NOT NULL DEFAULT '',
    segment    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

CREATE UNIQUE INDEX team_name_unique ON team (name COLLATE NOCASE) WHERE deleted_at IS NULL;

CREATE TABLE person (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    team_id     TEXT REFERENCES team (id) ON DELETE SET NULL,
    role        TEXT NOT NULL DEFAULT '',
    relation    TEXT NOT NULL DEFAULT 'internal_user'
                CHECK (relation IN ('internal_user', 'stakeholder', 'peer_company', 'vendor',
                                    'researcher', 'teammate')),
    -- The three stakeholder questions: their goals, how we can support them,
    -- and the form of interaction they prefer.
    goals       TEXT NOT NULL DEFAULT '',
    support     TEXT NOT NULL DEFAULT '',
    interaction TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    -- Set when this person was merged into another; the merge record can undo it.
    merged_into TEXT REFERENCES person (id)
) STRICT;

CREATE INDEX person_by_name ON person (deleted_at, name COLLATE NOCASE);
CREATE INDEX person_by_team ON person (team_id) WHERE deleted_at IS NULL;

-- Filtering observations by source kind asks which sessions are of a kind.
CREATE INDEX session_by_kind ON session (kind, id);

CREATE TABLE session_person (
    session_id TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    person_id  TEXT NOT NULL REFERENCES person (id),
    position   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX session_person_by_person ON session_person (person_id, session_id);

CREATE TABLE observation (
    id            TEXT PRIMARY KEY,
    cycle_id      TEXT NOT NULL REFERENCES cycle (id),
    -- The session it came from; NULL when typed directly.
    session_id    TEXT REFERENCES session (id),
    kind          TEXT NOT NULL CHECK (kind IN ('quote', 'pain', 'request', 'idea', 'fact')),
    text          TEXT NOT NULL,
    -- The exact passage of the session's notes it was taken from ('' when typed directly),
    -- and where it starts in the notes (UTF-16 code units, as editors count).
    passage       TEXT NOT NULL DEFAULT '',
    passage_start INTEGER,
    -- 'none' (no passage), 'found' (the passage is in the notes), 'lost' (edited away).
    passage_state TEXT NOT NULL DEFAULT 'none' CHECK (passage_state IN ('none', 'found', 'lost')),
    observed_on   TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    merged_into   TEXT REFERENCES observation (id)
) STRICT;

-- The observation list pages live observations newest first, within a cycle or across all.
-- kind and session_id ride along so counts and kind / source filters never touch the table.
CREATE INDEX observation_by_cycle_date ON observation (deleted_at, cycle_id, observed_on, id, kind, session_id);
CREATE INDEX observation_by_date ON observation (deleted_at, observed_on, id, kind, session_id);
CREATE INDEX observation_by_session ON observation (session_id) WHERE session_id IS NOT NULL;

CREATE TABLE observation_person (
    observation_id TEXT NOT NULL REFERENCES observation (id) ON DELETE CASCADE,
    person_id      TEXT NOT NULL REFERENCES person (id),
    PRIMARY KEY (observation_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX observation_person_by_person ON observation_person (person_id, observation_id);

CREATE TABLE tag (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    colour     TEXT NOT NULL DEFAULT '#64748b',
    grp        TEXT NOT NULL DEFAULT '' CHECK (grp IN ('', 'area', 'segment', 'theme')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

CREATE UNIQUE INDEX tag_name_unique ON tag (name COLLATE NOCASE) WHERE deleted_at IS NULL;

CREATE TABLE observation_tag (
    observation_id TEXT NOT NULL REFERENCES observation (id) ON DELETE CASCADE,
    tag_id         TEXT NOT NULL REFERENCES tag (id),
    PRIMARY KEY (observation_id, tag_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX observation_tag_by_tag ON observation_tag (tag_id, observation_id);

-- Ideas are captured in discovery without any judgement. The assessment columns
-- exist for later modes; core refuses to set them while the cycle is in discovery.
CREATE TABLE idea (
    id          TEXT PRIMARY KEY,
    cycle_id    TEXT NOT NULL REFERENCES cycle (id),
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    score       INTEGER,
    effort      TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

CREATE INDEX idea_by_cycle ON idea (deleted_at, cycle_id, created_at);

CREATE TABLE idea_observation (
    idea_id        TEXT NOT NULL REFERENCES idea (id) ON DELETE CASCADE,
    observation_id TEXT NOT NULL REFERENCES observation (id),
    PRIMARY KEY (idea_id, observation_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX idea_observation_by_observation ON idea_observation (observation_id, idea_id);

-- A workspace's own template for a source kind; kinds without a row use the built-in one.
CREATE TABLE session_template (
    kind       TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- One merge of two people or two observations: which links moved, so it can be undone.
CREATE TABLE merge_record (
    id         TEXT PRIMARY KEY,
    entity     TEXT NOT NULL CHECK (entity IN ('person', 'observation')),
    kept_id    TEXT NOT NULL,
    merged_id  TEXT NOT NULL,
    -- JSON: the link rows that pointed at the merged one, as they were.
    moved      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    undone_at  TEXT
) STRICT;

-- One full-text index over everything a user can search. Its rowid encodes the source:
-- source rowid * 8 + entity code (1 session, 2 observation, 3 person, 4 idea, 5 tag),
-- so triggers keep it in step with single-row writes. Trashed rows are not indexed.
-- VACUUM may renumber rowids: `Store::rebuild_search_index` must follow one.
CREATE VIRTUAL TABLE search_index USING fts5 (
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER session_search_insert AFTER INSERT ON session WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (new.rowid * 8 + 1, new.title, new.notes);
END;
CREATE TRIGGER session_search_update AFTER UPDATE OF title, notes, deleted_at ON session BEGIN
    DELETE FROM search_index WHERE rowid = old.rowid * 8 + 1;
    INSERT INTO search_index (rowid, title, body)
        SELECT new.rowid * 8 + 1, new.title, new.notes WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER session_search_delete AFTER DELETE ON session BEGIN
    DELETE FROM search_index WHERE rowid = old.rowid * 8 + 1;
END;

CREATE TRIGGER observation_search_insert AFTER INSERT ON observation WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (new.rowid * 8 + 2, '', new.text);
END;
CREATE TRIGGER observation_search_update AFTER UPDATE OF text, deleted_at ON observation BEGIN
    DELETE FROM search_index WHERE rowid = old.rowid * 8 + 2;
    INSERT INTO search_index (rowid, title, body)
        SELECT new.rowid * 8 + 2, '', new.text WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER observation_search_delete AFTER DELETE ON observation BEGIN
    DELETE FROM search_index WHERE rowid = old.rowid * 8 + 2;
END;

CREATE TRIGGER person_search_insert AFTER INSERT ON person WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body)
        VALUES (new.rowid * 8 + 3, new.name,
                concat_ws(' ', new.role, new.goals, new.support, new.interaction));
END;
CREATE TRIGGER person_search_update AFTER UPDATE OF name, role, goals, support, interaction, deleted_at ON person BEGIN
    DELETE FROM search_index WHERE rowid = old.rowid * 8 + 3;
    INSERT INTO search_index (rowid, title, body)
        SELECT new.rowid * 8 + 3, new.name,
               concat_ws(' ', new.role, new.goals, new.support, new.interaction)
        WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER person_search_delete AFTER DELETE ON person BEGIN
    DELETE FROM search_index WHERE rowid = old.rowid * 8 + 3;
END;

CREATE TRIGGER idea_search_insert AFTER INSERT ON idea WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (new.rowid * 8 + 4, new.title, new.description);
END;
CREATE TRIGGER idea_search_update AFTER UPDATE OF title, description, deleted_at ON idea BEGIN
    DELETE FROM search_index WHERE rowid = old.rowid * 8 + 4;
    INSERT INTO search_index (rowid, title, body)
        SELECT new.rowid * 8 + 4, new.title, new.description WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER idea_search_delete AFTER DELETE ON idea BEGIN
    DELETE FROM search_index WHERE rowid = old.rowid * 8 + 4;
END;

CREATE TRIGGER tag_search_insert AFTER INSERT ON tag WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (new.rowid * 8 + 5, new.name, '');
END;
CREATE TRIGGER tag_search_update AFTER UPDATE OF name, deleted_at ON tag BEGIN
    DELETE FROM search_index WHERE rowid = old.rowid * 8 + 5;
    INSERT INTO search_index (rowid, title, body)
        SELECT new.rowid * 8 + 5, new.name, '' WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER tag_search_delete AFTER DELETE ON tag BEGIN
    DELETE FROM search_index WHERE rowid = old.rowid * 8 + 5;
END;

-- Sessions logged before people existed kept their participants as text. Each distinct
-- name becomes a person linked to those sessions, so nobody who was listed is lost.
CREATE TEMP TABLE migrated_name (session_id TEXT, position INTEGER, name TEXT);

WITH RECURSIVE split (session_id, position, rest, name) AS (
    SELECT id, -1, participants || ',', NULL FROM session WHERE trim(participants) <> ''
    UNION ALL
    SELECT session_id, position + 1,
           substr(rest, instr(rest, ',') + 1),
           trim(substr(rest, 1, instr(rest, ',') - 1))
    FROM split WHERE rest <> ''
)
INSERT INTO temp.migrated_name (session_id, position, name)
    SELECT session_id, position, name FROM split WHERE name IS NOT NULL AND name <> '';

INSERT INTO person (id, name, created_at, updated_at)
    SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
                 substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' ||
                 hex(randomblob(6))),
           name, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM (SELECT min(name) AS name FROM temp.migrated_name GROUP BY lower(name));

INSERT OR IGNORE INTO session_person (session_id, person_id, position)
    SELECT m.session_id, p.id, m.position
    FROM temp.migrated_name m JOIN person p ON lower(p.name) = lower(m.name);

DROP TABLE temp.migrated_name;
