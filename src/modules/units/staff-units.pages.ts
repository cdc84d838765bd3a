import type { FastifyInstance } from 'fastify';
import type { AdoptionProps } from '../../../web/units/adoption-page.tsx';
import type { TreeNode, TreeProps } from '../../../web/units/tree-page.tsx';
import { authorize, can, isWithinPath } from '../../core/auth/policy.ts';
import type { Principal } from '../../core/auth/principal.ts';
import type { PublicPages } from '../portal/index.ts';
import { adoptionFigures, communesNotStarted } from './adoption.ts';
import { REORG_PATH } from './reorganisation.pages.ts';
import { staffRoute } from './staff-pages.ts';
import { unitHistory } from './unit-history-read.ts';
import type { UnitsDb } from './units.db.ts';
import { countsOf, getReadableUnit, listAncestorsOf, listChildrenOf, search } from './units.service.ts';
import type { Unit } from './units.types.ts';

const PAGE_SIZE = 25;

function treeHref(code: string, extra = ''): string {
  return `/quan-tri/don-vi?ma=${code}${extra}`;
}

function node(u: Unit): TreeNode {
  return {
    code: u.code,
    fullName: u.fullName,
    type: u.type,
    level: u.level,
    href: u.level === 'village' ? `/quan-tri/thon/${u.code}` : treeHref(u.code),
  };
}

/** The reorganisation page for a unit, when this account may reorganise it (the page's own rule). */
function reorganiseHref(p: Principal, u: Unit): string | null {
  const mayReorganise =
    (p.unitLevel === 'central' || p.unitLevel === 'province') &&
    u.level !== 'village' &&
    u.path !== p.unitPath &&
    can(p, 'administer', { unitPath: u.path });
  return mayReorganise ? `${REORG_PATH}?ma=${u.code}` : null;
}

/** Staff: the tree browser within the account's scope, and the adoption tracker. */
export function registerStaffUnitPages(app: FastifyInstance, db: UnitsDb, pages: PublicPages): void {
  const hidden = { schema: { hide: true } };

  app.get(
    '/quan-tri/don-vi',
    hidden,
    staffRoute(pages, db, async (req, reply, { principal: p, account }) => {
      const query = req.query as { ma?: string; trang?: string; q?: string };
      const code = typeof query.ma === 'string' && /^(VN|\d{2}|\d{5}|\d{9})$/.test(query.ma) ? query.ma : p.unitCode;
      const unit = await getReadableUnit(db, p, code);
      authorize(p, 'view', { unitPath: unit.path });
      const page = Math.max(1, Number.parseInt(query.trang ?? '1', 10) || 1);
      const q = String(query.q ?? '')
        .trim()
        .slice(0, 100);
      const [ancestors, counts, children, found, history] = await Promise.all([
        listAncestorsOf(db, p, unit.code),
        countsOf(db, p, unit.code),
        unit.level === 'village'
          ? Promise.resolve({ items: [], total: 0 })
          : listChildrenOf(db, p, unit.code, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
        q ? search(db, p, { q, within: p.unitCode, limit: 30 }) : Promise.resolve(null),
        unitHistory(db, unit.id),
      ]);
      const props: TreeProps = {
        account,
        unit: node(unit),
        ancestors: ancestors.map((a) => ({
          ...node(a),
          href: isWithinPath(a.path, p.unitPath) ? treeHref(a.code) : '',
        })),
        counts: { provinces: counts.provinces, communes: counts.communes, villages: counts.villages },
        children: children.items.map(node),
        total: children.total,
        page,
        pages: Math.max(1, Math.ceil(children.total / PAGE_SIZE)),
        q,
        results: found ? found.map(node) : null,
        exportHref: `/api/units/${unit.code}/export.xlsx`,
        reorganiseHref: reorganiseHref(p, unit),
        history,
      };
      return pages.render(req, reply, { page: 'units/tree', props });
    }),
  );

  app.get(
    '/quan-tri/tien-do',
    hidden,
    staffRoute(pages, db, async (req, reply, { principal: p, account, lang }) => {
      const tinh = (req.query as { tinh?: string }).tinh;
      const figures = await adoptionFigures(db, p, lang);
      let notStarted: AdoptionProps['notStarted'] = null;
      if (typeof tinh === 'string' && /^\d{2}$/.test(tinh)) {
        const province = await getReadableUnit(db, p, tinh);
        const communes = await communesNotStarted(db, p, tinh);
        notStarted = {
          provinceCode: province.code,
          provinceName: province.fullName,
          communes: communes.map((c) => ({ code: c.code, fullName: c.fullName, href: treeHref(c.code) })),
        };
      }
      const props: AdoptionProps = {
        account,
        asOf: figures.asOf,
        total: figures.total,
        provinces: figures.provinces,
        notStarted,
      };
      return pages.render(req, reply, { page: 'units/adoption', props });
    }),
  );
}
