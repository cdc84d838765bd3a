import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { communeApprover, signIn } from './reports.test-helpers.ts';
import { formatWeek, weekAt } from './weeks.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

/** The entry page opened without a week, at a given instant: which week does it offer? */
async function defaultEntryWeek(at: string) {
  // Signed in on the real clock: the server database judges the session's expiry by its own.
  const h = await signIn(t, communeApprover('01', '00004', { roles: ['data_entry'] }));
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(at));
  const res = await t.app.inject({ method: 'GET', url: '/bao-cao/nhap', headers: h });
  expect(res.statusCode).toBe(200);
  return res.body;
}

describe('the data entry page without a week', () => {
  it('offers last week on Monday morning, before its deadline', async () => {
    // Monday 2026-11-30 09:00 in Việt Nam: week 48 is due at noon.
    const html = await defaultEntryWeek('2026-11-30T02:00:00Z');
    expect(html).toContain(`name="tuan" value="${formatWeek(weekAt(new Date('2026-11-27T05:00:00Z')))}"`);
  });

  it('offers the week in progress once last week is locked', async () => {
    // Friday 2026-12-04 09:00 in Việt Nam: week 48 locked on Thursday at noon.
    const html = await defaultEntryWeek('2026-12-04T02:00:00Z');
    expect(html).toContain(`name="tuan" value="${formatWeek(weekAt(new Date('2026-12-04T05:00:00Z')))}"`);
    expect(html).not.toContain('Kỳ báo cáo đã khóa');
  });
});
