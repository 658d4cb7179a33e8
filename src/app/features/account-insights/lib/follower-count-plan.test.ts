import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../graph/pacific-days';
import { planComparison } from '../../../lib/comparison-range';
import {
  comparedFollowerPlan,
  followerCountPlan,
  storedFollowerRange,
} from './follower-count-plan';

const TODAY = '2026-11-28';

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
