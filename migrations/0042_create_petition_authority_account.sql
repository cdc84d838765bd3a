-- Which accounts answer for a directory entry: the commune police and the commune People's Committee each see and
-- answer only the cases forwarded to their own entry. The account id is the identity module's (text, as in
-- auth_session); the name is kept for the directory page. Links are managed by the Front of the unit.
CREATE TABLE petition_authority_account (
  authority_id bigint NOT NULL REFERENCES petition_authority (id),
  account_id text NOT NULL,
  account_name text NOT NULL,
  linked_by text,
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (authority_id, account_id)
);
CREATE INDEX petition_authority_account_account_idx ON petition_authority_account (account_id);

-- An authority's inbox: the cases forwarded to its entries, newest first.
CREATE INDEX petition_authority_received_idx ON petition (authority_id, received_at DESC)
  WHERE authority_id IS NOT NULL;
