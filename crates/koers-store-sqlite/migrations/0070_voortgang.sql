-- Voortgang, reviews and the weekly op-koers digest (issue 9 items 1–3, TRAJECTORY §4). Keep in
-- step with koers-store-pg/migrations/0070_voortgang.sql.
--
-- measure_id and indicator_id are ids inside the trajectory's plan van aanpak (a JSON document,
-- see 0040_plans) and so have no foreign key. Dates are ISO text (yyyy-mm-dd, so they sort).

-- Status updates per measure (gepland, loopt, gereed, vertraagd, geschrapt) with a note.
CREATE TABLE measure_updates (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    trajectory_id INTEGER NOT NULL REFERENCES trajectories (id) ON DELETE RESTRICT,
    measure_id INTEGER NOT NULL,
    update_date TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX measure_updates_trajectory_id_idx ON measure_updates (trajectory_id);

-- Indicator measurements: by hand (source text) or from the register (register_year = the test
-- year of the three-year value; one per indicator and year, so an import adds it only once).
CREATE TABLE measurements (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    trajectory_id INTEGER NOT NULL REFERENCES trajectories (id) ON DELETE RESTRICT,
    indicator_id INTEGER NOT NULL,
    measured_on TEXT NOT NULL,
    value REAL NOT NULL,
    source TEXT NOT NULL,
    register_year INTEGER,
    note TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER,
    recorded_at INTEGER NOT NULL,
    CONSTRAINT measurements_register_key UNIQUE (trajectory_id, indicator_id, register_year)
);
CREATE INDEX measurements_trajectory_id_idx ON measurements (trajectory_id);

-- The step-5 activities a trajectory logs (voortgang meten, verantwoording, …).
CREATE TABLE progress_activities (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    trajectory_id INTEGER NOT NULL REFERENCES trajectories (id) ON DELETE RESTRICT,
    activity TEXT NOT NULL,
    activity_date TEXT NOT NULL,
    with_whom TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX progress_activities_trajectory_id_idx ON progress_activities (trajectory_id);

-- The six-steps timeline of procesbegeleiding (visits and activities done), one JSON document
-- (koers_core::progress::StepTimeline) per trajectory; version = optimistic lock.
CREATE TABLE step_timelines (
    trajectory_id INTEGER NOT NULL PRIMARY KEY REFERENCES trajectories (id) ON DELETE RESTRICT,
    timeline TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- Reviews (start review, midterm review, externe audit): koers_core::review::ReviewContent as
-- JSON; planned_on and held_on repeated as columns for lists. version = optimistic lock.
CREATE TABLE reviews (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    trajectory_id INTEGER NOT NULL REFERENCES trajectories (id) ON DELETE RESTRICT,
    kind TEXT NOT NULL,
    planned_on TEXT NOT NULL,
    held_on TEXT,
    content TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX reviews_trajectory_id_idx ON reviews (trajectory_id);

-- A link for an external reviewer: only the SHA-256 of the token is kept; single use, expires.
CREATE TABLE review_invitations (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE RESTRICT,
    token_hash TEXT NOT NULL UNIQUE,
    reviewer_name TEXT NOT NULL,
    email TEXT,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    created_by INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX review_invitations_review_id_idx ON review_invitations (review_id);

-- The weekly op-koers digest: one row per ISO week sent, written with its mails.
CREATE TABLE digest_runs (
    week TEXT NOT NULL PRIMARY KEY,
    mails INTEGER NOT NULL,
    sent_at INTEGER NOT NULL
);
