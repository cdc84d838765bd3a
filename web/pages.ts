import type { PageDefinition } from './shared/page.ts';

/**
 * Every server-rendered public page, by name. A module adds its page here (`'units/directory': () => import(…)`)
 * and renders it from its routes with `renderPublicPage` from the portal module. Pages load lazily, so the
 * browser downloads only the code of the page it hydrates.
 */
export const pages = {
  'portal/home': () => import('./portal/home-page.tsx').then((m) => m.homePage),
  'identity/sign-in': () => import('./identity/sign-in-page.tsx').then((m) => m.signInPage),
  'staff/home': () => import('./staff/home-page.tsx').then((m) => m.staffHomePage),
  'staff/not-found': () => import('./staff/not-found-page.tsx').then((m) => m.notFoundPage),
};

export type PageName = keyof typeof pages;

export type PropsOf<N extends PageName> =
  Awaited<ReturnType<(typeof pages)[N]>> extends PageDefinition<infer P> ? P : never;

export function isPageName(name: string): name is PageName {
  return Object.hasOwn(pages, name);
}
