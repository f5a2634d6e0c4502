-- Notes typed in two places at once are never silently overwritten. Each save of a
-- session's notes bumps notes_rev; a save made over an older revision is refused as a
-- conflict, and when the person settles it, the text that gives way is kept here.
-- Additive: builds without it still open and write the file (their saves leave
-- notes_rev as it is).
ALTER TABLE session ADD COLUMN notes_rev INTEGER NOT NULL DEFAULT 0;

CREATE TABLE notes_version (
    id         TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES session (id),
    notes      TEXT NOT NULL,
    kept_at    TEXT NOT NULL,
    -- Why it was kept, for a person: "changed elsewhere, replaced by notes typed here".
    reason     TEXT NOT NULL
) STRICT;

CREATE INDEX notes_version_by_session ON notes_version (session_id, kept_at);
