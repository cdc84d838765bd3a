import assert from 'node:assert/strict';
import { assertNoHorizontalOverflow } from '../lib/assertions.ts';
import { devSignIn } from '../lib/auth.ts';
import { journeys } from '../lib/journey.ts';

const BASIS = 'Nghị quyết 1656/NQ-UBTVQH15';

export default journeys([
  {
    name: 'a province admin merges two communes at 360 px without JavaScript: preview, confirm, result and history in the tree',
    async run({ newContext, baseUrl }) {
      // Phường Cửa Nam has two residential groups, entered by its own cadre.
      const cadre = await newContext();
      await devSignIn(cadre, baseUrl, { unitCode: '00082', roles: ['data_entry'] });
      const cadrePage = await cadre.newPage();
      for (const name of ['Một', 'Hai']) {
        await cadrePage.goto(`${baseUrl}/quan-tri/thon`);
        await cadrePage.fill('form[action="/quan-tri/thon/them"] input[name="name"]', name);
        await Promise.all([
          cadrePage.waitForURL('**/quan-tri/thon?ok=created*'),
          cadrePage.click('form[action="/quan-tri/thon/them"] button'),
        ]);
      }

      const context = await newContext({ javaScriptEnabled: false });
      await devSignIn(context, baseUrl, { unitCode: '01', roles: ['admin'] });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/quan-tri/don-vi?ma=00070`);
      await Promise.all([
        page.waitForURL('**/quan-tri/don-vi/to-chuc-lai?ma=00070'),
        page.click('[data-testid="reorganise-link"]'),
      ]);
      assert.equal((await page.textContent('h1'))?.trim(), 'Tổ chức lại đơn vị hành chính');
      assert.equal((await page.inputValue('#f-sources')).trim(), '00070');
      await assertNoHorizontalOverflow(page);

      await page.fill('#f-sources', '00070\nCửa Nam');
      await page.fill('#f-legalBasis', BASIS);
      await Promise.all([
        page.waitForLoadState('load'),
        page.click('[data-testid="reorg-form"] button[value="preview"]'),
      ]);
      const preview = (await page.textContent('[data-testid="reorg-preview"]')) ?? '';
      assert.ok(preview.includes('2 thôn, tổ dân phố: Phường Cửa Nam → Phường Hoàn Kiếm'), preview);
      assert.ok(preview.includes('Phường Cửa Nam (00082) → Phường Hoàn Kiếm'), preview);
      assert.ok(preview.includes(`Căn cứ: ${BASIS}`), preview);
      await assertNoHorizontalOverflow(page);

      // Previewing changed nothing: Cửa Nam is still in the tree with its two groups.
      const check = await context.newPage();
      await check.goto(`${baseUrl}/quan-tri/don-vi?ma=00082`);
      assert.equal((await check.textContent('h1'))?.trim(), 'Phường Cửa Nam');
      await check.close();

      await Promise.all([
        page.waitForURL('**/quan-tri/don-vi/to-chuc-lai?ma=00070&thao-tac=hop-nhat&xong=1'),
        page.click('[data-testid="reorg-confirm"] button'),
      ]);
      assert.ok((await page.textContent('main'))?.includes('Đã hợp nhất. Kết quả: Phường Hoàn Kiếm.'));
      await Promise.all([
        page.waitForURL('**/quan-tri/don-vi?ma=00070'),
        page.click('[data-testid="reorg-tree-link"]'),
      ]);
      assert.ok((await page.textContent('main'))?.includes('Đơn vị trực thuộc (2)'));
      const history = (await page.textContent('[data-testid="unit-history"]')) ?? '';
      assert.ok(history.includes('Nhận hợp nhất Phường Cửa Nam (mã 00082)'), history);
      assert.ok(history.includes(BASIS), history);
      await assertNoHorizontalOverflow(page);
      // The merged commune is no longer in Hà Nội's list.
      await page.goto(`${baseUrl}/quan-tri/don-vi?ma=01&q=cua%20nam`);
      assert.equal(await page.locator('main a:text-is("Phường Cửa Nam")').count(), 0);
    },
  },
]);
