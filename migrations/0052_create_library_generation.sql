-- A change counter for the library, bumped in the same transaction as every write to documents, articles or
-- procedures (imports, librarians' edits, status changes). Each server process holds the search index in memory
-- (src/modules/library/search-index.load.ts) under the counter value it was built at; a search reads the counter
-- (one row) and rebuilds the index when it moved, whichever instance made the change.
CREATE TABLE library_generation (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  n bigint NOT NULL DEFAULT 0
);
INSERT INTO library_generation (id, n) VALUES (true, 0);

CREATE FUNCTION bump_library_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE library_generation SET n = n + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER library_document_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON library_document
  FOR EACH STATEMENT EXECUTE FUNCTION bump_library_generation();
CREATE TRIGGER library_article_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON library_article
  FOR EACH STATEMENT EXECUTE FUNCTION bump_library_generation();
CREATE TRIGGER library_procedure_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON library_procedure
  FOR EACH STATEMENT EXECUTE FUNCTION bump_library_generation();
