import { describe, expect, it } from 'vitest';
import {
  csvNumber,
  formatNormalised,
  indexTo100,
  normaliseSeries,
  per1000Followers,
} from './normalise';

const days = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'];
const series = (...values: (number | undefined)[]) =>
  new Map(values.flatMap((v, i) => (v === undefined ? [] : [[days[i] as string, v] as const])));

describe('per1000Followers', () => {
  it('divides by the follower count and multiplies by 1,000', () => {
    const { values } = per1000Followers(series(5000, 2500, 0), 250_000);
    expect([...(values ?? new Map()).values()]).toEqual([20, 10, 0]);
  });

  it('works for small accounts, above 1,000 per 1,000', () => {
    expect(per1000Followers(series(92), 46).values?.get(days[0] as string)).toBe(2000);
  });

  it('keeps days without a value without one', () => {
    const { values } = per1000Followers(series(100, undefined, 300), 1000);
    expect(values?.has(days[1] as string)).toBe(false);
    expect(values?.get(days[2] as string)).toBe(300);
  });

  it('has no values without a follower count above 0, and says why', () => {
    for (const followers of [undefined, 0, -5, Number.NaN]) {
      const result = per1000Followers(series(1), followers);
      expect(result.values).toBeUndefined();
      expect(result.problem).toMatch(/follower count/);
    }
  });
});

describe('indexTo100', () => {
  it('makes the first day 100 and the others relative to it', () => {
    const { values } = indexTo100(series(200, 300, 100, 250), days);
    expect([...(values ?? new Map()).values()]).toEqual([100, 150, 50, 125]);
  });

  it('starts from the first day with a value when the range opens without one', () => {
    const { values } = indexTo100(series(undefined, 40, 60, 20), days);
    expect(values?.get(days[1] as string)).toBe(100);
    expect(values?.get(days[2] as string)).toBe(150);
    expect(values?.has(days[0] as string)).toBe(false);
  });

  it('skips a first value of 0, which nothing can be indexed to', () => {
    const { values } = indexTo100(series(0, 50, 75), days);
    expect(values?.get(days[0] as string)).toBe(0);
    expect(values?.get(days[1] as string)).toBe(100);
    expect(values?.get(days[2] as string)).toBe(150);
  });

  it('follows the order of the days, not of the map', () => {
    const reversed = new Map([
      ['2026-11-03', 30],
      ['2026-11-01', 10],
    ]);
    expect(indexTo100(reversed, days).values?.get('2026-11-03')).toBe(300);
  });

  it('has no values when no day is above 0', () => {
    expect(indexTo100(series(0, 0), days).problem).toMatch(/above 0/);
    expect(indexTo100(new Map(), days).problem).toBeDefined();
  });
});

describe('normaliseSeries', () => {
  it('leaves absolute values as they are', () => {
    const values = series(1, 2);
    expect(normaliseSeries(values, 'absolute', { followers: 10, days }).values).toBe(values);
  });

  it('dispatches to per 1,000 and index', () => {
    expect(
      normaliseSeries(series(10), 'per1000', { followers: 100, days }).values?.get(
        days[0] as string,
      ),
    ).toBe(100);
    expect(
      normaliseSeries(series(10, 20), 'index', { followers: 100, days }).values?.get(
        days[1] as string,
      ),
    ).toBe(200);
  });
});

describe('formatting', () => {
  it('reads counts whole, per 1,000 with two decimals and indexes with one', () => {
    expect(formatNormalised(12345.4, 'absolute')).toBe('12,345');
    expect(formatNormalised(12.3456, 'per1000')).toBe('12.35');
    expect(formatNormalised(104.26, 'index')).toBe('104.3');
  });

  it('rounds CSV numbers without grouping', () => {
    expect(csvNumber(12.345678, 'per1000')).toBe(12.3457);
    expect(csvNumber(104.2666, 'index')).toBe(104.27);
    expect(csvNumber(12345, 'absolute')).toBe(12345);
  });
});
