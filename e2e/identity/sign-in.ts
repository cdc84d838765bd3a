import assert from 'node:assert/strict';
import { assertNoHorizontalOverflow } from '../lib/assertions.ts';
import { journeys } from '../lib/journey.ts';

export default journeys([
  {
    name: 'a cadre signs in with the development form and signs out',
    async run({ page, baseUrl }) {
      await page.goto(`${baseUrl}/quan-tri`);
      assert.match(page.url(), /\/dang-nhap\?next=%2Fquan-tri$/);
      assert.equal(
        (await page.textContent('[data-testid="dev-badge"]'))?.trim(),
        'Đăng nhập thử nghiệm — chỉ dùng cho môi trường phát triển',
      );
      await assertNoHorizontalOverflow(page);
      await page.fill('#unit', 'phuong ba dinh');
      await page.selectOption('#orgType', 'front');
      await page.check('input[name="roles"][value="admin"]');
      await Promise.all([page.waitForURL(`${baseUrl}/quan-tri`), page.click('form[action="/dang-nhap"] button')]);
      const account = await page.textContent('[data-testid="staff-account"]');
      assert.ok(account?.includes('Phường Ba Đình'), account ?? '');
      assert.ok(account?.includes('Ủy ban Mặt trận Tổ quốc Việt Nam phường Ba Đình'));
      assert.ok(account?.includes('Quản trị'));
      assert.ok((await page.textContent('main'))?.includes('sắp triển khai'));
      await assertNoHorizontalOverflow(page);
      await Promise.all([page.waitForURL('**/dang-nhap?da-dang-xuat=1'), page.click('[data-testid="sign-out"]')]);
      assert.ok((await page.textContent('main'))?.includes('Bạn đã đăng xuất.'));
      await page.goto(`${baseUrl}/quan-tri`);
      assert.match(page.url(), /\/dang-nhap\?next=/);
    },
  },
  {
    name: 'the sign-in form explains what is wrong and offers choices for an ambiguous name',
    // The refused form answers 400, which the browser logs as a failed resource.
    allowConsoleErrors: true,
    async run({ newContext, baseUrl }) {
      const context = await newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/dang-nhap`);
      await page.fill('#unit', 'zzqx wvy');
      await page.uncheck('input[name="roles"][value="data_entry"]');
      await page.click('form[action="/dang-nhap"] button');
      const main = (await page.textContent('main')) ?? '';
      assert.ok(main.includes('Không tìm thấy đơn vị "zzqx wvy"'), main);
      assert.ok(main.includes('Hãy chọn ít nhất một vai trò.'));
      await page.fill('#unit', 'tan');
      await page.check('input[name="roles"][value="viewer"]');
      await page.click('form[action="/dang-nhap"] button');
      assert.ok((await page.locator('input[type="radio"][name="unit"]').count()) > 1);
      await Promise.all([page.waitForURL(`${baseUrl}/quan-tri`), page.click('form[action="/dang-nhap"] button')]);
      assert.ok((await page.textContent('[data-testid="staff-account"]'))?.includes('Chỉ xem'));
    },
  },
]);
