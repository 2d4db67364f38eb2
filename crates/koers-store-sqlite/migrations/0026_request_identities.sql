-- Sign-in through an OpenID provider, unified with getting in (issue 13 §2, issue 10 §5): a
-- first sign-in that matches no account becomes an account request like any other
-- (account_requests, migration 0065: a school or board, name, function; decided by programme
-- staff), and the provider's identity waits here with it until approval links it to the new
-- account (external_identities). Replaces sign_in_requests, the beheerder's separate list:
-- open rows there had no school or board, so the person signs in again and fills in the
-- request form; decided rows are in the audit log and, when approved, in external_identities.
-- account_request_id points at account_requests (id); no REFERENCES because that table is
-- created by the later-numbered migration 0065 on a new database.
-- Keep in step with koers-store-pg/migrations/0026_request_identities.sql.

CREATE TABLE account_request_identities (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    account_request_id INTEGER NOT NULL,
    provider TEXT NOT NULL,
    subject TEXT NOT NULL,
    -- the address the provider gave (the request's own address may differ)
    email TEXT NOT NULL,
    organisation TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX account_request_identities_request_key ON account_request_identities (account_request_id);
CREATE INDEX account_request_identities_subject_idx ON account_request_identities (provider, subject);

DROP TABLE sign_in_requests;
