import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import { identityDb } from './identity.db.ts';
import type { Sealer } from './secrets.ts';

/** How long a retired key stays published so that tokens it signed still verify (longer than any token lives). */
export const RETIRED_KEY_GRACE_MS = 24 * 60 * 60 * 1000;

/** A new RS256 signing key, sealed with the token secret. */
export async function newSigningKey(db: Db, sealer: Sealer): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const kid = randomUUID();
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  await identityDb(db)
    .insertInto('oidc_signing_key')
    .values({ kid, sealed_jwk: sealer.seal(JSON.stringify(jwk)) })
    .execute();
  return kid;
}

/** At first start there is no key: generate one (two processes starting together may both do it; both are valid). */
export async function ensureSigningKey(db: Db, sealer: Sealer): Promise<void> {
  const active = await identityDb(db)
    .selectFrom('oidc_signing_key')
    .select('kid')
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  if (!active) await newSigningKey(db, sealer);
}

/** A new signing key; the previous ones retire (still published for a day so their tokens verify). */
export async function rotateSigningKeys(db: Db, sealer: Sealer): Promise<string> {
  const kid = await newSigningKey(db, sealer);
  await sql`UPDATE oidc_signing_key SET retired_at = now() WHERE retired_at IS NULL AND kid <> ${kid}`.execute(db);
  return kid;
}

/** The keys the provider publishes, the newest active one first (oidc-provider signs with the first that fits). */
export async function loadSigningKeys(db: Db, sealer: Sealer): Promise<JWK[]> {
  const { rows } = await sql<{ sealed_jwk: string }>`
    SELECT sealed_jwk FROM oidc_signing_key
    WHERE retired_at IS NULL OR retired_at > now() - make_interval(secs => ${RETIRED_KEY_GRACE_MS / 1000})
    ORDER BY (retired_at IS NULL) DESC, created_at DESC`.execute(db);
  return rows.map((r) => JSON.parse(sealer.open(r.sealed_jwk)) as JWK);
}
