import { countsUniqueAccounts } from '../../../../graph/metric-catalogue';
import type { IsoDay } from '../../../../graph/pacific-days';
import { relativeChange } from '../../../lib/change';
import type { EngagementBase } from './compare-url-state';

/**
 * The metrics the compare page puts side by side, each with where its daily values come from:
 * reach from its time series (any range Instagram keeps), the others from one `split=day`
 * request (at most 120 days). `unique` metrics count accounts, so their totals do not add up
 * over days and Instagram gives them for at most 30 days.
 */
export const COMPARE_METRICS = (
  [
    { metric: 'reach', title: 'Accounts reached', source: 'reach' },
    { metric: 'views', title: 'Views', source: 'daily' },
    { metric: 'total_interactions', title: 'Content interactions', source: 'daily' },
    { metric: 'accounts_engaged', title: 'Accounts engaged', source: 'daily' },
  ] as const
).map((m) => ({ ...m, unique: countsUniqueAccounts(m.metric) }));

export type CompareMetric = (typeof COMPARE_METRICS)[number];

export interface MetricStat {
  total?: number;
  /** The mean per day: total ÷ days for counts that add up, else the mean of the daily values. */
  average?: number;
  /** The change against the comparison period, as a ratio (0.1 = +10 %). */
  change?: number;
  /** What the change compares: the totals, or (where there are no totals) the daily averages. */
  changeBasis?: 'total' | 'daily average';
}

function mean(values: ReadonlyMap<IsoDay, number> | undefined): number | undefined {
  if (!values || values.size === 0) return undefined;
  let sum = 0;
  for (const v of values.values()) sum += v;
  return sum / values.size;
}

function average(
  unique: boolean,
  days: number,
  total: number | undefined,
  daily: ReadonlyMap<IsoDay, number> | undefined,
): number | undefined {
  if (!unique && total !== undefined && days > 0) return total / days;
  return mean(daily);
}

/** Total, daily average and change of one metric of one account. */
export function metricStat(input: {
  unique: boolean;
  days: number;
  total?: number | undefined;
  comparedTotal?: number | undefined;
  daily?: ReadonlyMap<IsoDay, number> | undefined;
  comparedDaily?: ReadonlyMap<IsoDay, number> | undefined;
}): MetricStat {
  const avg = average(input.unique, input.days, input.total, input.daily);
  const comparedAvg = average(input.unique, input.days, input.comparedTotal, input.comparedDaily);
  const byTotal = relativeChange(input.total, input.comparedTotal);
  const byAverage = relativeChange(avg, comparedAvg);
  return {
    ...(input.total !== undefined ? { total: input.total } : {}),
    ...(avg !== undefined ? { average: avg } : {}),
    ...(byTotal !== undefined
      ? { change: byTotal, changeBasis: 'total' as const }
      : byAverage !== undefined
        ? { change: byAverage, changeBasis: 'daily average' as const }
        : {}),
  };
}

export type EngagementRate =
  | { value: number; reason?: undefined }
  | { value?: undefined; reason: string };

/**
 * Content interactions over the range divided by accounts reached over the range (`reach`), or by
 * the current follower count (`followers`); a ratio (0.05 = 5 %).
 */
export function engagementRate(input: {
  base: EngagementBase;
  interactions: number | undefined;
  reach: number | undefined;
  followers: number | undefined;
  /** Why there is no reach total, if there is none. */
  reachProblem?: string | undefined;
}): EngagementRate {
  if (input.interactions === undefined)
    return { reason: 'Instagram gave no content interactions for these days.' };
  const divisor = input.base === 'reach' ? input.reach : input.followers;
  if (divisor === undefined || !Number.isFinite(divisor)) {
    return {
      reason:
        input.base === 'reach'
          ? (input.reachProblem ?? 'Instagram gave no accounts reached total for these days.')
          : 'Instagram gave no follower count.',
    };
  }
  if (divisor <= 0)
    return {
      reason: `No rate: the account has 0 ${input.base === 'reach' ? 'accounts reached' : 'followers'}.`,
    };
  return { value: input.interactions / divisor };
}

const rate = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
/** An engagement rate for people: "3.25%". */
export const formatRate = (ratio: number) => rate.format(ratio);

const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
/** A daily average for people: one decimal at most. */
export const formatAverage = (value: number) => decimal.format(value);

/** A percentage for a CSV file, with two decimals: 0.03251 → 3.25. */
export const csvPercent = (ratio: number | undefined) =>
  ratio === undefined ? undefined : Math.round(ratio * 10_000) / 100;
