import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { recordAudit } from '../../core/audit.ts';
import type { Principal } from '../../core/auth/principal.ts';
import type { Db } from '../../core/db/database.ts';
import { formatDate } from '../../core/i18n/format.ts';
import { handlerScope } from './inbox.repo.ts';
import { DEADLINE_STATUSES, type Status } from './state-machine.ts';
import { statusLabel } from './status-labels.ts';

export const EXPORT_MAX_ROWS = 50_000;

/**
 * A handler's cases (their scope, the inbox's filters) as an Excel sheet: no contact details (they are read one
 * case at a time, audited); the export itself is audited with its filters and row count.
 */
export async function exportCasesXlsx(
  db: Db,
  p: Principal,
  f: {
    status?: Status | undefined;
    category?: string | undefined;
    unit?: string | undefined;
    overdue?: boolean | undefined;
  },
): Promise<Buffer> {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const { rows } = await sql<{
    id: number;
    received_at: Date;
    unit_code: string;
    category: string;
    title: string;
    status: Status;
    assigned_name: string | null;
    authority: string | null;
    due_date: string | null;
    answered_at: Date | null;
    rating: number | null;
  }>`SELECT p.id, p.received_at, p.unit_code, c.name_vi AS category, p.title, p.status, p.assigned_name, a.name AS authority,
      p.due_date, p.answered_at, p.rating
    FROM petition p JOIN petition_category c ON c.code = p.category LEFT JOIN petition_authority a ON a.id = p.authority_id
    WHERE ${handlerScope(p)}
      ${f.status ? sql`AND p.status = ${f.status}` : sql``}
      ${f.category ? sql`AND p.category = ${f.category}` : sql``}
      ${f.unit ? sql`AND p.unit_code = ${f.unit}` : sql``}
      ${f.overdue ? sql`AND p.due_date < ${today}::date AND p.status IN (${sql.join([...DEADLINE_STATUSES])})` : sql``}
    ORDER BY p.received_at DESC LIMIT ${EXPORT_MAX_ROWS}`.execute(db);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Phản ánh, kiến nghị');
  ws.columns = [
    { header: 'Số', key: 'id', width: 10 },
    { header: 'Ngày tiếp nhận', key: 'received', width: 14 },
    { header: 'Mã đơn vị', key: 'unit', width: 10 },
    { header: 'Lĩnh vực', key: 'category', width: 26 },
    { header: 'Tiêu đề', key: 'title', width: 60 },
    { header: 'Trạng thái', key: 'status', width: 22 },
    { header: 'Người xử lý', key: 'assigned', width: 20 },
    { header: 'Cơ quan có thẩm quyền', key: 'authority', width: 36 },
    { header: 'Hạn xử lý', key: 'due', width: 12 },
    { header: 'Ngày trả lời', key: 'answered', width: 12 },
    { header: 'Mức độ hài lòng', key: 'rating', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows)
    ws.addRow({
      id: r.id,
      received: formatDate(r.received_at),
      unit: r.unit_code,
      category: r.category,
      title: r.title,
      status: statusLabel(r.status, 'vi'),
      assigned: r.assigned_name ?? '',
      authority: r.authority ?? '',
      due: r.due_date ? formatDate(r.due_date) : '',
      answered: r.answered_at ? formatDate(r.answered_at) : '',
      rating: r.rating ?? '',
    });
  await recordAudit(db, {
    actor: p,
    action: 'petitions.case.export',
    target: { type: 'petition', unitPath: p.unitPath },
    details: { ...f, rows: rows.length },
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
