-- Inspectie verdicts as data (issue 10 §2): recorded by programme staff (vastgesteld) or
-- declared by the applicant (verklaard until staff confirm). About a school (for VO per
-- afdeling) or a board. Keep in step with koers-store-pg/migrations/0021_inspection_verdicts.sql.

CREATE TABLE inspection_verdicts (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    school_id INTEGER REFERENCES schools (id) ON DELETE CASCADE,
    board_number INTEGER,
    -- ISO date (yyyy-mm-dd), never in the future when recorded
    verdict_date TEXT NOT NULL,
    oordeel TEXT NOT NULL CHECK (oordeel IN ('zeer_zwak', 'onvoldoende', 'voldoende', 'goed')),
    -- vmbo-b, vmbo-k, vmbo-(g)t, havo, vwo; NULL = the whole school (or a board)
    afdeling TEXT,
    herstelopdracht BOOLEAN NOT NULL DEFAULT FALSE,
    risk_investigation BOOLEAN NOT NULL DEFAULT FALSE,
    source TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('verklaard', 'vastgesteld')),
    recorded_by INTEGER,
    recorded_by_label TEXT NOT NULL,
    recorded_at INTEGER NOT NULL,
    confirmed_by INTEGER,
    confirmed_by_label TEXT,
    confirmed_at INTEGER,
    version INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT inspection_verdicts_subject_check CHECK ((school_id IS NULL) <> (board_number IS NULL))
);
CREATE INDEX inspection_verdicts_school_id_idx ON inspection_verdicts (school_id);
CREATE INDEX inspection_verdicts_board_number_idx ON inspection_verdicts (board_number);
