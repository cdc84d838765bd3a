import assert from 'node:assert/strict';
import { assertNoHorizontalOverflow, assertTappable } from '../lib/assertions.ts';
import { journeys } from '../lib/journey.ts';

const APP_PATHS = ['/phan-anh', '/thu-vien', '/don-vi', '/bao-cao', '/tro-ly-ao', '/dai-hoi', '/hoi-vien'];

export default journeys([
  {
    name: 'the portal renders in Vietnamese',
    async run({ page, baseUrl }) {
      const response = await page.goto(baseUrl);
      assert.equal(response?.status(), 200);
      assert.equal(await page.getAttribute('html', 'lang'), 'vi');
      assert.equal(await page.title(), 'Mặt trận số — Nền tảng số của Mặt trận Tổ quốc Việt Nam');
      assert.equal((await page.textContent('h1'))?.trim(), 'Mặt trận số');
      const body = await page.textContent('body');
      for (const name of [
        'Phần mềm Cơ sở dữ liệu trực tuyến (CSDL)',
        'Phần mềm tiếp nhận, xử lý phản ánh, kiến nghị của người dân (PAKN)',
        'Thư viện số cộng đồng',
        'Trợ lý ảo phục vụ công tác tham mưu của Mặt trận các cấp',
        'Phần mềm theo dõi tiến độ, kết quả Đại hội Mặt trận Tổ quốc Việt Nam các cấp',
        'Quản lý đoàn viên, hội viên',
        'Đăng nhập cán bộ',
      ]) {
        assert.ok(body?.includes(name), `missing "${name}"`);
      }
    },
  },
  {
    name: 'the language link switches to English and back, and the choice is remembered',
    async run({ page, baseUrl }) {
      await page.goto(baseUrl);
      await Promise.all([page.waitForURL('**/?lang=en'), page.click('[data-testid="lang-switch"]')]);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal((await page.textContent('h1'))?.trim(), 'Digital Front');
      assert.ok((await page.textContent('body'))?.includes('Online organisational database'));
      await page.goto(baseUrl);
      assert.equal(await page.getAttribute('html', 'lang'), 'en', 'the lang cookie was not remembered');
      await Promise.all([page.waitForURL('**/?lang=vi'), page.click('[data-testid="lang-switch"]')]);
      assert.equal(await page.getAttribute('html', 'lang'), 'vi');
    },
  },
  {
    name: 'the page hydrates with no console errors or CSP violations',
    async run({ page, baseUrl }) {
      await page.goto(baseUrl, { waitUntil: 'networkidle' });
      const scripts = await page.$$eval('script[src]', (els) => els.length);
      assert.ok(scripts > 0, 'no client script linked: is the front end built?');
      const stylesheets = await page.evaluate(() => document.styleSheets.length);
      assert.ok(stylesheets > 0, 'no stylesheet applied');
      // The runner fails the journey on any console error, which is where CSP violations are reported.
    },
  },
  {
    name: 'at 360 px nothing overflows and every app link is visible and tappable',
    async run({ page, baseUrl }) {
      await page.setViewportSize({ width: 360, height: 740 });
      for (const lang of ['vi', 'en']) {
        await page.goto(`${baseUrl}/?lang=${lang}`);
        await assertNoHorizontalOverflow(page);
        for (const href of APP_PATHS) {
          const link = page.locator(`main a.app-card[href="${href}"]`);
          assert.equal(await link.count(), 1, `no app card links to ${href}`);
          await link.scrollIntoViewIfNeeded();
          await assertTappable(link);
        }
        await assertTappable(page.locator('header a[href="/dang-nhap"]'));
        await assertTappable(page.locator('[data-testid="lang-switch"]'));
      }
    },
  },
  {
    name: 'at 1280 px the layout uses the width without overflow',
    async run({ page, baseUrl }) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(baseUrl);
      await assertNoHorizontalOverflow(page);
      const cards = await page
        .locator('section.section--citizens a.app-card')
        .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
      assert.equal(new Set(cards).size, 1, 'the citizens apps should sit side by side on a desktop');
    },
  },
]);
