-- Sign-in through an OpenID provider (issue 13 §2).
-- external_identities: which account a (provider, sub) pair belongs to; the pair, never the
-- e-mail address, is what a later sign-in is matched on.
-- sign_in_requests: a first sign-in that matched no account, for a beheerder to approve
-- (creates the account, linked) or decline. status: open / approved / declined.
-- Keep in step with koers-store-pg/migrations/0025_external_sign_in.sql.

CREATE TABLE external_identities (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    provider TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id),
    email TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_login_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX external_identities_key ON external_identities (provider, subject);
CREATE INDEX external_identities_user_idx ON external_identities (user_id);

CREATE TABLE sign_in_requests (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    provider TEXT NOT NULL,
    subject TEXT NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL,
    status TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL,
    decided_at INTEGER,
    decided_by TEXT
);
CREATE UNIQUE INDEX sign_in_requests_key ON sign_in_requests (provider, subject);
