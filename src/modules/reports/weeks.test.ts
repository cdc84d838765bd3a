import { describe, expect, it } from 'vitest';
import {
  addWeeks,
  deadlineOf,
  formatInstantVn,
  formatWeek,
  parseWeek,
  weekAt,
  weekLabel,
  weekOfDate,
  weekStart,
} from './weeks.ts';

describe('ISO weeks', () => {
  it('numbers weeks Monday to Sunday, across year ends', () => {
    expect(weekOfDate('2026-11-16')).toBe(202647);
    expect(weekOfDate('2026-11-22')).toBe(202647);
    expect(weekOfDate('2026-11-23')).toBe(202648);
    expect(weekOfDate('2021-01-03')).toBe(202053); // 2020 has 53 weeks
    expect(weekOfDate('2024-12-30')).toBe(202501);
    expect(weekStart(202501)).toBe('2024-12-30');
    expect(addWeeks(202052, 2)).toBe(202101);
  });
  it('parses and formats 2026-W47, refusing impossible weeks', () => {
    expect(parseWeek('2026-W47')).toBe(202647);
    expect(parseWeek('2026-W54')).toBeNull();
    expect(parseWeek('2025-W53')).toBeNull(); // 2026 starts on a Thursday and has 53
    expect(parseWeek('2026-W53')).toBe(202653);
    expect(parseWeek('2020-W53')).toBe(202053);
    expect(formatWeek(202601)).toBe('2026-W01');
    expect(weekLabel(202647)).toBe('Tuần 47 (16/11–22/11/2026)');
  });
  it('puts the default deadline at 12:00 on the following Monday in Vietnam', () => {
    const d = deadlineOf(202647, 720);
    expect(d.toISOString()).toBe('2026-11-23T05:00:00.000Z');
    expect(formatInstantVn(d)).toBe('12:00 thứ Hai, 23/11/2026');
  });
  it('reads the week of an instant in Vietnam time, not UTC', () => {
    // Sunday 22/11 23:30 UTC is already Monday 06:30 in Vietnam.
    expect(weekAt(new Date('2026-11-22T23:30:00Z'))).toBe(202648);
    expect(weekAt(new Date('2026-11-22T16:59:00Z'))).toBe(202647);
  });
});
