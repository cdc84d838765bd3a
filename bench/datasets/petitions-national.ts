import { sql } from 'kysely';
import { foldVietnamese } from '../../src/core/i18n/format.ts';
import { seedAuthorities } from '../../src/modules/petitions/index.ts';
import { addWorkingDays } from '../../src/modules/petitions/working-days.ts';
import { copyText } from '../lib/copy.ts';
import { defineDataset } from '../lib/datasets.ts';
import type { Random } from '../lib/random.ts';
import { benchCodeHash, PETITION_ROWS } from './petitions-codes.ts';

type UnitRow = {
  id: number;
  code: string;
  path: string;
  level: string;
  province: string | null;
  authority: number | null;
  authorityPath: string | null;
};

const TOPICS: Record<string, [string, string][]> = {
  dat_dai: [
    ['Lấn chiếm đất công', 'Hộ dân lấn chiếm đất công xây dựng trái phép, đề nghị kiểm tra xử lý.'],
    ['Chậm cấp giấy chứng nhận', 'Hồ sơ cấp giấy chứng nhận quyền sử dụng đất nộp đã lâu chưa được giải quyết.'],
  ],
  moi_truong: [
    ['Rác thải đổ bừa bãi', 'Rác thải sinh hoạt đổ bừa bãi ven kênh gây ô nhiễm, bốc mùi hôi thối.'],
    ['Nước thải chưa xử lý', 'Nước thải chảy thẳng ra mương gây ô nhiễm nguồn nước.'],
  ],
  ha_tang: [
    ['Đường xuống cấp', 'Đoạn đường liên thôn xuống cấp, nhiều ổ gà, mưa xuống ngập sâu.'],
    ['Đèn đường hỏng', 'Hệ thống đèn chiếu sáng hỏng nhiều tháng chưa được sửa.'],
  ],
  an_ninh: [['Tụ tập gây mất trật tự', 'Thanh niên tụ tập đua xe gây mất trật tự vào ban đêm.']],
  y_te: [['Trạm y tế thiếu thuốc', 'Trạm y tế thường xuyên thiếu thuốc bảo hiểm y tế.']],
  giao_duc: [['Khoản thu ngoài quy định', 'Nhà trường thu nhiều khoản ngoài quy định đầu năm học.']],
  chinh_sach: [['Chậm chi trả trợ cấp', 'Trợ cấp cho người cao tuổi chậm chi trả nhiều tháng.']],
  hanh_chinh: [['Thủ tục rườm rà', 'Thủ tục chứng thực phải đi lại nhiều lần, cán bộ hướng dẫn không rõ.']],
  khac: [['Kiến nghị khác', 'Đề nghị chính quyền quan tâm tổ chức sân chơi cho thiếu nhi.']],
};
const CATS = Object.keys(TOPICS);
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const GIVEN = ['Văn An', 'Thị Bình', 'Minh Châu', 'Quốc Dũng', 'Thu Hà', 'Đức Hải', 'Thị Lan', 'Văn Nam'];
const DAY = 86_400_000;

function pickStatus(r: Random, ageDays: number): string {
  const x = r.next();
  if (ageDays < 3) return x < 0.7 ? 'received' : 'accepted';
  if (ageDays < 20)
    return x < 0.1
      ? 'received'
      : x < 0.2
        ? 'accepted'
        : x < 0.45
          ? 'forwarded'
          : x < 0.6
            ? 'in_progress'
            : x < 0.9
              ? 'answered'
              : 'rejected';
  return x < 0.05 ? 'rejected' : x < 0.12 ? 'forwarded' : x < 0.35 ? 'answered' : 'closed';
}

/**
 * 1,000,000 past cases (20,000 at small scale) spread over the country: 85 % at communes, 13 % at provinces,
 * 2 % at Central, received over the last two years, in every state with deadlines, answers, ratings and ~15 %
 * published. Streamed with COPY in batches (never the whole set in memory), then ANALYZE.
 */
export default defineDataset({
  name: 'petitions-national',
  description: 'Past PAKN cases over the national tree (petitions module tables), COPY batches',
  async build(ctx) {
    await ctx.ensureDataset('hierarchy-national');
    const { db, pool } = ctx.database;
    await seedAuthorities(db);
    const { rows: units } =
      await sql<UnitRow>`SELECT DISTINCT ON (v.unit_id) v.unit_id AS id, v.code, v.path::text AS path,
        v.level, v.province_code AS province, a.id AS authority, a.unit_path::text AS "authorityPath"
      FROM unit_version v LEFT JOIN LATERAL (SELECT id, unit_path FROM petition_authority WHERE unit_id = v.unit_id
        ORDER BY id LIMIT 1) a ON true
      WHERE v.level IN ('central', 'province', 'commune') AND v.valid_to IS NULL ORDER BY v.unit_id, v.valid_from DESC`.execute(
        db,
      );
    const communes = units.filter((u) => u.level === 'commune');
    const provinces = units.filter((u) => u.level === 'province');
    const central = units.filter((u) => u.level === 'central');
    const total = PETITION_ROWS[ctx.scale.name];
    const random = ctx.random('petitions');
    const now = Date.now();
    const columns = `code_hash, unit_id, unit_code, unit_path, unit_level, province_code, category, category_confirmed, title,
      content, address, sender_name, sender_phone, sender_email, hide_name, photos_public, consent_at, status, authority_id,
      authority_path, forwarded_at, due_date, answer_text, answered_at, answered_by, rating, rating_resolved, rated_at,
      published, published_at, public_title, public_content, public_answer, public_folded, received_at, updated_at, closed_at, is_demo`;
    // Bulk-load practice: drop the secondary indexes (their definitions read back from the catalogue, so nothing is
    // restated here), COPY, then build them once — far faster than maintaining gist and trigram indexes row by row.
    const { rows: indexes } = await pool.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
       WHERE i.tablename = 'petition' AND i.schemaname = current_schema()
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    );
    for (const ix of indexes) await pool.query(`DROP INDEX ${ix.name}`);
    const t0 = process.hrtime.bigint();
    const batch = 20_000;
    let written = 0;
    const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());
    while (written < total) {
      const n = Math.min(batch, total - written);
      const lines: string[] = [];
      for (let k = 0; k < n; k++) {
        const i = written + k;
        const x = random.next();
        const u = x < 0.85 ? random.pick(communes) : x < 0.98 ? random.pick(provinces) : random.pick(central);
        const cat = random.pick(CATS);
        const [t, c] = random.pick(TOPICS[cat]!);
        const ageDays = random.int(0, 730);
        const received = now - ageDays * DAY - random.int(0, DAY - 1);
        const status = pickStatus(random, ageDays);
        const forwardedStates = ['forwarded', 'in_progress', 'answered', 'closed'];
        const forwarded = forwardedStates.includes(status) && u.authority ? received + random.int(1, 3) * DAY : null;
        const due = forwarded
          ? addWorkingDays(new Date(forwarded + 7 * 3600_000).toISOString().slice(0, 10), 10)
          : null;
        const answered =
          status === 'answered' || status === 'closed' ? (forwarded ?? received) + random.int(2, 25) * DAY : null;
        const rated = status === 'closed' && random.next() < 0.8;
        const rating = rated ? random.int(1, 5) : null;
        const published = answered != null && random.next() < 0.5;
        const title = `${t} tại ${u.code}`;
        const content = `${c} Số ${i}.`;
        const answer = answered ? 'Cơ quan có thẩm quyền đã kiểm tra, xử lý và trả lời công dân theo quy định.' : null;
        const name = `${random.pick(FAMILY)} ${random.pick(GIVEN)}`;
        const phone = `09${(1 + (i % 4)).toString()}${String(i).padStart(7, '0')}`;
        const row = [
          `\\\\x${benchCodeHash(i).toString('hex')}`,
          u.id,
          u.code,
          copyText(u.path),
          u.level,
          u.province == null ? '\\N' : u.province,
          cat,
          't',
          copyText(title),
          copyText(content),
          '\\N',
          copyText(name),
          phone,
          '\\N',
          random.next() < 0.3 ? 't' : 'f',
          'f',
          iso(received),
          status,
          forwarded ? u.authority! : '\\N',
          forwarded ? u.authorityPath! : '\\N',
          forwarded ? iso(forwarded) : '\\N',
          due ?? '\\N',
          answer ? copyText(answer) : '\\N',
          answered ? iso(answered) : '\\N',
          answered ? 'Ủy ban nhân dân' : '\\N',
          rating ?? '\\N',
          rated ? (rating! >= 3 ? 't' : 'f') : '\\N',
          rated ? iso(answered! + DAY) : '\\N',
          published ? 't' : 'f',
          published ? iso(answered! + DAY) : '\\N',
          published ? copyText(title) : '\\N',
          published ? copyText(content) : '\\N',
          published ? copyText(answer!) : '\\N',
          published ? copyText(foldVietnamese(`${title} ${content} ${answer}`)) : '\\N',
          iso(received),
          iso(answered ?? received),
          status === 'closed' || status === 'rejected' ? iso((answered ?? received) + DAY) : '\\N',
          't',
        ];
        lines.push(row.join('\t'));
      }
      await ctx.database.copyFrom(`COPY petition (${columns}) FROM STDIN`, [Buffer.from(`${lines.join('\n')}\n`)]);
      written += n;
      if (written % 200_000 === 0) ctx.log(`  petitions: ${written.toLocaleString('en')} rows`);
    }
    for (const ix of indexes) await pool.query(ix.def);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    // VACUUM sets the visibility map as autovacuum would on a live database, so counts can be index-only.
    await pool.query('VACUUM (ANALYZE) petition');
    await pool.query('ANALYZE petition_authority');
    ctx.log(
      `generate petitions: ${written.toLocaleString('en')} rows in ${seconds.toFixed(1)} s (${Math.round(written / seconds).toLocaleString('en')} rows/s)`,
    );
    return { rows: written, steps: { generate: { rows: written, seconds } } };
  },
});
