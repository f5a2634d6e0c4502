-- The search index's rowid becomes `day << 32 | source rowid << 3 | code`, so its own
-- rowid order is newest first by the row's date (a session's day, an observation's, the
-- day an idea was written; people and tags have none and come last) and "newest first"
-- reads a few rows of the index instead of sorting every match. The triggers also
-- re-index a row whose date changes. Breaking: builds before it decode rowids as
-- `source × 8 + code` and would find the wrong rows.

DROP TRIGGER session_search_insert;
DROP TRIGGER session_search_update;
DROP TRIGGER session_search_delete;

DROP TRIGGER observation_search_insert;
DROP TRIGGER observation_search_update;
DROP TRIGGER observation_search_delete;

DROP TRIGGER person_search_insert;
DROP TRIGGER person_search_update;
DROP TRIGGER person_search_delete;

DROP TRIGGER idea_search_insert;
DROP TRIGGER idea_search_update;
DROP TRIGGER idea_search_delete;

DROP TRIGGER tag_search_insert;
DROP TRIGGER tag_search_update;
DROP TRIGGER tag_search_delete;

DELETE FROM search_index;

CREATE TRIGGER session_search_insert AFTER INSERT ON session WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES ((coalesce(unixepoch(new.held_on) / 86400 + 25567, 0) << 32) + (new.rowid << 3) + 1, new.title, new.notes);
END;
CREATE TRIGGER session_search_update AFTER UPDATE OF title, notes, held_on, deleted_at ON session BEGIN
    DELETE FROM search_index WHERE rowid = (coalesce(unixepoch(old.held_on) / 86400 + 25567, 0) << 32) + (old.rowid << 3) + 1;
    INSERT INTO search_index (rowid, title, body) SELECT (coalesce(unixepoch(new.held_on) / 86400 + 25567, 0) << 32) + (new.rowid << 3) + 1, new.title, new.notes
    WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER session_search_delete AFTER DELETE ON session BEGIN
    DELETE FROM search_index WHERE rowid = (coalesce(unixepoch(old.held_on) / 86400 + 25567, 0) << 32) + (old.rowid << 3) + 1;
END;
INSERT INTO search_index (rowid, title, body)
    SELECT (coalesce(unixepoch(session.held_on) / 86400 + 25567, 0) << 32) + (session.rowid << 3) + 1, session.title, session.notes FROM session WHERE deleted_at IS NULL;

CREATE TRIGGER observation_search_insert AFTER INSERT ON observation WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES ((coalesce(unixepoch(new.observed_on) / 86400 + 25567, 0) << 32) + (new.rowid << 3) + 2, '', new.text);
END;
CREATE TRIGGER observation_search_update AFTER UPDATE OF text, observed_on, deleted_at ON observation BEGIN
    DELETE FROM search_index WHERE rowid = (coalesce(unixepoch(old.observed_on) / 86400 + 25567, 0) << 32) + (old.rowid << 3) + 2;
    INSERT INTO search_index (rowid, title, body) SELECT (coalesce(unixepoch(new.observed_on) / 86400 + 25567, 0) << 32) + (new.rowid << 3) + 2, '', new.text
    WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER observation_search_delete AFTER DELETE ON observation BEGIN
    DELETE FROM search_index WHERE rowid = (coalesce(unixepoch(old.observed_on) / 86400 + 25567, 0) << 32) + (old.rowid << 3) + 2;
END;
INSERT INTO search_index (rowid, title, body)
    SELECT (coalesce(unixepoch(observation.observed_on) / 86400 + 25567, 0) << 32) + (observation.rowid << 3) + 2, '', observation.text FROM observation WHERE deleted_at IS NULL;

CREATE TRIGGER person_search_insert AFTER INSERT ON person WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES ((coalesce(unixepoch(NULL) / 86400 + 25567, 0) << 32) + (new.rowid << 3) + 3, new.name, concat_ws(' ', new.role, new.goals, new.support, new.interaction));
END;
CREATE TRIGGER person_search_update AFTER UPDATE OF name, role, goals, support, interaction, deleted_at ON person BEGIN
    DELETE FROM search_index WHERE rowid = (coalesce(unixepoch(NULL) / 86400 + 25567, 0) << 32) + (old.rowid << 3) + 3;
    INSERT INTO search_index (rowid, title, body) SELECT (coalesce(unixepoch(NULL) / 86400 + 25567, 0) << 32) + (new.rowid << 3) + 3, new.name, concat_ws(' ', new.role, new.goals, new.support, new.interaction)
    WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER person_search_delete AFTER DELETE ON person BEGIN
    DELETE FROM search_index WHERE rowid = (coalesce(unixepoch(NULL) / 86400 + 25567, 0) << 32) + (old.rowid << 3) + 3;
END;
INSERT INTO search_index (rowid, title, body)
    SELECT (coalesce(unixepoch(NULL) / 86400 + 25567, 0) << 32) + (person.rowid << 3) + 3, person.name, concat_ws(' ', person.role, person.goals, person.support, person.interaction) FROM person WHERE deleted_at IS NULL;

CREATE TRIGGER idea_search_insert AFTER INSERT ON idea WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES ((coalesce(unixepoch(substr(new.created_at, 1, 10)) / 86400 + 25567, 0) << 32) + (new.rowid << 3) + 4, new.title, new.description);
END;
CREATE TRIGGER idea_search_update AFTER UPDATE OF title, description, deleted_at ON idea BEGIN
    DELETE FROM search_index WHERE rowid = (coalesce(unixepoch(substr(old.created_at, 1, 10)) / 86400 + 25567, 0) << 32) + (old.rowid << 3) + 4;
    INSERT INTO search_index (rowid, title, body) SELECT (coalesce(unixepoch(substr(new.created_at, 1, 10)) / 86400 + 25567, 0) << 32) + (new.rowid << 3) + 4, new.title, new.description
    WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER idea_search_delete AFTER DELETE ON idea BEGIN
    DELETE FROM search_index WHERE rowid = (coalesce(unixepoch(substr(old.created_at, 1, 10)) / 86400 + 25567, 0) << 32) + (old.rowid << 3) + 4;
END;
INSERT INTO search_index (rowid, title, body)
    SELECT (coalesce(unixepoch(substr(idea.created_at, 1, 10)) / 86400 + 25567, 0) << 32) + (idea.rowid << 3) + 4, idea.title, idea.description FROM idea WHERE deleted_at IS NULL;

CREATE TRIGGER tag_search_insert AFTER INSERT ON tag WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES ((coalesce(unixepoch(NULL) / 86400 + 25567, 0) << 32) + (new.rowid << 3) + 5, new.name, '');
END;
CREATE TRIGGER tag_search_update AFTER UPDATE OF name, deleted_at ON tag BEGIN
    DELETE FROM search_index WHERE rowid = (coalesce(unixepoch(NULL) / 86400 + 25567, 0) << 32) + (old.rowid << 3) + 5;
    INSERT INTO search_index (rowid, title, body) SELECT (coalesce(unixepoch(NULL) / 86400 + 25567, 0) << 32) + (new.rowid << 3) + 5, new.name, ''
    WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER tag_search_delete AFTER DELETE ON tag BEGIN
    DELETE FROM search_index WHERE rowid = (coalesce(unixepoch(NULL) / 86400 + 25567, 0) << 32) + (old.rowid << 3) + 5;
END;
INSERT INTO search_index (rowid, title, body)
    SELECT (coalesce(unixepoch(NULL) / 86400 + 25567, 0) << 32) + (tag.rowid << 3) + 5, tag.name, '' FROM tag WHERE deleted_at IS NULL;
