import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { todayInVietnam } from './unit-naming.ts';
import { unitsDb } from './units.db.ts';
import { centralAdmin, communeFront, signIn } from './units.test-helpers.ts';

type Headers = Record<string, string>;
let t: TestApp;
let hanoiAdmin: Headers;
let central: Headers;
const PAGE = '/quan-tri/don-vi/to-chuc-lai';
const BASIS = 'Nghị quyết 1656/NQ-UBTVQH15';
const today = todayInVietnam();

beforeAll(async () => {
  t = await createTestApp();
  hanoiAdmin = await signIn(t, { unitCode: '01', unitPath: 'vn.01', unitLevel: 'province', roles: ['admin'] });
  central = await signIn(t, centralAdmin);
});
afterAll(() => t.close());

const db = () => unitsDb(t.database.db);
const get = (url: string, headers: Headers = {}) => t.app.inject({ method: 'GET', url, headers });
const post = (url: string, fields: Record<string, string>, headers: Headers) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
  });

/** Every row the reorganisation services write, counted: a preview must leave them all as they were. */
async function footprint() {
  const { rows } = await sql<{ versions: number; successions: number; audits: number; units: number }>`SELECT
      (SELECT count(*)::int FROM unit_version) AS versions,
      (SELECT count(*)::int FROM unit_succession) AS successions,
      (SELECT count(*)::int FROM audit_log WHERE action LIKE 'units.reorganisation.%') AS audits,
      (SELECT count(*)::int FROM unit) AS units`.execute(db());
  return rows[0]!;
}

async function addVillages(commune: string, names: string[]): Promise<void> {
  const h = await signIn(t, communeFront(commune, '01'));
  for (const name of names) {
    const res = await post('/quan-tri/thon/them', { name, type: 'tổ dân phố' }, h);
    expect(res.statusCode, res.body).toBe(303);
  }
}

async function audits(action: string): Promise<{ target_id: string; actor_unit: string | null }[]> {
  const { rows } = await sql<{ target_id: string; actor_unit: string | null }>`SELECT target_id,
      actor_unit_path::text AS actor_unit FROM audit_log WHERE action = ${action}`.execute(db());
  return rows;
}

/** Preview (nothing changes), then confirm (303 to the result with its history). */
async function previewThenConfirm(tab: string, ma: string, fields: Record<string, string>, headers: Headers) {
  const url = `${PAGE}?ma=${ma}&thao-tac=${tab}`;
  const before = await footprint();
  const preview = await post(url, { ...fields, step: 'preview' }, headers);
  expect(preview.statusCode, preview.body).toBe(200);
  expect(preview.body).toContain('Xem trước: những gì sẽ thay đổi');
  expect(await footprint()).toEqual(before);
  const confirm = await post(url, { ...fields, step: 'confirm' }, headers);
  expect(confirm.statusCode, confirm.body).toBe(303);
  const result = await get(confirm.headers.location as string, headers);
  expect(result.statusCode).toBe(200);
  return { preview: preview.body, location: confirm.headers.location as string, result: result.body };
}

describe('reorganisation page: access', () => {
  it('sends anonymous visitors to sign in', async () => {
    const res = await get(`${PAGE}?ma=00004`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/dang-nhap?next=%2Fquan-tri%2Fdon-vi%2Fto-chuc-lai%3Fma%3D00004');
  });

  it('answers the HTML 404 to commune cadres, non-admins, other provinces and the own unit, GET and POST', async () => {
    const cadre = await signIn(t, communeFront('00004', '01'));
    const communeAdmin = await signIn(t, communeFront('00004', '01', { roles: ['admin'] }));
    const viewer = await signIn(t, { unitCode: '01', unitPath: 'vn.01', unitLevel: 'province', roles: ['viewer'] });
    const fields = { sources: '25747\n25750', into: 'existing', effective: today, legalBasis: BASIS, step: 'preview' };
    for (const h of [cadre, communeAdmin, viewer]) {
      expect((await get(PAGE, h)).statusCode).toBe(404);
      expect((await get(`${PAGE}?ma=00004`, h)).statusCode).toBe(404);
      const res = await post(`${PAGE}?ma=00004&thao-tac=hop-nhat`, { ...fields, sources: '00004\n00008' }, h);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('Không tìm thấy trang');
    }
    // Hà Nội's admin on a commune of Hồ Chí Minh City, by the page's address and by what is typed in the form.
    expect((await get(`${PAGE}?ma=25747`, hanoiAdmin)).statusCode).toBe(404);
    expect((await get(`${PAGE}?ma=01`, hanoiAdmin)).statusCode).toBe(404);
    const before = await footprint();
    for (const step of ['preview', 'confirm']) {
      const res = await post(`${PAGE}?thao-tac=hop-nhat`, { ...fields, step }, hanoiAdmin);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
    }
    expect(await footprint()).toEqual(before);
  });

  it('is linked from the tree browser only for units the account may reorganise', async () => {
    const tree = await get('/quan-tri/don-vi?ma=00004', hanoiAdmin);
    expect(tree.body).toContain(`href="${PAGE}?ma=00004"`);
    expect(tree.body).toContain('>Tổ chức lại</a>');
    expect((await get('/quan-tri/don-vi?ma=01', hanoiAdmin)).body).not.toContain('Tổ chức lại');
    const viewer = await signIn(t, { unitCode: '01', unitPath: 'vn.01', unitLevel: 'province', roles: ['viewer'] });
    expect((await get('/quan-tri/don-vi?ma=00004', viewer)).body).not.toContain('Tổ chức lại');
    const page = await get(`${PAGE}?ma=00004`, hanoiAdmin);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Đơn vị đang chọn: Phường Ba Đình (mã 00004)');
    expect(page.body).toContain('Lịch sử của Phường Ba Đình');
    expect(page.body).toContain('Từ 01/07/2025 (đến nay)</strong>: Phường Ba Đình, thuộc Thành phố Hà Nội');
    const en = await get(`${PAGE}?ma=00004&lang=en`, hanoiAdmin);
    expect(en.body).toContain('Reorganise administrative units');
  });
});

describe('reorganisation page: the four operations', () => {
  it('merges two communes into one of them: preview, confirm, history, tree and audit', async () => {
    await addVillages('00082', ['Một', 'Hai']);
    await addVillages('00070', ['Ba']);
    const { preview, location, result } = await previewThenConfirm(
      'hop-nhat',
      '00070',
      { sources: '00070\nCửa Nam', into: 'existing', intoUnit: '00070', effective: today, legalBasis: BASIS },
      hanoiAdmin,
    );
    expect(preview).toContain('Phường Cửa Nam (00082)');
    expect(preview).toContain('2 thôn, tổ dân phố: Phường Cửa Nam → Phường Hoàn Kiếm');
    expect(preview).toContain('Phường Cửa Nam (00082) → Phường Hoàn Kiếm');
    expect(location).toBe(`${PAGE}?ma=00070&thao-tac=hop-nhat&xong=1`);
    expect(result).toContain('Đã hợp nhất. Kết quả: Phường Hoàn Kiếm.');
    expect(result).toContain('href="/quan-tri/don-vi?ma=00070"');
    expect(result).toContain('Nhận hợp nhất Phường Cửa Nam (mã 00082)');
    expect(result).toContain(BASIS);
    const tree = await get('/quan-tri/don-vi?ma=00070', hanoiAdmin);
    expect(tree.body).toContain('Đơn vị trực thuộc (3)');
    expect(tree.body).toContain('Nhận hợp nhất Phường Cửa Nam (mã 00082)');
    expect(await audits('units.reorganisation.merge')).toEqual([{ target_id: '00070', actor_unit: 'vn.01' }]);
  });

  it('merges into a new unit typed with its code, name and type', async () => {
    const { preview, result } = await previewThenConfirm(
      'hop-nhat',
      '00091',
      {
        sources: '00091\n00097',
        into: 'new',
        newCode: '99001',
        newName: 'Hồng Phú',
        newType: 'phường',
        // Typed as people write dates, where the browser offers no date picker.
        effective: today.split('-').reverse().join('/'),
        legalBasis: BASIS,
      },
      hanoiAdmin,
    );
    expect(preview).toContain(`Có hiệu lực từ ${today.split('-').reverse().join('/')}`);
    expect(preview).toContain(
      'Phường Hồng Phú</strong> <span class="muted">(99001)</span><span class="reorg-badge">mới',
    );
    expect(result).toContain('Nhận hợp nhất Phường Hồng Hà (mã 00097)');
    expect(result).toContain('Nhận hợp nhất Phường Phú Thượng (mã 00091)');
  });

  it('splits a commune into two, one of them taking a village named in the form', async () => {
    await addVillages('00103', ['A', 'B', 'C']);
    const { preview, location, result } = await previewThenConfirm(
      'chia-tach',
      '00103',
      {
        source: '00103',
        partCount: '3',
        part1Code: '99002',
        part1Name: 'Tây Hồ Bắc',
        part1Type: 'phường',
        part2Code: '99003',
        part2Name: 'Tây Hồ Nam',
        part2Type: 'phường',
        part2Children: 'Tổ dân phố C',
        effective: today,
        legalBasis: BASIS,
      },
      hanoiAdmin,
    );
    expect(preview).toContain('2 thôn, tổ dân phố: Phường Tây Hồ → Phường Tây Hồ Bắc');
    expect(preview).toContain('1 thôn, tổ dân phố: Phường Tây Hồ → Phường Tây Hồ Nam');
    expect(location).toMatch(/\?ma=9900[23]&thao-tac=chia-tach&xong=1$/);
    expect(result).toContain('Được lập khi chia tách Phường Tây Hồ (mã 00103)');
    expect(await audits('units.reorganisation.split')).toEqual([{ target_id: '00103', actor_unit: 'vn.01' }]);
  });

  it('changes a type (province) and moves a commune to another province (Central), both in the history', async () => {
    await addVillages('00004', ['Một']);
    // "Ba Đình" names communes in two provinces: for Hà Nội's admin it means the one in Hà Nội.
    const retyped = await previewThenConfirm(
      'doi-loai',
      '00004',
      { unit: 'Ba Đình', type: 'xã', effective: today, legalBasis: BASIS },
      hanoiAdmin,
    );
    expect(retyped.preview).toContain('Xã Ba Đình</strong> <span class="muted">(00004)</span>');
    expect(retyped.result).toContain('Đã đổi loại đơn vị: Xã Ba Đình.');
    expect(retyped.result).toContain('Phường Ba Đình, thuộc Thành phố Hà Nội');
    const moved = await previewThenConfirm(
      'chuyen-cap-tren',
      '00004',
      { unit: '00004', newParent: 'Cao Bằng', effective: today, legalBasis: 'Nghị quyết 2/NQ-UBTVQH16' },
      central,
    );
    expect(moved.preview).toContain(
      '1 xã, phường, đặc khu (cùng 1 thôn, tổ dân phố): Thành phố Hà Nội → Tỉnh Cao Bằng',
    );
    expect(moved.result).toContain('Đã chuyển đơn vị cấp trên của Xã Ba Đình.');
    expect(moved.result).toContain('Xã Ba Đình, thuộc Tỉnh Cao Bằng');
    expect(moved.result).toContain('Căn cứ: Nghị quyết 2/NQ-UBTVQH16');
    expect(await audits('units.reorganisation.change_type')).toEqual([{ target_id: '00004', actor_unit: 'vn.01' }]);
    expect(await audits('units.reorganisation.move')).toEqual([{ target_id: '00004', actor_unit: 'vn' }]);
  });
});

describe('reorganisation page: mistakes', () => {
  const url = `${PAGE}?ma=00118&thao-tac=hop-nhat`;
  const good = { sources: '00118\n00127', into: 'existing', effective: today, legalBasis: BASIS };

  it('names each mistake beside its field in Vietnamese, keeps what was typed and changes nothing', async () => {
    const before = await footprint();
    const cases: [Record<string, string>, string][] = [
      [{ sources: '00118\n00000' }, 'Không tìm thấy đơn vị “00000”'],
      [{ legalBasis: '' }, 'Hãy ghi căn cứ pháp lý'],
      [{ effective: 'hôm qua' }, 'Ngày có hiệu lực không hợp lệ'],
      [{ sources: '00118' }, 'Hãy nhập ít nhất hai đơn vị'],
      [{ into: 'new', newCode: '12', newName: '', newType: 'phường' }, 'Hãy nhập tên đơn vị mới'],
      [{ into: 'new', newCode: '00004', newName: 'Trùng', newType: 'phường' }, 'Mã đơn vị 00004 đã được sử dụng.'],
      [{ effective: '2020-01-01' }, 'Ngày hiệu lực phải từ ngày'],
      [{ into: 'new', newCode: '', newName: 'Mới', newType: 'phường' }, 'Mã đơn vị mới không hợp lệ'],
      [{ into: 'new', newCode: '77', newName: 'Mới', newType: 'phường' }, 'Mã đơn vị mới không đúng cấp'],
      [{ into: 'new', newCode: '99021', newName: 'Mới', newType: 'tỉnh' }, 'Loại đơn vị &quot;tỉnh&quot;'],
      [{ intoUnit: '00004' }, 'Đơn vị nhận phải là một trong các đơn vị hợp nhất.'],
    ];
    for (const [change, message] of cases) {
      for (const step of ['preview', 'confirm']) {
        const res = await post(url, { ...good, ...change, step }, hanoiAdmin);
        expect(res.statusCode, `${JSON.stringify(change)} ${step}`).toBe(400);
        expect(res.body).toContain(message);
        expect(res.body).toContain('Chưa thực hiện được. Hãy kiểm tra các mục được đánh dấu.');
        expect(res.body).not.toContain('Xem trước: những gì sẽ thay đổi');
      }
    }
    const kept = await post(url, { ...good, legalBasis: '', sources: '00118\nViệt Hưng', step: 'preview' }, hanoiAdmin);
    expect(kept.body).toContain('00118\nViệt Hưng</textarea>');
    // The language switch of the page shown again leads to the page, not to the POST-only action.
    expect(kept.body).toContain(`href="${PAGE}?ma=00118&amp;thao-tac=hop-nhat&amp;lang=en"`);
    expect(await footprint()).toEqual(before);
  });

  it('refuses a merge of units with different parents, and a split naming a unit that is not below', async () => {
    const before = await footprint();
    const apart = await post(
      `${PAGE}?thao-tac=hop-nhat`,
      { ...good, sources: '00118\n01273', step: 'preview' },
      central,
    );
    expect(apart.statusCode).toBe(400);
    expect(apart.body).toContain('Các đơn vị hợp nhất phải cùng cấp và cùng đơn vị cấp trên.');
    const split = await post(
      `${PAGE}?ma=00118&thao-tac=chia-tach`,
      {
        source: '00118',
        part1Code: '99011',
        part1Name: 'Bồ Đề Một',
        part1Type: 'phường',
        part2Code: '99012',
        part2Name: 'Bồ Đề Hai',
        part2Type: 'phường',
        part2Children: 'Thôn Không Có',
        effective: today,
        legalBasis: BASIS,
        step: 'confirm',
      },
      hanoiAdmin,
    );
    expect(split.statusCode).toBe(400);
    expect(split.body).toContain('“Thôn Không Có” không phải đơn vị trực thuộc của Phường Bồ Đề.');
    const ambiguous = await post(
      `${PAGE}?thao-tac=doi-loai`,
      { unit: 'Ba Đình', type: 'xã', effective: today, legalBasis: BASIS, step: 'preview' },
      central,
    );
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.body).toContain('Có nhiều đơn vị khớp với “Ba Đình”');
    expect(ambiguous.body).toContain('Xã Ba Đình, Tỉnh Thanh Hóa (16171)');
    expect(ambiguous.body).toContain('Hãy nhập mã đơn vị.');
    // A refusal of the service lands beside the row it concerns, even when an empty row is skipped.
    const taken = await post(
      `${PAGE}?ma=00118&thao-tac=chia-tach`,
      {
        source: '00118',
        partCount: '3',
        part2Code: '99013',
        part2Name: 'Bồ Đề Ba',
        part2Type: 'phường',
        part3Code: '00004',
        part3Name: 'Bồ Đề Bốn',
        part3Type: 'phường',
        effective: today,
        legalBasis: BASIS,
        step: 'preview',
      },
      hanoiAdmin,
    );
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('<p class="field__error" id="e-part3Code">Mã đơn vị 00004 đã được sử dụng.</p>');
    const en = await post(
      `${PAGE}?thao-tac=hop-nhat&lang=en`,
      { ...good, sources: '00118\n01273', step: 'preview' },
      central,
    );
    expect(en.body).toContain('The merged units must be of one level and have the same parent.');
    expect(await footprint()).toEqual(before);
  });

  it('adds a part to the split form without checking anything', async () => {
    const res = await post(`${PAGE}?ma=00118&thao-tac=chia-tach`, { partCount: '2', step: 'add-part' }, hanoiAdmin);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Đơn vị sau chia tách thứ 3');
    expect(res.body).not.toContain('field__error');
  });
});
