import assert from 'node:assert/strict';
import mammoth from 'mammoth';
import type { BrowserContext, Page } from 'playwright-core';
import { formatWeek, weekAt } from '../../src/modules/reports/weeks.ts';
import { assertNoHorizontalOverflow } from '../lib/assertions.ts';
import { devSignIn } from '../lib/auth.ts';
import { type Journey, journeys } from '../lib/journey.ts';

const COMMUNE = '00025'; // Phường Giảng Võ, Hà Nội (the units journey imports villages into Ba Đình on the same server)
const week = formatWeek(weekAt(new Date()));

async function enterReport(
  page: Page,
  baseUrl: string,
  unit: string,
  figures: Record<string, string>,
  difficulty: string,
) {
  await page.goto(`${baseUrl}/bao-cao/nhap?don-vi=${unit}&to-chuc=front&tuan=${week}`);
  for (const [key, value] of Object.entries(figures)) await page.fill(`#f_${key}`, value);
  await page.fill('#f_difficulties', difficulty);
  await Promise.all([page.waitForURL(/ok=submitted/), page.click('button[value="submit"]')]);
  assert.equal((await page.textContent('[data-testid="report-status"]'))?.trim(), 'Đã gửi');
}

async function signedIn(
  newContext: () => Promise<BrowserContext>,
  baseUrl: string,
  who: Parameters<typeof devSignIn>[2],
) {
  const ctx = await newContext();
  await devSignIn(ctx, baseUrl, who);
  const page = await ctx.newPage();
  openPages.push(page);
  return { ctx, page };
}

const openPages: Page[] = [];

/** On failure, screenshots of the pages this journey opened (the harness only captures its own page). */
async function diagnosed(name: string, fn: () => Promise<void>) {
  try {
    await fn();
  } catch (err) {
    for (const [i, p] of openPages.entries())
      if (!p.isClosed())
        await p.screenshot({ path: `test-results/e2e/reports-${name}-${i}.png`, fullPage: true }).catch(() => {});
    throw err;
  } finally {
    openPages.length = 0;
  }
}

// The journey is long on a loaded machine; it runs as three consecutive steps on the same server.
const villages: string[] = [];

/** Full-page screenshots for review, when E2E_SHOTS names a directory. */
async function shot(page: Page, name: string) {
  if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/${name}.png`, fullPage: true });
}

export default journeys([
  {
    name: 'weekly cycle 1/3: the commune creates three villages; a bad value in a village report is refused by field',
    // The refused submission answers 400, which the browser logs as a failed resource.
    allowConsoleErrors: true,
    async run({ baseUrl, newContext }) {
      await diagnosed('step1', async () => {
        const commune = await signedIn(newContext, baseUrl, { unitCode: COMMUNE, orgType: 'front', roles: ['admin'] });
        for (const name of ['Đông', 'Tây', 'Nam']) {
          const res = await commune.ctx.request.post(`${baseUrl}/api/units/${COMMUNE}/villages`, {
            data: { name, type: 'thôn' },
            headers: { origin: baseUrl },
          });
          assert.equal(res.status(), 201, await res.text());
          villages.push(((await res.json()) as { code: string }).code);
        }
        const v = await signedIn(newContext, baseUrl, {
          unitCode: villages[0]!,
          orgType: 'front',
          roles: ['data_entry'],
        });
        await v.page.goto(`${baseUrl}/bao-cao/nhap?don-vi=${villages[0]}&to-chuc=front&tuan=${week}`);
        await v.page.fill('#f_members', '-3');
        await v.page.fill('#f_activities_held', '2');
        await v.page.click('button[value="submit"]');
        await v.page.waitForSelector('[data-field-error="members"]');
        assert.equal(
          (await v.page.textContent('[data-field-error="members"]'))?.trim(),
          'Số hội viên, đoàn viên: không được nhỏ hơn 0.',
        );
        await shot(v.page, 'entry-errors');
      });
    },
  },
  ...[0, 1, 2].map((i) => ({
    name: `weekly cycle 1/3: village committee ${i + 1} of 3 enters and submits its weekly report`,
    async run({ baseUrl, newContext }: Parameters<Journey['run']>[0]) {
      await diagnosed(`step1-${i}`, async () => {
        const code = villages[i]!;
        const v = await signedIn(newContext, baseUrl, { unitCode: code, orgType: 'front', roles: ['data_entry'] });
        await enterReport(
          v.page,
          baseUrl,
          code,
          { members: String(100 * (i + 1)), activities_held: '2', participants: '50' },
          'Thiếu kinh phí hoạt động.',
        );
      });
    },
  })),
  {
    name: 'weekly cycle 2/3: the commune accepts two, returns one with a comment; it is corrected and accepted; the commune submits',
    async run({ baseUrl, newContext }) {
      await diagnosed('step2', async () => {
        assert.equal(villages.length, 3, 'step 1 created the villages');

        // The commune accepts two and returns the third with a comment.
        const boss = await signedIn(newContext, baseUrl, {
          unitCode: COMMUNE,
          orgType: 'front',
          roles: ['approver', 'data_entry'],
        });
        await boss.page.goto(`${baseUrl}/bao-cao/hop-thu?tuan=${week}`);
        await shot(boss.page, 'inbox');
        for (const code of villages.slice(0, 2)) {
          await Promise.all([
            boss.page.waitForURL(/ok=accepted/),
            boss.page.click(`tr[data-unit="${code}"] form[action*="tiep-nhan"] button`),
          ]);
        }
        await boss.page.fill(`tr[data-unit="${villages[2]}"] input[name="comment"]`, 'Số người tham gia chưa đúng.');
        await Promise.all([
          boss.page.waitForURL(/ok=returned/),
          boss.page.click(`tr[data-unit="${villages[2]}"] form[action*="tra-lai"] button`),
        ]);

        // The third village sees the comment, corrects and resubmits; the commune accepts it.
        const third = await signedIn(newContext, baseUrl, {
          unitCode: villages[2]!,
          orgType: 'front',
          roles: ['data_entry'],
        });
        await third.page.goto(`${baseUrl}/bao-cao/nhap?don-vi=${villages[2]}&to-chuc=front&tuan=${week}`);
        assert.equal(
          (await third.page.textContent('[data-testid="return-comment"]'))?.trim(),
          'Số người tham gia chưa đúng.',
        );
        await enterReport(
          third.page,
          baseUrl,
          villages[2]!,
          { members: '300', participants: '75' },
          'Thiếu kinh phí hoạt động',
        );
        await boss.page.goto(`${baseUrl}/bao-cao/hop-thu?tuan=${week}`);
        await Promise.all([
          boss.page.waitForURL(/ok=accepted/),
          boss.page.click(`tr[data-unit="${villages[2]}"] form[action*="tiep-nhan"] button`),
        ]);

        // The commune's synthesis shows the three villages; the commune submits its own report.
        await boss.page.goto(`${baseUrl}/bao-cao/tong-hop?don-vi=${COMMUNE}&tuan=${week}`);
        const communeTotals =
          (await boss.page.textContent('[data-testid="totals-table"] tr[data-indicator="members"]')) ?? '';
        assert.ok(communeTotals.includes('600'), communeTotals);
        const groups = (await boss.page.textContent('[data-testid="groups-difficulties"]')) ?? '';
        assert.ok(groups.includes('Thiếu kinh phí hoạt động') && groups.includes('3'), groups);
        await shot(boss.page, 'dashboard-commune');
        await enterReport(
          boss.page,
          baseUrl,
          COMMUNE,
          { members: '50', activities_held: '4', participants: '200' },
          'Cần tập huấn sử dụng phần mềm.',
        );
      });
    },
  },
  {
    name: 'weekly cycle 3/3: the province accepts, sees the totals and the missing communes, downloads and reads the Word report',
    async run({ baseUrl, newContext }) {
      await diagnosed('step3', async () => {
        // The province accepts the commune's report and sees totals and the missing communes.
        const province = await signedIn(newContext, baseUrl, { unitCode: '01', orgType: 'front', roles: ['approver'] });
        await province.page.goto(`${baseUrl}/bao-cao/hop-thu?tuan=${week}`);
        await Promise.all([
          province.page.waitForURL(/ok=accepted/),
          province.page.click(`tr[data-unit="${COMMUNE}"] form[action*="tiep-nhan"] button`),
        ]);
        await province.page.goto(`${baseUrl}/bao-cao/tong-hop?don-vi=01&tuan=${week}`);
        const totals =
          (await province.page.textContent('[data-testid="totals-table"] tr[data-indicator="members"]')) ?? '';
        assert.ok(totals.includes('650'), totals);
        const ngocHa = (await province.page.textContent('[data-testid="missing-list"] li[data-unit="00008"]')) ?? '';
        assert.ok(
          ngocHa.includes('Phường Ngọc Hà') && ngocHa.includes('Mặt trận'),
          `a commune that has not reported is listed: ${ngocHa}`,
        );
        const reported =
          (await province.page.textContent(`[data-testid="missing-list"] li[data-unit="${COMMUNE}"]`)) ?? '';
        assert.ok(!reported.includes('Mặt trận'), `the Front of the commune that reported is not listed: ${reported}`);
        const row =
          (await province.page.textContent(`[data-testid="children-table"] tr[data-unit="${COMMUNE}"]`)) ?? '';
        assert.ok(row.includes('650'), row);

        // The Word report downloads and reads right.
        const [download] = await Promise.all([
          province.page.waitForEvent('download'),
          province.page.click('[data-testid="export-docx"]'),
        ]);
        const file = await download.path();
        assert.ok(file);
        const { value } = await mammoth.extractRawText({ path: file });
        assert.ok(value.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), value.slice(0, 300));
        assert.ok(value.includes('Độc lập - Tự do - Hạnh phúc'));
        assert.ok(value.includes('BÁO CÁO'));
        assert.ok(value.includes('650'));
        assert.ok(value.includes('Phường Giảng Võ'));
        await shot(province.page, 'dashboard-province');
        // Above its own scope the province gets the not-found page.
        const above = await province.ctx.request.get(`${baseUrl}/bao-cao/tong-hop?don-vi=VN&tuan=${week}`);
        assert.equal(above.status(), 404);
        const neighbour = await province.ctx.request.get(`${baseUrl}/api/reports/synthesis/79?week=${week}`);
        assert.equal(neighbour.status(), 404);
      });
    },
  },
  {
    name: 'the synthesis page and data entry work without JavaScript at 360 px',
    async run({ baseUrl, newContext }) {
      const ctx = await newContext({ javaScriptEnabled: false });
      await devSignIn(ctx, baseUrl, { unitCode: 'VN', orgType: 'front', roles: ['viewer'] });
      const page = await ctx.newPage();
      await page.goto(`${baseUrl}/bao-cao/tong-hop?don-vi=VN&tuan=${week}`);
      const provinces = await page.$$eval(
        '[data-testid="rate-map"] svg a[href^="/bao-cao/tong-hop?don-vi="]',
        (els) => els.length,
      );
      assert.equal(provinces, 34);
      assert.ok(await page.isVisible('[data-testid="reporting-rate"]'));
      await shot(page, 'dashboard-central-nojs');
      await assertNoHorizontalOverflow(page);
      // The weekly entry page of a village committee, without JavaScript.
      const village = await newContext({ javaScriptEnabled: false });
      await devSignIn(village, baseUrl, { unitCode: villages[0]!, orgType: 'front', roles: ['data_entry'] });
      const entry = await village.newPage();
      await entry.goto(`${baseUrl}/bao-cao/nhap?don-vi=${villages[0]}&to-chuc=front&tuan=${week}`);
      assert.equal((await entry.textContent('[data-testid="report-status"]'))?.trim(), 'Đã tiếp nhận');
      assert.equal(await entry.inputValue('#f_members'), '100');
      await assertNoHorizontalOverflow(entry);
    },
  },
]);
