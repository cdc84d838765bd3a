import { formatNumber } from '../../core/i18n/format.ts';
import type { Lang } from '../../core/i18n/language.ts';
import type { ProvinceStats } from './public.repo.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A horizontal bar chart, one row per province: cases received (light) and answered (dark), with the on-time
 * rate written at the end. Plain SVG with presentation attributes only (no style, no script), readable without
 * JavaScript and scalable to a 360 px screen through its viewBox.
 */
export function statsChartSvg(rows: ProvinceStats[], lang: Lang): string {
  const width = 640;
  const labelW = 190;
  const barW = 330;
  const rowH = 22;
  const top = 30;
  const height = top + rows.length * rowH + 10;
  const max = Math.max(1, ...rows.map((r) => r.received));
  const t =
    lang === 'vi'
      ? {
          title: 'Phản ánh, kiến nghị theo tỉnh, thành phố',
          received: 'Đã tiếp nhận',
          answered: 'Đã trả lời',
          onTime: 'đúng hạn',
        }
      : { title: 'Cases by province', received: 'Received', answered: 'Answered', onTime: 'on time' };
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="stats-chart-title" class="petition-chart">`,
    `<title id="stats-chart-title">${esc(t.title)}</title>`,
    `<rect x="${labelW}" y="6" width="12" height="12" fill="#f2c6c7"/><text x="${labelW + 16}" y="16" font-size="12">${esc(t.received)}</text>`,
    `<rect x="${labelW + 120}" y="6" width="12" height="12" fill="#a3161b"/><text x="${labelW + 136}" y="16" font-size="12">${esc(t.answered)}</text>`,
  ];
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const wr = (r.received / max) * barW;
    const wa = (r.answered / max) * barW;
    const rate = r.withDeadline ? `${formatNumber((r.onTime / r.withDeadline) * 100, lang, 0)}% ${t.onTime}` : '';
    parts.push(
      `<g><title>${esc(`${r.provinceName}: ${formatNumber(r.received, lang)} / ${formatNumber(r.answered, lang)}`)}</title>`,
      `<text x="${labelW - 6}" y="${y + 15}" font-size="12" text-anchor="end">${esc(r.provinceName)}</text>`,
      `<rect x="${labelW}" y="${y + 3}" width="${wr.toFixed(1)}" height="16" fill="#f2c6c7"/>`,
      `<rect x="${labelW}" y="${y + 3}" width="${wa.toFixed(1)}" height="16" fill="#a3161b"/>`,
      `<text x="${labelW + Math.max(wr, 2) + 4}" y="${y + 15}" font-size="11">${esc(`${formatNumber(r.received, lang)}${rate ? ` · ${rate}` : ''}`)}</text></g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
