import { devCookie, PETITIONS_STAFF_APP_NOTE, startPetitionsApp } from '../datasets/petitions-bench.ts';
import type { ChildServer } from '../lib/child-server.ts';
import { defineBenchmark } from '../lib/types.ts';

/** A province's handling inbox: the first page with the filters staff use. */
export default defineBenchmark<{ app: ChildServer; paths: string[]; headers: Record<string, string> }>({
  name: 'petitions-inbox',
  description:
    'GET /api/petitions/inbox as a petition handler of Thành phố Hà Nội (~35,000 cases nationally): first page of 20, ' +
    'cycling no filter, status, category, overdue, status+category' +
    PETITIONS_STAFF_APP_NOTE,
  budget: { p95Ms: 100 },
  async setup(ctx) {
    const app = await startPetitionsApp(ctx, { staff: true });
    const headers = await devCookie(app, { unitCode: '01', roles: ['petition_handler'] });
    const paths = [
      '/api/petitions/inbox',
      '/api/petitions/inbox?status=received',
      '/api/petitions/inbox?category=moi_truong',
      '/api/petitions/inbox?overdue=true',
      '/api/petitions/inbox?status=forwarded&category=dat_dai',
      '/api/petitions/inbox?status=answered',
    ];
    const res = await fetch(`${app.url}${paths[0]}`, { headers });
    if (!res.ok) throw new Error(`inbox: ${res.status} ${await res.text()}`);
    return { app, paths, headers };
  },
  run: (ctx, s) => ctx.httpLoad(s.app.url, { paths: s.paths, headers: s.headers }),
});
