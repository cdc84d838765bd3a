import type { ReactNode } from 'react';
import { Emblem } from './emblem.tsx';
import { type LayoutText, layoutText } from './i18n.ts';
import type { Chrome } from './page.ts';

/** Header, main and footer around every public page. */
export function PageFrame({ chrome, children }: { chrome: Chrome; children: ReactNode }) {
  const text = layoutText[chrome.lang];
  return (
    <>
      <a className="skip-link" href="#main">
        {text.skipToContent}
      </a>
      <SiteHeader chrome={chrome} text={text} />
      <main id="main" className="site-main" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter chrome={chrome} text={text} />
    </>
  );
}

function SiteHeader({ chrome, text }: { chrome: Chrome; text: LayoutText }) {
  const otherLang = chrome.lang === 'vi' ? 'en' : 'vi';
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <a className="brand" href="/" aria-current={chrome.path === '/' ? 'page' : undefined}>
          <Emblem />
          <span className="brand__text">
            <span className="brand__name">{text.brand}</span>
            <span className="brand__tagline">{text.brandTagline}</span>
          </span>
        </a>
        <nav className="site-header__actions" aria-label={text.mainNav}>
          <a
            className="lang-switch"
            href={chrome.switchLangHref}
            hrefLang={otherLang}
            lang={otherLang}
            aria-label={text.switchLanguageLabel}
            data-testid="lang-switch"
          >
            {text.switchLanguage}
          </a>
          <a className="button button--gold" href="/dang-nhap">
            {text.staffSignIn}
          </a>
        </nav>
      </div>
    </header>
  );
}

function SiteFooter({ chrome, text }: { chrome: Chrome; text: LayoutText }) {
  const otherLang = chrome.lang === 'vi' ? 'en' : 'vi';
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <div className="site-footer__org">
          <p className="site-footer__name">{text.footerOrg}</p>
          <p>{text.footerAbout}</p>
          <p className="site-footer__attribution">{text.footerAttribution}</p>
        </div>
        <nav aria-label={text.footerLinks}>
          <ul className="site-footer__links">
            <li>
              <a href="/">{text.home}</a>
            </li>
            <li>
              <a href="/dang-nhap">{text.staffSignIn}</a>
            </li>
            <li>
              <a href={chrome.switchLangHref} hrefLang={otherLang} lang={otherLang}>
                {text.switchLanguage}
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
