import type { ReactNode } from 'react';
import { orgLabel, roleLabel } from '../identity/labels.ts';
import { Emblem } from '../shared/emblem.tsx';
import { layoutText } from '../shared/i18n.ts';
import { PageFrame } from '../shared/layout.tsx';
import type { Chrome } from '../shared/page.ts';
import type { StaffAccount } from './account.ts';
import { type StaffText, staffApps, staffText } from './staff-text.ts';

type NavItem = { href: string; label: string };

function navItems(account: StaffAccount, text: StaffText): NavItem[] {
  const items: NavItem[] = [
    { href: '/quan-tri', label: text.overview },
    { href: '/quan-tri/don-vi', label: text.units },
  ];
  if (account.unitLevel === 'commune') items.push({ href: '/quan-tri/thon', label: text.villages });
  if (account.unitLevel !== 'commune') items.push({ href: '/quan-tri/tien-do', label: text.adoption });
  const has = (...roles: string[]) => account.roles.some((r) => roles.includes(r));
  if (has('admin', 'data_entry', 'approver', 'viewer')) items.push({ href: '/bao-cao', label: text.reports });
  if (has('admin', 'petition_handler', 'authority')) items.push({ href: '/quan-tri/phan-anh', label: text.petitions });
  if (has('librarian')) items.push({ href: '/quan-tri/thu-vien', label: text.library });
  if (has('admin')) items.push({ href: '/quan-tri/tai-khoan', label: text.accounts });
  if (has('auditor')) items.push({ href: '/quan-tri/nhat-ky', label: text.audit });
  return items;
}

/**
 * The staff shell: a header with the account (unit, organisation, roles) and sign-out, the staff
 * navigation and the apps. Pages without an account (a 404 for a visitor) fall back to the public frame.
 */
export function StaffFrame({
  chrome,
  props,
  children,
}: {
  chrome: Chrome;
  props: { account?: StaffAccount | null };
  children: ReactNode;
}) {
  const account = props.account;
  if (!account) return <PageFrame chrome={chrome}>{children}</PageFrame>;
  const text = staffText[chrome.lang];
  const layout = layoutText[chrome.lang];
  const otherLang = chrome.lang === 'vi' ? 'en' : 'vi';
  const current = (href: string) =>
    href === '/quan-tri' ? chrome.path === href : chrome.path === href || chrome.path.startsWith(`${href}/`);
  return (
    <>
      <a className="skip-link" href="#main">
        {layout.skipToContent}
      </a>
      <header className="staff-header">
        <div className="container staff-header__inner">
          <a className="brand" href="/quan-tri">
            <Emblem size={34} />
            <span className="brand__text">
              <span className="brand__name">{layout.brand}</span>
              <span className="brand__tagline">{text.shellName}</span>
            </span>
          </a>
          <div className="staff-header__tools">
            <a
              className="lang-switch"
              href={chrome.switchLangHref}
              hrefLang={otherLang}
              lang={otherLang}
              aria-label={layout.switchLanguageLabel}
              data-testid="lang-switch"
            >
              {layout.switchLanguage}
            </a>
            <form method="post" action="/dang-xuat" className="staff-header__signout">
              <button type="submit" className="button button--ghost" data-testid="sign-out">
                {text.signOut}
              </button>
            </form>
          </div>
        </div>
        <div className="staff-account" data-testid="staff-account">
          <div className="container staff-account__inner">
            <span className="staff-account__unit">{account.unitName}</span>
            <span className="staff-account__org">{account.orgName || orgLabel(account.orgType, chrome.lang)}</span>
            <span className="staff-account__roles">
              <span className="visually-hidden">{text.roles}: </span>
              {account.roles.map((r) => (
                <span key={r} className="tag">
                  {roleLabel(r, chrome.lang)}
                </span>
              ))}
            </span>
          </div>
        </div>
        <nav className="staff-nav" aria-label={text.staffNav}>
          <ul className="container staff-nav__list">
            {navItems(account, text).map((item) => (
              <li key={item.href}>
                <a href={item.href} aria-current={current(item.href) ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="site-main staff-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="staff-footer">
        <div className="container staff-footer__inner">
          <p>{text.footer}</p>
          <a href="/">{text.publicSite}</a>
        </div>
      </footer>
    </>
  );
}

/** The apps as cards, the ones not built yet marked as coming. */
export function StaffApps({ lang }: { lang: 'vi' | 'en' }) {
  const text = staffText[lang];
  return (
    <ul className="staff-apps">
      {staffApps.map((app) => (
        <li key={app.code} className={app.built ? 'staff-app' : 'staff-app staff-app--coming'}>
          {app.built ? <a href={app.href}>{app.name[lang]}</a> : <span>{app.name[lang]}</span>}
          {!app.built && <span className="tag tag--muted">{text.comingSoon}</span>}
        </li>
      ))}
    </ul>
  );
}
