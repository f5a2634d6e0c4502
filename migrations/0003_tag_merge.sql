-- Tag merges are recorded like merges of people and observations, so they can be
-- undone: a merged tag remembers the tag it went into, and merge_record accepts
-- 'tag'. SQLite cannot change a CHECK in place, so merge_record is rebuilt.

ALTER TABLE tag ADD COLUMN merged_into TEXT REFERENCES tag (id);

CREATE TABLE merge_record_v3 (
    id         TEXT PRIMARY KEY,
    entity     TEXT NOT NULL CHECK (entity IN ('person', 'observation', 'tag')),
    kept_id    TEXT NOT NULL,
    merged_id  TEXT NOT NULL,
    -- JSON: the link rows that pointed at the merged one, as they were.
    moved      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    undone_at  TEXT
) STRICT;

INSERT INTO merge_record_v3 (id, entity, kept_id, merged_id, moved, created_at, undone_at)
    SELECT id, entity, kept_id, merged_id, moved, created_at, undone_at FROM merge_record;
DROP TABLE merge_record;
ALTER TABLE merge_record_v3 RENAME TO merge_record;
