-- Which migrations ran, kept apart from which builds may open the file.
-- PRAGMA user_version is the file's format: a build opens a file whose format it
-- reads, whatever additive migrations a newer build ran on it. Each migration below
-- says whether it breaks older builds; only those raise the format. Migrations 1-3
-- ran before this table and each raised the format.
CREATE TABLE schema_migration (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
) STRICT;
