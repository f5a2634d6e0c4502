-- A ticket of the support queue, kept with the observation it became (owned by
-- discovery): the queue it came from, its key there, and its times, from which the
-- support response time per team is worked out. Additive.
CREATE TABLE ticket (
    observation_id    TEXT PRIMARY KEY REFERENCES observation (id),
    -- 'jira', 'servicenow', 'zendesk', 'github' or 'csv'.
    queue             TEXT NOT NULL,
    ticket_key        TEXT NOT NULL,
    url               TEXT NOT NULL DEFAULT '',
    component         TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT '',
    opened_at         TEXT NOT NULL,
    first_response_at TEXT,
    resolved_at       TEXT
) STRICT;

CREATE INDEX ticket_by_opened ON ticket (opened_at);
CREATE INDEX ticket_by_key ON ticket (queue, ticket_key);
