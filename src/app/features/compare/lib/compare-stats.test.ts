import { describe, expect, it } from 'vitest';
import { csvPercent, engagementRate, formatRate, metricStat } from './compare-stats';

const daily = (...values: number[]) =>
  new Map(values.map((v, i) => [`2026-11-${String(i + 1).padStart(2, '0')}`, v] as const));

describe('metricStat', () => {
  it('counts that add up: the total, total ÷ days, and the change of the totals', () => {
    expect(
      metricStat({ unique: false, days: 4, total: 400, comparedTotal: 320, daily: daily(1, 2) }),
    ).toEqual({ total: 400, average: 100, change: 0.25, changeBasis: 'total' });
  });

  it('unique accounts: the mean of the daily counts, not the total ÷ days', () => {
    expect(
      metricStat({
        unique: true,
        days: 3,
        total: 500,
        comparedTotal: 400,
        daily: daily(100, 200, 300),
      }),
    ).toEqual({ total: 500, average: 200, change: 0.25, changeBasis: 'total' });
  });

  it('without totals (over 30 days), the change compares daily averages', () => {
    expect(
      metricStat({
        unique: true,
        days: 3,
        daily: daily(100, 200, 300),
        comparedDaily: daily(100, 100, 100),
      }),
    ).toEqual({ average: 200, change: 1, changeBasis: 'daily average' });
  });

  it('has no change without a comparison, and no average without values', () => {
    expect(metricStat({ unique: true, days: 28 })).toEqual({});
    expect(metricStat({ unique: false, days: 28, total: 10, comparedTotal: 0 })).toEqual({
      total: 10,
      average: 10 / 28,
    });
  });
});

describe('engagementRate', () => {
  it('divides interactions by reach', () => {
    expect(
      engagementRate({ base: 'reach', interactions: 50, reach: 1000, followers: 5000 }),
    ).toEqual({ value: 0.05 });
  });

  it('divides interactions by followers', () => {
    expect(
      engagementRate({ base: 'followers', interactions: 50, reach: 1000, followers: 5000 }),
    ).toEqual({ value: 0.01 });
  });

  it('says why there is no rate', () => {
    expect(
      engagementRate({
        base: 'reach',
        interactions: 50,
        reach: undefined,
        followers: 10,
        reachProblem: 'Over 30 days.',
      }),
    ).toEqual({ reason: 'Over 30 days.' });
    expect(
      engagementRate({ base: 'followers', interactions: 5, reach: 1, followers: 0 }).reason,
    ).toMatch(/0 followers/);
    expect(
      engagementRate({ base: 'followers', interactions: undefined, reach: 1, followers: 3 }).reason,
    ).toMatch(/no content interactions/);
  });

  it('formats with two decimals, and as a percentage number in CSV', () => {
    expect(formatRate(0.032512)).toBe('3.25%');
    expect(csvPercent(0.032512)).toBe(3.25);
    expect(csvPercent(undefined)).toBeUndefined();
  });
});
