import type { Breakdown, InsightsResponse } from '../../../../graph/graph-types';
import type { AccountInsightsParams } from '../../../api/get-account-insights';
import { type BreakdownRow, breakdownRows } from '../../../lib/breakdowns';
import type { AudienceTimeframe } from './audience-url-state';

export const DEMOGRAPHIC_AUDIENCES = [
  { metric: 'follower_demographics', title: 'Followers', noun: 'followers' },
  {
    metric: 'engaged_audience_demographics',
    title: 'Engaged audience',
    noun: 'engaged accounts',
  },
] as const;
export type DemographicMetric = (typeof DEMOGRAPHIC_AUDIENCES)[number]['metric'];

export const DEMOGRAPHIC_BREAKDOWNS = [
  { breakdown: 'age', by: 'age', labelHeader: 'Age' },
  { breakdown: 'gender', by: 'gender', labelHeader: 'Gender' },
  { breakdown: 'country', by: 'country', labelHeader: 'Country' },
  { breakdown: 'city', by: 'city', labelHeader: 'City' },
] as const;
export type DemographicBreakdown = (typeof DEMOGRAPHIC_BREAKDOWNS)[number]['breakdown'];

/** Instagram lists at most this many countries or cities. */
export const TOP_LIST_LIMIT = 45;

export const TIMEFRAME_LABELS: Readonly<Record<AudienceTimeframe, string>> = {
  'this-week': 'This week',
  'this-month': 'This month',
};

/** The `/api/{id}/insights` request of one demographic breakdown. */
export function demographicParams(
  metric: DemographicMetric,
  breakdown: DemographicBreakdown,
  timeframe: AudienceTimeframe,
): AccountInsightsParams {
  return {
    metric,
    metric_type: 'total_value',
    period: 'lifetime',
    timeframe: timeframe === 'this-week' ? 'this_week' : 'this_month',
    breakdown,
  };
}

/** The one breakdown of a demographics answer. */
export function demographicBreakdown(
  response: InsightsResponse | undefined,
): Breakdown | undefined {
  return response?.data[0]?.total_value?.breakdowns?.[0];
}

/** The accounts a breakdown counts: the sum of its results. */
const breakdownSum = (breakdown: Breakdown | undefined): number =>
  (breakdown?.results ?? []).reduce((sum, r) => sum + r.value, 0);

const GENDER_LABELS: Readonly<Record<string, string>> = {
  F: 'Women',
  M: 'Men',
  U: 'Not specified',
};

let regionNames: Intl.DisplayNames | undefined;
/** "United States" for US; the code itself where the browser has no name for it. */
export function countryName(code: string): string {
  try {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
    const name = regionNames.of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}

/** "13-17" → 13, "65+" → 65: the age ranges in their natural order. */
const ageStart = (key: string) => Number.parseInt(key, 10);

/**
 * The total shares are taken of. Age and gender list everyone, so it is their own sum. Instagram
 * lists only its top 45 countries and cities: their total is everyone in the gender breakdown
 * (which lists everyone) when that is larger, so that a share is of the whole audience.
 */
export function demographicTotal(
  breakdown: DemographicBreakdown,
  own: Breakdown | undefined,
  gender: Breakdown | undefined,
): number {
  const sum = breakdownSum(own);
  if (breakdown === 'age' || breakdown === 'gender') return sum;
  return Math.max(sum, breakdownSum(gender));
}

/** One breakdown as rows: ages in order, the rest largest first; with readable labels. */
export function demographicRows(
  breakdown: DemographicBreakdown,
  results: Breakdown | undefined,
  total: number,
): BreakdownRow[] {
  const rows = breakdownRows(results, total > 0 ? total : undefined);
  if (breakdown === 'age')
    return [...rows].sort(
      (a, b) => ageStart(a.key) - ageStart(b.key) || a.key.localeCompare(b.key),
    );
  if (breakdown === 'gender')
    return rows.map((r) => ({ ...r, label: GENDER_LABELS[r.key] ?? r.label }));
  if (breakdown === 'country') return rows.map((r) => ({ ...r, label: countryName(r.key) }));
  return rows;
}
