import type { Generated } from 'kysely';
import type { Db } from '../../core/db/database.ts';

export type AccountRow = {
  id: Generated<string>;
  kind: Generated<'staff' | 'citizen'>;
  username: string | null;
  email: string | null;
  phone: string | null;
  display_name: string;
  unit_code: string | null;
  unit_path: string | null;
  unit_level: string | null;
  org_type: string | null;
  roles: Generated<string[]>;
  citizen_id: string | null;
  password_hash: string | null;
  password_changed_at: Date | null;
  status: Generated<'active' | 'disabled'>;
  failed_logins: Generated<number>;
  lockouts: Generated<number>;
  locked_until: Date | null;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step?: number | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type IdentityTables = {
  account: AccountRow;
  account_recovery_code: { account_id: string; code_hash: Buffer; used_at: Date | null };
  password_reset: {
    token_hash: Buffer;
    account_id: string;
    expires_at: Date;
    used_at: Date | null;
    created_at: Generated<Date>;
  };
  oidc_payload: {
    model: string;
    id: string;
    payload: unknown;
    grant_id: string | null;
    uid: string | null;
    user_code: string | null;
    account_id: string | null;
    expires_at: Date | null;
    consumed_at: Date | null;
  };
  oidc_signing_key: { kid: string; sealed_jwk: string; created_at: Generated<Date>; retired_at: Date | null };
  oidc_client: {
    client_id: string;
    name: string;
    redirect_uris: string[];
    post_logout_redirect_uris: Generated<string[]>;
    backchannel_logout_uri: string | null;
    sealed_secret: string;
    created_by: string;
    created_at: Generated<Date>;
    disabled_at: Date | null;
  };
  auth_session: {
    token_hash: Buffer;
    account_id: string;
    principal: unknown;
    user_agent: string | null;
    created_at: Generated<Date>;
    last_seen_at: Generated<Date>;
    expires_at: Date;
    revoked_at: Date | null;
    client_id: string | null;
    oidc_sid: string | null;
  };
};

export type IdentityDb = ReturnType<typeof identityDb>;
export const identityDb = (db: Db) => db.withTables<IdentityTables>();
