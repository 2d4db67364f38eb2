-- Issue 8: formats as data and the filled-in forms of a trajectory (zelfevaluatie, schoolscan,
-- zelfanalyse, review). Keep in step with koers-store-pg/migrations/0030_forms.sql.

-- Every stored version of a format (TOML text as written); the newest is in force for new
-- trajectories, a trajectory keeps the version it started with.
CREATE TABLE format_versions (
    format_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    definition_toml TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (format_id, version)
);

-- One form per trajectory and format; status concept / ingediend / bevestigd.
CREATE TABLE self_evaluations (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    trajectory_id INTEGER NOT NULL REFERENCES trajectories (id) ON DELETE RESTRICT,
    format_id TEXT NOT NULL,
    format_version INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'concept',
    baseline_json TEXT,
    submitted_at INTEGER,
    submitted_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    confirmed_at INTEGER,
    confirmed_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version INTEGER NOT NULL DEFAULT 1,
    answers_rev INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    CONSTRAINT self_evaluations_trajectory_format_key UNIQUE (trajectory_id, format_id),
    FOREIGN KEY (format_id, format_version) REFERENCES format_versions (format_id, version)
);

-- The answer of one item, with its own version (two people on one item: one wins).
CREATE TABLE self_evaluation_answers (
    self_evaluation_id INTEGER NOT NULL REFERENCES self_evaluations (id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    answer_json TEXT,
    verbeterpunt TEXT,
    version INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_by_label TEXT NOT NULL,
    PRIMARY KEY (self_evaluation_id, item_id)
);

CREATE TABLE self_evaluation_comments (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    self_evaluation_id INTEGER NOT NULL REFERENCES self_evaluations (id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    parent_id INTEGER REFERENCES self_evaluation_comments (id) ON DELETE CASCADE,
    author_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    author_label TEXT NOT NULL,
    author_role TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX self_evaluation_comments_form ON self_evaluation_comments (self_evaluation_id, id);

-- Klassenbezoeken: one row each, so two observers never overwrite each other.
CREATE TABLE self_evaluation_visits (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    self_evaluation_id INTEGER NOT NULL REFERENCES self_evaluations (id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    visit_json TEXT NOT NULL,
    author_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    author_label TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX self_evaluation_visits_form ON self_evaluation_visits (self_evaluation_id, id);

-- Evidence files: the bytes in the database (both backends), the kind found by content.
CREATE TABLE evidence_uploads (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    self_evaluation_id INTEGER NOT NULL REFERENCES self_evaluations (id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    content BLOB NOT NULL,
    uploaded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    uploaded_by_label TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX evidence_uploads_form ON evidence_uploads (self_evaluation_id, id);
