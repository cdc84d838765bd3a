-- Search over ~94,000 units re-computed vn_fold() for every candidate row on recheck (~200 ms a query at national
-- scale). Folded names are now stored, and indexed separately for the public levels and for villages so that a
-- public search never wades through the villages' trigrams.
ALTER TABLE unit_version ADD COLUMN name_folded text GENERATED ALWAYS AS (vn_fold(name)) STORED;
ALTER TABLE unit_version ADD COLUMN full_name_folded text GENERATED ALWAYS AS (vn_fold(full_name)) STORED;
DROP INDEX unit_version_name_trgm_idx;
DROP INDEX unit_version_full_name_trgm_idx;
CREATE INDEX unit_version_public_name_trgm_idx ON unit_version USING gin (name_folded gin_trgm_ops)
  WHERE level <> 'village';
CREATE INDEX unit_version_public_full_name_trgm_idx ON unit_version USING gin (full_name_folded gin_trgm_ops)
  WHERE level <> 'village';
CREATE INDEX unit_version_village_name_trgm_idx ON unit_version USING gin (name_folded gin_trgm_ops)
  WHERE level = 'village';
CREATE INDEX unit_version_village_full_name_trgm_idx ON unit_version USING gin (full_name_folded gin_trgm_ops)
  WHERE level = 'village';
