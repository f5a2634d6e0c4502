-- Ideas and sessions carry tags the way observations do. Additive: builds without
-- these tables still open and write the file (they neither show nor change them).
-- A link to a trashed tag is kept, so a restored tag comes back where it was.

CREATE TABLE idea_tag (
    idea_id TEXT NOT NULL REFERENCES idea (id) ON DELETE CASCADE,
    tag_id  TEXT NOT NULL REFERENCES tag (id),
    PRIMARY KEY (idea_id, tag_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX idea_tag_by_tag ON idea_tag (tag_id, idea_id);

CREATE TABLE session_tag (
    session_id TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    tag_id     TEXT NOT NULL REFERENCES tag (id),
    PRIMARY KEY (session_id, tag_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX session_tag_by_tag ON session_tag (tag_id, session_id);
