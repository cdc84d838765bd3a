-- Storage of the OpenID provider (oidc-provider's adapter): one table keyed by model and id, with the lookups the
-- provider needs (grant, interaction uid, user code) and the account, so that disabling an account ends its
-- sessions, grants and tokens at once.
CREATE TABLE oidc_payload (
  model text NOT NULL,
  id text NOT NULL,
  payload jsonb NOT NULL,
  grant_id text,
  uid text,
  user_code text,
  account_id text,
  expires_at timestamptz,
  consumed_at timestamptz,
  PRIMARY KEY (model, id)
);
CREATE INDEX oidc_payload_grant_idx ON oidc_payload (grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX oidc_payload_uid_idx ON oidc_payload (uid) WHERE uid IS NOT NULL;
CREATE INDEX oidc_payload_user_code_idx ON oidc_payload (user_code) WHERE user_code IS NOT NULL;
CREATE INDEX oidc_payload_account_idx ON oidc_payload (account_id) WHERE account_id IS NOT NULL;
CREATE INDEX oidc_payload_expires_idx ON oidc_payload (expires_at);

-- Signing keys, generated at first start and rotatable; private parts sealed with the token secret.
CREATE TABLE oidc_signing_key (
  kid text PRIMARY KEY,
  sealed_jwk text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);

-- Third-party clients registered by a Central administrator (the platform's own apps are registered at start).
CREATE TABLE oidc_client (
  client_id text PRIMARY KEY,
  name text NOT NULL,
  redirect_uris text[] NOT NULL,
  post_logout_redirect_uris text[] NOT NULL DEFAULT '{}',
  backchannel_logout_uri text,
  sealed_secret text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);

-- App sessions made by the platform's relying parties carry their client and the provider's session id, so a
-- back-channel logout ends exactly the sessions it names.
ALTER TABLE auth_session ADD COLUMN client_id text, ADD COLUMN oidc_sid text;
CREATE INDEX auth_session_oidc_sid_idx ON auth_session (oidc_sid) WHERE oidc_sid IS NOT NULL;
