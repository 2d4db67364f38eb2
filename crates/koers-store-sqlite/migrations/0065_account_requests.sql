-- Getting in (issue 10 §5): account requests from the public site and one-time e-mail links.
-- Keep in step with koers-store-pg/migrations/0065_account_requests.sql.

-- A school leader or bestuurder asks for an account for a school or a board of the register:
-- confirmed by an e-mail link (onbevestigd → bevestigd), then decided by programme staff
-- (goedgekeurd creates the user with its grant; afgewezen with a reason). An unconfirmed
-- request whose link expired is marked verlopen when the address asks again.
CREATE TABLE account_requests (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    school_id INTEGER REFERENCES schools (id),
    board_number INTEGER,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    function_title TEXT NOT NULL,
    locale TEXT NOT NULL DEFAULT 'nl',
    -- argon2id PHC string of the password chosen with the request; emptied once decided
    password_hash TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('onbevestigd', 'bevestigd', 'goedgekeurd', 'afgewezen', 'verlopen')),
    -- SHA-256 (hex) of the confirmation link's token; usable once, until confirm_expires_at
    confirm_token_hash TEXT NOT NULL UNIQUE,
    confirm_expires_at INTEGER NOT NULL,
    confirmed_at INTEGER,
    decided_at INTEGER,
    decided_by INTEGER REFERENCES users (id),
    decision_reason TEXT,
    user_id INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT account_requests_subject_check CHECK ((school_id IS NULL) <> (board_number IS NULL))
);
-- One open request per address (also under concurrency).
CREATE UNIQUE INDEX account_requests_open_email_key ON account_requests (lower(email))
    WHERE status IN ('onbevestigd', 'bevestigd');
CREATE INDEX account_requests_status_idx ON account_requests (status);

-- One-time links for an existing account (password reset): only the token's SHA-256 is kept.
CREATE TABLE account_links (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('wachtwoord')),
    token_hash TEXT NOT NULL UNIQUE,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX account_links_user_id_idx ON account_links (user_id);
