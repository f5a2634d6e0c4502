-- Candidate pains a person dismissed (owned by prioritization): the group, named by a
-- digest of its observations' ids, is not offered again in that cycle. A group with
-- other observations is another candidate, offered anew.
CREATE TABLE candidate_dismissal (
    cycle_id     TEXT NOT NULL REFERENCES cycle (id),
    key          TEXT NOT NULL,
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (cycle_id, key)
) STRICT, WITHOUT ROWID;
