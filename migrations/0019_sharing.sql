-- Sharing a workspace through git (owned by sharing).
--
-- `share_state` is this copy's own: which repository it syncs with, where its clone
-- is, when it last synced and how that went. It is never written to the folder of
-- records, so one replica's state never travels to another.
CREATE TABLE share_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Which records changed since this copy last wrote its clone: (table, key as a JSON
-- array). Filled by triggers sharing adds to every shared table once the workspace is
-- shared (so a workspace that is not shared pays nothing), and emptied as a sync writes
-- those records' files: a sync of ten changed records writes ten files, not every one.
-- This copy's own, like share_state.
CREATE TABLE share_dirty (
    table_name TEXT NOT NULL,
    key        TEXT NOT NULL,
    PRIMARY KEY (table_name, key)
) STRICT, WITHOUT ROWID;

-- A field two people changed to different values since they last synced. The record
-- keeps one value (`kept`, the one it had on the replica that found the conflict);
-- the other is kept here until someone settles it, so neither is lost. It travels in
-- the folder like any record: every replica shows it, and settling it anywhere settles
-- it everywhere. Values are JSON, as the folder writes the field.
CREATE TABLE sync_conflict (
    id          TEXT PRIMARY KEY,
    table_name  TEXT NOT NULL,
    -- JSON object: the record's key columns and their values.
    record_key  TEXT NOT NULL,
    field       TEXT NOT NULL,
    base        TEXT NOT NULL,
    kept        TEXT NOT NULL,
    other       TEXT NOT NULL,
    kept_by     TEXT NOT NULL,
    kept_at     TEXT NOT NULL,
    other_by    TEXT NOT NULL,
    other_at    TEXT NOT NULL,
    found_at    TEXT NOT NULL
) STRICT;

CREATE INDEX sync_conflict_by_record ON sync_conflict (table_name, record_key);
