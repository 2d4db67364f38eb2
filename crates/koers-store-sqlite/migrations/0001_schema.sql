-- Koers schema, SQLite flavour. Keep in step with koers-store-pg/migrations/0001_schema.sql
-- (same tables, columns and type classes; tests/schema_compare.rs in koers-store-pg checks it).
-- Types: INTEGER = i64 (PG BIGINT), REAL = f64 (PG DOUBLE PRECISION), TEXT, BLOB (PG BYTEA),
-- BOOLEAN = stored 0/1 with NUMERIC affinity, read by sqlx as bool (PG BOOLEAN).
-- Times are Unix seconds. Every table someone can edit has `version`.

CREATE TABLE boards (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    number INTEGER NOT NULL,
    name TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at INTEGER NOT NULL,
    CONSTRAINT boards_number_key UNIQUE (number)
);

CREATE TABLE schools (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    ovt TEXT NOT NULL,
    brin TEXT NOT NULL,
    name TEXT NOT NULL,
    place TEXT,
    municipality TEXT,
    province TEXT,
    denomination TEXT,
    -- no foreign key: an import may bring schools before their board
    board_number INTEGER,
    sector TEXT NOT NULL CHECK (sector IN ('po', 'sbo', 'so', 'vso', 'vo')),
    schoolweging REAL,
    website TEXT,
    -- JSON array of field names edited by hand
    manual_fields TEXT NOT NULL DEFAULT '[]',
    -- lower(name brin ovt place), computed by the store, for substring search
    search_text TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at INTEGER NOT NULL,
    CONSTRAINT schools_ovt_key UNIQUE (ovt)
);
CREATE INDEX schools_board_number_idx ON schools (board_number);
CREATE INDEX schools_brin_idx ON schools (brin);

CREATE TABLE result_years (
    school_id INTEGER NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    test_year INTEGER NOT NULL,
    pupils INTEGER,
    pct_1f REAL,
    pct_1s2f REAL,
    suppressed BOOLEAN NOT NULL DEFAULT FALSE,
    source TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT result_years_pkey PRIMARY KEY (school_id, test_year)
);

CREATE TABLE published_three_year (
    school_id INTEGER NOT NULL PRIMARY KEY REFERENCES schools (id) ON DELETE CASCADE,
    last_test_year INTEGER NOT NULL,
    pupils INTEGER NOT NULL,
    pct_1f REAL NOT NULL,
    pct_1s2f REAL NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE weging_years (
    school_id INTEGER NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    school_year TEXT NOT NULL,
    weging REAL,
    pupils INTEGER,
    spreiding REAL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT weging_years_pkey PRIMARY KEY (school_id, school_year)
);

CREATE TABLE users (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    locale TEXT NOT NULL DEFAULT 'nl',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE grants (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    scope_kind TEXT NOT NULL,
    -- '' for the global scope, else the programme id, school id or board number as text
    scope_value TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    CONSTRAINT grants_user_role_scope_key UNIQUE (user_id, role, scope_kind, scope_value)
);

CREATE TABLE api_tokens (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX api_tokens_user_id_idx ON api_tokens (user_id);

CREATE TABLE sessions (
    id TEXT NOT NULL PRIMARY KEY,
    data BLOB NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

CREATE TABLE login_attempts (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL,
    success BOOLEAN NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX login_attempts_key_at_idx ON login_attempts (key, at);

CREATE TABLE programmes (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL
);

-- The audit trail outlives what it describes: entity_id is text without a foreign key, and a
-- user who acted cannot be deleted (RESTRICT) — deactivate instead.
CREATE TABLE audit_log (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor_user_id INTEGER REFERENCES users (id) ON DELETE RESTRICT,
    actor_label TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id);
