import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../core/context.ts';
import { registerMessages } from '../../core/i18n/messages.ts';
import { createPublicPages } from '../portal/index.ts';
import { registerDirectoryPages } from './directory.pages.ts';
import { registerReorganisationPages } from './reorganisation.pages.ts';
import { registerStaffUnitPages } from './staff-units.pages.ts';
import { unitsDb } from './units.db.ts';
import { registerVillageEditorPages } from './village-editor.pages.ts';

registerMessages({
  VILLAGE_DISSOLVE_DATE: { vi: 'Hãy nhập ngày hiệu lực (ngày/tháng/năm).', en: 'Enter the effective date.' },
  VILLAGE_DISSOLVE_CONFIRM: {
    vi: 'Hãy đánh dấu ô xác nhận để giải thể.',
    en: 'Tick the confirmation box to dissolve.',
  },
});

/**
 * The hierarchy's pages: the public directory (/don-vi), and for staff the tree browser (/quan-tri/don-vi),
 * the village list editor (/quan-tri/thon), the adoption tracker (/quan-tri/tien-do) and reorganisations
 * (/quan-tri/don-vi/to-chuc-lai). Registered in the
 * module's scope after the village routes, so the import form shares their multipart limits.
 */
export function registerUnitPages(app: FastifyInstance, ctx: AppContext): void {
  const db = unitsDb(ctx.db);
  const pages = createPublicPages(ctx.config);
  registerDirectoryPages(app, db, pages);
  registerStaffUnitPages(app, db, pages);
  registerVillageEditorPages(app, db, pages);
  registerReorganisationPages(app, db, pages);
}
