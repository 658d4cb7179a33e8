import { describe, expect, it } from 'vitest';
import { HISTORY_SERIES_METRICS, HISTORY_TOTAL_METRICS } from '../../graph/account-history';
import { MAX_SPLIT_DAYS } from '../../graph/date-windows';
import { addDays } from '../../graph/pacific-days';
import {
  DAILY_TOTAL_METRICS,
  dailyTotalsParams,
  dailyTotalsProblem,
  reachSeriesParams,
  SUMMABLE_TOTAL_METRICS,
  summableTotalsParams,
  uniqueTotalProblem,
  uniqueTotalsParams,
} from './account-insights-requests';

const TODAY = '2026-11-28';

describe('uniqueTotalProblem', () => {
  it('allows 30 days that Instagram can total at once', () => {
    expect(uniqueTotalProblem({ from: '2026-06-01', to: '2026-06-30' }, TODAY)).toBeUndefined();
    expect(uniqueTotalProblem({ from: '2026-11-27', to: '2026-11-27' }, TODAY)).toBeUndefined();
  });

  it('refuses more than 30 days', () => {
    expect(uniqueTotalProblem({ from: '2026-06-01', to: '2026-07-01' }, TODAY)).toBe(
      'Instagram counts unique accounts over at most 30 days; choose a shorter range.',
    );
  });

  it('refuses 30 days across the end of daylight saving time, and says why', () => {
    // 2026-11-01 has 25 hours in Los Angeles: these 30 days are 30 days and an hour long.
    const problem = uniqueTotalProblem({ from: '2026-10-29', to: '2026-11-27' }, TODAY);
    expect(problem).toMatch(/at most 30 days.*daylight saving time/);
    expect(uniqueTotalProblem({ from: '2026-10-30', to: '2026-11-27' }, TODAY)).toBeUndefined();
  });

  it('refuses days older than the two years Instagram keeps: the store cannot add them up', () => {
    const oldest = addDays(TODAY, -729);
    expect(uniqueTotalProblem({ from: oldest, to: addDays(oldest, 9) }, TODAY)).toBeUndefined();
    expect(uniqueTotalProblem({ from: addDays(oldest, -1), to: addDays(oldest, 9) }, TODAY)).toBe(
      `Instagram keeps two years of insights, and only Instagram counts unique accounts over a range: start on ${oldest} or later for these totals.`,
    );
  });
});

describe('dailyTotalsProblem', () => {
  it('allows daily curves of up to 120 days', () => {
    expect(dailyTotalsProblem({ from: addDays(TODAY, -120), to: addDays(TODAY, -1) })).toBe(
      undefined,
    );
  });

  it('explains why longer ranges have none', () => {
    expect(dailyTotalsProblem({ from: addDays(TODAY, -121), to: addDays(TODAY, -1) })).toMatch(
      /one day at a time.*at most 120 days; narrow the range/,
    );
  });
});

describe('request parameters', () => {
  const range = { from: '2026-11-01', to: '2026-11-27' };

  it('asks the five daily curves in one split=day request', () => {
    expect(dailyTotalsParams(range)).toEqual({
      metric: 'views,accounts_engaged,total_interactions,profile_views,website_clicks',
      metric_type: 'total_value',
      split: 'day',
      since: '2026-11-01',
      until: '2026-11-27',
    });
  });

  it('asks range totals without a breakdown, unique counts apart', () => {
    const summable = summableTotalsParams(range);
    expect(summable.metric.split(',')).toHaveLength(12);
    expect(summable.metric).not.toMatch(/reach|accounts_engaged/);
    expect(summable.breakdown).toBeUndefined();
    expect(uniqueTotalsParams(range).metric).toBe('reach,accounts_engaged');
  });
});

describe('the history the server keeps', () => {
  it('holds every metric the pages draw per day or total over a range', () => {
    const kept: readonly string[] = HISTORY_TOTAL_METRICS;
    for (const metric of [...DAILY_TOTAL_METRICS, ...SUMMABLE_TOTAL_METRICS])
      expect(kept, metric).toContain(metric);
    expect(HISTORY_SERIES_METRICS as readonly string[]).toContain(
      reachSeriesParams({ from: addDays(TODAY, -27), to: TODAY }).metric,
    );
  });
});

describe('dailyTotalsProblem with the server’s history', () => {
  const long = { from: addDays(TODAY, -150), to: addDays(TODAY, -1) };
  it('draws long ranges once the history holds every settled day', () => {
    expect(
      dailyTotalsProblem(long, { state: 'done', stored_days: 726, settled_days: 726 }),
    ).toBeUndefined();
  });
  it('says how far the history got while it fills, and what to do meanwhile', () => {
    expect(
      dailyTotalsProblem(long, { state: 'filling', stored_days: 412, settled_days: 726 }),
    ).toBe(
      `Instagram gives these totals one day at a time, and daily curves cover at most ${MAX_SPLIT_DAYS} days; narrow the range, or come back once the dashboard has stored this account's history (412 of 726 days so far).`,
    );
    expect(dailyTotalsProblem(long)).toMatch(/narrow the range\.$/);
  });
});
