-- Append-only record of staff actions: who (account, unit, organisation), did what, to which target (and its unit,
-- so auditors read it within their scope), when, from which request. It never holds passwords, tokens, OTPs or
-- the content of citizens' personal data — only references to it.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id text,
  actor_name text,
  actor_unit_path ltree,
  actor_org_type text,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text,
  target_unit_path ltree,
  request_id text,
  ip inet,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_target_unit_path_idx ON audit_log USING gist (target_unit_path);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
