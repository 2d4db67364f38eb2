-- The programme workflow (issue 4), SQLite flavour. Keep in step with
-- koers-store-pg/migrations/0003_workflow.sql (tests/schema_compare.rs in koers-store-pg checks it).
-- JSON is stored as TEXT; times are Unix seconds; every editable table has `version`.

-- Programme definitions: the TOML text koers_core::programme parses (seeded by the app).
CREATE TABLE programme_definitions (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    definition_toml TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at INTEGER NOT NULL
);

-- Applications (aanmeldingen). programme_id has no foreign key: a definition may be replaced
-- while old applications keep pointing at its id.
CREATE TABLE applications (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    -- KRS-<year>-<6 digits>, from application_sequences
    reference TEXT NOT NULL,
    programme_id TEXT NOT NULL,
    school_id INTEGER REFERENCES schools (id) ON DELETE RESTRICT,
    board_number INTEGER,
    contact_name TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    contact_phone TEXT,
    help_question TEXT NOT NULL,
    eligibility_json TEXT,
    entry_facts_json TEXT,
    -- koers_core::workflow::Application as JSON; status duplicates its status code for filtering
    state_json TEXT NOT NULL,
    status TEXT NOT NULL,
    submitted_by INTEGER REFERENCES users (id) ON DELETE RESTRICT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT applications_reference_key UNIQUE (reference)
);
CREATE INDEX applications_status_idx ON applications (status);
CREATE INDEX applications_programme_id_idx ON applications (programme_id);
CREATE INDEX applications_school_id_idx ON applications (school_id);
CREATE INDEX applications_board_number_idx ON applications (board_number);
CREATE INDEX applications_created_at_idx ON applications (created_at);

-- The last reference sequence number handed out per year, incremented in the inserting
-- transaction (gap-free: a rolled-back insert gives its number back).
CREATE TABLE application_sequences (
    year INTEGER NOT NULL PRIMARY KEY,
    last INTEGER NOT NULL
);

-- Board-approval links: only the SHA-256 (hex) of the token is stored; single use.
CREATE TABLE approval_links (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    board_number INTEGER NOT NULL,
    token_hash TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    created_at INTEGER NOT NULL,
    CONSTRAINT approval_links_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX approval_links_application_id_idx ON approval_links (application_id);

-- Experts; identified by their e-mail address (case-insensitive) when saved.
CREATE TABLE experts (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER REFERENCES users (id) ON DELETE RESTRICT,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    -- JSON arrays of strings
    expertise TEXT NOT NULL DEFAULT '[]',
    regions TEXT NOT NULL DEFAULT '[]',
    capacity_trajectories INTEGER NOT NULL,
    capacity_dagdelen INTEGER NOT NULL,
    available BOOLEAN NOT NULL DEFAULT TRUE,
    version INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT experts_user_id_key UNIQUE (user_id)
);
CREATE UNIQUE INDEX experts_email_key ON experts (lower(email));

-- Trajectories: one per application, led by one expert.
CREATE TABLE trajectories (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE RESTRICT,
    programme_id TEXT NOT NULL,
    expert_id INTEGER NOT NULL REFERENCES experts (id) ON DELETE RESTRICT,
    school_id INTEGER,
    board_number INTEGER,
    -- JSON list of phase names, in order
    phases_json TEXT NOT NULL,
    current_phase INTEGER NOT NULL DEFAULT 0,
    dagdelen_planned INTEGER NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    CONSTRAINT trajectories_application_id_key UNIQUE (application_id)
);
CREATE INDEX trajectories_expert_id_idx ON trajectories (expert_id);
CREATE INDEX trajectories_school_id_idx ON trajectories (school_id);
CREATE INDEX trajectories_board_number_idx ON trajectories (board_number);

-- Every mail goes through the outbox; a sender delivers and marks it. Not audited (bodies may
-- hold approval links).
CREATE TABLE outbox (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX outbox_sent_at_idx ON outbox (sent_at);
