import { orgLabel } from '../identity/labels.ts';
import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { UnitLink } from './directory-page.tsx';
import { directoryText, fill } from './directory-text.ts';
import { Breadcrumbs, formatCount } from './ui.tsx';

export type CommuneProps = {
  province: UnitLink;
  commune: UnitLink;
  organisations: { orgType: string; name: string | null; organised: boolean }[];
  /** Only the count is public; the village list is staff data. */
  villages: number;
};

function CommunePage({ province, commune, organisations, villages, lang }: CommuneProps & { lang: Lang }) {
  const text = directoryText[lang];
  return (
    <div className="container page">
      <Breadcrumbs
        label={text.crumbs}
        items={[
          { href: '/', label: text.home },
          { href: '/don-vi', label: text.directory },
          { href: province.href, label: province.fullName },
          { label: commune.fullName },
        ]}
      />
      <h1 className="page-heading">{commune.fullName}</h1>
      <dl className="facts">
        <div>
          <dt>{text.province}</dt>
          <dd>
            <a href={province.href}>{province.fullName}</a>
          </dd>
        </div>
        <div>
          <dt>{text.code}</dt>
          <dd>{commune.code}</dd>
        </div>
        <div>
          <dt>{text.villageCount}</dt>
          <dd data-testid="village-count">{villages ? formatCount(villages, lang) : '—'}</dd>
        </div>
      </dl>
      {!villages && <p className="muted">{text.villageNone}</p>}
      <section aria-labelledby="orgs-heading">
        <h2 id="orgs-heading" className="section-title">
          {text.organisations}
        </h2>
        <ul className="org-list">
          {organisations.map((o) => (
            <li key={o.orgType} className={o.organised ? undefined : 'org-list__absent'}>
              {o.name ?? `${orgLabel(o.orgType, lang)} — ${text.notOrganised}`}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export const communePage: PageDefinition<CommuneProps> = {
  Component: CommunePage,
  meta: (p, lang) => ({
    title: fill(directoryText[lang].communeTitle, { name: p.commune.fullName, province: p.province.fullName }),
    description: fill(directoryText[lang].communeDescription, {
      name: p.commune.fullName,
      province: p.province.fullName,
      kind: p.commune.type,
    }),
  }),
};
