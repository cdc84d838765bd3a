-- Organisation profiles: every change is a new row (who, when), so "as of" a date reads the latest row before it.
CREATE TABLE org_profile_version (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organisation_id bigint NOT NULL REFERENCES organisation (id),
  unit_path ltree NOT NULL,
  org_type text NOT NULL,
  members integer NOT NULL CHECK (members >= 0),
  full_time_staff integer NOT NULL CHECK (full_time_staff >= 0),
  committee_members integer NOT NULL CHECK (committee_members >= 0),
  executive_members integer NOT NULL CHECK (executive_members >= 0 AND executive_members <= members),
  typical_activities text NOT NULL DEFAULT '',
  difficulties text NOT NULL DEFAULT '',
  recommendations text NOT NULL DEFAULT '',
  changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  changed_by text,
  changed_by_name text
);
CREATE INDEX org_profile_version_org_idx ON org_profile_version (organisation_id, changed_at DESC);

-- Cadres of each organisation. Names and phone numbers are personal data: read only within scope, every read of
-- a list and every change audited, never on public pages or in logs.
CREATE TABLE cadre (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organisation_id bigint NOT NULL REFERENCES organisation (id),
  unit_id bigint NOT NULL REFERENCES unit (id),
  unit_path ltree NOT NULL,
  level text NOT NULL,
  province_code text,
  org_type text NOT NULL,
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 120),
  full_name_folded text GENERATED ALWAYS AS (vn_fold(full_name)) STORED,
  gender text NOT NULL CHECK (gender IN ('nam', 'nu', 'khac')),
  birth_year integer NOT NULL CHECK (birth_year BETWEEN 1900 AND 2100),
  ethnicity text NOT NULL DEFAULT 'Kinh',
  position text NOT NULL,
  full_time boolean NOT NULL DEFAULT false,
  phone text,
  party_member boolean NOT NULL DEFAULT false,
  term text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  removed_at timestamptz
);
CREATE INDEX cadre_org_idx ON cadre (organisation_id) WHERE removed_at IS NULL;
CREATE INDEX cadre_path_idx ON cadre USING gist (unit_path);
CREATE INDEX cadre_province_level_idx ON cadre (province_code, level, updated_at);
