/**
 * The account insights requests that both the account page and the compare page make: range totals
 * and daily curves, and why Instagram cannot give some of them for a range.
 */

import { HISTORY_TOTAL_METRICS } from '../../graph/account-history';
import { MAX_SPLIT_DAYS, MAX_WINDOW_DAYS, splitIntoWindows } from '../../graph/date-windows';
import { countsUniqueAccounts, UNIQUE_COUNT_METRICS } from '../../graph/metric-catalogue';
import { daysBetween, type IsoDay } from '../../graph/pacific-days';
import type { AccountInsightsParams } from '../api/get-account-insights';
import { type DateRange, oldestDay, oldestDayReason, rangeLength } from './date-range';

/** Metrics whose daily curves come from one `split=day` request. */
export const DAILY_TOTAL_METRICS = [
  'views',
  'accounts_engaged',
  'total_interactions',
  'profile_views',
  'website_clicks',
] as const;

/**
 * Range totals that add up across the proxy's 30-day windows: every metric the history keeps per
 * day but the unique counts (UNIQUE_COUNT_METRICS), in the order the totals grid shows them.
 */
export const SUMMABLE_TOTAL_METRICS = HISTORY_TOTAL_METRICS.filter(
  (metric) => !countsUniqueAccounts(metric),
);

/** The since/until parameters of a range. */
export const rangeParams = (range: DateRange) => ({ since: range.from, until: range.to });

/**
 * Why Instagram cannot total unique accounts over this range, or undefined when it can. The proxy
 * refuses totals that need more than one 30-day window (a window is cut by seconds, so 30 days
 * across the end of daylight saving time do not fit). Unique counts do not add up from the days
 * the dashboard stores: only Instagram gives them, for its two years.
 */
export function uniqueTotalProblem(range: DateRange, today: IsoDay): string | undefined {
  if (daysBetween(oldestDay(today), range.from) < 0)
    return `${oldestDayReason(today)}, and only Instagram counts unique accounts over a range: start on ${oldestDay(today)} or later for these totals.`;
  if (splitIntoWindows(range.from, range.to).length <= 1) return undefined;
  const base = `Instagram counts unique accounts over at most ${MAX_WINDOW_DAYS} days; choose a shorter range.`;
  return rangeLength(range) === MAX_WINDOW_DAYS
    ? `${base} These ${MAX_WINDOW_DAYS} days include the end of daylight saving time, one hour too many.`
    : base;
}

/**
 * Why daily curves of total_value metrics are not available for this range. Longer ranges come
 * from the server's own history once it holds every settled day (`state: 'done'`).
 */
export function dailyTotalsProblem(
  range: DateRange,
  history?: { state: string; stored_days: number; settled_days: number },
): string | undefined {
  if (rangeLength(range) <= MAX_SPLIT_DAYS) return undefined;
  if (history?.state === 'done') return undefined;
  const base = `Instagram gives these totals one day at a time, and daily curves cover at most ${MAX_SPLIT_DAYS} days; narrow the range`;
  return history
    ? `${base}, or come back once the dashboard has stored this account's history (${history.stored_days} of ${history.settled_days} days so far).`
    : `${base}.`;
}

export const reachSeriesParams = (range: DateRange): AccountInsightsParams => ({
  metric: 'reach',
  period: 'day',
  metric_type: 'time_series',
  ...rangeParams(range),
});

export const dailyTotalsParams = (range: DateRange): AccountInsightsParams => ({
  metric: DAILY_TOTAL_METRICS.join(','),
  metric_type: 'total_value',
  split: 'day',
  ...rangeParams(range),
});

export const summableTotalsParams = (range: DateRange): AccountInsightsParams => ({
  metric: SUMMABLE_TOTAL_METRICS.join(','),
  metric_type: 'total_value',
  ...rangeParams(range),
});

export const uniqueTotalsParams = (range: DateRange): AccountInsightsParams => ({
  metric: UNIQUE_COUNT_METRICS.join(','),
  metric_type: 'total_value',
  ...rangeParams(range),
});
