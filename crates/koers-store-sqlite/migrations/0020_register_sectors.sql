-- Every sector in the register (issue 10 §1): the kind of school (VO: DUO's
-- ONDERWIJSSTRUCTUUR; sbo/so/vso: the kinds counted at the location), the clusters of special
-- education, coordinates (WGS84) and the VO exam pass-rate trend per location.
-- Keep in step with koers-store-pg/migrations/0020_register_sectors.sql.

ALTER TABLE schools ADD COLUMN kind TEXT;
-- JSON array of cluster numbers (1–4)
ALTER TABLE schools ADD COLUMN clusters TEXT NOT NULL DEFAULT '[]';
ALTER TABLE schools ADD COLUMN lat REAL;
ALTER TABLE schools ADD COLUMN lon REAL;
CREATE INDEX schools_sector_idx ON schools (sector);

-- Exam candidates and passes of a VO location per school year, for the whole location
-- (afdeling '') and per afdeling (vmbo-b, vmbo-k, vmbo-(g)t, havo, vwo). Counts are spans
-- because DUO masks small counts (<5); see koers-import's exams::trend.
CREATE TABLE exam_years (
    school_id INTEGER NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    afdeling TEXT NOT NULL,
    school_year TEXT NOT NULL,
    programmes INTEGER NOT NULL,
    candidates_min INTEGER NOT NULL,
    candidates_max INTEGER NOT NULL,
    passes_min INTEGER NOT NULL,
    passes_max INTEGER NOT NULL,
    pass_rate REAL,
    pass_rate_min REAL,
    pass_rate_max REAL,
    -- no_candidates / exact / recovered / estimated
    masking TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT exam_years_pkey PRIMARY KEY (school_id, afdeling, school_year)
);
