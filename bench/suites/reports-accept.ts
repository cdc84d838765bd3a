import { acceptReport } from '../../src/modules/reports/reports.service.ts';
import { weekAt } from '../../src/modules/reports/weeks.ts';
import {
  approverAbove,
  submitVillageReport,
  type VillageOrg,
  villageOrgsWithoutReport,
} from '../datasets/reports-village-orgs.ts';
import { defineBenchmark } from '../lib/types.ts';

type State = { reports: { id: number; org: VillageOrg }[] };

/**
 * The superior's side of a submission: the commune accepts a village organisation's submitted report, which locks
 * it and moves its values into the roll-ups of commune, province and Central (with the completeness counters).
 */
export default defineBenchmark<State>({
  name: 'reports-accept',
  description:
    'In-process acceptReport by the commune of a distinct submitted village report of the current week (villages ' +
    'spread over the country; submitted untimed in setup), one transaction with the status, history, audit entry ' +
    'and the value and completeness roll-ups it changes; 8 in flight on the server, 1 on PGlite',
  budget: { p95Ms: 30 },
  async setup(ctx) {
    await ctx.ensureDataset('reports-12-weeks');
    const week = weekAt(new Date());
    const national = ctx.scale.name === 'national';
    const orgs = await villageOrgsWithoutReport(ctx.database.db, week, national ? 4000 : 400);
    const reports: State['reports'] = [];
    let next = 0;
    const worker = async () => {
      for (let o = orgs[next++]; o; o = orgs[next++])
        reports.push({ id: await submitVillageReport(ctx.database.db, o, week), org: o });
    };
    await Promise.all(Array.from({ length: ctx.database.kind === 'server' ? 4 : 1 }, worker));
    ctx.log(`  reports-accept: ${reports.length} reports submitted to accept`);
    return { reports };
  },
  async run(ctx, s) {
    let next = 0;
    return ctx.measure(
      async () => {
        const r = s.reports[next++];
        if (!r) throw new Error('reports-accept ran out of submitted reports');
        await acceptReport(ctx.database.db, approverAbove(r.org), r.id, 'vi');
      },
      {
        unit: 'reports',
        warmupOps: 10,
        maxOps: s.reports.length - 20,
        concurrency: ctx.database.kind === 'server' ? 8 : 1,
      },
    );
  },
});
