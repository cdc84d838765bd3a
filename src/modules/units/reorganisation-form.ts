import type { z } from 'zod';
import { isWithinPath } from '../../core/auth/policy.ts';
import type { Principal } from '../../core/auth/principal.ts';
import { AppError } from '../../core/http/errors.ts';
import { foldVietnamese } from '../../core/i18n/format.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { registerMessages, translate } from '../../core/i18n/messages.ts';
import type { Reorganisation } from './reorganisation.ts';
import { resolveUnitInput } from './unit-input.ts';
import { todayInVietnam } from './unit-naming.ts';
import type { UnitsDb } from './units.db.ts';
import { findUnitsByCodes, listChildren } from './units.repo.ts';
import { changeTypeBody, mergeBody, moveBody, splitBody } from './units.schema.ts';
import type { Unit } from './units.types.ts';

export type ReorgKind = Reorganisation['kind'];
/** What the form sent, field by field, kept as typed so the page can show it again. */
export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;

export const MAX_PARTS = 20;

registerMessages({
  REORG_FORM_UNIT_REQUIRED: { vi: 'Hãy nhập mã hoặc tên đơn vị.', en: 'Enter the unit’s code or name.' },
  REORG_FORM_UNIT_UNKNOWN: {
    vi: 'Không tìm thấy đơn vị “{text}”. Hãy kiểm tra mã hoặc tên.',
    en: 'No unit “{text}” was found. Check the code or name.',
  },
  REORG_FORM_UNIT_AMBIGUOUS: {
    vi: 'Có nhiều đơn vị khớp với “{text}”: {choices}. Hãy nhập mã đơn vị.',
    en: 'Several units match “{text}”: {choices}. Enter the unit’s code.',
  },
  REORG_FORM_SOURCES_TOO_FEW: {
    vi: 'Hãy nhập ít nhất hai đơn vị, mỗi dòng một đơn vị.',
    en: 'Enter at least two units, one per line.',
  },
  REORG_FORM_DATE: {
    vi: 'Ngày có hiệu lực không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm.',
    en: 'The effective date is not valid. Enter it as day/month/year.',
  },
  REORG_FORM_LEGAL_BASIS: {
    vi: 'Hãy ghi căn cứ pháp lý, ví dụ “Nghị quyết 237/NQ-UBTVQH16”.',
    en: 'Enter the legal basis, e.g. “Nghị quyết 237/NQ-UBTVQH16”.',
  },
  REORG_FORM_NEW_CODE: {
    vi: 'Mã đơn vị mới không hợp lệ: 2 chữ số cho tỉnh, 5 chữ số cho xã.',
    en: 'The new unit code is not valid: 2 digits for a province, 5 for a commune.',
  },
  REORG_FORM_NEW_NAME: {
    vi: 'Hãy nhập tên đơn vị mới (không ghi loại).',
    en: 'Enter the new unit’s name (without its type).',
  },
  REORG_FORM_TYPE: { vi: 'Hãy chọn loại đơn vị.', en: 'Choose the unit type.' },
  REORG_FORM_PARTS_TOO_FEW: {
    vi: 'Hãy nhập ít nhất hai đơn vị sau chia tách.',
    en: 'Enter at least two units after the split.',
  },
  REORG_FORM_CHILD_UNKNOWN: {
    vi: '“{text}” không phải đơn vị trực thuộc của {unit}.',
    en: '“{text}” is not a unit directly below {unit}.',
  },
  REORG_REASON_SAME_TYPE: { vi: 'Đơn vị đã thuộc loại này.', en: 'The unit already has this type.' },
  REORG_REASON_PARENT_UNSUITABLE: {
    vi: 'Đơn vị cấp trên mới phải ở cấp ngay trên đơn vị và khác đơn vị cấp trên hiện tại.',
    en: 'The new parent must be one level above the unit and differ from its current parent.',
  },
  REORG_REASON_DUPLICATE_SOURCES: {
    vi: 'Một đơn vị được nhập hai lần.',
    en: 'A unit is listed twice.',
  },
  REORG_REASON_SOURCES_APART: {
    vi: 'Các đơn vị hợp nhất phải cùng cấp và cùng đơn vị cấp trên.',
    en: 'The merged units must be of one level and have the same parent.',
  },
  REORG_REASON_TARGET_NOT_SOURCE: {
    vi: 'Đơn vị nhận phải là một trong các đơn vị hợp nhất.',
    en: 'The receiving unit must be one of the merged units.',
  },
  REORG_REASON_CODE_LEVEL: {
    vi: 'Mã đơn vị mới không đúng cấp: 2 chữ số cho tỉnh, 5 chữ số cho xã.',
    en: 'The new code does not fit the level: 2 digits for a province, 5 for a commune.',
  },
  REORG_REASON_CHILDREN_MISMATCH: {
    vi: 'Mỗi đơn vị trực thuộc chỉ được chia về một đơn vị.',
    en: 'Each unit below may go to one part only.',
  },
});

/** A date typed as 25/12/2026 (no date picker) or sent as 2026-12-25 by one. */
export function isoFromTyped(typed: string): string {
  const t = typed.trim();
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  return vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : t;
}

/** Lines or commas of a list field, trimmed, without empty ones. */
export function listOf(typed: string | undefined): string[] {
  return (typed ?? '')
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function partCount(values: FormValues): number {
  const n = Number.parseInt(values.partCount ?? '', 10);
  return Math.min(MAX_PARTS, Math.max(2, Number.isFinite(n) ? n : 2));
}

class FormInvalid extends Error {
  readonly errors: FieldErrors;
  constructor(errors: FieldErrors) {
    super('form invalid');
    this.errors = errors;
  }
}

/**
 * Turns what was typed into one unit: a code or a name. Among several units of that name, the only one inside
 * the account's scope is meant; otherwise the person is asked for the code.
 */
async function resolveOne(
  db: UnitsDb,
  p: Principal,
  typed: string,
  lang: Lang,
): Promise<{ unit: Unit } | { error: string }> {
  if (!typed.trim()) return { error: translate('REORG_FORM_UNIT_REQUIRED', lang) };
  const found = await resolveUnitInput(db, typed);
  if (found.kind === 'one') return { unit: found.unit };
  if (found.kind === 'none') return { error: translate('REORG_FORM_UNIT_UNKNOWN', lang, { text: typed.trim() }) };
  const units = await findUnitsByCodes(
    db,
    found.choices.map((c) => c.code),
    todayInVietnam(),
  );
  const inScope = units.filter((u) => isWithinPath(u.path, p.unitPath));
  if (inScope.length === 1) return { unit: inScope[0]! };
  const choices = found.choices.map((c) => `${c.fullName}${c.parentName ? `, ${c.parentName}` : ''} (${c.code})`);
  return { error: translate('REORG_FORM_UNIT_AMBIGUOUS', lang, { text: typed.trim(), choices: choices.join('; ') }) };
}

/** Field names of the form for the paths of the service's request schema. */
function fieldOfIssue(kind: ReorgKind, path: PropertyKey[]): string {
  const [head, second, third] = path.map(String);
  if (head === 'effective' || head === 'legalBasis') return head;
  if (kind === 'merge' && head === 'into')
    return third === 'name' ? 'newName' : third === 'type' ? 'newType' : 'newCode';
  if (kind === 'split' && head === 'parts' && second !== undefined) {
    const key = third === 'name' ? 'Name' : third === 'type' ? 'Type' : third === 'children' ? 'Children' : 'Code';
    return `part${Number(second) + 1}${key}`;
  }
  return head ?? 'form';
}

function messageForField(field: string, lang: Lang): string {
  if (field === 'effective') return translate('REORG_FORM_DATE', lang);
  if (field === 'legalBasis') return translate('REORG_FORM_LEGAL_BASIS', lang);
  if (field === 'sources') return translate('REORG_FORM_SOURCES_TOO_FEW', lang);
  if (field === 'parts') return translate('REORG_FORM_PARTS_TOO_FEW', lang);
  if (/Code$/.test(field)) return translate('REORG_FORM_NEW_CODE', lang);
  if (/Name$/.test(field)) return translate('REORG_FORM_NEW_NAME', lang);
  if (/[tT]ype$/.test(field)) return translate('REORG_FORM_TYPE', lang);
  return translate('VALIDATION_FAILED', lang);
}

function parseWith<S extends z.ZodType>(schema: S, kind: ReorgKind, input: unknown, lang: Lang): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = fieldOfIssue(kind, issue.path);
    errors[field] ??= messageForField(field, lang);
  }
  throw new FormInvalid(errors);
}

async function unitField(
  db: UnitsDb,
  p: Principal,
  values: FormValues,
  field: string,
  lang: Lang,
  errors: FieldErrors,
): Promise<Unit | null> {
  const r = await resolveOne(db, p, values[field] ?? '', lang);
  if ('error' in r) {
    errors[field] = r.error;
    return null;
  }
  return r.unit;
}

/** The split's parts as typed: rows left wholly empty are ignored. */
function typedParts(values: FormValues) {
  const parts = [];
  for (let i = 1; i <= partCount(values); i++) {
    const part = {
      index: i,
      code: (values[`part${i}Code`] ?? '').trim(),
      name: values[`part${i}Name`] ?? '',
      type: values[`part${i}Type`] ?? '',
      children: listOf(values[`part${i}Children`]),
    };
    if (part.code || part.name.trim() || part.children.length) parts.push(part);
  }
  return parts;
}

/** The form row of the request's i-th part (rows left empty are not sent to the service). */
function shownRow(values: FormValues, i: number): number {
  return typedParts(values)[i]?.index ?? i + 1;
}

/** The open children of a unit, to find the ones a split part names by code or name. */
async function childrenMatcher(db: UnitsDb, source: Unit) {
  const { items } = await listChildren(db, source.id, todayInVietnam(), { limit: 10_000, offset: 0 });
  return (typed: string): string | null => {
    const folded = foldVietnamese(typed);
    const hit = items.find(
      (c) => c.code === typed || foldVietnamese(c.fullName) === folded || foldVietnamese(c.name) === folded,
    );
    return hit?.code ?? null;
  };
}

/**
 * The reorganisation a form asks for, in the terms of the service and validated by the service's own request
 * schema; units typed by code or name are resolved first. Throws FormInvalid with the field errors.
 */
async function requestOf(
  db: UnitsDb,
  p: Principal,
  kind: ReorgKind,
  values: FormValues,
  lang: Lang,
): Promise<Reorganisation> {
  const errors: FieldErrors = {};
  const basis = { effective: isoFromTyped(values.effective ?? ''), legalBasis: values.legalBasis ?? '' };
  const fail = (): never => {
    // Date and legal basis are checked with the units, so every mistake of the form shows at once.
    throw new FormInvalid({ ...reorgBaseErrors(basis, kind, lang), ...errors });
  };
  if (kind === 'change_type' || kind === 'move') {
    const unit = await unitField(db, p, values, 'unit', lang, errors);
    const parent = kind === 'move' ? await unitField(db, p, values, 'newParent', lang, errors) : null;
    if (!unit || (kind === 'move' && !parent)) fail();
    if (kind === 'change_type') {
      return { kind, body: parseWith(changeTypeBody, kind, { ...basis, unit: unit!.code, type: values.type }, lang) };
    }
    return { kind, body: parseWith(moveBody, kind, { ...basis, unit: unit!.code, newParent: parent!.code }, lang) };
  }
  if (kind === 'merge') {
    const typed = listOf(values.sources);
    const sources: string[] = [];
    for (const line of typed) {
      const r = await resolveOne(db, p, line, lang);
      if ('error' in r) errors.sources ??= r.error;
      else sources.push(r.unit.code);
    }
    if (!errors.sources && typed.length < 2) errors.sources = translate('REORG_FORM_SOURCES_TOO_FEW', lang);
    let into: { code: string } | { newUnit: { code: string; name: string; type: string } };
    if (values.into === 'new') {
      into = {
        newUnit: { code: (values.newCode ?? '').trim(), name: values.newName ?? '', type: values.newType ?? '' },
      };
    } else if (!values.intoUnit?.trim()) {
      into = { code: sources[0] ?? '' };
    } else {
      const target = await unitField(db, p, values, 'intoUnit', lang, errors);
      into = { code: target?.code ?? '' };
    }
    if (Object.keys(errors).length) fail();
    return { kind, body: parseWith(mergeBody, kind, { ...basis, sources, into }, lang) };
  }
  const source = await unitField(db, p, values, 'source', lang, errors);
  const parts = typedParts(values);
  if (parts.length < 2) errors.parts = translate('REORG_FORM_PARTS_TOO_FEW', lang);
  if (!source) fail();
  const childCode = await childrenMatcher(db, source!);
  const body = {
    ...basis,
    source: source!.code,
    parts: parts.map((part) => ({
      code: part.code,
      name: part.name,
      type: part.type,
      children: part.children.map((typedChild) => {
        const code = childCode(typedChild);
        if (!code) {
          errors[`part${part.index}Children`] ??= translate('REORG_FORM_CHILD_UNKNOWN', lang, {
            text: typedChild,
            unit: source!.fullName,
          });
        }
        return code ?? '';
      }),
    })),
  };
  if (Object.keys(errors).length) fail();
  // Rows the person left empty are skipped, so issue paths are renumbered to the rows as shown.
  try {
    return { kind, body: parseWith(splitBody, kind, body, lang) };
  } catch (err) {
    if (!(err instanceof FormInvalid)) throw err;
    const renumbered: FieldErrors = {};
    for (const [field, message] of Object.entries(err.errors)) {
      const m = /^part(\d+)(\w+)$/.exec(field);
      renumbered[m ? `part${parts[Number(m[1]) - 1]?.index ?? m[1]}${m[2]}` : field] = message;
    }
    throw new FormInvalid(renumbered);
  }
}

function reorgBaseErrors(basis: { effective: string; legalBasis: string }, kind: ReorgKind, lang: Lang): FieldErrors {
  const errors: FieldErrors = {};
  const probe = changeTypeBody.pick({ effective: true, legalBasis: true }).safeParse(basis);
  if (!probe.success) {
    for (const issue of probe.error.issues) {
      const field = fieldOfIssue(kind, issue.path);
      errors[field] ??= messageForField(field, lang);
    }
  }
  return errors;
}

/** The form field a refusal of the service belongs to. */
function fieldOfRefusal(err: AppError, kind: ReorgKind, request: Reorganisation | null, values: FormValues): string {
  if (err.code === 'UNIT_EFFECTIVE_BEFORE_CURRENT') return 'effective';
  if (err.code === 'REORG_INVALID') {
    const { field = 'form', value } = (err.details ?? {}) as { field?: string; value?: string };
    if (field === 'into') return 'intoUnit';
    if (field === 'code' && kind === 'merge') return 'newCode';
    if (field === 'code' && request?.kind === 'split') {
      return `part${shownRow(
        values,
        request.body.parts.findIndex((part) => part.code === value),
      )}Code`;
    }
    return field;
  }
  if (err.code === 'UNIT_TYPE_INVALID' || err.code === 'UNIT_CODE_TAKEN') {
    const key = err.code === 'UNIT_TYPE_INVALID' ? 'Type' : 'Code';
    if (kind === 'change_type') return 'type';
    if (kind === 'merge') return `new${key}`;
    if (request?.kind === 'split') {
      const value = err.code === 'UNIT_TYPE_INVALID' ? err.params.type : err.params.code;
      const i = request.body.parts.findIndex((part) => (key === 'Type' ? part.type : part.code) === value);
      if (i >= 0) return `part${shownRow(values, i)}${key}`;
    }
  }
  return 'form';
}

function messageOfRefusal(err: AppError, lang: Lang): string {
  const reason = (err.details as { reason?: string } | undefined)?.reason;
  if (err.code === 'REORG_INVALID' && reason) return translate(`REORG_REASON_${reason.toUpperCase()}`, lang);
  return translate(err.code, lang, err.params);
}

export type FormOutcome<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/**
 * Reads the form into a reorganisation and hands it to `run` (the preview or the apply). A mistake of the
 * form or a refusal of the service comes back as field errors; what the policy hides (404) is thrown on.
 */
export async function withReorganisationForm<T>(
  db: UnitsDb,
  p: Principal,
  kind: ReorgKind,
  values: FormValues,
  lang: Lang,
  run: (r: Reorganisation) => Promise<T>,
): Promise<FormOutcome<T>> {
  let request: Reorganisation | null = null;
  try {
    request = await requestOf(db, p, kind, values, lang);
    return { ok: true, value: await run(request) };
  } catch (err) {
    if (err instanceof FormInvalid) return { ok: false, errors: err.errors };
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    if (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN' || err.code === 'UNAUTHENTICATED') throw err;
    return { ok: false, errors: { [fieldOfRefusal(err, kind, request, values)]: messageOfRefusal(err, lang) } };
  }
}
