-- The import report, paged (issue 11 item 2): every rejected row of an import is kept here,
-- so the report can show all of them page by page without holding them in memory. Only the
-- newest runs are kept (the store deletes older ones when it records a new one).
-- Keep in step with koers-store-pg/migrations/0012_import_runs.sql.

CREATE TABLE import_runs (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor_label TEXT NOT NULL,
    file TEXT NOT NULL,
    summary TEXT NOT NULL,
    rejected_total INTEGER NOT NULL
);

CREATE TABLE import_rejections (
    run_id INTEGER NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    line INTEGER NOT NULL,
    column_name TEXT NOT NULL,
    value TEXT NOT NULL,
    problem TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
);
