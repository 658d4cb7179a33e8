import { RECENT_ONLY_DAYS } from '../../../../graph/date-windows';
import { addDays, daysBetween, type IsoDay } from '../../../../graph/pacific-days';
import type { AccountInsightsParams } from '../../../api/get-account-insights';
import { rangeParams } from '../../../lib/account-insights-requests';
import type { ComparisonPlan } from '../../../lib/comparison-range';
import type { DateRange } from '../../../lib/date-range';

export type FollowerCountPlan =
  | { kind: 'unavailable'; reason: string }
  | { kind: 'request'; range: DateRange; clipped: boolean; note?: string };

/** follower_count reaches back 30 days (today excluded): the part of the range it can cover. */
export function followerCountPlan(range: DateRange, today: IsoDay): FollowerCountPlan {
  const oldest = addDays(today, -RECENT_ONLY_DAYS);
  if (daysBetween(oldest, range.to) < 0) {
    return {
      kind: 'unavailable',
      reason: `Instagram keeps daily follower counts for ${RECENT_ONLY_DAYS} days; this range ends before ${oldest}.`,
    };
  }
  if (daysBetween(oldest, range.from) >= 0) return { kind: 'request', range, clipped: false };
  return {
    kind: 'request',
    range: { from: oldest, to: range.to },
    clipped: true,
    note: `Instagram keeps daily follower counts for ${RECENT_ONLY_DAYS} days, so this chart starts on ${oldest}.`,
  };
}

/**
 * The days of a range older than the API's 30 days of follower counts: the server's stored
 * snapshots may cover them.
 */
export function storedFollowerRange(range: DateRange, today: IsoDay): DateRange | undefined {
  const oldest = addDays(today, -RECENT_ONLY_DAYS);
  if (daysBetween(oldest, range.from) >= 0) return undefined;
  const to = daysBetween(range.to, oldest) > 0 ? range.to : addDays(oldest, -1);
  return { from: range.from, to };
}

/**
 * The daily follower counts of the comparison period: the days of the chart, shifted. Instagram
 * keeps them for 30 days only, so most comparisons have none, and the chart says why.
 */
export function comparedFollowerPlan(
  followers: FollowerCountPlan,
  comparison: ComparisonPlan,
  today: IsoDay,
): FollowerCountPlan {
  if (comparison.kind === 'off') return { kind: 'unavailable', reason: '' };
  if (comparison.kind === 'unavailable') return { kind: 'unavailable', reason: comparison.reason };
  if (followers.kind === 'unavailable') return followers;
  const shifted = {
    from: addDays(followers.range.from, -comparison.shift),
    to: addDays(followers.range.to, -comparison.shift),
  };
  const plan = followerCountPlan(shifted, today);
  if (plan.kind === 'request' && !plan.clipped) return plan;
  return {
    kind: 'unavailable',
    reason: `Instagram keeps daily follower counts for ${RECENT_ONLY_DAYS} days; the ${comparison.name} (${shifted.from} to ${shifted.to}) is older.`,
  };
}

export const followerCountParams = (range: DateRange): AccountInsightsParams => ({
  metric: 'follower_count',
  period: 'day',
  metric_type: 'time_series',
  ...rangeParams(range),
});
