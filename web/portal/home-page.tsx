import { Emblem } from '../shared/emblem.tsx';
import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import { type AppLink, type Audience, apps } from './apps.ts';
import { homeText } from './home-text.ts';

export type HomeProps = Record<string, never>;

function HomePage({ lang }: { lang: Lang }) {
  const text = homeText[lang];
  return (
    <>
      <section className="hero" aria-labelledby="hero-heading">
        <div className="container hero__inner">
          <div className="hero__mark" aria-hidden="true">
            <Emblem size={220} />
          </div>
          <h1 id="hero-heading" className="hero__heading">
            {text.heading}
          </h1>
          <p className="hero__lead">{text.lead}</p>
          <p className="hero__actions">
            <a className="button button--gold" href="/pakn">
              {text.heroPrimary}
            </a>
            <a className="button button--ghost" href="/thu-vien">
              {text.heroSecondary}
            </a>
          </p>
        </div>
      </section>
      <AppSection
        id="citizens"
        audience="citizens"
        heading={text.citizensHeading}
        intro={text.citizensIntro}
        lang={lang}
      />
      <AppSection id="cadres" audience="cadres" heading={text.cadresHeading} intro={text.cadresIntro} lang={lang} />
      <section className="section section--sso" aria-labelledby="sso-heading">
        <div className="container sso">
          <div>
            <h2 id="sso-heading" className="section__heading">
              {text.ssoHeading}
            </h2>
            <p className="sso__body">{text.ssoBody}</p>
          </div>
          <a className="button button--red" href="/dang-nhap">
            {text.ssoAction}
          </a>
        </div>
      </section>
    </>
  );
}

type AppSectionProps = { id: string; audience: Audience; heading: string; intro: string; lang: Lang };

function AppSection({ id, audience, heading, intro, lang }: AppSectionProps) {
  const headingId = `${id}-heading`;
  return (
    <section className={`section section--${audience}`} aria-labelledby={headingId}>
      <div className="container">
        <h2 id={headingId} className="section__heading">
          {heading}
        </h2>
        <p className="section__intro">{intro}</p>
        <ul className="app-grid">
          {apps
            .filter((app) => app.audience === audience)
            .map((app) => (
              <li key={app.code}>
                <AppCard app={app} lang={lang} />
              </li>
            ))}
        </ul>
      </div>
    </section>
  );
}

function AppCard({ app, lang }: { app: AppLink; lang: Lang }) {
  return (
    <a className="app-card" href={app.href} data-app={app.code}>
      <span className="app-card__name">{app.name[lang]}</span>
      <span className="app-card__description">{app.description[lang]}</span>
      <span className="app-card__more" aria-hidden="true">
        {homeText[lang].open} →
      </span>
    </a>
  );
}

export const homePage: PageDefinition<HomeProps> = {
  Component: HomePage,
  meta: (_props, lang) => ({ title: homeText[lang].title, description: homeText[lang].description }),
};
