-- Each move of the public pages' change counter (migration 0048) is also announced when it commits: NOTIFY
-- mts_petition_public with the id of the published case that changed, or '*' for a change to the categories. A
-- process that hears the notices drops only that case's kept pages and reads no counter per request
-- (published-pages.ts); one that cannot hear them reads the counter as before.
CREATE OR REPLACE FUNCTION bump_petition_public_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE petition_public_generation SET n = n + 1;
  IF TG_LEVEL = 'ROW' AND TG_TABLE_NAME = 'petition' THEN
    IF TG_OP = 'DELETE' THEN
      PERFORM pg_notify('mts_petition_public', OLD.id::text);
    ELSE
      PERFORM pg_notify('mts_petition_public', NEW.id::text);
    END IF;
  ELSE
    PERFORM pg_notify('mts_petition_public', '*');
  END IF;
  RETURN NULL;
END $$;
