import { describe, expect, it } from 'vitest';
import { todayInVietnam } from './unit-naming.ts';

describe('todayInVietnam', () => {
  it('turns the date at midnight in Hà Nội (UTC+7), not at midnight UTC', () => {
    expect(todayInVietnam(Date.parse('2026-11-25T16:59:59Z'))).toBe('2026-11-25');
    expect(todayInVietnam(Date.parse('2026-11-25T17:00:00Z'))).toBe('2026-11-26');
    expect(todayInVietnam(Date.parse('2025-12-31T18:30:00Z'))).toBe('2026-01-01');
  });

  it('agrees with the time-zone database', () => {
    const now = Date.now();
    expect(todayInVietnam(now)).toBe(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(now)),
    );
  });
});
