import { sql } from 'kysely';
import { requireRole } from '../../core/auth/policy.ts';
import type { Principal } from '../../core/auth/principal.ts';
import type { Db } from '../../core/db/database.ts';
import { todayInVietnam } from '../units/index.ts';

export type Progress = {
  provinces: { total: number; withCadres: number; rate: number };
  communes: { total: number; withCadres: number; rate: number };
  cadres: { province: number; commune: number; village: number };
  villageLists: { communes: number; withVillages: number; rate: number; villages: number };
  profiles: { withProfile: number };
};

/**
 * Digital transformation progress, live, in the account's subtree, the way the seed articles report it:
 * provinces and communes that have updated their cadre lists, cadres updated per level, village lists created.
 */
export async function progress(db: Db, p: Principal | null): Promise<Progress> {
  requireRole(p, 'view');
  const today = todayInVietnam();
  const scope = p.unitPath;
  const { rows } = await sql<{
    provinces: number;
    provincesWith: number;
    communes: number;
    communesWith: number;
    cadresProvince: number;
    cadresCommune: number;
    cadresVillage: number;
    communesWithVillages: number;
    villages: number;
    orgsWithProfile: number;
  }>`WITH cur AS (
      SELECT unit_id, level, path, parent_id FROM unit_version v
      WHERE v.path <@ ${scope}::ltree AND v.valid_from <= ${today}::date AND (v.valid_to IS NULL OR v.valid_to > ${today}::date)),
    cadres AS (SELECT unit_id, level, count(*) AS n FROM cadre WHERE removed_at IS NULL AND unit_path <@ ${scope}::ltree
      GROUP BY unit_id, level)
    SELECT
      (SELECT count(*) FROM cur WHERE level = 'province')::int AS provinces,
      (SELECT count(*) FROM cur WHERE level = 'province' AND unit_id IN (SELECT unit_id FROM cadres))::int AS "provincesWith",
      (SELECT count(*) FROM cur WHERE level = 'commune')::int AS communes,
      (SELECT count(*) FROM cur WHERE level = 'commune' AND unit_id IN (SELECT unit_id FROM cadres))::int AS "communesWith",
      (SELECT coalesce(sum(n), 0) FROM cadres WHERE level = 'province')::int AS "cadresProvince",
      (SELECT coalesce(sum(n), 0) FROM cadres WHERE level = 'commune')::int AS "cadresCommune",
      (SELECT coalesce(sum(n), 0) FROM cadres WHERE level = 'village')::int AS "cadresVillage",
      (SELECT count(DISTINCT parent_id) FROM cur WHERE level = 'village')::int AS "communesWithVillages",
      (SELECT count(*) FROM cur WHERE level = 'village')::int AS villages,
      (SELECT count(DISTINCT organisation_id) FROM org_profile_version WHERE unit_path <@ ${scope}::ltree)::int AS "orgsWithProfile"
  `.execute(db);
  const r = rows[0]!;
  const rate = (a: number, b: number) => (b ? a / b : 0);
  return {
    provinces: { total: r.provinces, withCadres: r.provincesWith, rate: rate(r.provincesWith, r.provinces) },
    communes: { total: r.communes, withCadres: r.communesWith, rate: rate(r.communesWith, r.communes) },
    cadres: { province: r.cadresProvince, commune: r.cadresCommune, village: r.cadresVillage },
    villageLists: {
      communes: r.communes,
      withVillages: r.communesWithVillages,
      rate: rate(r.communesWithVillages, r.communes),
      villages: r.villages,
    },
    profiles: { withProfile: r.orgsWithProfile },
  };
}
