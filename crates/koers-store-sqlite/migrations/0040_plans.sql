-- The plan van aanpak per trajectory (issue 8 §4, TRAJECTORY §3): one plan per trajectory, its
-- versions oldest first. A version's content (goals with indicators, measures, the school and
-- expert parts, signatures, bijstelling reason) is one JSON document of
-- `koers_core::plan::PlanVersion`; goal, indicator and measure ids live inside it and are stable
-- across versions. `version` on plans is the optimistic lock over the whole plan (every edit,
-- signature and bijstelling bumps it). A version with status 'vastgesteld' is frozen: the store
-- refuses to rewrite it. `awaiting` is whose signature the open version waits for
-- (schoolleider / bestuurder), for the signers' home pages.
-- Keep in step with koers-store-pg/migrations/0040_plans.sql.

CREATE TABLE plans (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    trajectory_id INTEGER NOT NULL REFERENCES trajectories (id) ON DELETE RESTRICT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT plans_trajectory_id_key UNIQUE (trajectory_id)
);

CREATE TABLE plan_versions (
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    status TEXT NOT NULL,
    awaiting TEXT,
    document TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    vastgesteld_at INTEGER,
    PRIMARY KEY (plan_id, number)
);
CREATE INDEX plan_versions_awaiting_idx ON plan_versions (awaiting);
