import type { BrowserContext } from 'playwright-core';

export type DevSignIn = {
  /** Official code of the unit, e.g. "01" for a province. */
  unitCode: string;
  orgType?: string;
  roles?: string[];
  displayName?: string;
};

/**
 * Signs a browser context in as a cadre through the identity module's development sign-in
 * (POST /api/auth/dev-login, enabled by the harness). The session cookie lands in the context, so every
 * page opened from it is signed in. Replace with the single sign-on form once it exists.
 */
export async function devSignIn(context: BrowserContext, baseUrl: string, who: DevSignIn): Promise<unknown> {
  const res = await context.request.post(`${baseUrl}/api/auth/dev-login`, {
    data: who,
    headers: { origin: baseUrl },
  });
  if (!res.ok()) throw new Error(`dev sign-in as ${who.unitCode} failed: ${res.status()} ${await res.text()}`);
  return ((await res.json()) as { principal: unknown }).principal;
}
