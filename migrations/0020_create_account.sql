-- Accounts of the single sign-on: staff (an organisation at a unit, with roles) and citizens (VNeID). Passwords are
-- argon2id hashes; TOTP secrets are sealed with the server's token secret; nothing here is ever written to logs.
CREATE TABLE account (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL DEFAULT 'staff' CHECK (kind IN ('staff', 'citizen')),
  username text,
  email text,
  phone text,
  display_name text NOT NULL,
  unit_code text,
  unit_path ltree,
  unit_level text CHECK (unit_level IN ('central', 'province', 'commune', 'village')),
  org_type text,
  roles text[] NOT NULL DEFAULT '{}',
  citizen_id text CHECK (citizen_id ~ '^[0-9]{12}$'),
  password_hash text,
  password_changed_at timestamptz,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  failed_logins integer NOT NULL DEFAULT 0,
  lockouts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  totp_secret text,
  totp_enabled_at timestamptz,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'citizen' OR (unit_path IS NOT NULL AND org_type IS NOT NULL))
);
CREATE UNIQUE INDEX account_username_idx ON account (lower(username)) WHERE username IS NOT NULL;
CREATE UNIQUE INDEX account_email_idx ON account (lower(email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX account_phone_idx ON account (phone) WHERE phone IS NOT NULL;
CREATE UNIQUE INDEX account_citizen_id_idx ON account (citizen_id) WHERE citizen_id IS NOT NULL;
CREATE INDEX account_unit_path_idx ON account USING gist (unit_path);

-- Single-use recovery codes for the second factor (SHA-256 of the code only).
CREATE TABLE account_recovery_code (
  account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  code_hash bytea NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (account_id, code_hash)
);

-- Password reset links: single use, expiring; the table holds the SHA-256 of the token only.
CREATE TABLE password_reset (
  token_hash bytea PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_reset_account_idx ON password_reset (account_id);
