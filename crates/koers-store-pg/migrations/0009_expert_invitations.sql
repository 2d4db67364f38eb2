-- Linking an expert of the pool to an account goes by invitation (issue 11 item 7): staff invite
-- an e-mail address, and only an account with that address and the expert role can confirm.
-- One pending invitation per expert; `email` is stored lower-cased. Nothing here says whether
-- an account with that address exists.
-- Keep in step with koers-store-sqlite/migrations/0009_expert_invitations.sql.

CREATE TABLE expert_invitations (
    expert_id BIGINT NOT NULL PRIMARY KEY REFERENCES experts (id) ON DELETE CASCADE,
    email TEXT COLLATE "C" NOT NULL,
    invited_at BIGINT NOT NULL,
    invited_by TEXT NOT NULL
);
CREATE INDEX expert_invitations_email ON expert_invitations (email);
