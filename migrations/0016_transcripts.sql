-- Transcripts of recorded talks, each the source of its session (owned by discovery).
-- `original` is the file as it came, byte for byte; the turns are what was read from
-- it, one row a turn. Breaking: older builds would meet search hits of a kind (6, a
-- turn) they cannot show.
CREATE TABLE transcript (
    id          TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES session (id),
    file_name   TEXT NOT NULL,
    format      TEXT NOT NULL,
    encoding    TEXT NOT NULL,
    original    BLOB NOT NULL,
    duration_ms INTEGER,
    -- JSON: the lines left out as not speech, each {line, text, why}.
    left_out    TEXT NOT NULL DEFAULT '[]',
    imported_at TEXT NOT NULL
) STRICT;

CREATE INDEX transcript_by_session ON transcript (session_id);

-- One speaker's turn. `speaker` is the label as the file writes it; `role` says whether
-- they are a participant or us (the interviewer, never a user's voice); who they are is
-- `turn_person`, a link, so merges of people move it as they move every other link.
-- `day` is the session's, kept here for the search index's order; `deleted_at` follows
-- the session's, so a trashed session's words leave the index with it.
CREATE TABLE transcript_turn (
    id            TEXT PRIMARY KEY,
    transcript_id TEXT NOT NULL REFERENCES transcript (id),
    position      INTEGER NOT NULL,
    speaker       TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT 'participant' CHECK (role IN ('participant', 'us')),
    start_ms      INTEGER,
    end_ms        INTEGER,
    text          TEXT NOT NULL,
    line          INTEGER NOT NULL,
    day           TEXT NOT NULL,
    deleted_at    TEXT
) STRICT;

CREATE UNIQUE INDEX transcript_turn_order ON transcript_turn (transcript_id, position);

CREATE TABLE turn_person (
    turn_id   TEXT NOT NULL REFERENCES transcript_turn (id),
    person_id TEXT NOT NULL REFERENCES person (id),
    PRIMARY KEY (turn_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX turn_person_by_person ON turn_person (person_id, turn_id);

-- What a speaker label was last mapped to, so the next transcript of a series maps in
-- one step. `label` is in lower case; a merged person is followed to the one kept.
CREATE TABLE speaker_memory (
    label      TEXT PRIMARY KEY,
    person_id  TEXT REFERENCES person (id),
    role       TEXT NOT NULL CHECK (role IN ('participant', 'us')),
    updated_at TEXT NOT NULL
) STRICT;

-- An observation taken from a turn: the turn, and when in the recording it was said.
ALTER TABLE observation ADD COLUMN turn_id TEXT REFERENCES transcript_turn (id);
ALTER TABLE observation ADD COLUMN said_at_ms INTEGER;

CREATE INDEX observation_by_turn ON observation (turn_id) WHERE turn_id IS NOT NULL;

-- The turns follow their session into the trash and back, and take its day.
CREATE TRIGGER session_trash_turns AFTER UPDATE OF deleted_at ON session BEGIN
    UPDATE transcript_turn SET deleted_at = new.deleted_at
    WHERE transcript_id IN (SELECT id FROM transcript WHERE session_id = new.id);
END;
CREATE TRIGGER session_day_turns AFTER UPDATE OF held_on ON session BEGIN
    UPDATE transcript_turn SET day = new.held_on
    WHERE transcript_id IN (SELECT id FROM transcript WHERE session_id = new.id);
END;

CREATE TRIGGER transcript_turn_search_insert AFTER INSERT ON transcript_turn WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES ((coalesce(unixepoch(new.day) / 86400 + 25567, 0) << 32) + (new.rowid << 3) + 6, new.speaker, new.text);
END;
CREATE TRIGGER transcript_turn_search_update AFTER UPDATE OF speaker, text, day, deleted_at ON transcript_turn BEGIN
    DELETE FROM search_index WHERE rowid = (coalesce(unixepoch(old.day) / 86400 + 25567, 0) << 32) + (old.rowid << 3) + 6;
    INSERT INTO search_index (rowid, title, body) SELECT (coalesce(unixepoch(new.day) / 86400 + 25567, 0) << 32) + (new.rowid << 3) + 6, new.speaker, new.text
    WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER transcript_turn_search_delete AFTER DELETE ON transcript_turn BEGIN
    DELETE FROM search_index WHERE rowid = (coalesce(unixepoch(old.day) / 86400 + 25567, 0) << 32) + (old.rowid << 3) + 6;
END;

-- What documents may read of an observation's turn: who said it and when.
CREATE VIEW transcript_turn_view AS
    SELECT id, transcript_id, speaker, role, start_ms, end_ms FROM transcript_turn;

-- What documents may read of an observation now includes the turn it was taken from
-- and when in the recording it was said, so a citation names the speaker and the time.
DROP VIEW observation_view;
CREATE VIEW observation_view AS
    SELECT id, cycle_id, session_id, kind, text, observed_on, late_input, merged_into,
           created_at, deleted_at, turn_id, said_at_ms
    FROM observation;

-- A document keeps, with what a cited observation said, who spoke it in the transcript
-- (the label, for a speaker no person stands for) and when in the recording.
ALTER TABLE document_citation ADD COLUMN speaker TEXT;
ALTER TABLE document_citation ADD COLUMN said_at_ms INTEGER;
