-- Where an imported session came from: the folder or export it was read from
-- (`origin`), and the item's own id there (a note's path in the folder, later a Notion
-- id or a ticket key). Importing the same export again adds only what is new and never
-- makes a second copy. `content_hash` is what the import wrote, to tell later whether
-- the user has edited the session since. Owned by the imports area. Additive.
CREATE TABLE import_source (
    origin       TEXT NOT NULL,
    source_id    TEXT NOT NULL,
    session_id   TEXT NOT NULL REFERENCES session (id),
    content_hash TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    PRIMARY KEY (origin, source_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX import_source_session ON import_source (session_id);
