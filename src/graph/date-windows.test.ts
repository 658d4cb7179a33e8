import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DayWindow, MAX_WINDOW_DAYS, splitIntoWindows, windowForDays } from './date-windows';
import { addDays, daysBetween, pacificDayStart, unixSeconds } from './pacific-days';

const MAX_SECONDS = 2_592_000;

/** The days a window covers, first to last. */
function daysOf(w: DayWindow): string[] {
  return Array.from({ length: daysBetween(w.first, w.last) + 1 }, (_, i) => addDays(w.first, i));
}

function expectTiling(windows: DayWindow[], first: string, last: string): void {
  expect(windows[0]?.first).toBe(first);
  expect(windows.at(-1)?.last).toBe(last);
  const covered = windows.flatMap(daysOf);
  // Every day once, in order: no gap and no duplicate at the edges.
  expect(covered).toEqual(
    Array.from({ length: daysBetween(first, last) + 1 }, (_, i) => addDays(first, i)),
  );
  for (const [i, w] of windows.entries()) {
    expect(w.until - w.since).toBeLessThanOrEqual(MAX_SECONDS);
    expect(daysOf(w).length).toBeLessThanOrEqual(MAX_WINDOW_DAYS);
    expect(w.since).toBe(unixSeconds(pacificDayStart(w.first)));
    expect(w.until).toBe(unixSeconds(pacificDayStart(addDays(w.last, 1))));
    const next = windows[i + 1];
    if (next) {
      expect(next.since).toBe(w.until);
      expect(next.first).toBe(addDays(w.last, 1));
    }
  }
}

describe('windowForDays', () => {
  it('asks for exactly the given Pacific days', () => {
    expect(windowForDays('2018-01-10', '2018-01-11')).toEqual({
      first: '2018-01-10',
      last: '2018-01-11',
      since: 1515571200, // 2018-01-10T08:00:00Z
      until: 1515744000, // 2018-01-12T08:00:00Z
    });
    const summer = windowForDays('2026-07-14', '2026-07-14');
    expect(new Date(summer.since * 1000).toISOString()).toBe('2026-07-14T07:00:00.000Z');
    expect(summer.until - summer.since).toBe(86_400);
  });
});

describe('splitIntoWindows', () => {
  it('cuts 90 days into 3 windows of 30 days without gap or duplicate', () => {
    const windows = splitIntoWindows('2026-01-01', '2026-03-31');
    expect(windows).toHaveLength(3);
    expect(windows.map((w) => [w.first, w.last])).toEqual([
      ['2026-01-01', '2026-01-30'],
      ['2026-01-31', '2026-03-01'],
      ['2026-03-02', '2026-03-31'],
    ]);
    expectTiling(windows, '2026-01-01', '2026-03-31');
    // The spring DST change makes the last window an hour shorter, which is allowed.
    expect(windows[2] && windows[2].until - windows[2].since).toBe(MAX_SECONDS - 3600);
  });

  it('keeps 30 Pacific days across the November DST change under 2,592,000 s', () => {
    // 2026-10-15 .. 2026-11-13 is 30 Pacific days but 30 days and an hour.
    const naive = windowForDays('2026-10-15', '2026-11-13');
    expect(naive.until - naive.since).toBe(MAX_SECONDS + 3600);
    const windows = splitIntoWindows('2026-10-15', '2026-11-13');
    expect(windows.map((w) => [w.first, w.last])).toEqual([
      ['2026-10-15', '2026-11-12'],
      ['2026-11-13', '2026-11-13'],
    ]);
    expectTiling(windows, '2026-10-15', '2026-11-13');
  });

  it('returns one window for a single day and none for an empty range', () => {
    expect(splitIntoWindows('2026-11-19', '2026-11-19')).toEqual([
      windowForDays('2026-11-19', '2026-11-19'),
    ]);
    expect(splitIntoWindows('2026-11-20', '2026-11-19')).toEqual([]);
  });

  it('honours a smaller maximum (7-day windows)', () => {
    const windows = splitIntoWindows('2026-11-02', '2026-11-22', 7);
    expect(windows.map((w) => daysOf(w).length)).toEqual([7, 7, 7]);
    expectTiling(windows, '2026-11-02', '2026-11-22');
    // A 7-day window holding the 25-hour day 2026-11-01 would be 7 days and an hour: cut shorter.
    const acrossDst = splitIntoWindows('2026-10-26', '2026-11-08', 7);
    expect(acrossDst.map((w) => [w.first, w.last])).toEqual([
      ['2026-10-26', '2026-10-31'],
      ['2026-11-01', '2026-11-06'],
      ['2026-11-07', '2026-11-08'],
    ]);
    for (const w of acrossDst) expect(w.until - w.since).toBeLessThanOrEqual(7 * 86_400);
  });

  it('tiles any range of up to two years, DST changes included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: daysBetween('2016-01-01', '2030-12-31') }),
        fc.integer({ min: 1, max: 730 }),
        (offset, length) => {
          const first = addDays('2016-01-01', offset);
          const last = addDays(first, length - 1);
          const windows = splitIntoWindows(first, last);
          expectTiling(windows, first, last);
          // Never more windows than needed plus one per DST change crossed (two per year).
          expect(windows.length).toBeLessThanOrEqual(
            Math.ceil(length / 30) + 2 * (length / 365 + 1),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
