import assert from 'node:assert/strict';
import { assertNoHorizontalOverflow } from '../lib/assertions.ts';
import { journeys } from '../lib/journey.ts';

/** The server imports the library in the background at its first start; journeys wait for it (bounded). */
async function libraryLoaded(baseUrl: string, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${baseUrl}/api/library/status`).catch(() => null);
    if (res?.ok) {
      const s = (await res.json()) as { importing: boolean; documents: number; procedures: number };
      if (!s.importing && s.documents >= 208 && s.procedures > 2000) return true;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

export default journeys([
  {
    name: 'the library loads the reference corpus at the first start',
    async run({ baseUrl }) {
      // The journey runner allows one minute per journey: wait here, and again in the next journey if needed.
      await libraryLoaded(baseUrl, Number(process.env.LIBRARY_E2E_WAIT_MS ?? 55_000));
    },
  },
  {
    name: 'without JavaScript at 360 px: search unaccented, open the article, follow a reference, open a procedure and its legal basis',
    async run({ newContext, baseUrl }) {
      assert.ok(await libraryLoaded(baseUrl, 25_000), 'the library was not loaded in time');
      const context = await newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/thu-vien`);
      assert.equal(await page.getAttribute('html', 'lang'), 'vi');
      await assertNoHorizontalOverflow(page);
      await page.fill('#library-search', 'thoi han giai quyet khieu nai lan dau');
      await Promise.all([page.waitForURL('**/thu-vien?q=*'), page.press('#library-search', 'Enter')]);
      const first = page.locator('[data-testid="search-results"] > li').first();
      assert.equal(
        (await first.locator('a.hit__title').textContent())?.trim(),
        'Điều 28. Thời hạn giải quyết khiếu nại lần đầu',
      );
      assert.match((await first.textContent()) ?? '', /02\/2011\/QH13/);
      assert.match((await first.textContent()) ?? '', /Hết hiệu lực một phần/);
      assert.deepEqual(await first.locator('mark').first().textContent(), 'Thời');
      await assertNoHorizontalOverflow(page);

      await Promise.all([
        page.waitForURL(`${baseUrl}/thu-vien/luat/02-2011-qh13/dieu-28`),
        first.locator('a.hit__title').click(),
      ]);
      assert.equal((await page.textContent('h1'))?.trim(), 'Điều 28. Thời hạn giải quyết khiếu nại lần đầu');
      assert.match(
        (await page.textContent('[data-testid="article-text"]')) ?? '',
        /không quá 30 ngày, kể từ ngày thụ lý/,
      );
      assert.match(
        (await page.inputValue('[data-testid="citation"]')) ?? '',
        /^Điều 28 Luật khiếu nại số 02\/2011\/QH13\. http/,
      );
      await assertNoHorizontalOverflow(page);

      // Its law refers to the Law on Administrative Procedure, which is in the library.
      await Promise.all([
        page.waitForURL(`${baseUrl}/thu-vien/luat/93-2015-qh13`),
        page.click('[data-testid="relations"] a[href="/thu-vien/luat/93-2015-qh13"]'),
      ]);
      assert.equal((await page.textContent('h1'))?.trim(), 'Luật tố tụng hành chính');
      assert.ok((await page.locator('[data-testid="toc"] a').count()) > 300);
      await assertNoHorizontalOverflow(page);

      // "Which procedure do I need", in plain words, then the procedure's legal basis in the law library.
      await page.goto(`${baseUrl}/thu-vien/thu-tuc`);
      await page.fill('#proc-search', 'khieu nai cong an nhan dan');
      await Promise.all([page.waitForURL('**/thu-vien?kind=procedure&q=*'), page.press('#proc-search', 'Enter')]);
      const proc = page.locator('[data-testid="search-results"] > li[data-kind="procedure"] a.hit__title').first();
      const href = await proc.getAttribute('href');
      assert.match(href ?? '', /^\/thu-vien\/thu-tuc\/1\.\d+$/);
      await Promise.all([page.waitForURL(`${baseUrl}${href}`), proc.click()]);
      assert.match((await page.textContent('h1')) ?? '', /Giải quyết khiếu nại/);
      assert.ok((await page.locator('[data-testid="steps"] li').count()) >= 3);
      await assertNoHorizontalOverflow(page);
      await Promise.all([
        page.waitForURL(`${baseUrl}/thu-vien/luat/02-2011-qh13`),
        page.click('[data-testid="legal-basis"] a[href="/thu-vien/luat/02-2011-qh13"]'),
      ]);
      assert.equal((await page.textContent('h1'))?.trim(), 'Luật khiếu nại');
      assert.match((await page.textContent('[data-testid="doc-facts"]')) ?? '', /Hết hiệu lực một phần/);
    },
  },
  {
    name: 'an expired law shows its status and its replacement; the relation diagram is drawn on the server',
    async run({ newContext, baseUrl }) {
      const context = await newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/thu-vien/luat/15-2003-qh11`);
      assert.match((await page.textContent('[data-testid="doc-facts"]')) ?? '', /Hết hiệu lực từ 01\/01\/2024/);
      await Promise.all([
        page.waitForURL(`${baseUrl}/thu-vien/luat/06-2022-qh15`),
        page.click('[data-testid="replaced-by"] a'),
      ]);
      await page.goto(`${baseUrl}/thu-vien/luat/06-2022-qh15/luoc-do`);
      assert.ok((await page.locator('[data-testid="diagram"] a[href="/thu-vien/luat/15-2003-qh11"]').count()) >= 1);
      await assertNoHorizontalOverflow(page);
    },
  },
]);
