import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CommuneProps } from '../../../web/units/commune-page.tsx';
import type { DirectoryProps, UnitLink } from '../../../web/units/directory-page.tsx';
import type { ProvinceProps } from '../../../web/units/province-page.tsx';
import { compareVi } from '../../core/i18n/format.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { detectLang, type PublicPages } from '../portal/index.ts';
import { adoptionOfSubtree } from './adoption.ts';
import { provinceMapSvg } from './province-map.ts';
import { renderNotFound, staffAccountOf } from './staff-pages.ts';
import { todayInVietnam } from './unit-naming.ts';
import type { UnitsDb } from './units.db.ts';
import { listChildren, listProvinces } from './units.repo.ts';
import { countsOf, getReadableUnit, listChildrenOf, organisationsOf, search } from './units.service.ts';
import type { Unit } from './units.types.ts';

const PUBLIC_CACHE = 'public, max-age=300';

/**
 * Anonymous visitors may cache public pages briefly; not when the response sets a cookie (the remembered
 * language) nor for signed-in cadres, who expect their own changes (e.g. the adoption figure) at once.
 */
async function publicCache(req: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if (reply.statusCode === 200 && !req.principal && !reply.hasHeader('set-cookie')) {
    reply.header('cache-control', PUBLIC_CACHE);
  }
  return payload;
}

const link = (u: Unit, href: string, parentName: string | null = null): UnitLink => ({
  code: u.code,
  fullName: u.fullName,
  name: u.name,
  type: u.type,
  href,
  parentName,
});

/** The public directory of provinces and communes (/don-vi): map, search, province and commune pages. */
export function registerDirectoryPages(app: FastifyInstance, db: UnitsDb, pages: PublicPages): void {
  const opts = { schema: { hide: true }, onSend: publicCache };

  async function notFound(req: FastifyRequest, reply: FastifyReply) {
    const account = req.principal ? await staffAccountOf(db, req.principal, detectLang(req)) : null;
    return renderNotFound(pages, req, reply, account);
  }

  app.get('/don-vi', opts, async (req, reply) => {
    const asOf = todayInVietnam();
    const q = String((req.query as { q?: string }).q ?? '')
      .trim()
      .slice(0, 100);
    const provinces = await listProvinces(db, asOf);
    const names = new Map(provinces.map((p) => [p.code, p.fullName]));
    const communeCounts = await Promise.all(
      provinces.map(async (p) => (await listChildren(db, p.id, asOf, { limit: 1, offset: 0 })).total),
    );
    let results: UnitLink[] | null = null;
    if (q) {
      const found = await search(db, null, { q, asOf, limit: 30 });
      results = found
        .filter((u) => u.level === 'province' || u.level === 'commune')
        .map((u) =>
          u.level === 'province'
            ? link(u, `/don-vi/${u.code}`)
            : link(u, `/don-vi/${u.provinceCode}/${u.code}`, names.get(u.provinceCode ?? '') ?? null),
        );
    }
    const props: DirectoryProps = {
      provinces: provinces.map((p, i) => ({ ...link(p, `/don-vi/${p.code}`), communes: communeCounts[i] ?? 0 })),
      mapSvg: provinceMapSvg(names),
      q,
      results,
    };
    return pages.render(req, reply, { page: 'units/directory', props });
  });

  async function provinceOr404(code: string): Promise<Unit | null> {
    if (!/^\d{2}$/.test(code)) return null;
    const unit = await getReadableUnit(db, null, code).catch(() => null);
    return unit?.level === 'province' ? unit : null;
  }

  app.get('/don-vi/:province', opts, async (req, reply) => {
    const lang: Lang = detectLang(req);
    const province = await provinceOr404((req.params as { province: string }).province);
    if (!province) return notFound(req, reply);
    const communes = (await listChildrenOf(db, null, province.code, { limit: 500, offset: 0 })).items;
    communes.sort((a, b) => compareVi(a.name, b.name));
    const adoption = await adoptionOfSubtree(db, province.path, lang);
    const organisations = await organisationsOf(db, null, province.code, lang);
    const props: ProvinceProps = {
      province: link(province, `/don-vi/${province.code}`),
      communes: communes.map((c) => link(c, `/don-vi/${province.code}/${c.code}`)),
      adoption: adoption.provinces[0]
        ? {
            formatted: adoption.provinces[0].formatted,
            villages: adoption.provinces[0].villages,
            asOf: adoption.asOf,
          }
        : null,
      organisations: organisations.filter((o) => o.name).map((o) => ({ orgType: o.orgType, name: o.name! })),
    };
    return pages.render(req, reply, { page: 'units/province', props, title: undefined });
  });

  app.get('/don-vi/:province/:commune', opts, async (req, reply) => {
    const lang: Lang = detectLang(req);
    const params = req.params as { province: string; commune: string };
    const province = await provinceOr404(params.province);
    const commune = /^\d{5}$/.test(params.commune)
      ? await getReadableUnit(db, null, params.commune).catch(() => null)
      : null;
    if (!province || commune?.level !== 'commune' || commune.parentCode !== province.code) {
      return notFound(req, reply);
    }
    const [organisations, counts] = await Promise.all([
      organisationsOf(db, null, commune.code, lang),
      countsOf(db, null, commune.code),
    ]);
    const props: CommuneProps = {
      province: link(province, `/don-vi/${province.code}`),
      commune: link(commune, `/don-vi/${province.code}/${commune.code}`),
      organisations: organisations.map((o) => ({ orgType: o.orgType, name: o.name, organised: o.organised })),
      villages: counts.villages,
    };
    return pages.render(req, reply, { page: 'units/commune', props });
  });
}
