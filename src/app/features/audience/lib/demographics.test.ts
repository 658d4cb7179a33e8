import { describe, expect, it } from 'vitest';
import type { Breakdown } from '../../../../graph/graph-types';
import { countryName, demographicParams, demographicRows, demographicTotal } from './demographics';

const breakdown = (key: string, entries: [string, number][]): Breakdown => ({
  dimension_keys: [key],
  results: entries.map(([v, value]) => ({ dimension_values: [v], value })),
});

const gender = breakdown('gender', [
  ['F', 60],
  ['M', 30],
  ['U', 10],
]);

describe('demographics', () => {
  it('asks one breakdown for one timeframe', () => {
    expect(demographicParams('follower_demographics', 'city', 'this-week')).toEqual({
      metric: 'follower_demographics',
      metric_type: 'total_value',
      period: 'lifetime',
      timeframe: 'this_week',
      breakdown: 'city',
    });
  });

  it('lists ages in order with their share', () => {
    const rows = demographicRows(
      'age',
      breakdown('age', [
        ['25-34', 50],
        ['65+', 10],
        ['13-17', 5],
        ['18-24', 35],
      ]),
      100,
    );
    expect(rows.map((r) => [r.label, r.value, r.share])).toEqual([
      ['13-17', 5, 0.05],
      ['18-24', 35, 0.35],
      ['25-34', 50, 0.5],
      ['65+', 10, 0.1],
    ]);
  });

  it('names genders and countries', () => {
    expect(demographicRows('gender', gender, 100).map((r) => r.label)).toEqual([
      'Women',
      'Men',
      'Not specified',
    ]);
    expect(countryName('US')).toBe('United States');
    expect(countryName('XX')).toBe('XX');
    expect(
      demographicRows('country', breakdown('country', [['DE', 1]]), 1).map((r) => r.label),
    ).toEqual(['Germany']);
  });

  it('takes shares of top lists out of the whole audience', () => {
    const cities = breakdown('city', [
      ['Seattle, Washington', 40],
      ['Portland, Oregon', 20],
    ]);
    expect(demographicTotal('city', cities, gender)).toBe(100);
    expect(demographicRows('city', cities, 100).map((r) => r.share)).toEqual([0.4, 0.2]);
    // Without the gender answer, of the listed cities.
    expect(demographicTotal('city', cities, undefined)).toBe(60);
    expect(demographicTotal('age', breakdown('age', [['18-24', 90]]), gender)).toBe(90);
  });
});
