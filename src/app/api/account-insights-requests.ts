import {
  MAX_SPLIT_DAYS,
  MAX_WINDOW_DAYS,
  RECENT_ONLY_DAYS,
  splitIntoWindows,
} from '../../graph/date-windows';
import { countsUniqueAccounts, UNIQUE_COUNT_METRICS } from '../../graph/metric-catalogue';
import { addDays, daysBetween, type IsoDay } from '../../graph/pacific-days';
import type { ComparisonPlan } from '../lib/comparison-range';
import { type DateRange, rangeLength } from '../lib/date-range';
import type { AccountInsightsParams } from './get-account-insights';

/** Metrics whose daily curves come from one `split=day` request. */
export const DAILY_TOTAL_METRICS = [
  'views',
  'accounts_engaged',
  'total_interactions',
  'profile_views',
  'website_clicks',
] as const;

/** Range totals that add up across the proxy's 30-day windows (not UNIQUE_COUNT_METRICS). */
export const SUMMABLE_TOTAL_METRICS = [
  'views',
  'total_interactions',
  'likes',
  'comments',
  'shares',
  'saves',
  'replies',
  'reposts',
  'profile_views',
  'website_clicks',
  'profile_links_taps',
  'follows_and_unfollows',
] as const;

export interface BreakdownSpec {
  key: string;
  metric: string;
  breakdown: 'media_product_type' | 'follow_type';
  /** What the breakdown splits by, for the card title ("Views by content type"). */
  by?: string;
  /** Header of the label column. */
  labelHeader: string;
  /** Counts unique accounts (UNIQUE_COUNT_METRICS): needs a range Instagram can total at once. */
  unique: boolean;
  labels?: Readonly<Record<string, string>>;
}

const BREAKDOWN_CARDS: readonly Omit<BreakdownSpec, 'unique'>[] = [
  {
    key: 'views-product',
    metric: 'views',
    breakdown: 'media_product_type',
    by: 'content type',
    labelHeader: 'Content type',
  },
  {
    key: 'views-follow',
    metric: 'views',
    breakdown: 'follow_type',
    by: 'follower status',
    labelHeader: 'Audience',
  },
  {
    key: 'interactions-product',
    metric: 'total_interactions',
    breakdown: 'media_product_type',
    by: 'content type',
    labelHeader: 'Content type',
  },
  {
    key: 'reach-follow',
    metric: 'reach',
    breakdown: 'follow_type',
    by: 'follower status',
    labelHeader: 'Audience',
  },
  {
    key: 'follows-follow',
    metric: 'follows_and_unfollows',
    breakdown: 'follow_type',
    labelHeader: 'Change',
    labels: { FOLLOWER: 'Follows', NON_FOLLOWER: 'Unfollows' },
  },
];

export const BREAKDOWNS: readonly BreakdownSpec[] = BREAKDOWN_CARDS.map((spec) => ({
  ...spec,
  unique: countsUniqueAccounts(spec.metric),
}));

const span = (range: DateRange) => ({ since: range.from, until: range.to });

/**
 * Why Instagram cannot total unique accounts over this range, or undefined when it can. The proxy
 * refuses totals that need more than one 30-day window (a window is cut by seconds, so 30 days
 * across the end of daylight saving time do not fit).
 */
export function uniqueTotalProblem(range: DateRange): string | undefined {
  if (splitIntoWindows(range.from, range.to).length <= 1) return undefined;
  const base = `Instagram counts unique accounts over at most ${MAX_WINDOW_DAYS} days; choose a shorter range.`;
  return rangeLength(range) === MAX_WINDOW_DAYS
    ? `${base} These ${MAX_WINDOW_DAYS} days include the end of daylight saving time, one hour too many.`
    : base;
}

/** Why daily curves of total_value metrics are not available for this range. */
export function dailyTotalsProblem(range: DateRange): string | undefined {
  if (rangeLength(range) <= MAX_SPLIT_DAYS) return undefined;
  return `Instagram gives these totals one day at a time, and daily curves cover at most ${MAX_SPLIT_DAYS} days; narrow the range.`;
}

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

export const reachSeriesParams = (range: DateRange): AccountInsightsParams => ({
  metric: 'reach',
  period: 'day',
  metric_type: 'time_series',
  ...span(range),
});

export const followerCountParams = (range: DateRange): AccountInsightsParams => ({
  metric: 'follower_count',
  period: 'day',
  metric_type: 'time_series',
  ...span(range),
});

export const dailyTotalsParams = (range: DateRange): AccountInsightsParams => ({
  metric: DAILY_TOTAL_METRICS.join(','),
  metric_type: 'total_value',
  split: 'day',
  ...span(range),
});

export const summableTotalsParams = (range: DateRange): AccountInsightsParams => ({
  metric: SUMMABLE_TOTAL_METRICS.join(','),
  metric_type: 'total_value',
  ...span(range),
});

export const uniqueTotalsParams = (range: DateRange): AccountInsightsParams => ({
  metric: UNIQUE_COUNT_METRICS.join(','),
  metric_type: 'total_value',
  ...span(range),
});

/**
 * Breakdowns by the same dimension share one request, so one Graph call per window answers several
 * cards; unique counts (reach) go alone, since they cannot be totalled over longer ranges.
 */
export const breakdownParams = (spec: BreakdownSpec, range: DateRange): AccountInsightsParams => ({
  metric: spec.unique
    ? spec.metric
    : BREAKDOWNS.filter((b) => b.breakdown === spec.breakdown && !b.unique)
        .map((b) => b.metric)
        .join(','),
  metric_type: 'total_value',
  breakdown: spec.breakdown,
  ...span(range),
});
