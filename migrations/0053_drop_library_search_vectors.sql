-- The library's search runs in memory (src/modules/library/search-index.ts, kept current by library_generation,
-- migration 0052): the tsvector columns, their GIN indexes and the lexeme statistics the SQL search used are no
-- longer read. Dropping them makes imports and librarians' saves cheaper.
ALTER TABLE library_article DROP COLUMN search_vector, DROP COLUMN heading_vector;
ALTER TABLE library_procedure DROP COLUMN search_vector;
DROP TABLE library_term;
