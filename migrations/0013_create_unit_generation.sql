-- A change counter per province (Central: 'VN'), bumped in the same transaction as every change to units or
-- organisations. Aggregates that are costly to recompute (subtree counts, adoption, the public name index)
-- are cached by each server process under the counter values they were computed at: a reader that sees an
-- unchanged counter may reuse its figures; any change, made by any instance, moves the counter.
CREATE TABLE unit_generation (
  province_code text PRIMARY KEY,
  n bigint NOT NULL DEFAULT 0
);

-- Keys: 'public' for Central, provinces and communes (the public tree, which reorganisations change), and the
-- province code for villages and organisations (Central's organisations: 'VN'). A province's figures depend on
-- its own key and 'public'; the nation's on all keys.
CREATE FUNCTION bump_unit_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO unit_generation (province_code, n)
      SELECT CASE WHEN level = 'village' THEN coalesce(province_code, 'VN') ELSE 'public' END, 1 FROM new_rows GROUP BY 1 ORDER BY 1
      ON CONFLICT (province_code) DO UPDATE SET n = unit_generation.n + 1;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO unit_generation (province_code, n)
      SELECT CASE WHEN level = 'village' THEN coalesce(province_code, 'VN') ELSE 'public' END, 1 FROM old_rows GROUP BY 1 ORDER BY 1
      ON CONFLICT (province_code) DO UPDATE SET n = unit_generation.n + 1;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION bump_organisation_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO unit_generation (province_code, n)
      SELECT coalesce(province_code, 'VN'), 1 FROM new_rows GROUP BY 1 ORDER BY 1
      ON CONFLICT (province_code) DO UPDATE SET n = unit_generation.n + 1;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO unit_generation (province_code, n)
      SELECT coalesce(province_code, 'VN'), 1 FROM old_rows GROUP BY 1 ORDER BY 1
      ON CONFLICT (province_code) DO UPDATE SET n = unit_generation.n + 1;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER unit_version_generation_insert AFTER INSERT ON unit_version
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_unit_generation();
CREATE TRIGGER unit_version_generation_update AFTER UPDATE ON unit_version
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_unit_generation();
CREATE TRIGGER unit_version_generation_delete AFTER DELETE ON unit_version
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_unit_generation();

CREATE TRIGGER organisation_generation_insert AFTER INSERT ON organisation
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_organisation_generation();
CREATE TRIGGER organisation_generation_update AFTER UPDATE ON organisation
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_organisation_generation();
CREATE TRIGGER organisation_generation_delete AFTER DELETE ON organisation
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_organisation_generation();
