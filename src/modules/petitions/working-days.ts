/**
 * Deadlines in working days: Monday to Friday, without Vietnam's public holidays (Labour Code 2019 art. 112:
 * New Year, Tết, Hùng Kings, 30/4, 1/5, 2/9 and the day before or after). Tết and the Hùng Kings follow the lunar
 * calendar, so the holiday days of each year are listed as the government announces them.
 */
const HOLIDAYS = new Set([
  // 2025
  '2025-01-01',
  '2025-01-27',
  '2025-01-28',
  '2025-01-29',
  '2025-01-30',
  '2025-01-31',
  '2025-04-07',
  '2025-04-30',
  '2025-05-01',
  '2025-05-02',
  '2025-09-01',
  '2025-09-02',
  // 2026
  '2026-01-01',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-04-27',
  '2026-04-30',
  '2026-05-01',
  '2026-09-01',
  '2026-09-02',
  // 2027
  '2027-01-01',
  '2027-02-05',
  '2027-02-08',
  '2027-02-09',
  '2027-02-10',
  '2027-02-11',
  '2027-04-16',
  '2027-04-30',
  '2027-05-03',
  '2027-09-02',
  '2027-09-03',
]);

export function isWorkingDay(iso: string): boolean {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6 && !HOLIDAYS.has(iso);
}

/** The date `days` working days after `fromIso` (the day itself does not count). */
export function addWorkingDays(fromIso: string, days: number): string {
  const d = new Date(`${fromIso}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWorkingDay(d.toISOString().slice(0, 10))) left--;
  }
  return d.toISOString().slice(0, 10);
}
