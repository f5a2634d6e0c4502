-- What one speaker said in one transcript, as one row for search (owned by discovery):
-- the words of every turn of a label, one turn a line, in order (a line break inside a
-- turn is a space here), and `positions`, which turns those lines are (a JSON array of
-- their `position`s), so a hit is placed in its turn from this one row. Indexed turn by
-- turn, an hour's transcript was some 500 index rows, and every search paid to count
-- them; a voice is one row (a transcript of four speakers is four), and a hit is led
-- back to the turn that holds its first matched word. The turns stay the source: core
-- rewrites a transcript's voices whenever its turns change (see `refresh_voices`).
-- Breaking: search index code 6 now names a voice, not a turn.
-- `id` is the transcript's id and the label, joined by a slash: a voice is no more
-- than that pair, and `voice_person` needs one column to name it.
CREATE TABLE transcript_voice (
    id            TEXT PRIMARY KEY,
    transcript_id TEXT NOT NULL REFERENCES transcript (id),
    speaker       TEXT NOT NULL,
    text          TEXT NOT NULL,
    positions     TEXT NOT NULL,
    day           TEXT NOT NULL,
    deleted_at    TEXT
) STRICT;

CREATE INDEX transcript_voice_by_transcript ON transcript_voice (transcript_id);

-- Who a voice is (every turn of a label is the same person's): `person:` and `team:`
-- find what someone said from a few rows here instead of every turn they spoke. A link,
-- so the kernel's merge of people moves it, and undoes it, as it moves `turn_person`.
CREATE TABLE voice_person (
    voice_id  TEXT NOT NULL REFERENCES transcript_voice (id),
    person_id TEXT NOT NULL REFERENCES person (id),
    PRIMARY KEY (voice_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX voice_person_by_person ON voice_person (person_id, voice_id);

DROP TRIGGER transcript_turn_search_insert;
DROP TRIGGER transcript_turn_search_update;
DROP TRIGGER transcript_turn_search_delete;
DELETE FROM search_index WHERE (rowid & 7) = 6;

-- Voices follow their session into the trash and back, and take its day.
CREATE TRIGGER session_trash_voices AFTER UPDATE OF deleted_at ON session BEGIN
    UPDATE transcript_voice SET deleted_at = new.deleted_at
    WHERE transcript_id IN (SELECT id FROM transcript WHERE session_id = new.id);
END;
CREATE TRIGGER session_day_voices AFTER UPDATE OF held_on ON session BEGIN
    UPDATE transcript_voice SET day = new.held_on
    WHERE transcript_id IN (SELECT id FROM transcript WHERE session_id = new.id);
END;

CREATE TRIGGER transcript_voice_search_insert AFTER INSERT ON transcript_voice WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES ((coalesce(unixepoch(new.day) / 86400 + 25567, 0) << 32) + (new.rowid << 3) + 6, new.speaker, new.text);
END;
CREATE TRIGGER transcript_voice_search_update AFTER UPDATE OF speaker, text, day, deleted_at ON transcript_voice BEGIN
    DELETE FROM search_index WHERE rowid = (coalesce(unixepoch(old.day) / 86400 + 25567, 0) << 32) + (old.rowid << 3) + 6;
    INSERT INTO search_index (rowid, title, body) SELECT (coalesce(unixepoch(new.day) / 86400 + 25567, 0) << 32) + (new.rowid << 3) + 6, new.speaker, new.text
    WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER transcript_voice_search_delete AFTER DELETE ON transcript_voice BEGIN
    DELETE FROM search_index WHERE rowid = (coalesce(unixepoch(old.day) / 86400 + 25567, 0) << 32) + (old.rowid << 3) + 6;
END;

INSERT INTO transcript_voice (id, transcript_id, speaker, text, positions, day, deleted_at)
SELECT transcript_id || '/' || speaker, transcript_id, speaker, group_concat(replace(text, char(10), ' '), char(10) ORDER BY position),
       json_group_array(position ORDER BY position), max(day), max(deleted_at)
FROM transcript_turn GROUP BY transcript_id, speaker;

INSERT OR IGNORE INTO voice_person (voice_id, person_id)
SELECT t.transcript_id || '/' || t.speaker, tp.person_id
FROM turn_person tp JOIN transcript_turn t ON t.id = tp.turn_id;
