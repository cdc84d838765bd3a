import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export type JourneyContext = {
  /** Where the server under test listens, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  browser: Browser;
  /** A fresh page in a fresh context (phone-sized unless the journey resizes it); watched for console errors. */
  page: Page;
  /** Another isolated context (e.g. JavaScript disabled, another user), also watched and closed afterwards. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
};

export type Journey = {
  name: string;
  /** Console errors (including CSP violations) fail the journey unless it expects them. */
  allowConsoleErrors?: boolean;
  run(t: JourneyContext): Promise<void>;
};

/** A journey file (`e2e/<app>/<topic>.ts`) default-exports its journeys: `export default journeys([...])`. */
export function journeys(list: Journey[]): Journey[] {
  return list;
}
