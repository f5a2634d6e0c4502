-- What each area lets the others read. An area alone writes its tables; another area
-- reads them only through these views, which name the columns it may rely on, so a
-- table's owner can change what is behind them in one place (the tidy test
-- crates/core/tests/layout.rs checks both). Each view is a projection of one table:
-- SQLite flattens it into the query that reads it, indexes and all, so reading
-- through a view costs nothing. Owners: cycle_view is the kernel's; the next six are
-- discovery's; then prioritization's five; the last two closing the loop's.
-- Additive: older builds ignore views.

CREATE VIEW cycle_view AS
    SELECT id, name, mode, immediate_target FROM cycle;

CREATE VIEW session_view AS
    SELECT id, cycle_id, kind, title, held_on, deleted_at FROM session;

CREATE VIEW session_person_view AS
    SELECT session_id, person_id, position FROM session_person;

CREATE VIEW observation_view AS
    SELECT id, cycle_id, session_id, kind, text, observed_on, late_input, merged_into,
           created_at, deleted_at
    FROM observation;

CREATE VIEW observation_person_view AS
    SELECT observation_id, person_id FROM observation_person;

CREATE VIEW person_view AS
    SELECT id, name, relation, team_id, merged_into, created_at, deleted_at FROM person;

CREATE VIEW team_view AS
    SELECT id, name, segment, created_at, deleted_at FROM team;

CREATE VIEW pain_view AS
    SELECT id, cycle_id, statement, deleted_at FROM pain;

CREATE VIEW pain_evidence_view AS
    SELECT pain_id, observation_id, importance, linked_at FROM pain_evidence;

CREATE VIEW bucket_view AS
    SELECT id, name, kind, deleted_at FROM bucket;

CREATE VIEW solution_view AS
    SELECT id, title, deleted_at FROM solution;

CREATE VIEW roadmap_item_view AS
    SELECT id, solution_id, title, deleted_at FROM roadmap_item;

CREATE VIEW kudos_view AS
    SELECT id, what, given_on, deleted_at FROM kudos;

CREATE VIEW kudos_person_view AS
    SELECT kudos_id, person_id FROM kudos_person;
