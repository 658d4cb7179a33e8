import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, pacificDayStart, weekdayOf } from '../../graph/pacific-days';
import {
  COMPARISON_MODES,
  comparedDay,
  comparisonRange,
  comparisonShift,
  nextComparisonMode,
  planComparison,
  YEAR_SHIFT_DAYS,
} from './comparison-range';
import { oldestDay, rangeLength } from './date-range';

const TODAY = '2026-11-28';

describe('comparisonRange: previous period', () => {
  it('is the same number of days immediately before', () => {
    expect(comparisonRange({ from: '2026-10-31', to: '2026-11-27' }, 'previous')).toEqual({
      from: '2026-10-03',
      to: '2026-10-30',
    });
    expect(comparisonRange({ from: '2026-11-27', to: '2026-11-27' }, 'previous')).toEqual({
      from: '2026-11-26',
      to: '2026-11-26',
    });
  });

  it('crosses a month end: a calendar month is compared with as many days before it', () => {
    // March has 31 days: the 31 days before it start in late January.
    expect(comparisonRange({ from: '2026-03-01', to: '2026-03-31' }, 'previous')).toEqual({
      from: '2026-01-29',
      to: '2026-02-28',
    });
    // In a leap year February has 29 days.
    expect(comparisonRange({ from: '2024-03-01', to: '2024-03-10' }, 'previous')).toEqual({
      from: '2024-02-20',
      to: '2024-02-29',
    });
  });

  it('crosses a year end', () => {
    expect(comparisonRange({ from: '2026-01-01', to: '2026-01-14' }, 'previous')).toEqual({
      from: '2025-12-18',
      to: '2025-12-31',
    });
  });

  it('counts days, not hours, across daylight saving changes', () => {
    // US DST ends on 2026-11-01 (a 25-hour day) and starts on 2026-03-08 (a 23-hour day).
    const afterFallBack = { from: '2026-11-02', to: '2026-11-08' };
    expect(comparisonRange(afterFallBack, 'previous')).toEqual({
      from: '2026-10-26',
      to: '2026-11-01',
    });
    const acrossSpringForward = { from: '2026-03-05', to: '2026-03-11' };
    const previous = comparisonRange(acrossSpringForward, 'previous');
    expect(previous).toEqual({ from: '2026-02-26', to: '2026-03-04' });
    // The instants differ from a whole number of 24-hour days, the day count does not.
    const hours =
      (pacificDayStart(addDays(acrossSpringForward.to, 1)).getTime() -
        pacificDayStart(acrossSpringForward.from).getTime()) /
      3_600_000;
    expect(hours).toBe(7 * 24 - 1);
    expect(rangeLength(previous)).toBe(7);
  });

  it('for any range: as long, ending the day before it starts', () => {
    const anyRange = fc
      .tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 800 }))
      .map(([start, length]) => {
        const from = addDays('2000-01-01', start);
        return { from, to: addDays(from, length) };
      });
    fc.assert(
      fc.property(anyRange, (range) => {
        const previous = comparisonRange(range, 'previous');
        expect(rangeLength(previous)).toBe(rangeLength(range));
        expect(addDays(previous.to, 1)).toBe(range.from);
      }),
    );
  });
});

describe('comparisonRange: a year earlier', () => {
  it('is 52 weeks (364 days) earlier, so weekdays match', () => {
    const range = { from: '2026-10-31', to: '2026-11-27' };
    const year = comparisonRange(range, 'year');
    expect(year).toEqual({ from: '2025-11-01', to: '2025-11-28' });
    expect(weekdayOf(year.from)).toBe(weekdayOf(range.from));
    expect(weekdayOf(year.to)).toBe(weekdayOf(range.to));
    expect(comparisonShift(range, 'year')).toBe(YEAR_SHIFT_DAYS);
  });

  it('crosses a year end and a leap day', () => {
    expect(comparisonRange({ from: '2026-01-01', to: '2026-01-07' }, 'year')).toEqual({
      from: '2025-01-02',
      to: '2025-01-08',
    });
    // 2024-02-29 exists: 364 days after it is 2025-02-27.
    expect(comparisonRange({ from: '2025-02-27', to: '2025-03-02' }, 'year')).toEqual({
      from: '2024-02-29',
      to: '2024-03-03',
    });
  });

  it('keeps the weekday of every day for any range', () => {
    const anyDay = fc.integer({ min: 400, max: 36_000 }).map((n) => addDays('2000-01-01', n));
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 400 }), (from, length) => {
        const range = { from, to: addDays(from, length) };
        const year = comparisonRange(range, 'year');
        expect(rangeLength(year)).toBe(rangeLength(range));
        for (const day of [range.from, range.to])
          expect(weekdayOf(comparedDay(day, YEAR_SHIFT_DAYS))).toBe(weekdayOf(day));
      }),
    );
  });

  it('maps each day across the end of daylight saving time to the same weekday', () => {
    const range = { from: '2026-10-29', to: '2026-11-04' };
    const shift = comparisonShift(range, 'year');
    const pairs = ['2026-10-31', '2026-11-01', '2026-11-02'].map((d) => comparedDay(d, shift));
    expect(pairs).toEqual(['2025-11-01', '2025-11-02', '2025-11-03']);
  });
});

describe('planComparison', () => {
  const range = { from: '2026-10-31', to: '2026-11-27' };

  it('off compares with nothing', () => {
    expect(planComparison(range, 'off', TODAY)).toEqual({ kind: 'off' });
  });

  it('describes the days and how they were chosen', () => {
    expect(planComparison(range, 'previous', TODAY)).toMatchObject({
      kind: 'compare',
      range: { from: '2026-10-03', to: '2026-10-30' },
      shift: 28,
      description: 'Compared with the previous 28 days, 2026-10-03 to 2026-10-30.',
    });
    expect(planComparison(range, 'year', TODAY)).toMatchObject({
      kind: 'compare',
      shift: 364,
      description: 'Compared with 2025-11-01 to 2025-11-28: 52 weeks earlier, so weekdays match.',
    });
  });

  it('is not available before the two years Instagram keeps, and says why', () => {
    const old = { from: addDays(oldestDay(TODAY), 100), to: addDays(oldestDay(TODAY), 120) };
    const plan = planComparison(old, 'year', TODAY);
    expect(plan.kind).toBe('unavailable');
    expect(plan.kind === 'unavailable' && plan.reason).toBe(
      `Instagram keeps two years of insights: the same period a year earlier would start on ${addDays(old.from, -364)}, before ${oldestDay(TODAY)}.`,
    );
    const whole = { from: oldestDay(TODAY), to: addDays(TODAY, -1) };
    expect(planComparison(whole, 'previous', TODAY).kind).toBe('unavailable');
  });

  it('allows a comparison that starts on the oldest day', () => {
    const from = addDays(oldestDay(TODAY), 10);
    const plan = planComparison({ from, to: addDays(from, 9) }, 'previous', TODAY);
    expect(plan).toMatchObject({ kind: 'compare', range: { from: oldestDay(TODAY) } });
    expect(daysBetween(oldestDay(TODAY), from)).toBe(10);
  });

  it("reaches before the two years as far as the store holds the account's days, not further", () => {
    const stored = addDays(oldestDay(TODAY), -300);
    const old = { from: addDays(oldestDay(TODAY), 100), to: addDays(oldestDay(TODAY), 120) };
    expect(planComparison(old, 'year', TODAY, stored)).toMatchObject({
      kind: 'compare',
      range: { from: addDays(old.from, -364) },
    });
    // A previous period from before the stored days is not available, and says from when they are.
    const older = { from: addDays(stored, 10), to: addDays(stored, 39) };
    const plan = planComparison(older, 'previous', TODAY, stored);
    expect(plan.kind === 'unavailable' && plan.reason).toBe(
      `This dashboard holds this account's days from ${stored}: the previous period would start on ${addDays(stored, -20)}.`,
    );
    expect(
      planComparison(
        { from: addDays(stored, 30), to: addDays(stored, 59) },
        'previous',
        TODAY,
        stored,
      ),
    ).toMatchObject({ kind: 'compare', range: { from: stored } });
  });

  it('without a history, or one no older than two years, keeps the two years', () => {
    const old = { from: addDays(oldestDay(TODAY), 100), to: addDays(oldestDay(TODAY), 120) };
    const newer = addDays(oldestDay(TODAY), 5);
    expect(planComparison(old, 'year', TODAY, newer)).toEqual(planComparison(old, 'year', TODAY));
    expect(planComparison(old, 'year', TODAY, undefined).kind).toBe('unavailable');
  });
});

describe('nextComparisonMode', () => {
  it('cycles off, previous, year, off', () => {
    expect(COMPARISON_MODES.map((m) => nextComparisonMode(m.key))).toEqual([
      'previous',
      'year',
      'off',
    ]);
  });
});
