import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { assertNoHorizontalOverflow } from '../lib/assertions.ts';
import { devSignIn } from '../lib/auth.ts';
import { journeys } from '../lib/journey.ts';

const AUTHORITY = {
  displayName: 'Công an phường Ba Đình',
  // Unique per run, so the journey also runs again against a server that kept its data.
  username: `congan.badinh.${Date.now().toString(36)}`,
  password: 'Phố Đội Cấn yên bình 2026',
};

async function phonePhoto(dir: string): Promise<string> {
  const file = path.join(dir, 'rac-thai.jpg');
  const buf = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#5a8f3c' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 2/1 0/1' } })
    .toBuffer();
  writeFileSync(file, buf);
  return file;
}

export default journeys([
  {
    name: 'a citizen submits with a photo from a phone without JavaScript, the commune classifies and forwards, the authority answers, the case is published and rated, and appears without contact details',
    async run({ page, baseUrl, newContext }) {
      const dir = mkdtempSync(path.join(tmpdir(), 'mts-petition-'));
      const phone = '0912 468 135';
      const email = 'citizen.e2e@example.vn';

      // 1. The citizen, on a 360 px phone with JavaScript off.
      const citizen = await newContext({ javaScriptEnabled: false });
      const c = await citizen.newPage();
      await c.goto(`${baseUrl}/phan-anh/gui`);
      await c.fill('#unit-q', 'ba dinh');
      await Promise.all([c.waitForURL('**/phan-anh/gui?q=*'), c.click('form[action="/phan-anh/gui"] button')]);
      await Promise.all([
        c.waitForURL('**/phan-anh/gui?don-vi=00004'),
        c.click('a[href="/phan-anh/gui?don-vi=00004"]'),
      ]);
      assert.ok((await c.textContent('[data-testid="chosen-unit"]'))?.includes('Phường Ba Đình'));
      await assertNoHorizontalOverflow(c);
      await c.check('input[name="category"][value="moi_truong"]');
      await c.fill('#title', 'Rác thải đổ trộm ở đầu ngõ 12 Đội Cấn');
      await c.fill(
        '#content',
        'Nhiều đêm liền có người đổ trộm rác thải xây dựng ở đầu ngõ 12 phố Đội Cấn, gây mất vệ sinh và cản trở đi lại.',
      );
      await c.fill('#address', 'Ngõ 12 phố Đội Cấn');
      await c.setInputFiles('#files', await phonePhoto(dir));
      await c.check('input[name="photosPublic"]');
      await c.fill('#name', 'Đỗ Thị Ẩn Danh');
      await c.fill('#phone', phone);
      await c.fill('#email', email);
      await c.check('input[name="hideName"]');
      await c.check('input[name="consent"]');
      await Promise.all([c.waitForLoadState('load'), c.click('form.petition-form button[type="submit"]')]);
      const code = ((await c.textContent('[data-testid="tracking-code"]')) ?? '').trim();
      assert.match(code, /^PA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      await assertNoHorizontalOverflow(c);

      // 2. The commune handler classifies and forwards it.
      const staff = await newContext();
      await devSignIn(staff, baseUrl, {
        unitCode: '00004',
        orgType: 'front',
        roles: ['petition_handler'],
        displayName: 'Cán bộ Ba Đình',
      });
      const s = await staff.newPage();
      await s.goto(`${baseUrl}/quan-tri/phan-anh`);
      await Promise.all([
        s.waitForLoadState('load'),
        s.click('[data-testid="inbox-table"] a:has-text("Rác thải đổ trộm")'),
      ]);
      const caseUrl = s.url();
      const id = caseUrl.split('/').pop()!;
      await Promise.all([s.waitForURL('**?ok=classify'), s.click('[data-testid="action-classify"] button')]);
      await Promise.all([s.waitForURL('**?ok=accept'), s.click('[data-testid="action-accept"] button')]);
      await Promise.all([s.waitForURL('**?ok=forward'), s.click('[data-testid="action-forward"] button')]);
      assert.ok((await s.textContent('[data-testid="staff-status"]'))?.includes('Đã chuyển'));

      // 3. The authority answers in its own account (single sign-on with its password), linked by the commune's
      //    Front to the directory entry the case went to: another authority of the commune would not see it.
      const admin = await newContext();
      await devSignIn(admin, baseUrl, {
        unitCode: '00004',
        orgType: 'front',
        roles: ['admin', 'authority'],
        displayName: 'Quản trị Ba Đình',
      });
      const created = await admin.request.post(`${baseUrl}/api/identity/accounts`, {
        data: { ...AUTHORITY, unitCode: '00004', orgType: 'front', roles: ['authority'] },
        headers: { origin: baseUrl },
      });
      assert.equal(created.status(), 201, await created.text());
      const accountId = ((await created.json()) as { account: { id: string } }).account.id;
      const forwarded = await staff.request.get(`${baseUrl}/api/petitions/${id}`);
      const authorityId = ((await forwarded.json()) as { authorityId: number }).authorityId;
      const linked = await staff.request.post(`${baseUrl}/api/petitions/authorities/${authorityId}/accounts`, {
        data: { accountId },
        headers: { origin: baseUrl },
      });
      assert.equal(linked.status(), 204, await linked.text());
      const authority = await newContext();
      const login = await authority.newPage();
      await login.goto(`${baseUrl}/apps/pakn/login`);
      await login.fill('#f-identifier', AUTHORITY.username);
      await login.fill('#f-password', AUTHORITY.password);
      await Promise.all([login.waitForURL('**/quan-tri**'), login.click('form[data-testid="login-form"] button')]);
      const a = await authority.newPage();
      await a.goto(`${baseUrl}/quan-tri/phan-anh/${id}`);
      await a.fill(
        '#answerText',
        'UBND phường đã thu dọn rác, lắp camera và biển cấm đổ rác tại đầu ngõ 12. Liên hệ: 0912 468 135.',
      );
      await Promise.all([a.waitForURL('**?ok=answer'), a.click('[data-testid="authority-answer"] button')]);
      assert.ok((await a.textContent('[data-testid="staff-answer"]'))?.includes('lắp camera'));

      // 4. The handler reviews the redaction and publishes it, with the photo the citizen allowed.
      await s.goto(caseUrl);
      await s.check('input[name="showPhotos"]');
      await Promise.all([s.waitForURL('**?ok=publish'), s.click('[data-testid="action-publish"] button')]);

      // 5. The citizen follows the case with the code and rates it.
      await c.goto(`${baseUrl}/phan-anh/tra-cuu`);
      await c.fill('#ma', code.toLowerCase());
      await Promise.all([c.waitForLoadState('load'), c.click('form[action="/phan-anh/tra-cuu"] button')]);
      assert.ok((await c.textContent('[data-testid="case-status"]'))?.includes('Đã trả lời'));
      await c.check('input[name="rating"][value="4"]');
      await Promise.all([c.waitForLoadState('load'), c.click('[data-testid="rate-form"] button')]);
      assert.ok((await c.textContent('[data-testid="case-status"]'))?.includes('Đã đóng'));

      // 6. It appears on the homepage, without the citizen's contact details or hidden name.
      await page.goto(`${baseUrl}/phan-anh?q=rac%20thai%20do%20trom`);
      await Promise.all([page.waitForLoadState('load'), page.click(`a[href="/phan-anh/vu-viec/${id}"]`)]);
      const html = await page.content();
      for (const secret of [phone, phone.replace(/\s/g, ''), email, 'Đỗ Thị Ẩn Danh', code])
        assert.ok(!html.includes(secret), `public page contains ${secret}`);
      assert.ok((await page.textContent('[data-testid="public-case"]'))?.includes('lắp camera'));
      assert.equal(await page.locator('.petition-photos img').count(), 1);
      await assertNoHorizontalOverflow(page);
    },
  },
]);
