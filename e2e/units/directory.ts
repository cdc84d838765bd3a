import assert from 'node:assert/strict';
import { assertNoHorizontalOverflow } from '../lib/assertions.ts';
import { journeys } from '../lib/journey.ts';

export default journeys([
  {
    name: 'the public directory works without JavaScript at 360 px: map, search, province, commune',
    async run({ newContext, baseUrl }) {
      const context = await newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/don-vi`);
      assert.equal(await page.getAttribute('html', 'lang'), 'vi');
      assert.equal(await page.locator('[data-testid="province-map"] svg a').count(), 34);
      assert.equal(await page.locator('[data-testid="province-list"] li').count(), 34);
      assert.ok((await page.textContent('main'))?.includes('Cục Đo đạc, Bản đồ và Thông tin địa lý Việt Nam'));
      await assertNoHorizontalOverflow(page);
      await page.fill('#unit-search', 'ha noi');
      await Promise.all([page.waitForURL('**/don-vi?q=ha+noi'), page.press('#unit-search', 'Enter')]);
      const first = page.locator('[data-testid="search-results"] a').first();
      assert.equal((await first.textContent())?.trim(), 'Thành phố Hà Nội');
      await Promise.all([page.waitForURL(`${baseUrl}/don-vi/01`), first.click()]);
      assert.equal((await page.textContent('h1'))?.trim(), 'Thành phố Hà Nội');
      assert.ok((await page.locator('[data-testid="commune-list"] a').count()) >= 126);
      assert.match((await page.textContent('[data-testid="province-adoption"]')) ?? '', /^\d+\/126 \(\d+,\d{2}%\)$/);
      await assertNoHorizontalOverflow(page);
      await Promise.all([
        page.waitForURL(`${baseUrl}/don-vi/01/00004`),
        page.click('[data-testid="commune-list"] a:text-is("Phường Ba Đình")'),
      ]);
      assert.equal((await page.textContent('h1'))?.trim(), 'Phường Ba Đình');
      assert.ok((await page.textContent('main'))?.includes('Ủy ban Mặt trận Tổ quốc Việt Nam phường Ba Đình'));
      await assertNoHorizontalOverflow(page);
      // A province on the map is a link.
      await page.goto(`${baseUrl}/don-vi`);
      await Promise.all([page.waitForURL(`${baseUrl}/don-vi/01`), page.click('svg a[href="/don-vi/01"]')]);
    },
  },
  {
    name: 'an unknown public page answers an HTML 404 in the layout',
    // The browser logs the 404 status itself as a failed resource.
    allowConsoleErrors: true,
    async run({ page, baseUrl }) {
      const res = await page.goto(`${baseUrl}/don-vi/99`);
      assert.equal(res?.status(), 404);
      assert.equal((await page.textContent('h1'))?.trim(), 'Không tìm thấy trang');
    },
  },
]);
