-- Report forms, defined and versioned by Central. A form is a code ("BC_TUAN") with numbered versions; each
-- version lists its fields (numeric indicators and narrative texts), which organisation types and levels fill it,
-- the week it applies from, and its deadline and lock (minutes after the end of the ISO week, Sunday 24:00 in
-- Vietnam: 720 = Monday 12:00 of the following week).
CREATE TABLE report_form (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
  version integer NOT NULL CHECK (version > 0),
  title text NOT NULL,
  org_types text[] NOT NULL,
  levels text[] NOT NULL,
  -- ISO week as an integer YYYYWW (202647 = week 47 of 2026).
  valid_from_week integer NOT NULL,
  deadline_minutes integer NOT NULL DEFAULT 720 CHECK (deadline_minutes BETWEEN 0 AND 43200),
  lock_minutes integer NOT NULL DEFAULT 3600 CHECK (lock_minutes BETWEEN 0 AND 86400),
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (code, version),
  CHECK (lock_minutes >= deadline_minutes)
);

CREATE TABLE report_form_field (
  form_id bigint NOT NULL REFERENCES report_form (id) ON DELETE CASCADE,
  key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  kind text NOT NULL CHECK (kind IN ('number', 'text')),
  label_vi text NOT NULL,
  label_en text NOT NULL,
  required boolean NOT NULL DEFAULT false,
  min_value bigint,
  max_value bigint,
  max_length integer,
  -- Over a range of weeks, flows add up ('sum') while stocks such as the membership take the latest week ('last').
  over_time text NOT NULL DEFAULT 'sum' CHECK (over_time IN ('sum', 'last')),
  -- A number that may not exceed another field of the same report (new members ≤ members).
  not_above text,
  sort_order integer NOT NULL,
  PRIMARY KEY (form_id, key)
);
