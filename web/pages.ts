import type { PageDefinition } from './shared/page.ts';

/**
 * Every server-rendered public page, by name. A module adds its page here (`'units/directory': () => import(…)`)
 * and renders it from its routes with `renderPublicPage` from the portal module. Pages load lazily, so the
 * browser downloads only the code of the page it hydrates.
 */
export const pages = {
  'portal/home': () => import('./portal/home-page.tsx').then((m) => m.homePage),
  'identity/sign-in': () => import('./identity/sign-in-page.tsx').then((m) => m.signInPage),
  'identity/account': () => import('./identity/account-page.tsx').then((m) => m.accountPage),
  'staff/home': () => import('./staff/home-page.tsx').then((m) => m.staffHomePage),
  'units/villages': () => import('./units/villages-page.tsx').then((m) => m.villagesPage),
  'units/village-edit': () => import('./units/village-edit-page.tsx').then((m) => m.villageEditPage),
  'units/directory': () => import('./units/directory-page.tsx').then((m) => m.directoryPage),
  'units/province': () => import('./units/province-page.tsx').then((m) => m.provincePage),
  'units/commune': () => import('./units/commune-page.tsx').then((m) => m.communePage),
  'units/tree': () => import('./units/tree-page.tsx').then((m) => m.treePage),
  'units/adoption': () => import('./units/adoption-page.tsx').then((m) => m.adoptionPage),
  'units/reorganisation': () => import('./units/reorganisation-page.tsx').then((m) => m.reorganisationPage),
  'petitions/submit': () => import('./petitions/submit-page.tsx').then((m) => m.submitPage),
  'petitions/submitted': () => import('./petitions/submit-page.tsx').then((m) => m.submittedPage),
  'petitions/track': () => import('./petitions/track-page.tsx').then((m) => m.trackPage),
  'petitions/home': () => import('./petitions/home-page.tsx').then((m) => m.homePage),
  'petitions/case': () => import('./petitions/case-page.tsx').then((m) => m.casePage),
  'petitions/stats': () => import('./petitions/stats-page.tsx').then((m) => m.statsPage),
  'petitions/inbox': () => import('./petitions/inbox-page.tsx').then((m) => m.inboxPage),
  'petitions/staff-case': () => import('./petitions/staff-case-page.tsx').then((m) => m.staffCasePage),
  'petitions/directory': () => import('./petitions/directory-page.tsx').then((m) => m.directoryPage),
  'petitions/deadlines': () => import('./petitions/deadlines-page.tsx').then((m) => m.deadlinesPage),
  'petitions/my-cases': () => import('./petitions/my-cases-page.tsx').then((m) => m.myCasesPage),
  'library/search': () => import('./library/search-page.tsx').then((m) => m.librarySearchPage),
  'library/document': () => import('./library/document-page.tsx').then((m) => m.libraryDocumentPage),
  'library/article': () => import('./library/article-page.tsx').then((m) => m.libraryArticlePage),
  'library/procedure': () => import('./library/procedure-page.tsx').then((m) => m.libraryProcedurePage),
  'library/procedures': () => import('./library/procedures-page.tsx').then((m) => m.libraryProceduresPage),
  'library/diagram': () => import('./library/diagram-page.tsx').then((m) => m.libraryDiagramPage),
  'library/documents': () => import('./library/documents-page.tsx').then((m) => m.libraryDocumentsPage),
  'library/librarian': () => import('./library/librarian-page.tsx').then((m) => m.librarianPage),
  'library/librarian-document': () =>
    import('./library/librarian-document-page.tsx').then((m) => m.librarianDocumentPage),
  'reports/entry': () => import('./reports/entry-page.tsx').then((m) => m.entryPage),
  'reports/inbox': () => import('./reports/inbox-page.tsx').then((m) => m.inboxPage),
  'reports/dashboard': () => import('./reports/dashboard-page.tsx').then((m) => m.dashboardPage),
  'reports/cadres': () => import('./reports/cadres-page.tsx').then((m) => m.cadresPage),
  'staff/not-found': () => import('./staff/not-found-page.tsx').then((m) => m.notFoundPage),
};

export type PageName = keyof typeof pages;

export type PropsOf<N extends PageName> =
  Awaited<ReturnType<(typeof pages)[N]>> extends PageDefinition<infer P> ? P : never;

export function isPageName(name: string): name is PageName {
  return Object.hasOwn(pages, name);
}
