import assert from 'node:assert/strict';
import { journeys } from '../lib/journey.ts';

export default journeys([
  {
    name: 'without JavaScript the content, the styles and the language switch work',
    async run({ newContext, baseUrl }) {
      const context = await newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(baseUrl);
      assert.equal(await page.getAttribute('html', 'lang'), 'vi');
      assert.equal((await page.textContent('h1'))?.trim(), 'Mặt trận số');
      assert.equal(await page.locator('main a.app-card').count(), 7);
      const headerBackground = await page
        .locator('header.site-header')
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.equal(headerBackground, 'rgb(163, 22, 27)', 'the stylesheet did not apply');
      await Promise.all([page.waitForURL('**/?lang=en'), page.click('[data-testid="lang-switch"]')]);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.ok((await page.textContent('body'))?.includes("Citizens' feedback and recommendations"));
    },
  },
]);
