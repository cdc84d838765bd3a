import type { OrgType, Principal } from '../../core/auth/principal.ts';
import type { Db } from '../../core/db/database.ts';
import { AppError } from '../../core/http/errors.ts';
import { formForWeek, WEEKLY_FORM } from './forms.ts';
import { groupSentences, type NarrativeGroup } from './narratives.ts';
import { type CompletenessCell, type Synthesis, synthesis } from './synthesis.ts';
import { formatWeek, weekRange } from './weeks.ts';

export const MAX_RANGE_WEEKS = 26;

export type RangeSynthesis = {
  weeks: number[];
  first: Synthesis;
  last: Synthesis;
  /** Over the range: flows add up, stocks (e.g. members) take the last week. */
  totals: Record<string, Record<string, number>>;
  byChild: { code: string; name: string; totals: Record<string, number>; completeness: CompletenessCell }[];
  completeness: CompletenessCell;
  byOrg: Record<string, CompletenessCell>;
  difficulties: NarrativeGroup[];
  recommendations: NarrativeGroup[];
  typicalActivities: { code: string; name: string; orgType: string; text: string }[];
  missing: Synthesis['missing'];
};

function addCell(a: CompletenessCell | undefined, b: CompletenessCell): CompletenessCell {
  if (!a) return { ...b };
  const r = {
    expected: a.expected + b.expected,
    submitted: a.submitted + b.submitted,
    onTime: a.onTime + b.onTime,
    late: a.late + b.late,
    missing: a.missing + b.missing,
    accepted: a.accepted + b.accepted,
    returned: a.returned + b.returned,
    rate: 0,
  };
  r.rate = r.expected ? Math.min(1, r.submitted / r.expected) : 0;
  return r;
}

/** The synthesis of a unit over a range of weeks (one week when from = to), for the Word and Excel exports. */
export async function rangeSynthesis(
  db: Db,
  p: Principal | null,
  code: string,
  from: number,
  to: number,
  orgType?: OrgType | null,
): Promise<RangeSynthesis> {
  const weeks = weekRange(from, to);
  if (!weeks.length) throw new AppError('REPORT_WEEK_INVALID', { params: { week: formatWeek(from) } });
  if (weeks.length > MAX_RANGE_WEEKS) throw new AppError('REPORT_RANGE_TOO_LONG', { params: { max: MAX_RANGE_WEEKS } });
  const all: Synthesis[] = [];
  for (const w of weeks) all.push(await synthesis(db, p, code, w, { orgType }));
  const form = (await formForWeek(db, WEEKLY_FORM, to))!;
  const last = all.at(-1)!;
  const overTime = new Map(form.fields.map((f) => [f.key, f.overTime]));
  const combine = (maps: Record<string, number>[]) => {
    const out: Record<string, number> = {};
    for (const [i, m] of maps.entries())
      for (const [k, v] of Object.entries(m)) {
        if (overTime.get(k) === 'last') {
          if (i === maps.length - 1 || out[k] === undefined) out[k] = v;
        } else out[k] = (out[k] ?? 0) + v;
      }
    // A stock missing in the last week is not carried from an earlier one.
    for (const k of Object.keys(out)) if (overTime.get(k) === 'last' && maps.at(-1)?.[k] === undefined) delete out[k];
    return out;
  };
  const totals: Record<string, Record<string, number>> = {};
  for (const key of new Set(all.flatMap((s) => Object.keys(s.totals))))
    totals[key] = combine(all.map((s) => s.totals[key] ?? {}));
  const byChild = last.byChild.map((c) => {
    const per = all.map((s) => s.byChild.find((x) => x.code === c.code));
    return {
      code: c.code,
      name: c.name,
      totals: combine(per.map((x) => x?.totals ?? {})),
      completeness: per.reduce<CompletenessCell | undefined>(
        (a, x) => (x ? addCell(a, x.completeness) : a),
        undefined,
      )!,
    };
  });
  let completeness: CompletenessCell | undefined;
  const byOrg: Record<string, CompletenessCell> = {};
  for (const s of all) {
    completeness = addCell(completeness, s.completeness.total);
    for (const [k, v] of Object.entries(s.completeness.byOrg)) byOrg[k] = addCell(byOrg[k], v);
  }
  const items = (key: string) =>
    all.flatMap((s) =>
      s.narratives.byUnit
        .filter((r) => r.narratives?.[key])
        .map((r) => ({ text: r.narratives[key]!, unitCode: r.code, unitName: r.name, orgType: r.orgType })),
    );
  return {
    weeks,
    first: all[0]!,
    last,
    totals,
    byChild,
    completeness: completeness!,
    byOrg,
    difficulties: groupSentences(items('difficulties')),
    recommendations: groupSentences(items('recommendations')),
    typicalActivities: items('typical_activities').map((x) => ({
      code: x.unitCode,
      name: x.unitName,
      orgType: x.orgType,
      text: x.text,
    })),
    missing: last.missing,
  };
}
