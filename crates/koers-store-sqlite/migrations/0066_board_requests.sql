-- One request of a board for several of its schools (issue 10 §4), each school a line with its
-- own decision by programme staff; an approved line becomes that school's application.
-- Keep in step with koers-store-pg/migrations/0066_board_requests.sql.
CREATE TABLE board_requests (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    programme_id TEXT NOT NULL,
    board_number INTEGER NOT NULL,
    contact_name TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    contact_phone TEXT,
    help_question TEXT NOT NULL,
    submitted_by INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL
);
CREATE INDEX board_requests_board_idx ON board_requests (board_number);

CREATE TABLE board_request_lines (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    request_id INTEGER NOT NULL REFERENCES board_requests (id),
    -- the order the board listed the schools in
    position INTEGER NOT NULL,
    school_id INTEGER NOT NULL REFERENCES schools (id),
    entry_facts_json TEXT,
    eligibility_json TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'goedgekeurd', 'afgewezen')),
    reason TEXT,
    decided_by INTEGER REFERENCES users (id),
    decided_at INTEGER,
    application_id INTEGER REFERENCES applications (id),
    version INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT board_request_lines_school_key UNIQUE (request_id, school_id)
);
CREATE INDEX board_request_lines_status_idx ON board_request_lines (status);
