-- Extensions every module relies on: hierarchy paths, fuzzy and accent-insensitive search, UUIDs and hashing.
CREATE EXTENSION IF NOT EXISTS ltree;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- Folds Vietnamese text for search: lower case, no tone marks, đ → d, so "Hà Nội", "HA NOI", "hà nội" all match.
-- unaccent() is only STABLE (it reads a dictionary); naming the dictionary makes this wrapper safe to mark
-- IMMUTABLE, so it can back expression and trigram indexes.
CREATE OR REPLACE FUNCTION vn_fold(input text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN lower(public.unaccent('public.unaccent'::regdictionary, normalize(input, NFC)));
