/**
 * End-to-end journeys: `npm run test:e2e [-- <app> …]`. Builds the front end when stale, starts the real
 * server on a free port with a temporary embedded database, drives headless Chromium through every
 * journey in e2e/<app>/*.ts, screenshots failures into test-results/e2e/, prints a summary and exits
 * non-zero when any journey fails.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { buildFrontEndIfStale, REPO_ROOT } from '../web/tools/front-end-build.ts';
import { launchChromium } from './lib/browser.ts';
import type { Journey } from './lib/journey.ts';
import { startServer } from './lib/server.ts';

const E2E_DIR = import.meta.dirname;
const RESULTS_DIR = path.join(REPO_ROOT, 'test-results/e2e');
const PHONE = { width: 360, height: 740 };
// Chromium would otherwise send Accept-Language: en-US; our visitors' browsers are Vietnamese.
const LOCALE = 'vi-VN';
const JOURNEY_TIMEOUT_MS = Number(process.env.E2E_JOURNEY_TIMEOUT_MS) || 60_000;

type Result = { app: string; name: string; ok: boolean; ms: number; error?: string; screenshot?: string };

function journeyFiles(onlyApps: string[]): { app: string; file: string }[] {
  const apps = readdirSync(E2E_DIR).filter(
    (name) => name !== 'lib' && statSync(path.join(E2E_DIR, name)).isDirectory(),
  );
  return apps
    .filter((app) => onlyApps.length === 0 || onlyApps.includes(app))
    .sort()
    .flatMap((app) =>
      readdirSync(path.join(E2E_DIR, app))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
        .sort()
        .map((f) => ({ app, file: path.join(E2E_DIR, app, f) })),
    );
}

/** Collects console errors, uncaught exceptions and CSP violations of every page of a context. */
function watchForErrors(context: BrowserContext, errors: string[]): void {
  const watchPage = (page: Page) => {
    page.on('console', (msg: ConsoleMessage) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
}

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<number> {
  const files = journeyFiles(process.argv.slice(2));
  if (files.length === 0) {
    console.error('No journeys found.');
    return 1;
  }
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  buildFrontEndIfStale();
  const server = await startServer({ logDir: RESULTS_DIR });
  const browser = await launchChromium();
  const results: Result[] = [];
  try {
    for (const { app, file } of files) {
      const list = (await import(pathToFileURL(file).href)).default as Journey[];
      for (const journey of list) results.push(await runJourney(app, journey, server.baseUrl, browser));
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  return printSummary(results, server.logFile);
}

async function runJourney(
  app: string,
  journey: Journey,
  baseUrl: string,
  browser: Awaited<ReturnType<typeof launchChromium>>,
): Promise<Result> {
  const started = Date.now();
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];
  const newContext = async (options = {}) => {
    const context = await browser.newContext({ viewport: PHONE, locale: LOCALE, ...options });
    watchForErrors(context, errors);
    contexts.push(context);
    return context;
  };
  const page = await (await newContext()).newPage();
  const result: Result = { app, name: journey.name, ok: true, ms: 0 };
  try {
    await withTimeout(journey.run({ baseUrl, browser, page, newContext }), JOURNEY_TIMEOUT_MS);
    if (errors.length && !journey.allowConsoleErrors) {
      throw new Error(`errors in the browser console:\n      ${errors.join('\n      ')}`);
    }
  } catch (err) {
    result.ok = false;
    result.error = err instanceof Error ? err.message : String(err);
    const pages = contexts.flatMap((c) => c.pages());
    for (const [i, p] of pages.entries()) {
      const file = path.join(RESULTS_DIR, `${app}--${slug(journey.name)}${i ? `-${i}` : ''}.png`);
      await p.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      result.screenshot ??= file;
    }
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    result.ms = Date.now() - started;
  }
  console.log(`${result.ok ? '  ✓' : '  ✗'} ${app} › ${journey.name} (${result.ms} ms)`);
  return result;
}

function printSummary(results: Result[], serverLog: string): number {
  const failed = results.filter((r) => !r.ok);
  console.log('');
  for (const r of failed) {
    console.log(`FAIL ${r.app} › ${r.name}\n    ${r.error}`);
    if (r.screenshot) console.log(`    screenshot: ${path.relative(REPO_ROOT, r.screenshot)}`);
  }
  const passed = results.length - failed.length;
  console.log(`\nE2E: ${passed} passed, ${failed.length} failed, ${results.length} journeys.`);
  if (failed.length) console.log(`Server log: ${path.relative(REPO_ROOT, serverLog)}`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`E2E harness failed: ${err instanceof Error ? err.stack : err}`);
    process.exit(2);
  },
);
