import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EARLIEST_DAY } from '../../graph/account-history';
import { addDays, daysBetween } from '../../graph/pacific-days';
import {
  customRangeProblem,
  DEFAULT_RANGE,
  daysOf,
  linkRangeProblem,
  MAX_RANGE_DAYS,
  oldestDay,
  RANGE_PRESETS,
  rangeLabel,
  rangeLength,
  resolveRange,
} from './date-range';

const TODAY = '2026-11-28';

/** Any day from 2000 to 2099, as YYYY-MM-DD. */
const anyDay = fc.integer({ min: 0, max: 36_500 }).map((offset) => addDays('2000-01-01', offset));

describe('resolveRange', () => {
  it.each([
    ['7d', '2026-11-21'],
    ['14d', '2026-11-14'],
    ['28d', '2026-10-31'],
    ['90d', '2026-08-30'],
  ] as const)('%s covers that many days and ends yesterday', (range, from) => {
    expect(resolveRange({ range }, TODAY)).toEqual({ from, to: '2026-11-27' });
  });

  it('rolling presets never include today, for any today', () => {
    const rolling = RANGE_PRESETS.filter((p) => 'days' in p);
    fc.assert(
      fc.property(anyDay, fc.constantFrom(...rolling), (today, preset) => {
        const range = resolveRange({ range: preset.key }, today);
        expect(range.to).toBe(addDays(today, -1));
        expect(rangeLength(range)).toBe('days' in preset ? preset.days : Number.NaN);
      }),
    );
  });

  it('this month runs from the 1st to yesterday', () => {
    expect(resolveRange({ range: 'this-month' }, TODAY)).toEqual({
      from: '2026-11-01',
      to: '2026-11-27',
    });
  });

  it('this month on the 1st is the 1st alone, not a range ending before it starts', () => {
    expect(resolveRange({ range: 'this-month' }, '2026-12-01')).toEqual({
      from: '2026-12-01',
      to: '2026-12-01',
    });
  });

  it.each([
    ['2026-03-15', '2026-02-01', '2026-02-28'],
    ['2024-03-01', '2024-02-01', '2024-02-29'],
    ['2026-01-10', '2025-12-01', '2025-12-31'],
    ['2026-11-28', '2026-10-01', '2026-10-31'],
  ])('last month seen on %s is %s to %s', (today, from, to) => {
    expect(resolveRange({ range: 'last-month' }, today)).toEqual({ from, to });
  });

  it('a valid custom range is kept as given', () => {
    expect(resolveRange({ range: 'custom', from: '2025-01-01', to: '2025-06-30' }, TODAY)).toEqual({
      from: '2025-01-01',
      to: '2025-06-30',
    });
  });

  it('an unusable custom range falls back to the default preset', () => {
    const fallback = resolveRange({ range: DEFAULT_RANGE }, TODAY);
    expect(resolveRange({ range: 'custom', from: '2026-11-20', to: '2026-11-01' }, TODAY)).toEqual(
      fallback,
    );
    expect(resolveRange({ range: 'custom' }, TODAY)).toEqual(fallback);
    expect(resolveRange({ range: 'custom', from: '2010-10-05', to: '2010-11-01' }, TODAY)).toEqual(
      fallback,
    );
  });

  it('keeps a custom range older than two years, as a link may hold it', () => {
    expect(resolveRange({ range: 'custom', from: '2020-01-01', to: '2020-02-01' }, TODAY)).toEqual({
      from: '2020-01-01',
      to: '2020-02-01',
    });
  });
});

describe('customRangeProblem', () => {
  it('accepts a range inside the two years Instagram keeps, ending today at the latest', () => {
    expect(customRangeProblem('2026-01-01', '2026-01-31', TODAY)).toBeUndefined();
    expect(customRangeProblem(oldestDay(TODAY), TODAY, TODAY)).toBeUndefined();
    expect(customRangeProblem('2026-11-05', '2026-11-05', TODAY)).toBeUndefined();
  });

  it('the oldest day is two years (730 days, today included) back', () => {
    expect(daysBetween(oldestDay(TODAY), TODAY)).toBe(729);
  });

  it.each([
    [undefined, '2026-11-01', /start and an end/],
    ['2026-11-01', undefined, /start and an end/],
    ['2026-02-30', '2026-03-01', /YYYY-MM-DD/],
    ['yesterday', '2026-03-01', /YYYY-MM-DD/],
    ['2026-11-10', '2026-11-09', /start date must not be after the end date/],
    ['2026-11-01', '2026-11-29', /must not be after today \(2026-11-28\)/],
  ])('refuses from=%s to=%s', (from, to, message) => {
    expect(customRangeProblem(from, to, TODAY)).toMatch(message);
  });

  it('refuses a start before the oldest day and names that day', () => {
    const tooOld = addDays(oldestDay(TODAY), -1);
    expect(customRangeProblem(tooOld, '2026-01-01', TODAY)).toContain(
      `start on ${oldestDay(TODAY)} or later`,
    );
  });
});

describe('the oldest day a range may start on', () => {
  const twoYears = oldestDay(TODAY);

  it('is two years back without a stored history, or with one that reaches no further', () => {
    expect(oldestDay(TODAY, undefined)).toBe(twoYears);
    expect(oldestDay(TODAY, addDays(twoYears, 1))).toBe(twoYears);
    expect(oldestDay(TODAY, twoYears)).toBe(twoYears);
  });

  it("is the stored history's oldest day when that is older, never before Instagram's first day", () => {
    expect(oldestDay(TODAY, addDays(twoYears, -1))).toBe(addDays(twoYears, -1));
    expect(oldestDay(TODAY, '2015-03-01')).toBe('2015-03-01');
    expect(oldestDay(TODAY, '2009-01-01')).toBe(EARLIEST_DAY);
  });

  it("is never later than two years back, nor before Instagram's first day, for any stored day", () => {
    fc.assert(
      fc.property(anyDay, anyDay, (today, stored) => {
        const oldest = oldestDay(today, stored);
        expect(daysBetween(oldest, oldestDay(today))).toBeGreaterThanOrEqual(0);
        expect(oldest === oldestDay(today) || oldest >= EARLIEST_DAY).toBe(true);
      }),
    );
  });

  it('lets a range start on the oldest stored day, and names it when the start is earlier', () => {
    const stored = '2023-05-10';
    expect(customRangeProblem(stored, '2023-06-10', TODAY, stored)).toBeUndefined();
    expect(customRangeProblem('2023-05-09', '2023-06-10', TODAY, stored)).toBe(
      "This dashboard holds this account's days from 2023-05-10: start then or later.",
    );
    // A store that holds no more than Instagram changes nothing.
    expect(customRangeProblem('2023-05-09', '2023-06-10', TODAY, addDays(twoYears, 3))).toBe(
      `Instagram keeps two years of insights: start on ${twoYears} or later.`,
    );
  });

  it("a link may start on any day since Instagram's first, for at most ten years", () => {
    expect(linkRangeProblem(EARLIEST_DAY, '2011-10-06', TODAY)).toBeUndefined();
    expect(linkRangeProblem('2023-01-01', '2023-12-31', TODAY)).toBeUndefined();
    expect(linkRangeProblem('2010-10-05', '2011-10-06', TODAY)).toBe(
      "Instagram's first day was 2010-10-06: start then or later.",
    );
    const to = '2025-01-01';
    expect(linkRangeProblem(addDays(to, -(MAX_RANGE_DAYS - 1)), to, TODAY)).toBeUndefined();
    expect(linkRangeProblem(addDays(to, -MAX_RANGE_DAYS), to, TODAY)).toMatch(
      /at most ten years \(3,653 days\)/,
    );
    // The end rules stay.
    expect(linkRangeProblem('2020-01-01', '2026-11-29', TODAY)).toMatch(/must not be after today/);
  });
});

describe('range helpers', () => {
  it('daysOf lists every day in order, across month and DST changes', () => {
    const days = daysOf({ from: '2026-10-30', to: '2026-11-02' });
    expect(days).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
    expect(rangeLength({ from: '2026-10-30', to: '2026-11-02' })).toBe(4);
  });

  it('labels presets by name and custom ranges by their days', () => {
    expect(rangeLabel({ range: '7d' }, resolveRange({ range: '7d' }, TODAY))).toBe('Last 7 days');
    const custom = { range: 'custom', from: '2026-01-01', to: '2026-01-31' } as const;
    expect(rangeLabel(custom, resolveRange(custom, TODAY))).toBe('2026-01-01 to 2026-01-31');
  });
});
