-- Old login attempts are pruned (Store::prune_login_attempts, from the session clean-up task):
-- an index on the time so that delete does not scan the table. Same text in both backends.
CREATE INDEX login_attempts_at_idx ON login_attempts (at);
