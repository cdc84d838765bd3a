-- Reminders queued to subordinates that have not reported, so the same one is not queued twice within a day.
CREATE TABLE report_reminder (
  organisation_id bigint NOT NULL,
  form_code text NOT NULL,
  week integer NOT NULL,
  queued_at timestamptz NOT NULL DEFAULT now(),
  queued_by text,
  recipients integer NOT NULL,
  PRIMARY KEY (organisation_id, form_code, week, queued_at)
);
