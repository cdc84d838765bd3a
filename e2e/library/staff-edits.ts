import assert from 'node:assert/strict';
import { assertNoHorizontalOverflow } from '../lib/assertions.ts';
import { devSignIn } from '../lib/auth.ts';
import { journeys } from '../lib/journey.ts';

/** The corpus is imported in the background at the first start (see search-and-read.ts); wait for it, bounded. */
async function libraryLoaded(baseUrl: string, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${baseUrl}/api/library/status`).catch(() => null);
    if (res?.ok && ((await res.json()) as { importing: boolean }).importing === false) return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

const EDIT = '/quan-tri/thu-vien/van-ban/35-2013-qh13';

export default journeys([
  {
    name: 'without JavaScript at 360 px: a Central librarian finds a law, changes its status and metadata, adds and removes a relation',
    async run({ newContext, baseUrl }) {
      assert.ok(await libraryLoaded(baseUrl, 40_000), 'the library was not loaded in time');
      const context = await newContext({ javaScriptEnabled: false });
      await devSignIn(context, baseUrl, { unitCode: 'VN', orgType: 'front', roles: ['librarian'] });
      const page = await context.newPage();

      // The list: find the law by a word of its title, unaccented, and open its edit page.
      await page.goto(`${baseUrl}/quan-tri/thu-vien`);
      await page.fill('#doc-find', 'hoa giai o co so');
      await Promise.all([page.waitForURL('**/quan-tri/thu-vien?q=*'), page.press('#doc-find', 'Enter')]);
      await Promise.all([page.waitForURL(`${baseUrl}${EDIT}`), page.click(`a[href="${EDIT}"]`)]);
      assert.match((await page.textContent('h1')) ?? '', /hòa giải ở cơ sở/i);
      await assertNoHorizontalOverflow(page);

      // Status and metadata through the form; a plain POST, answered by a redirect to the page with a notice.
      await page.selectOption('#f-status', 'expired');
      await page.fill('#f-statusDate', '2026-01-01');
      await page.fill('#f-statusNote', 'Kiểm thử: hết hiệu lực');
      await page.fill('#f-field', 'Hòa giải ở cơ sở');
      await Promise.all([
        page.waitForURL(`${baseUrl}${EDIT}?ok=saved`),
        page.click('[data-testid="metadata-form"] button[type="submit"]'),
      ]);
      assert.match((await page.textContent('.notice--success')) ?? '', /Đã lưu thay đổi/);
      assert.match((await page.textContent('[data-testid="doc-facts"]')) ?? '', /Hết hiệu lực/);
      assert.equal(await page.inputValue('#f-statusDate'), '2026-01-01');
      assert.equal(await page.inputValue('#f-field'), 'Hòa giải ở cơ sở');

      // A relation by the target's number, then removed after the confirmation.
      await page.selectOption('#r-kind', 'refers_to');
      await page.fill('#r-target', '75/2015/QH13');
      await page.fill('#r-sourceArticleNo', '2');
      await Promise.all([
        page.waitForURL(`${baseUrl}${EDIT}?ok=added#quan-he`),
        page.click('[data-testid="relation-form"] button[type="submit"]'),
      ]);
      const added = page.locator('[data-testid="relations-outgoing"] li[data-origin="librarian"]');
      assert.equal(await added.count(), 1);
      assert.match((await added.textContent()) ?? '', /Dẫn chiếu đến.*Luật Mặt trận Tổ quốc Việt Nam/);
      await Promise.all([page.waitForURL(/go-bo=\d+/), added.locator('a.relation-row__remove').click()]);
      await Promise.all([
        page.waitForURL(`${baseUrl}${EDIT}?ok=removed#quan-he`),
        page.click('[data-testid="confirm-remove"] button[type="submit"]'),
      ]);
      assert.equal(await page.locator('[data-testid="relations-outgoing"] li[data-origin="librarian"]').count(), 0);
      await assertNoHorizontalOverflow(page);

      // The public page shows the new status.
      await page.click('a[href="/thu-vien/luat/35-2013-qh13"]');
      await page.waitForURL(`${baseUrl}/thu-vien/luat/35-2013-qh13`);
      assert.match((await page.textContent('[data-testid="doc-facts"]')) ?? '', /Hết hiệu lực từ 01\/01\/2026/);
    },
  },
  {
    name: 'without JavaScript: a mistake in the form is named in Vietnamese, the values stay and nothing is saved',
    // The form answers 400, which the browser reports on its console.
    allowConsoleErrors: true,
    async run({ newContext, baseUrl }) {
      assert.ok(await libraryLoaded(baseUrl, 40_000), 'the library was not loaded in time');
      const context = await newContext({ javaScriptEnabled: false });
      await devSignIn(context, baseUrl, { unitCode: 'VN', orgType: 'front', roles: ['librarian'] });
      const page = await context.newPage();
      await page.goto(`${baseUrl}${EDIT}`);
      const note = await page.inputValue('#f-statusNote');
      await page.fill('#f-replacedBy', '99/2099/QH99');
      await page.fill('#f-statusNote', 'Không được lưu');
      await page.click('[data-testid="metadata-form"] button[type="submit"]');
      await page.waitForSelector('[data-testid="form-error"]');
      assert.match(
        (await page.textContent('[data-testid="form-error"]')) ?? '',
        /Văn bản thay thế: không tìm thấy văn bản "99\/2099\/QH99"/,
      );
      assert.equal(await page.inputValue('#f-statusNote'), 'Không được lưu');
      assert.equal(await page.getAttribute('#f-replacedBy', 'aria-invalid'), 'true');
      await assertNoHorizontalOverflow(page);
      await page.goto(`${baseUrl}${EDIT}`);
      assert.equal(await page.inputValue('#f-statusNote'), note);
    },
  },
]);
