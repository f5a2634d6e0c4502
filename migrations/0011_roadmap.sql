-- The roadmap: items made of solutions (a solution may be delivered in phases, one
-- item each), placed in Now / Next / Later and optionally a quarter, each saying the
-- value it delivers on its own, with a confidence and the items it depends on.
-- Additive: builds without it open the file and leave these alone.

CREATE TABLE roadmap_item (
    id          TEXT PRIMARY KEY,
    -- Kept with the item so the mode policy reads it in one look-up.
    cycle_id    TEXT NOT NULL REFERENCES cycle (id),
    solution_id TEXT NOT NULL REFERENCES solution (id),
    title       TEXT NOT NULL,
    -- What it delivers on its own, useful even if nothing after it ships.
    value       TEXT NOT NULL DEFAULT '',
    lane        TEXT NOT NULL CHECK (lane IN ('now', 'next', 'later')),
    -- Its place in its lane, 1 first; renumbered on every move.
    position    INTEGER NOT NULL,
    -- 'YYYY-Qn', or absent: a lane is not a date.
    quarter     TEXT,
    confidence  TEXT NOT NULL DEFAULT 'medium' CHECK (confidence IN ('low', 'medium', 'high')),
    status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'planned', 'done')),
    -- What kind of work it asks of users: a migration, an integration, or neither.
    work        TEXT NOT NULL DEFAULT 'capability'
                CHECK (work IN ('migration', 'integration', 'capability')),
    -- Person-months; absent when not estimated.
    effort      REAL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

CREATE INDEX roadmap_item_by_cycle ON roadmap_item (cycle_id, deleted_at, lane, position);

-- An item that cannot start before another is done.
CREATE TABLE roadmap_dependency (
    item_id       TEXT NOT NULL REFERENCES roadmap_item (id) ON DELETE CASCADE,
    depends_on_id TEXT NOT NULL REFERENCES roadmap_item (id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, depends_on_id),
    CHECK (item_id <> depends_on_id)
) STRICT, WITHOUT ROWID;
