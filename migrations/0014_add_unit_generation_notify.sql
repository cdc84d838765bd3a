-- Every move of a change counter is also announced, once the change commits: NOTIFY mts_unit_generation with the
-- counter's key ('public' or a province code). The process that owns an embedded database hears every change there
-- is, so it keeps the counters in memory instead of reading them with a query per request (units.cache.ts).
CREATE FUNCTION notify_unit_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('mts_unit_generation', NEW.province_code);
  RETURN NULL;
END $$;

CREATE TRIGGER unit_generation_notify AFTER INSERT OR UPDATE ON unit_generation FOR EACH ROW
  EXECUTE FUNCTION notify_unit_generation();
