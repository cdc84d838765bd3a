import type { FieldError } from '../../core/http/errors.ts';
import { formatNumber } from '../../core/i18n/format.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { translate } from '../../core/i18n/messages.ts';
import type { FormField, ReportForm } from './forms.ts';

export type ReportInput = {
  values: Record<string, number | string | null | undefined>;
  narratives: Record<string, string | null | undefined>;
};

export type CleanReport = { values: Map<string, number>; narratives: Record<string, string> };

const label = (f: FormField, lang: Lang) => (lang === 'vi' ? f.labelVi : f.labelEn);

/** Reads a number the way cadres type it: "1.234" (Vietnamese thousands), "1 234", or 1234. */
export function readNumber(raw: number | string): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  const t = raw.trim().replace(/[\s.]/g, '');
  if (!/^-?\d+$/.test(t)) return null;
  return Number(t);
}

/**
 * Checks a report against its form. `complete` (on submit) also enforces required fields. Every problem names
 * its field and says why, in the caller's language; nothing is saved unless there are none.
 */
export function validateReport(
  form: ReportForm,
  input: ReportInput,
  complete: boolean,
  lang: Lang,
): {
  clean: CleanReport;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const values = new Map<string, number>();
  const narratives: Record<string, string> = {};
  const known = new Set(form.fields.map((f) => f.key));
  for (const key of [...Object.keys(input.values ?? {}), ...Object.keys(input.narratives ?? {})]) {
    if (!known.has(key))
      errors.push({
        field: key,
        code: 'REPORT_FIELD_UNKNOWN',
        message: translate('REPORT_FIELD_UNKNOWN', lang, { key }),
      });
  }
  const fail = (f: FormField, code: string, params: Record<string, string | number> = {}) =>
    errors.push({ field: f.key, code, message: translate(code, lang, { label: label(f, lang), ...params }) });
  for (const f of form.fields) {
    if (f.kind === 'number') {
      const raw = input.values?.[f.key];
      if (raw === null || raw === undefined || raw === '') {
        if (complete && f.required) fail(f, 'REPORT_FIELD_REQUIRED');
        continue;
      }
      const n = readNumber(raw);
      if (n === null || !Number.isInteger(n)) {
        fail(f, 'REPORT_FIELD_NOT_INTEGER', { value: String(raw).slice(0, 40) });
        continue;
      }
      if (f.minValue !== null && n < f.minValue)
        fail(f, 'REPORT_FIELD_TOO_SMALL', { min: formatNumber(f.minValue, lang) });
      else if (f.maxValue !== null && n > f.maxValue)
        fail(f, 'REPORT_FIELD_TOO_LARGE', { max: formatNumber(f.maxValue, lang) });
      else values.set(f.key, n);
    } else {
      const raw = input.narratives?.[f.key];
      const t = (raw ?? '').normalize('NFC').replace(/\r\n/g, '\n').trim();
      if (!t) {
        if (complete && f.required) fail(f, 'REPORT_FIELD_REQUIRED');
        continue;
      }
      if (f.maxLength !== null && t.length > f.maxLength)
        fail(f, 'REPORT_FIELD_TOO_LONG', {
          max: formatNumber(f.maxLength, lang),
          length: formatNumber(t.length, lang),
        });
      else narratives[f.key] = t;
    }
  }
  for (const f of form.fields) {
    if (!f.notAbove) continue;
    const v = values.get(f.key);
    const limit = values.get(f.notAbove);
    const other = form.fields.find((g) => g.key === f.notAbove)!;
    if (v !== undefined && limit !== undefined && v > limit)
      fail(f, 'REPORT_FIELD_ABOVE_OTHER', { other: label(other, lang), value: formatNumber(limit, lang) });
  }
  return { clean: { values, narratives }, errors };
}
