-- Dagdelen and money (issue 10 §7–8, TRAJECTORY §6). Keep in step with
-- koers-store-pg/migrations/0060_dagdelen.sql.
--
-- time_entries: the expert's log, whole dagdelen per activity. measure_id is the id of a measure
-- inside the trajectory's plan van aanpak (a JSON document, see 0040_plans) and so has no
-- foreign key; NULL = time without a measure. activity is koers_core::plan::ActivityType as
-- JSON (`"studiedag"`, `{"npo_interventie":"…"}`). entry_date is ISO (yyyy-mm-dd).
CREATE TABLE time_entries (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    trajectory_id INTEGER NOT NULL REFERENCES trajectories (id) ON DELETE RESTRICT,
    expert_id INTEGER NOT NULL REFERENCES experts (id) ON DELETE RESTRICT,
    entry_date TEXT NOT NULL,
    dagdelen INTEGER NOT NULL CHECK (dagdelen > 0),
    measure_id INTEGER,
    activity TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX time_entries_trajectory_id_idx ON time_entries (trajectory_id);
CREATE INDEX time_entries_expert_date_idx ON time_entries (expert_id, entry_date);

-- Staff decisions on a trajectory's budget (a raise, with a reason); the newest is in force.
CREATE TABLE budget_decisions (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    trajectory_id INTEGER NOT NULL REFERENCES trajectories (id) ON DELETE RESTRICT,
    dagdelen INTEGER NOT NULL CHECK (dagdelen > 0),
    reason TEXT NOT NULL,
    decided_by INTEGER,
    decided_on TEXT NOT NULL,
    decided_at INTEGER NOT NULL
);
CREATE INDEX budget_decisions_trajectory_id_idx ON budget_decisions (trajectory_id);

CREATE TABLE statement_sequences (
    year INTEGER NOT NULL PRIMARY KEY,
    last INTEGER NOT NULL
);

-- Kostenoverzichten with their reference number (KOV-<year>-<6 digits>, gap-free per year): one
-- per school and period, issued once and shown the same afterwards.
CREATE TABLE cost_statements (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    school_id INTEGER NOT NULL REFERENCES schools (id) ON DELETE RESTRICT,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    issued_by INTEGER,
    issued_at INTEGER NOT NULL,
    CONSTRAINT cost_statements_number_key UNIQUE (year, sequence),
    CONSTRAINT cost_statements_period_key UNIQUE (school_id, period_from, period_to)
);
