-- Hot rows: every report of a week changes the same Central and province rows, so concurrent acceptances and
-- submissions queued on them. Their contributions now spread over slots (report id modulo 16; communes keep
-- slot 0) and readers add the slots up.
ALTER TABLE report_rollup ADD COLUMN slot smallint NOT NULL DEFAULT 0;
ALTER TABLE report_rollup DROP CONSTRAINT report_rollup_pkey,
  ADD PRIMARY KEY (unit_id, week, form_code, org_type, indicator, slot);
ALTER TABLE report_status_rollup ADD COLUMN slot smallint NOT NULL DEFAULT 0;
ALTER TABLE report_status_rollup DROP CONSTRAINT report_status_rollup_pkey,
  ADD PRIMARY KEY (unit_id, week, form_code, org_type, level, slot);
