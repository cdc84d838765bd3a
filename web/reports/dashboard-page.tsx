import type { Lang } from '../shared/i18n.ts';
import { siteName } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { StaffProps } from '../staff/account.ts';
import { StaffFrame } from '../staff/staff-frame.tsx';
import { Breadcrumbs, Notice } from '../units/ui.tsx';
import { fmtNumber, fmtPercent, ORG_NAMES, weekText } from './reports-text.ts';

type Cell = {
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  accepted: number;
  rate: number;
};
type Group = { text: string; count: number; units: { code: string; name: string }[] };

export type DashboardProps = StaffProps & {
  unit: { code: string; name: string; level: string };
  crumbs: { href?: string; label: string }[];
  week: string;
  prevWeek: string;
  nextWeek: string | null;
  orgTypes: string[];
  indicators: { key: string; label: string }[];
  totals: Record<string, Record<string, number>>;
  completeness: { total: Cell; byLevel: Record<string, Cell>; byOrg: Record<string, Cell> };
  children: { code: string; name: string; href: string | null; totals: Record<string, number>; completeness: Cell }[];
  missing: { code: string; name: string; orgType: string }[];
  difficulties: Group[];
  recommendations: Group[];
  history: { week: string; rate: number; members: number; activities: number }[];
  mapSvg: string | null;
  canRemind: boolean;
  flash: string | null;
  exports: { docx: string; xlsx: string };
};

const text = {
  vi: {
    title: 'Tổng hợp báo cáo tuần',
    totals: 'Số liệu tổng hợp (báo cáo đã tiếp nhận)',
    indicator: 'Chỉ tiêu',
    completeness: 'Tình hình báo cáo',
    expected: 'Phải gửi',
    submitted: 'Đã gửi',
    onTime: 'Đúng hạn',
    late: 'Trễ hạn',
    missing: 'Chưa báo cáo',
    accepted: 'Đã tiếp nhận',
    rate: 'Tỷ lệ',
    byChild: 'Theo đơn vị trực thuộc',
    unit: 'Đơn vị',
    missingList: 'Đơn vị chưa báo cáo',
    none: 'Không có.',
    remind: 'Gửi nhắc nhở',
    reminded: 'Đã đưa nhắc nhở vào hàng gửi.',
    difficulties: 'Khó khăn, hạn chế thường gặp',
    recommendations: 'Kiến nghị, đề xuất thường gặp',
    opinions: 'ý kiến',
    history: 'Tỷ lệ báo cáo qua các tuần',
    map: 'Tỷ lệ báo cáo theo tỉnh, thành phố',
    word: 'Tải báo cáo Word',
    excel: 'Tải Excel',
    prev: '‹ Tuần trước',
    next: 'Tuần sau ›',
    levels: { province: 'Cấp tỉnh', commune: 'Cấp xã', village: 'Cấp thôn' } as Record<string, string>,
  },
  en: {
    title: 'Weekly report synthesis',
    totals: 'Totals (accepted reports)',
    indicator: 'Indicator',
    completeness: 'Reporting',
    expected: 'Expected',
    submitted: 'Submitted',
    onTime: 'On time',
    late: 'Late',
    missing: 'Missing',
    accepted: 'Accepted',
    rate: 'Rate',
    byChild: 'By subordinate unit',
    unit: 'Unit',
    missingList: 'Units that have not reported',
    none: 'None.',
    remind: 'Send reminders',
    reminded: 'Reminders were queued.',
    difficulties: 'Most frequent difficulties',
    recommendations: 'Most frequent recommendations',
    opinions: 'mentions',
    history: 'Reporting rate over the weeks',
    map: 'Reporting rate by province',
    word: 'Download Word report',
    excel: 'Download Excel',
    prev: '‹ Previous week',
    next: 'Next week ›',
    levels: { province: 'Province level', commune: 'Commune level', village: 'Village level' } as Record<
      string,
      string
    >,
  },
};

/** Bars of the reporting rate per week, as an SVG drawn on the server (no script needed). */
function RateChart({ history, lang }: { history: DashboardProps['history']; lang: Lang }) {
  const w = 320;
  const h = 120;
  const bw = w / Math.max(1, history.length);
  return (
    <svg viewBox={`0 0 ${w} ${h + 20}`} className="reports-chart" role="img" aria-label={text[lang].history}>
      {history.map((x, i) => (
        <g key={x.week}>
          <rect x={i * bw + 2} y={h - x.rate * h} width={bw - 4} height={x.rate * h} className="reports-chart__bar">
            <title>{`${weekText(x.week, lang)}: ${fmtPercent(x.rate, lang)}`}</title>
          </rect>
          <text x={i * bw + bw / 2} y={h + 14} textAnchor="middle" className="reports-chart__label">
            {x.week.slice(6)}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** One line per unit: its organisations that have not reported. */
function groupMissing(missing: DashboardProps['missing']) {
  const out: { code: string; name: string; orgTypes: string[] }[] = [];
  for (const m of missing) {
    const last = out.at(-1);
    if (last?.code === m.code) last.orgTypes.push(m.orgType);
    else out.push({ code: m.code, name: m.name, orgTypes: [m.orgType] });
  }
  return out;
}

function DashboardPage(props: DashboardProps & { lang: Lang }) {
  const { lang } = props;
  const t = text[lang];
  const orgs = props.orgTypes.length > 1 ? ['all', ...props.orgTypes] : props.orgTypes;
  const q = (week: string) => `/bao-cao/tong-hop?don-vi=${props.unit.code}&tuan=${week}`;
  const c = props.completeness.total;
  return (
    <div className="container page reports-dashboard">
      <Breadcrumbs items={props.crumbs} label={t.unit} />
      <h1 className="page-heading">
        {t.title}: {props.unit.name}
      </h1>
      <p className="lead">{weekText(props.week, lang)}</p>
      <p className="row-actions">
        <a className="button button--red" href={props.exports.docx} data-testid="export-docx">
          {t.word}
        </a>
        <a className="button button--outline" href={props.exports.xlsx}>
          {t.excel}
        </a>
      </p>
      {props.flash && <Notice kind="success">{t.reminded}</Notice>}
      <section className="panel" aria-labelledby="completeness">
        <h2 id="completeness" className="panel__heading">
          {t.completeness}
        </h2>
        <div className="big-figure">
          <span className="big-figure__label">{t.rate}</span>
          <span className="big-figure__value" data-testid="reporting-rate">
            {fmtNumber(c.submitted, lang)}/{fmtNumber(c.expected, lang)} ({fmtPercent(c.rate, lang)})
          </span>
        </div>
        <div className="table-wrap">
          <table className="table" data-testid="completeness-table">
            <thead>
              <tr>
                <th scope="col" />
                {[t.expected, t.submitted, t.onTime, t.late, t.missing, t.accepted].map((h, i) => (
                  <th scope="col" className={i === 2 || i === 3 || i === 5 ? 'num hide-narrow' : 'num'} key={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[
                ...Object.entries(props.completeness.byLevel).map(([k, v]) => [t.levels[k] ?? k, v] as const),
                ...Object.entries(props.completeness.byOrg).map(([k, v]) => [ORG_NAMES[lang][k] ?? k, v] as const),
              ].map(([label, v]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {(['expected', 'submitted', 'onTime', 'late', 'missing', 'accepted'] as const).map((k) => (
                    <td
                      className={k === 'onTime' || k === 'late' || k === 'accepted' ? 'num hide-narrow' : 'num'}
                      key={k}
                    >
                      {fmtNumber(v[k], lang)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel" aria-labelledby="totals">
        <h2 id="totals" className="panel__heading">
          {t.totals}
        </h2>
        <div className="table-wrap">
          <table className="table" data-testid="totals-table">
            <thead>
              <tr>
                <th scope="col">{t.indicator}</th>
                {orgs.map((o, i) => (
                  <th scope="col" className={i ? 'num hide-narrow' : 'num'} key={o}>
                    {ORG_NAMES[lang][o]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.indicators.map((i) => (
                <tr key={i.key} data-indicator={i.key}>
                  <th scope="row">{i.label}</th>
                  {orgs.map((o, n) => (
                    <td className={n ? 'num hide-narrow' : 'num'} key={o}>
                      {fmtNumber(props.totals[o]?.[i.key] ?? 0, lang)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {props.mapSvg && (
        <section className="panel province-map" aria-labelledby="map">
          <h2 id="map" className="panel__heading">
            {t.map}
          </h2>
          <div
            className="province-map__frame"
            data-testid="rate-map"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: our own SVG, rendered on the server from the reference geometry
            dangerouslySetInnerHTML={{ __html: props.mapSvg }}
          />
          <p className="muted small reports-legend">
            <span className="reports-legend__swatch reports-rate-0" /> &lt; 50%{' '}
            <span className="reports-legend__swatch reports-rate-1" /> 50–80%{' '}
            <span className="reports-legend__swatch reports-rate-2" /> 80–95%{' '}
            <span className="reports-legend__swatch reports-rate-3" /> ≥ 95%
          </p>
        </section>
      )}
      {props.children.length > 0 && (
        <section className="panel" aria-labelledby="children">
          <h2 id="children" className="panel__heading">
            {t.byChild}
          </h2>
          <div className="table-wrap">
            <table className="table" data-testid="children-table">
              <thead>
                <tr>
                  <th scope="col">{t.unit}</th>
                  <th scope="col" className="num">
                    {t.submitted}/{t.expected}
                  </th>
                  {props.indicators.slice(0, 4).map((i) => (
                    <th scope="col" className="num hide-narrow" key={i.key}>
                      {i.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.children.map((ch) => (
                  <tr key={ch.code} data-unit={ch.code}>
                    <th scope="row">{ch.href ? <a href={ch.href}>{ch.name}</a> : ch.name}</th>
                    <td className="num nowrap">
                      {fmtNumber(ch.completeness.submitted, lang)}/{fmtNumber(ch.completeness.expected, lang)} (
                      {fmtPercent(ch.completeness.rate, lang)})
                    </td>
                    {props.indicators.slice(0, 4).map((i) => (
                      <td className="num hide-narrow" key={i.key}>
                        {fmtNumber(ch.totals[i.key] ?? 0, lang)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <section className="panel" aria-labelledby="missing">
        <h2 id="missing" className="panel__heading">
          {t.missingList} ({fmtNumber(groupMissing(props.missing).length, lang)})
        </h2>
        {props.missing.length ? (
          <ul className="link-list" data-testid="missing-list">
            {groupMissing(props.missing)
              .slice(0, 300)
              .map((m) => (
                <li key={m.code} data-unit={m.code}>
                  {m.name} — {m.orgTypes.map((o) => ORG_NAMES[lang][o]).join(', ')}
                </li>
              ))}
          </ul>
        ) : (
          <p>{t.none}</p>
        )}
        {props.canRemind && props.missing.length > 0 && (
          <form method="post" action={`/bao-cao/tong-hop/nhac?don-vi=${props.unit.code}&tuan=${props.week}`}>
            <button type="submit" className="button button--outline">
              {t.remind}
            </button>
          </form>
        )}
      </section>
      {[
        [t.difficulties, props.difficulties, 'difficulties'],
        [t.recommendations, props.recommendations, 'recommendations'],
      ].map(([title, groups, id]) => (
        <section className="panel" aria-labelledby={id as string} key={id as string}>
          <h2 id={id as string} className="panel__heading">
            {title as string}
          </h2>
          {(groups as Group[]).length ? (
            <ol className="reports-groups" data-testid={`groups-${id}`}>
              {(groups as Group[]).map((g) => (
                <li key={g.text}>
                  <strong>{g.text}</strong>{' '}
                  <span className="muted">
                    ({fmtNumber(g.count, lang)} {t.opinions}: {g.units.map((u) => u.name).join(', ')})
                  </span>
                </li>
              ))}
            </ol>
          ) : (
            <p>{t.none}</p>
          )}
        </section>
      ))}
      {props.history.length > 1 && (
        <section className="panel" aria-labelledby="history">
          <h2 id="history" className="panel__heading">
            {t.history}
          </h2>
          <RateChart history={props.history} lang={lang} />
        </section>
      )}
      <nav className="pager">
        <a href={q(props.prevWeek)}>{t.prev}</a>
        {props.nextWeek && <a href={q(props.nextWeek)}>{t.next}</a>}
      </nav>
    </div>
  );
}

export const dashboardPage: PageDefinition<DashboardProps> = {
  Component: DashboardPage,
  Frame: StaffFrame,
  meta: (p, lang) => ({
    title: `${text[lang].title} — ${p.unit.name} — ${siteName[lang]}`,
    description: text[lang].title,
  }),
};
