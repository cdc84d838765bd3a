import type { Lang } from '../shared/i18n.ts';
import { siteName } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { StaffProps } from '../staff/account.ts';
import { StaffFrame } from '../staff/staff-frame.tsx';
import { fill, formatIsoDate } from './directory-text.ts';
import { formatCount } from './ui.tsx';

type Figures = { communes: number; communesStarted: number; villages: number; ratio: number; formatted: string };

export type AdoptionProps = StaffProps & {
  asOf: string;
  total: Figures;
  provinces: (Figures & { provinceCode: string; provinceName: string })[];
  notStarted: {
    provinceCode: string;
    provinceName: string;
    communes: { code: string; fullName: string; href: string }[];
  } | null;
};

const text = {
  vi: {
    title: 'Tiến độ lập danh sách thôn, tổ dân phố',
    description: 'Số xã, phường, đặc khu đã lập danh sách thôn, tổ dân phố, theo từng tỉnh, thành phố.',
    lead: 'Xã, phường, đặc khu đã lập danh sách thôn, tổ dân phố (có ít nhất một thôn) trên tổng số, theo từng tỉnh, thành phố.',
    asOf: 'Số liệu ngày {date}, tính trực tiếp từ cơ sở dữ liệu.',
    province: 'Tỉnh, thành phố',
    started: 'Xã đã lập / tổng số (tỷ lệ)',
    villages: 'Thôn, tổ dân phố',
    total: 'Cả nước',
    totalScope: 'Tổng',
    notStartedLink: 'Xã chưa lập',
    notStartedHeading: 'Xã, phường, đặc khu chưa lập danh sách — {province} ({n})',
    allStarted: 'Tất cả xã, phường, đặc khu của tỉnh đã lập danh sách.',
    progress: 'Tỷ lệ',
  },
  en: {
    title: 'Village list progress',
    description: 'How many communes, wards and special zones have created their village lists, per province.',
    lead: 'Communes, wards and special zones that have created their village list (at least one village) out of all, per province.',
    asOf: 'Figures as of {date}, counted live from the database.',
    province: 'Province or city',
    started: 'Communes with a list / all (rate)',
    villages: 'Villages',
    total: 'Nationwide',
    totalScope: 'Total',
    notStartedLink: 'Not started',
    notStartedHeading: 'Communes without a village list — {province} ({n})',
    allStarted: 'Every commune of the province has created its list.',
    progress: 'Rate',
  },
};

function Bar({ ratio }: { ratio: number }) {
  return <meter className="meter" min={0} max={1} value={ratio} aria-hidden="true" />;
}

function AdoptionPage(props: AdoptionProps & { lang: Lang }) {
  const { lang, total, provinces, notStarted } = props;
  const t = text[lang];
  const national = props.account.unitLevel === 'central';
  return (
    <div className="container page">
      <h1 className="page-heading">{t.title}</h1>
      <p className="lead">{t.lead}</p>
      <div className="big-figure">
        <span className="big-figure__label">{national ? t.total : t.totalScope}</span>
        <span className="big-figure__value" data-testid="adoption-total">
          {total.formatted}
        </span>
        <Bar ratio={total.ratio} />
        <span className="muted">
          {t.villages}: {formatCount(total.villages, lang)}
        </span>
      </div>
      <p className="muted small">{fill(t.asOf, { date: formatIsoDate(props.asOf) })}</p>
      <div className="table-wrap">
        <table className="table table--adoption" data-testid="adoption-table">
          <thead>
            <tr>
              <th scope="col">{t.province}</th>
              <th scope="col">{t.started}</th>
              <th scope="col" className="num hide-narrow">
                {t.villages}
              </th>
              <th scope="col" className="hide-narrow">
                <span className="visually-hidden">{t.notStartedLink}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {provinces.map((p) => (
              <tr key={p.provinceCode} data-province={p.provinceCode}>
                <th scope="row">{p.provinceName}</th>
                <td>
                  <span className="adoption-cell">
                    <span className="nowrap">{p.formatted}</span>
                    <Bar ratio={p.ratio} />
                  </span>
                </td>
                <td className="num hide-narrow">{formatCount(p.villages, lang)}</td>
                <td className="hide-narrow">
                  {p.communesStarted < p.communes && (
                    <a href={`/quan-tri/tien-do?tinh=${p.provinceCode}#chua-lap`}>{t.notStartedLink}</a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
          {provinces.length > 1 && (
            <tfoot>
              <tr>
                <th scope="row">{national ? t.total : t.totalScope}</th>
                <td className="nowrap">{total.formatted}</td>
                <td className="num hide-narrow">{formatCount(total.villages, lang)}</td>
                <td className="hide-narrow" />
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      {notStarted && (
        <section id="chua-lap" aria-labelledby="not-started-heading">
          <h2 id="not-started-heading" className="section-title">
            {fill(t.notStartedHeading, {
              province: notStarted.provinceName,
              n: formatCount(notStarted.communes.length, lang),
            })}
          </h2>
          {notStarted.communes.length ? (
            <ul className="commune-list">
              {notStarted.communes.map((c) => (
                <li key={c.code}>
                  <a href={c.href}>{c.fullName}</a>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t.allStarted}</p>
          )}
        </section>
      )}
    </div>
  );
}

export const adoptionPage: PageDefinition<AdoptionProps> = {
  Component: AdoptionPage,
  Frame: StaffFrame,
  meta: (_p, lang) => ({ title: `${text[lang].title} — ${siteName[lang]}`, description: text[lang].description }),
};
