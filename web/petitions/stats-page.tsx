import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import { Breadcrumbs } from '../units/ui.tsx';
import { count } from './format.ts';

export type StatsRow = {
  provinceCode: string;
  provinceName: string;
  received: number;
  answered: number;
  onTime: number;
  withDeadline: number;
  avgDaysToAnswer: number | null;
  avgRating: number | null;
  ratings: number;
};
export type StatsProps = { rows: StatsRow[]; chartSvg: string };

const text = {
  vi: {
    title: 'Thống kê phản ánh, kiến nghị theo tỉnh, thành phố',
    description:
      'Số phản ánh đã tiếp nhận, đã trả lời, tỷ lệ đúng hạn, thời gian trả lời trung bình và mức độ hài lòng ở 34 tỉnh, thành phố.',
    home: 'Phản ánh, kiến nghị',
    province: 'Tỉnh, thành phố',
    received: 'Đã tiếp nhận',
    answered: 'Đã trả lời',
    onTime: 'Tỷ lệ đúng hạn',
    avgDays: 'Số ngày trả lời trung bình',
    satisfaction: 'Mức độ hài lòng',
    csv: 'Tải số liệu (CSV)',
    total: 'Cả nước',
  },
  en: {
    title: 'Feedback figures by province',
    description:
      'Cases received and answered, on-time rate, average time to answer and satisfaction in the 34 provinces.',
    home: 'Feedback',
    province: 'Province',
    received: 'Received',
    answered: 'Answered',
    onTime: 'On time',
    avgDays: 'Average days to answer',
    satisfaction: 'Satisfaction',
    csv: 'Download (CSV)',
    total: 'Whole country',
  },
};

const pct = (a: number, b: number, lang: Lang) =>
  b
    ? `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format((a / b) * 100)}%`
    : '—';
const dec = (n: number | null, lang: Lang) =>
  n == null
    ? '—'
    : new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
        maximumFractionDigits: 1,
        minimumFractionDigits: 1,
      }).format(n);

function StatsPage({ rows, chartSvg, lang }: StatsProps & { lang: Lang }) {
  const t = text[lang];
  const sum = (k: 'received' | 'answered' | 'onTime' | 'withDeadline') => rows.reduce((a, r) => a + r[k], 0);
  return (
    <div className="container page">
      <Breadcrumbs
        label={lang === 'vi' ? 'Vị trí' : 'You are here'}
        items={[{ href: '/phan-anh', label: t.home }, { label: t.title }]}
      />
      <h1 className="page-heading">{t.title}</h1>
      <p>
        <a href="/phan-anh/thong-ke.csv" download>
          {t.csv}
        </a>
      </p>
      <div
        className="petition-chart-frame"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: the SVG is built on the server from numbers and escaped names only
        dangerouslySetInnerHTML={{ __html: chartSvg }}
      />
      <div className="table-wrap">
        <table className="table" data-testid="stats-table">
          <thead>
            <tr>
              <th scope="col">{t.province}</th>
              <th scope="col" className="num">
                {t.received}
              </th>
              <th scope="col" className="num">
                {t.answered}
              </th>
              <th scope="col" className="num">
                {t.onTime}
              </th>
              <th scope="col" className="num hide-narrow">
                {t.avgDays}
              </th>
              <th scope="col" className="num">
                {t.satisfaction}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.provinceCode}>
                <th scope="row">
                  <a href={`/phan-anh?tinh=${r.provinceCode}`}>{r.provinceName}</a>
                </th>
                <td className="num">{count(r.received, lang)}</td>
                <td className="num">{count(r.answered, lang)}</td>
                <td className="num">{pct(r.onTime, r.withDeadline, lang)}</td>
                <td className="num hide-narrow">{dec(r.avgDaysToAnswer, lang)}</td>
                <td className="num">{r.avgRating == null ? '—' : `${dec(r.avgRating, lang)}/5`}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t.total}</th>
              <td className="num">{count(sum('received'), lang)}</td>
              <td className="num">{count(sum('answered'), lang)}</td>
              <td className="num">{pct(sum('onTime'), sum('withDeadline'), lang)}</td>
              <td className="num hide-narrow" />
              <td className="num" />
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}

export const statsPage: PageDefinition<StatsProps> = {
  Component: StatsPage,
  meta: (_p, lang) => ({ title: text[lang].title, description: text[lang].description }),
};
