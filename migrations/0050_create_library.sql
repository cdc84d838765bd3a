-- The community digital library: legal documents split into articles, public-service procedures, and the relations
-- between documents (the vbpl "lược đồ"). Search vectors are built by the application (folded syllables and syllable
-- pairs, weighted by field; see src/modules/library/search-text.ts), so both databases index the same lexemes.
CREATE TABLE library_document (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),
  number text,
  title text NOT NULL,
  doc_type text NOT NULL,
  issuer text NOT NULL,
  issued_date date,
  effective_date date,
  status text NOT NULL DEFAULT 'in_force'
    CHECK (status IN ('in_force', 'partly_expired', 'expired', 'not_yet_in_force')),
  status_date date,
  status_note text,
  -- 'auto': derived at import from the texts (a later law's "… hết hiệu lực"); 'librarian': set by hand, kept.
  status_origin text NOT NULL DEFAULT 'auto' CHECK (status_origin IN ('auto', 'librarian')),
  replaced_by_id text REFERENCES library_document (id) ON DELETE SET NULL,
  field text,
  -- Who keeps it: Central ('vn') or a province ('vn.01'); a province librarian edits only their province's documents.
  level text NOT NULL DEFAULT 'central' CHECK (level IN ('central', 'province')),
  unit_path ltree NOT NULL DEFAULT 'vn',
  preamble text NOT NULL DEFAULT '',
  closing text NOT NULL DEFAULT '',
  source text,
  source_file text,
  quality_note text,
  article_gaps integer[] NOT NULL DEFAULT '{}',
  origin text NOT NULL DEFAULT 'corpus' CHECK (origin IN ('corpus', 'librarian')),
  content_hash text NOT NULL,
  title_folded text GENERATED ALWAYS AS (vn_fold(title)) STORED,
  number_folded text GENERATED ALWAYS AS (vn_fold(coalesce(number, ''))) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX library_document_unit_path_idx ON library_document USING gist (unit_path);
CREATE INDEX library_document_number_idx ON library_document (number_folded);
CREATE INDEX library_document_title_trgm_idx ON library_document USING gin (title_folded gin_trgm_ops);

CREATE TABLE library_article (
  document_id text NOT NULL REFERENCES library_document (id) ON DELETE CASCADE,
  article_no text NOT NULL,
  ordinal integer NOT NULL,
  heading text NOT NULL,
  body text NOT NULL,
  part text,
  chapter text,
  section text,
  heading_folded text GENERATED ALWAYS AS (vn_fold(heading)) STORED,
  search_vector tsvector NOT NULL,
  PRIMARY KEY (document_id, article_no)
);
CREATE INDEX library_article_search_idx ON library_article USING gin (search_vector);
CREATE INDEX library_article_heading_trgm_idx ON library_article USING gin (heading_folded gin_trgm_ops);
CREATE INDEX library_article_order_idx ON library_article (document_id, ordinal);

CREATE TABLE library_procedure (
  code text PRIMARY KEY,
  name text NOT NULL,
  ministry text,
  implementing_agency text,
  competent_authority text,
  level text NOT NULL,
  levels text[] NOT NULL,
  field text,
  procedure_type text,
  applicants text,
  decision_no text,
  steps jsonb NOT NULL DEFAULT '[]',
  channels jsonb NOT NULL DEFAULT '[]',
  processing_time jsonb NOT NULL DEFAULT '[]',
  fees jsonb NOT NULL DEFAULT '[]',
  documents jsonb NOT NULL DEFAULT '[]',
  conditions text,
  result text,
  legal_basis_codes text[] NOT NULL DEFAULT '{}',
  legal_basis_text text,
  url text,
  content_hash text NOT NULL,
  name_folded text GENERATED ALWAYS AS (vn_fold(name)) STORED,
  field_folded text GENERATED ALWAYS AS (vn_fold(coalesce(field, ''))) STORED,
  search_vector tsvector NOT NULL
);
CREATE INDEX library_procedure_search_idx ON library_procedure USING gin (search_vector);
CREATE INDEX library_procedure_name_trgm_idx ON library_procedure USING gin (name_folded gin_trgm_ops);
CREATE INDEX library_procedure_field_idx ON library_procedure (field);

-- guides / amends / replaces / repeals / partly_repeals / refers_to / legal_basis, read in both directions.
-- A target outside the library keeps its number or name (target_label) and no target_document_id.
CREATE TABLE library_relation (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_document_id text NOT NULL REFERENCES library_document (id) ON DELETE CASCADE,
  source_article_no text,
  kind text NOT NULL
    CHECK (kind IN ('guides', 'amends', 'replaces', 'repeals', 'partly_repeals', 'refers_to', 'legal_basis')),
  target_document_id text REFERENCES library_document (id) ON DELETE CASCADE,
  target_article_no text,
  target_label text NOT NULL,
  origin text NOT NULL CHECK (origin IN ('auto', 'librarian')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX library_relation_unique_idx ON library_relation (source_document_id,
  coalesce(source_article_no, ''), kind, coalesce(target_document_id, ''), coalesce(target_article_no, ''),
  target_label);
CREATE INDEX library_relation_target_idx ON library_relation (target_document_id, target_article_no);

-- Document frequency of each search lexeme, for the inverse-document-frequency weights of the ranking.
CREATE TABLE library_term (
  term text PRIMARY KEY,
  df integer NOT NULL
);
CREATE TABLE library_meta (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
