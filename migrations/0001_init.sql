-- Groundwork schema 1: workspace metadata, cycles, discovery sessions and their links.
-- Public ids are UUIDv7 text; times are RFC 3339 UTC text; dates are YYYY-MM-DD.
-- Soft deletion (deleted_at) is the trash: nothing a user deletes disappears at once.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE cycle (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    mode       TEXT NOT NULL DEFAULT 'discovery'
               CHECK (mode IN ('discovery', 'prioritization', 'roadmap', 'closed')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX cycle_name_unique ON cycle (name COLLATE NOCASE);

CREATE TABLE session (
    id           TEXT PRIMARY KEY,
    cycle_id     TEXT NOT NULL REFERENCES cycle (id) ON DELETE RESTRICT,
    kind         TEXT NOT NULL CHECK (kind IN (
                     'sla_conversation', 'user_survey', 'coffee_chat', 'discussion_group',
                     'customer_advisory_group', 'peer_company_chat', 'academic_research',
                     'industry_research', 'open_source_scan', 'cloud_vendor_scan',
                     'team_brainstorm', 'stakeholder_feedback', 'support_ticket_review',
                     'metrics_review')),
    title        TEXT NOT NULL,
    held_on      TEXT NOT NULL,
    participants TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;

-- The session list reads live sessions of one cycle by date; this index serves it.
CREATE INDEX session_by_cycle_date ON session (cycle_id, deleted_at, held_on, id);
CREATE INDEX session_deleted ON session (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE session_link (
    session_id TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    url        TEXT NOT NULL,
    label      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, position)
) STRICT;
