import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { UnitLink } from './directory-page.tsx';
import { directoryText, fill, formatIsoDate } from './directory-text.ts';
import { Breadcrumbs, formatCount } from './ui.tsx';

export type ProvinceProps = {
  province: UnitLink;
  /** In Vietnamese order of their names. */
  communes: UnitLink[];
  adoption: { formatted: string; villages: number; asOf: string } | null;
  organisations: { orgType: string; name: string }[];
};

const GROUP_ORDER = ['phường', 'xã', 'đặc khu'];

function ProvincePage({ province, communes, adoption, organisations, lang }: ProvinceProps & { lang: Lang }) {
  const text = directoryText[lang];
  const groups = GROUP_ORDER.map((type) => ({ type, items: communes.filter((c) => c.type === type) })).filter(
    (g) => g.items.length,
  );
  return (
    <div className="container page">
      <Breadcrumbs
        label={text.crumbs}
        items={[
          { href: '/', label: text.home },
          { href: '/don-vi', label: text.directory },
          { label: province.fullName },
        ]}
      />
      <h1 className="page-heading">{province.fullName}</h1>
      <dl className="facts">
        <div>
          <dt>{text.code}</dt>
          <dd>{province.code}</dd>
        </div>
        <div>
          <dt>{fill(text.communesHeading, { n: '' }).replace(' ()', '')}</dt>
          <dd>{formatCount(communes.length, lang)}</dd>
        </div>
        {adoption && (
          <>
            <div>
              <dt>{text.adoption}</dt>
              <dd data-testid="province-adoption">{adoption.formatted}</dd>
            </div>
            <div>
              <dt>{text.villages}</dt>
              <dd>{formatCount(adoption.villages, lang)}</dd>
            </div>
          </>
        )}
      </dl>
      {adoption && <p className="muted small">{fill(text.asOf, { date: formatIsoDate(adoption.asOf) })}</p>}
      <section aria-labelledby="orgs-heading">
        <h2 id="orgs-heading" className="section-title">
          {text.organisations}
        </h2>
        <ul className="org-list">
          {organisations.map((o) => (
            <li key={o.orgType}>{o.name}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="communes-heading">
        <h2 id="communes-heading" className="section-title">
          {fill(text.communesHeading, { n: formatCount(communes.length, lang) })}
        </h2>
        {groups.map((g) => (
          <section
            key={g.type}
            className="commune-group"
            aria-label={(text as Record<string, string>)[`group_${g.type}`]}
          >
            <h3 className="commune-group__heading">
              {(text as Record<string, string>)[`group_${g.type}`]} ({formatCount(g.items.length, lang)})
            </h3>
            <ul className="commune-list" data-testid="commune-list">
              {g.items.map((c) => (
                <li key={c.code}>
                  <a href={c.href}>{c.fullName}</a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>
    </div>
  );
}

export const provincePage: PageDefinition<ProvinceProps> = {
  Component: ProvincePage,
  meta: (p, lang) => ({
    title: fill(directoryText[lang].provinceTitle, { name: p.province.fullName }),
    description: fill(directoryText[lang].provinceDescription, {
      name: p.province.fullName,
      n: formatCount(p.communes.length, lang),
    }),
  }),
};
