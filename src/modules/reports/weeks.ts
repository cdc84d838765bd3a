/**
 * ISO weeks (Monday–Sunday) as the integer YYYYWW, and the instants that matter for a week's report, in Vietnam
 * time (UTC+7 all year, no daylight saving).
 */
const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

export type WeekId = number;

/** 2026-W47 ⇄ 202647. */
export function parseWeek(text: string): WeekId | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > weeksInYear(year)) return null;
  return year * 100 + week;
}

export function formatWeek(id: WeekId): string {
  return `${Math.floor(id / 100)}-W${String(id % 100).padStart(2, '0')}`;
}

/** The Monday (YYYY-MM-DD) that starts ISO week 1 of a year. */
function week1Monday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - dow * DAY_MS;
}

export function weeksInYear(year: number): number {
  return Math.round((week1Monday(year + 1) - week1Monday(year)) / (7 * DAY_MS));
}

/** The ISO week containing a calendar date (YYYY-MM-DD). */
export function weekOfDate(date: string): WeekId {
  const t = Date.parse(`${date}T00:00:00Z`);
  let year = Number(date.slice(0, 4)) + 1;
  while (week1Monday(year) > t) year--;
  return year * 100 + Math.floor((t - week1Monday(year)) / (7 * DAY_MS)) + 1;
}

/** The ISO week an instant falls in, in Vietnam. */
export function weekAt(instant: Date): WeekId {
  return weekOfDate(new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10));
}

/** Monday of the week, YYYY-MM-DD. */
export function weekStart(id: WeekId): string {
  const year = Math.floor(id / 100);
  return new Date(week1Monday(year) + ((id % 100) - 1) * 7 * DAY_MS).toISOString().slice(0, 10);
}

/** Sunday of the week, YYYY-MM-DD. */
export function weekEnd(id: WeekId): string {
  return addDays(weekStart(id), 6);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function addWeeks(id: WeekId, n: number): WeekId {
  return weekOfDate(addDays(weekStart(id), 7 * n));
}

/** Weeks from `from` to `to` inclusive, oldest first. */
export function weekRange(from: WeekId, to: WeekId): WeekId[] {
  const out: WeekId[] = [];
  for (let w = from; w <= to && out.length < 520; w = addWeeks(w, 1)) out.push(w);
  return out;
}

/** The end of the week: the following Monday 00:00 in Vietnam. */
function weekEndInstant(id: WeekId): number {
  return Date.parse(`${addDays(weekStart(id), 7)}T00:00:00Z`) - VN_OFFSET_MS;
}

/** The deadline: `minutes` after the end of the week (720 = Monday 12:00 of the following week). */
export function deadlineOf(id: WeekId, minutes: number): Date {
  return new Date(weekEndInstant(id) + minutes * 60_000);
}

/** "Tuần 47 (16/11–22/11/2026)" / "Week 47 (16/11–22/11/2026)". */
export function weekLabel(id: WeekId, lang: 'vi' | 'en' = 'vi'): string {
  const s = weekStart(id);
  const e = weekEnd(id);
  const d = (x: string) => `${x.slice(8, 10)}/${x.slice(5, 7)}`;
  return `${lang === 'vi' ? 'Tuần' : 'Week'} ${id % 100} (${d(s)}–${d(e)}/${e.slice(0, 4)})`;
}

/** 12:00 thứ Hai, 23/11/2026 — a deadline as the Front writes it. */
export function formatInstantVn(instant: Date, lang: 'vi' | 'en' = 'vi'): string {
  const local = new Date(instant.getTime() + VN_OFFSET_MS).toISOString();
  const days =
    lang === 'vi'
      ? ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy']
      : ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const dow = new Date(instant.getTime() + VN_OFFSET_MS).getUTCDay();
  return `${local.slice(11, 16)} ${days[dow]}, ${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
}
