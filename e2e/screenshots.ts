/**
 * Full-page screenshots of the public pages for design review: `node e2e/screenshots.ts [outDir]`
 * (default /tmp/shots). Uses the same build check, server and browser as the journeys.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildFrontEndIfStale, REPO_ROOT } from '../web/tools/front-end-build.ts';
import { launchChromium } from './lib/browser.ts';
import { startServer } from './lib/server.ts';

type Shot = { name: string; path: string; width: number; firstScreenOnly?: boolean };

const SHOTS: Shot[] = [
  { name: 'portal-vi-360', path: '/?lang=vi', width: 360 },
  { name: 'portal-vi-360-first-screen', path: '/?lang=vi', width: 360, firstScreenOnly: true },
  { name: 'portal-vi-1280', path: '/?lang=vi', width: 1280 },
  { name: 'portal-en-360', path: '/?lang=en', width: 360 },
  { name: 'portal-en-1280', path: '/?lang=en', width: 1280 },
];

const outDir = path.resolve(process.argv[2] ?? '/tmp/shots');
mkdirSync(outDir, { recursive: true });
buildFrontEndIfStale();
const server = await startServer({ logDir: path.join(REPO_ROOT, 'test-results/screenshots') });
const browser = await launchChromium();
try {
  for (const shot of SHOTS) {
    const context = await browser.newContext({ viewport: { width: shot.width, height: 800 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}${shot.path}`, { waitUntil: 'networkidle' });
    const file = path.join(outDir, `${shot.name}.png`);
    await page.screenshot({ path: file, fullPage: !shot.firstScreenOnly });
    console.log(file);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
