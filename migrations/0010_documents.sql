-- Documents: a cycle's charter and three-year vision, drafted in Markdown, with the
-- evidence they cite kept as it read when cited, and versions that freeze what was
-- sent. Additive: builds without it open the file and leave these alone.

CREATE TABLE document (
    id         TEXT PRIMARY KEY,
    cycle_id   TEXT NOT NULL REFERENCES cycle (id),
    kind       TEXT NOT NULL CHECK (kind IN ('charter', 'vision')),
    body       TEXT NOT NULL,
    -- Raised by every save that changes the body: a save typed over an older revision
    -- is refused as a conflict rather than overwriting.
    rev        INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (cycle_id, kind)
) STRICT;

-- What a document cites, as it read when first cited: a cited item later edited,
-- merged or trashed is flagged, and this text is what the document still shows.
CREATE TABLE document_citation (
    document_id   TEXT NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL
                  CHECK (kind IN ('observation', 'pain', 'bucket', 'solution', 'session')),
    target_id     TEXT NOT NULL,
    text          TEXT NOT NULL,
    -- Who said it (people's names), their teams, and the session it came from.
    who           TEXT NOT NULL DEFAULT '',
    teams         TEXT NOT NULL DEFAULT '',
    session_title TEXT NOT NULL DEFAULT '',
    session_date  TEXT,
    cited_at      TEXT NOT NULL,
    PRIMARY KEY (document_id, kind, target_id)
) STRICT, WITHOUT ROWID;

-- A snapshot of a document with a note ("sent to leadership 2027-01-10"): its body,
-- and (JSON) its citations and live sections as they read then.
CREATE TABLE document_version (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    note        TEXT NOT NULL,
    body        TEXT NOT NULL,
    frozen      TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX document_version_by_document ON document_version (document_id, created_at);
