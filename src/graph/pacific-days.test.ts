import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayOfEndTime,
  daysBetween,
  endTimeOfDay,
  isIsoDay,
  pacificDayEnd,
  pacificDayOf,
  pacificDayStart,
  pacificInstant,
  parseGraphTimestamp,
  toGraphTimestamp,
  unixSeconds,
  weekdayOf,
} from './pacific-days';

const HOUR = 3_600_000;

/** Any calendar day from 2010 to 2035. */
const anyDay = fc
  .integer({ min: 0, max: daysBetween('2010-01-01', '2035-12-31') })
  .map((n) => addDays('2010-01-01', n));

describe('end_time of a Pacific day', () => {
  it('is the seed example: the value ending 2018-01-12T08:00:00+0000 is the day 2018-01-11', () => {
    expect(endTimeOfDay('2018-01-11')).toBe('2018-01-12T08:00:00+0000');
    expect(endTimeOfDay('2018-01-10')).toBe('2018-01-11T08:00:00+0000');
    expect(dayOfEndTime('2018-01-12T08:00:00+0000')).toBe('2018-01-11');
    expect(dayOfEndTime('2018-01-11T08:00:00+0000')).toBe('2018-01-10');
  });

  it('is T07:00:00+0000 in summer and T08:00:00+0000 in winter', () => {
    expect(endTimeOfDay('2026-07-14')).toBe('2026-07-15T07:00:00+0000');
    expect(endTimeOfDay('2026-12-24')).toBe('2026-12-25T08:00:00+0000');
    expect(dayOfEndTime('2026-07-15T07:00:00+0000')).toBe('2026-07-14');
    expect(dayOfEndTime('2026-12-25T08:00:00+0000')).toBe('2026-12-24');
  });

  it('follows the March and November DST changes (23 h and 25 h days)', () => {
    // 2026: DST starts Sunday 8 March, ends Sunday 1 November.
    expect(endTimeOfDay('2026-03-07')).toBe('2026-03-08T08:00:00+0000');
    expect(endTimeOfDay('2026-03-08')).toBe('2026-03-09T07:00:00+0000');
    expect(pacificDayEnd('2026-03-08').getTime() - pacificDayStart('2026-03-08').getTime()).toBe(
      23 * HOUR,
    );
    expect(endTimeOfDay('2026-10-31')).toBe('2026-11-01T07:00:00+0000');
    expect(endTimeOfDay('2026-11-01')).toBe('2026-11-02T08:00:00+0000');
    expect(pacificDayEnd('2026-11-01').getTime() - pacificDayStart('2026-11-01').getTime()).toBe(
      25 * HOUR,
    );
    expect(dayOfEndTime('2026-11-02T08:00:00+0000')).toBe('2026-11-01');
    expect(dayOfEndTime('2026-11-01T07:00:00+0000')).toBe('2026-10-31');
  });

  it('round-trips for every day, and each day lasts 23, 24 or 25 hours', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const end = endTimeOfDay(day);
        expect(end).toMatch(/^\d{4}-\d{2}-\d{2}T0[78]:00:00\+0000$/);
        expect(dayOfEndTime(end)).toBe(day);
        const length = pacificDayEnd(day).getTime() - pacificDayStart(day).getTime();
        expect([23 * HOUR, 24 * HOUR, 25 * HOUR]).toContain(length);
        expect(pacificDayEnd(day).getTime()).toBe(pacificDayStart(addDays(day, 1)).getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the time-zone database for any instant, asked in any order (it caches by hour)', () => {
    const wallDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' });
    // 2000–2040, including the instants either side of each DST change.
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (instants) => {
        for (const ms of instants) expect(pacificDayOf(ms)).toBe(wallDay.format(ms));
      }),
      { numRuns: 300 },
    );
    for (const change of ['2026-03-08T10:00:00Z', '2026-11-01T09:00:00Z']) {
      for (const offset of [-3_600_001, -1, 0, 1, 3_599_999, 3_600_000]) {
        const ms = Date.parse(change) + offset;
        expect(pacificDayOf(ms)).toBe(wallDay.format(ms));
      }
    }
  });
});

describe('pacificDayOf', () => {
  it('changes day at midnight in Los Angeles, not at midnight UTC', () => {
    expect(pacificDayOf(new Date('2026-11-20T07:59:59.999Z'))).toBe('2026-11-19');
    expect(pacificDayOf(new Date('2026-11-20T08:00:00Z'))).toBe('2026-11-20');
    expect(pacificDayOf(new Date('2026-07-15T06:59:59.999Z'))).toBe('2026-07-14');
    expect(pacificDayOf(new Date('2026-07-15T07:00:00Z'))).toBe('2026-07-15');
    expect(pacificDayOf(Date.parse('2026-01-01T03:00:00Z'))).toBe('2025-12-31');
  });

  it('places the start and the last millisecond of any day in that day', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        expect(pacificDayOf(pacificDayStart(day))).toBe(day);
        expect(pacificDayOf(pacificDayEnd(day).getTime() - 1)).toBe(day);
        expect(pacificDayOf(pacificInstant(day, 12))).toBe(day);
      }),
      { numRuns: 300 },
    );
  });
});

describe('day arithmetic and timestamps', () => {
  it('adds and counts calendar days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-11-20', '2026-11-01')).toBe(-19);
    // Across DST changes a calendar day is still one day.
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
    expect(daysBetween('2026-10-15', '2026-11-14')).toBe(30);
  });

  it('knows weekdays and rejects impossible days', () => {
    expect(weekdayOf('2026-11-20')).toBe(5); // a Friday
    expect(weekdayOf('2018-01-11')).toBe(4); // a Thursday
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2026-1-05')).toBe(false);
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
  });

  it('writes and reads Graph timestamps with a +0000 offset', () => {
    expect(toGraphTimestamp(Date.parse('2019-04-05T07:56:32.123Z'))).toBe(
      '2019-04-05T07:56:32+0000',
    );
    expect(parseGraphTimestamp('2019-04-05T07:56:32+0000').toISOString()).toBe(
      '2019-04-05T07:56:32.000Z',
    );
    expect(parseGraphTimestamp('2019-04-05T07:56:32+00:00').toISOString()).toBe(
      '2019-04-05T07:56:32.000Z',
    );
    expect(() => parseGraphTimestamp('yesterday')).toThrow(RangeError);
    expect(unixSeconds(pacificDayStart('2018-01-11'))).toBe(1515657600);
  });
});
