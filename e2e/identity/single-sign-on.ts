import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { currentTotp } from '../../src/modules/identity/totp.ts';
import { assertNoHorizontalOverflow } from '../lib/assertions.ts';
import { devSignIn } from '../lib/auth.ts';
import { journeys } from '../lib/journey.ts';

const ADMIN = { username: 'quantri.hanoi', password: 'Hồ Gươm sáng trong 2026' };
const CADRE = { username: 'lan.badinh', password: 'Chợ Đồng Xuân đông vui' };
const FAILED = 'Tên đăng nhập hoặc mật khẩu không đúng.';

async function createAccount(
  page: Page,
  a: { name: string; username: string; password: string; unit: string; role: string },
) {
  const form = page.locator('form[data-testid="create-account"]');
  await form.locator('input[name="displayName"]').fill(a.name);
  await form.locator('input[name="username"]').fill(a.username);
  await form.locator('input[name="unitCode"]').fill(a.unit);
  await form.locator(`input[name="roles"][value="${a.role}"]`).check();
  await form.locator('input[name="password"]').fill(a.password);
  await form.locator('button[type="submit"]').click();
  await page.waitForLoadState('load');
  const main = (await page.textContent('main')) ?? '';
  assert.ok(main.includes(`Đã tạo tài khoản ${a.name}.`), main.slice(0, 500));
}

async function passwordLogin(page: Page, username: string, password: string) {
  await page.fill('#f-identifier', username);
  await page.fill('#f-password', password);
  await page.click('form[data-testid="login-form"] button');
  await page.waitForLoadState('load');
}

export default journeys([
  {
    name: 'an administrator enrols TOTP and creates a commune cadre, who signs in once for two apps; five wrong passwords lock the account with the same message',
    // Refused sign-ins answer 400, which the browser logs as failed resources.
    allowConsoleErrors: true,
    async run({ newContext, baseUrl }) {
      // Bootstrap: a Central administrator (development sign-in) creates the province administrator's account.
      const central = await newContext();
      await devSignIn(central, baseUrl, { unitCode: 'VN', orgType: 'front', roles: ['admin'] });
      const centralPage = await central.newPage();
      await centralPage.goto(`${baseUrl}/quan-tri/tai-khoan`);
      await createAccount(centralPage, { name: 'Quản trị Hà Nội', ...ADMIN, unit: '01', role: 'admin' });

      // The administrator signs in to the organisational database: password, then enrolment of TOTP by QR code.
      const adminContext = await newContext();
      const admin = await adminContext.newPage();
      await admin.goto(`${baseUrl}/dang-nhap`);
      await admin.click('[data-testid="sso-login"]');
      await admin.waitForURL(/\/dang-nhap\/sso\//);
      await assertNoHorizontalOverflow(admin);
      await passwordLogin(admin, ADMIN.username, ADMIN.password);
      assert.match(admin.url(), /\/mfa$/);
      assert.ok((await admin.textContent('main'))?.includes('Bật xác thực hai lớp'));
      assert.ok(await admin.locator('figure.qr img[src^="data:image/png"]').isVisible());
      const secret = ((await admin.textContent('figure.qr figcaption')) ?? '').trim();
      await admin.fill('#f-code', currentTotp(secret));
      await admin.click('form[data-testid="totp-form"] button');
      await admin.waitForLoadState('load');
      assert.equal(await admin.locator('[data-testid="recovery-codes"] li').count(), 10);
      await Promise.all([
        admin.waitForURL(`${baseUrl}/quan-tri`),
        admin.click('form[data-testid="continue-form"] button'),
      ]);

      // …and creates a commune cadre of Phường Ba Đình.
      await admin.goto(`${baseUrl}/quan-tri/tai-khoan`);
      await assertNoHorizontalOverflow(admin);
      await createAccount(admin, { name: 'Nguyễn Thị Lan', ...CADRE, unit: '00004', role: 'data_entry' });

      // The cadre signs in to CSDL, then opens the petitions app: no password prompt the second time.
      const cadreContext = await newContext();
      const cadre = await cadreContext.newPage();
      await cadre.goto(`${baseUrl}/apps/csdl/login`);
      await cadre.waitForURL(/\/dang-nhap\/sso\//);
      await passwordLogin(cadre, CADRE.username, CADRE.password);
      assert.equal(cadre.url(), `${baseUrl}/quan-tri`);
      assert.ok((await cadre.textContent('[data-testid="staff-account"]'))?.includes('Phường Ba Đình'));
      const visited: string[] = [];
      cadre.on('framenavigated', (f) => {
        if (f === cadre.mainFrame()) visited.push(f.url());
      });
      await cadre.goto(`${baseUrl}/apps/pakn/login`);
      await cadre.waitForURL(`${baseUrl}/quan-tri`);
      assert.ok(!visited.some((u) => u.includes('/dang-nhap/sso/')), visited.join(' → '));

      // Five wrong passwords: locked; the right password then gets the very same message.
      const attacker = await (await newContext()).newPage();
      await attacker.goto(`${baseUrl}/apps/csdl/login`);
      for (let i = 1; i <= 5; i++) {
        await attacker.waitForURL(/\/dang-nhap\/sso\//);
        await passwordLogin(attacker, CADRE.username, `sai mật khẩu lần ${i}`);
        assert.ok((await attacker.textContent('main'))?.includes(FAILED), `attempt ${i}`);
      }
      await passwordLogin(attacker, CADRE.username, CADRE.password);
      assert.ok((await attacker.textContent('main'))?.includes(FAILED));
      assert.match(attacker.url(), /\/dang-nhap\/sso\//);
    },
  },
]);
