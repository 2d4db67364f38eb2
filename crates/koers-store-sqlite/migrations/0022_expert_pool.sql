-- The expert pool per programme and sector, with a region by distance (issue 10 §6).
-- programmes: JSON array of programme ids; sectors: JSON array of po / gespecialiseerd / vo /
-- bestuur; an empty array = all. The base (standplaats) is a place with its coordinates
-- (WGS84), from which the distance to a school is measured; max_distance_km NULL = no limit.
-- Keep in step with koers-store-pg/migrations/0022_expert_pool.sql.

ALTER TABLE experts ADD COLUMN programmes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE experts ADD COLUMN sectors TEXT NOT NULL DEFAULT '[]';
ALTER TABLE experts ADD COLUMN base_place TEXT;
ALTER TABLE experts ADD COLUMN base_lat REAL;
ALTER TABLE experts ADD COLUMN base_lon REAL;
ALTER TABLE experts ADD COLUMN max_distance_km INTEGER;
