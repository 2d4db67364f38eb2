-- Released reports (issue 9 §5): the voortgangsrapportage for the Inspectie leaves the school
-- only after the school leader released it. A release keeps the facts it released (JSON of
-- koers_app::reports::facts::ProgressFacts, anonymised: role names only), so everyone outside
-- the school downloads exactly what was released; a later release adds a row (newest counts).
-- Audited as report_release in the same transaction.
-- Keep in step with koers-store-pg/migrations/0080_report_releases.sql.

CREATE TABLE report_releases (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    trajectory_id INTEGER NOT NULL REFERENCES trajectories (id) ON DELETE RESTRICT,
    kind TEXT NOT NULL,
    facts TEXT NOT NULL,
    released_by INTEGER REFERENCES users (id) ON DELETE RESTRICT,
    released_role TEXT NOT NULL,
    released_at INTEGER NOT NULL
);
CREATE INDEX report_releases_trajectory_idx ON report_releases (trajectory_id, kind);
