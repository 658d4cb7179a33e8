import { describe, expect, it } from 'vitest';
import { endTimeOfDay } from '../../../../graph/pacific-days';
import type { StoredDemographicsResponse } from '../api/get-stored-demographics';
import { demographicShareHistory } from './demographic-history';

/** A stored answer as the server gives it: one breakdown per stored day. */
function stored(
  breakdown: string,
  days: Record<string, Record<string, number>>,
): StoredDemographicsResponse {
  return {
    data: [
      {
        name: 'follower_demographics',
        breakdown,
        timeframe: 'this_month',
        values: Object.entries(days).map(([day, counts]) => ({
          end_time: endTimeOfDay(day),
          total_value: {
            breakdowns: [
              {
                dimension_keys: [breakdown],
                results: Object.entries(counts).map(([key, value]) => ({
                  dimension_values: [key],
                  value,
                })),
              },
            ],
          },
        })),
        title: 'Follower demographics',
        description: '',
        id: 'x',
      },
    ],
    stored_since: Object.keys(days)[0] ?? null,
  };
}

describe('demographicShareHistory', () => {
  it('gives each gender its share of each stored day, labelled, with gaps for days not stored', () => {
    const history = demographicShareHistory(
      'gender',
      stored('gender', {
        '2026-11-25': { F: 60, M: 30, U: 10 },
        '2026-11-27': { F: 55, M: 40, U: 5 },
      }),
      undefined,
    );
    expect(history.days).toEqual(['2026-11-25', '2026-11-26', '2026-11-27']);
    expect(history.storedDays).toBe(2);
    const women = history.series.find((s) => s.key === 'F');
    expect(women?.label).toBe('Women');
    expect(women?.values.get('2026-11-25')).toBeCloseTo(0.6);
    expect(women?.values.get('2026-11-27')).toBeCloseTo(0.55);
    expect(women?.values.has('2026-11-26')).toBe(false);
  });

  it('follows the top 5 countries of the last day, as shares of everyone (from the gender totals)', () => {
    const countries = { US: 50, BR: 20, IN: 10, MX: 8, GB: 6, DE: 4 };
    const history = demographicShareHistory(
      'country',
      stored('country', { '2026-11-26': { ...countries, DE: 30 }, '2026-11-27': countries }),
      stored('gender', { '2026-11-26': { F: 100, M: 100 }, '2026-11-27': { F: 100, M: 100 } }),
    );
    expect(history.series.map((s) => s.key)).toEqual(['US', 'BR', 'IN', 'MX', 'GB']);
    expect(history.series[0]?.label).toBe('United States');
    // 50 of 200 followers (the gender breakdown lists everyone; the country list is cut at 45).
    expect(history.series[0]?.values.get('2026-11-27')).toBeCloseTo(0.25);
  });

  it('is empty when nothing is stored yet', () => {
    expect(demographicShareHistory('age', undefined, undefined)).toEqual({
      days: [],
      storedDays: 0,
      series: [],
    });
  });
});
