-- The administrative hierarchy, effective-dated. `unit` is the identity (its official code never changes);
-- `unit_version` holds each state of the unit over time: [valid_from, valid_to) with valid_to NULL while open.
-- "The tree as of D" is every version with valid_from <= D < coalesce(valid_to, infinity).
CREATE TABLE unit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  level text NOT NULL CHECK (level IN ('central', 'province', 'commune', 'village')),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE unit_version (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id bigint NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
  -- code and level repeat the identity so that tree reads never join back to `unit`.
  code text NOT NULL,
  level text NOT NULL,
  province_code text,
  parent_id bigint REFERENCES unit (id),
  path ltree NOT NULL,
  name text NOT NULL,
  type text NOT NULL,
  full_name text NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  valid_from date NOT NULL,
  valid_to date,
  legal_basis text,
  is_demo boolean NOT NULL DEFAULT false,
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX unit_version_unit_idx ON unit_version (unit_id, valid_from);
CREATE INDEX unit_version_parent_idx ON unit_version (parent_id, valid_from);
CREATE INDEX unit_version_code_idx ON unit_version (code);
CREATE INDEX unit_version_path_idx ON unit_version USING gist (path);
CREATE INDEX unit_version_province_idx ON unit_version (province_code, level);
CREATE INDEX unit_version_name_trgm_idx ON unit_version USING gin (vn_fold(name) gin_trgm_ops);
CREATE INDEX unit_version_full_name_trgm_idx ON unit_version USING gin (vn_fold(full_name) gin_trgm_ops);

-- Which unit continues which after a merge, split or move, so data recorded against an old unit rolls up
-- under the new tree.
CREATE TABLE unit_succession (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  predecessor_id bigint NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
  successor_id bigint NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('merge', 'split')),
  effective date NOT NULL,
  legal_basis text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (predecessor_id, successor_id, effective)
);
CREATE INDEX unit_succession_successor_idx ON unit_succession (successor_id);

-- One row per reference data set loaded at start, so a restart loads nothing twice.
CREATE TABLE unit_reference_load (
  dataset text PRIMARY KEY,
  checksum text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);
