import { describe, expect, it } from 'vitest';
import { addDays } from '../../graph/pacific-days';
import { planComparison } from '../lib/comparison-range';
import {
  BREAKDOWNS,
  breakdownParams,
  comparedFollowerPlan,
  dailyTotalsParams,
  dailyTotalsProblem,
  followerCountPlan,
  storedFollowerRange,
  summableTotalsParams,
  uniqueTotalProblem,
  uniqueTotalsParams,
} from './account-insights-requests';

const TODAY = '2026-11-28';

describe('uniqueTotalProblem', () => {
  it('allows 30 days that Instagram can total at once', () => {
    expect(uniqueTotalProblem({ from: '2026-06-01', to: '2026-06-30' })).toBeUndefined();
    expect(uniqueTotalProblem({ from: '2026-11-27', to: '2026-11-27' })).toBeUndefined();
  });

  it('refuses more than 30 days', () => {
    expect(uniqueTotalProblem({ from: '2026-06-01', to: '2026-07-01' })).toBe(
      'Instagram counts unique accounts over at most 30 days; choose a shorter range.',
    );
  });

  it('refuses 30 days across the end of daylight saving time, and says why', () => {
    // 2026-11-01 has 25 hours in Los Angeles: these 30 days are 30 days and an hour long.
    const problem = uniqueTotalProblem({ from: '2026-10-29', to: '2026-11-27' });
    expect(problem).toMatch(/at most 30 days.*daylight saving time/);
    expect(uniqueTotalProblem({ from: '2026-10-30', to: '2026-11-27' })).toBeUndefined();
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

describe('followerCountPlan', () => {
  it('asks the whole range when it lies in the last 30 days', () => {
    const range = { from: '2026-11-21', to: '2026-11-27' };
    expect(followerCountPlan(range, TODAY)).toEqual({ kind: 'request', range, clipped: false });
  });

  it('starts a longer range 30 days back and says so', () => {
    expect(followerCountPlan({ from: '2026-08-30', to: '2026-11-27' }, TODAY)).toEqual({
      kind: 'request',
      range: { from: '2026-10-29', to: '2026-11-27' },
      clipped: true,
      note: 'Instagram keeps daily follower counts for 30 days, so this chart starts on 2026-10-29.',
    });
  });

  it('keeps a range starting exactly 30 days back whole', () => {
    const range = { from: '2026-10-29', to: '2026-11-10' };
    expect(followerCountPlan(range, TODAY)).toMatchObject({ range, clipped: false });
  });

  it('has nothing for a range that ended before then', () => {
    expect(followerCountPlan({ from: '2026-09-01', to: '2026-10-28' }, TODAY)).toEqual({
      kind: 'unavailable',
      reason:
        'Instagram keeps daily follower counts for 30 days; this range ends before 2026-10-29.',
    });
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

  it('asks breakdowns by the same dimension together, reach apart, so three requests cover five cards', () => {
    const params = BREAKDOWNS.map((b) => breakdownParams(b, range));
    expect(params).toEqual([
      expect.objectContaining({
        metric: 'views,total_interactions',
        breakdown: 'media_product_type',
      }),
      expect.objectContaining({ metric: 'views,follows_and_unfollows', breakdown: 'follow_type' }),
      expect.objectContaining({
        metric: 'views,total_interactions',
        breakdown: 'media_product_type',
      }),
      expect.objectContaining({ metric: 'reach', breakdown: 'follow_type' }),
      expect.objectContaining({ metric: 'views,follows_and_unfollows', breakdown: 'follow_type' }),
    ]);
    expect(new Set(params.map((p) => JSON.stringify(p))).size).toBe(3);
    expect(BREAKDOWNS.filter((b) => b.unique).map((b) => b.metric)).toEqual(['reach']);
  });
});

describe('comparedFollowerPlan', () => {
  const week = { from: '2026-11-21', to: '2026-11-27' };
  const plan = followerCountPlan(week, TODAY);

  it('asks the previous week, which is inside the 30 days', () => {
    expect(
      comparedFollowerPlan(plan, planComparison(week, 'previous', TODAY), TODAY),
    ).toMatchObject({ kind: 'request', range: { from: '2026-11-14', to: '2026-11-20' } });
  });

  it('has nothing a year earlier, and says why', () => {
    expect(comparedFollowerPlan(plan, planComparison(week, 'year', TODAY), TODAY)).toEqual({
      kind: 'unavailable',
      reason:
        'Instagram keeps daily follower counts for 30 days; the same period a year earlier (2025-11-22 to 2025-11-28) is older.',
    });
  });
});

describe('storedFollowerRange', () => {
  const oldest = addDays(TODAY, -30);
  it('asks the store only for the days before the API window', () => {
    expect(
      storedFollowerRange({ from: addDays(TODAY, -90), to: addDays(TODAY, -1) }, TODAY),
    ).toEqual({
      from: addDays(TODAY, -90),
      to: addDays(oldest, -1),
    });
  });
  it('asks the store for the whole range when it is all older than 30 days', () => {
    const range = { from: addDays(TODAY, -200), to: addDays(TODAY, -100) };
    expect(storedFollowerRange(range, TODAY)).toEqual(range);
  });
  it('does not ask the store when the API covers the range', () => {
    expect(storedFollowerRange({ from: oldest, to: addDays(TODAY, -1) }, TODAY)).toBeUndefined();
  });
});
