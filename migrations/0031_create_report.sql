-- Weekly reports of organisations. One report per (organisation, form code, week). Numeric values live in a
-- narrow table; narratives in the report row. Roll-ups are maintained incrementally in the transaction that
-- accepts, returns or reopens a report: `rollup_unit_ids` records exactly which roll-up rows the report was
-- added to (its unit as of today, following merges, and the unit's ancestors), so taking it out again subtracts
-- from the same rows even if the tree changed in between.
CREATE TABLE report (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  form_id bigint NOT NULL REFERENCES report_form (id),
  form_code text NOT NULL,
  organisation_id bigint NOT NULL REFERENCES organisation (id),
  unit_id bigint NOT NULL REFERENCES unit (id),
  org_type text NOT NULL,
  level text NOT NULL,
  province_code text,
  week integer NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
  narratives jsonb NOT NULL DEFAULT '{}',
  first_submitted_at timestamptz,
  submitted_at timestamptz,
  on_time boolean,
  decided_at timestamptz,
  decided_by text,
  return_comment text,
  -- Set by a superior's reopen: the reporting unit may edit and submit again after the lock.
  reopened boolean NOT NULL DEFAULT false,
  rollup_unit_ids bigint[],
  revision integer NOT NULL DEFAULT 0,
  created_by text,
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, form_code, week)
);
CREATE INDEX report_unit_week_idx ON report (unit_id, week);
CREATE INDEX report_week_status_idx ON report (week, status);
CREATE INDEX report_rollup_units_idx ON report USING gin (rollup_unit_ids);

CREATE TABLE report_value (
  report_id bigint NOT NULL REFERENCES report (id) ON DELETE CASCADE,
  indicator text NOT NULL,
  value bigint NOT NULL,
  PRIMARY KEY (report_id, indicator)
);

-- Every step of a report: who, when, what, and the superior's comment.
CREATE TABLE report_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id bigint NOT NULL REFERENCES report (id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id text,
  actor_name text,
  action text NOT NULL,
  comment text
);
CREATE INDEX report_event_report_idx ON report_event (report_id, id);

-- Sum of the accepted values of every report in a unit's subtree (the unit itself included), per week, form,
-- organisation type and indicator.
CREATE TABLE report_rollup (
  unit_id bigint NOT NULL,
  week integer NOT NULL,
  form_code text NOT NULL,
  org_type text NOT NULL,
  indicator text NOT NULL,
  value bigint NOT NULL,
  reports integer NOT NULL,
  PRIMARY KEY (unit_id, week, form_code, org_type, indicator)
);

-- Reporting counters per unit subtree, week, form, organisation type and level of the reporting organisation.
-- submitted counts reports that were sent (submitted, accepted or returned); on_time those first sent before the
-- deadline.
CREATE TABLE report_status_rollup (
  unit_id bigint NOT NULL,
  week integer NOT NULL,
  form_code text NOT NULL,
  org_type text NOT NULL,
  level text NOT NULL,
  submitted integer NOT NULL DEFAULT 0,
  on_time integer NOT NULL DEFAULT 0,
  accepted integer NOT NULL DEFAULT 0,
  returned integer NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, week, form_code, org_type, level)
);

-- How many organisations are expected to report: per unit subtree (the unit included), organisation type, level
-- of the organisation and the ISO week it came into being (expected in week W = sum of rows with from_week <= W).
-- Maintained from report_expected_member, which records for every organisation in force which units' counts it is in.
CREATE TABLE report_expected (
  unit_id bigint NOT NULL,
  org_type text NOT NULL,
  level text NOT NULL,
  from_week integer NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (unit_id, org_type, level, from_week)
);

CREATE TABLE report_expected_member (
  organisation_id bigint PRIMARY KEY,
  unit_ids bigint[] NOT NULL,
  org_type text NOT NULL,
  level text NOT NULL,
  from_week integer NOT NULL
);
CREATE INDEX report_expected_member_units_idx ON report_expected_member USING gin (unit_ids);

-- Units whose versions or organisations changed since the roll-ups were last reconciled with the tree. Filled by
-- statement triggers on the hierarchy's tables, emptied by the reconciliation.
CREATE TABLE report_tree_change (
  unit_id bigint PRIMARY KEY
);
INSERT INTO report_tree_change VALUES (0);

CREATE FUNCTION report_note_tree_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_tree_change (unit_id) SELECT DISTINCT unit_id FROM changed_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER unit_version_inserted_report_note AFTER INSERT ON unit_version
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_note_tree_change();
CREATE TRIGGER unit_version_updated_report_note AFTER UPDATE ON unit_version
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_note_tree_change();
CREATE TRIGGER unit_version_deleted_report_note AFTER DELETE ON unit_version
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_note_tree_change();
CREATE TRIGGER organisation_inserted_report_note AFTER INSERT ON organisation
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_note_tree_change();
CREATE TRIGGER organisation_updated_report_note AFTER UPDATE ON organisation
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_note_tree_change();
CREATE TRIGGER organisation_deleted_report_note AFTER DELETE ON organisation
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_note_tree_change();
