-- Article headings indexed on their own: a question naming an article's subject ("rút khiếu nại") finds it even when
-- the question's rarest words are not in the text. Built by the application like search_vector; rows imported before
-- this migration are filled at the next start (src/modules/library/index.ts).
ALTER TABLE library_article ADD COLUMN heading_vector tsvector;
CREATE INDEX library_article_heading_vector_idx ON library_article USING gin (heading_vector);
