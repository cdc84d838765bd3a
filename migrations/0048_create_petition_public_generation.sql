-- A change counter for what the public case pages show. Each process keeps the pages it rendered under the value
-- it read (published-pages.ts); every change to a published case (publish, unpublish, edit of the public texts,
-- rating, status) and to the categories moves it in the same transaction, so a kept page is never stale, across
-- any number of instances. Unpublished cases do not fire the trigger: submissions and handling never touch it.
-- Published rows are only ever made by UPDATE (the publish action); the benchmark's COPY of past cases is not an
-- app path and is loaded before any page is rendered.
CREATE TABLE petition_public_generation (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  n bigint NOT NULL DEFAULT 0
);
INSERT INTO petition_public_generation DEFAULT VALUES;

CREATE FUNCTION bump_petition_public_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE petition_public_generation SET n = n + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER petition_public_generation_update AFTER UPDATE ON petition
  FOR EACH ROW WHEN (OLD.published OR NEW.published) EXECUTE FUNCTION bump_petition_public_generation();
CREATE TRIGGER petition_public_generation_delete AFTER DELETE ON petition
  FOR EACH ROW WHEN (OLD.published) EXECUTE FUNCTION bump_petition_public_generation();
CREATE TRIGGER petition_category_public_generation AFTER INSERT OR UPDATE OR DELETE ON petition_category
  FOR EACH STATEMENT EXECUTE FUNCTION bump_petition_public_generation();
