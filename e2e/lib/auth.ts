import type { Page } from 'playwright-core';

export type Credentials = { username: string; password: string };

/**
 * Signs a cadre in through the staff sign-in page (/dang-nhap) and waits until the browser has left it.
 * The field names follow the identity module's sign-in form; journeys that need an account create it
 * first (e.g. through a seed command or API of the identity module).
 */
export async function signIn(page: Page, baseUrl: string, credentials: Credentials): Promise<void> {
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.fill('input[name="username"]', credentials.username);
  await page.fill('input[name="password"]', credentials.password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap')),
    page.click('button[type="submit"]'),
  ]);
}
