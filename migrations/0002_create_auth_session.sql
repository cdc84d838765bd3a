-- Server-side sessions: the cookie holds a random token, the table only its SHA-256, so a database dump
-- cannot be replayed as cookies. The principal is the account's snapshot at sign-in (unit, organisation, roles).
CREATE TABLE auth_session (
  token_hash bytea PRIMARY KEY,
  account_id text NOT NULL,
  principal jsonb NOT NULL,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX auth_session_account_idx ON auth_session (account_id) WHERE revoked_at IS NULL;
