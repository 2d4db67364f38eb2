-- Programmes come from one place: the stored definitions (programme_definitions, seeded by the
-- app from programmes/*.toml). The old id/name list of 0001/0002 is no longer read. Same text in
-- both backends.
DROP TABLE programmes;
