import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Breakdown, InsightsResponse } from '../../graph/graph-types';
import type { MetricType, Timeframe } from '../../graph/metric-catalogue';
import { daysBetween, type IsoDay } from '../../graph/pacific-days';
import { apiGet } from '../lib/api-client';
import { pacificToday } from '../lib/date-range';
import { dayOfValue } from '../lib/format';

/** One account insights request, as `/api/{id}/insights` takes it (days are US Pacific, inclusive). */
export interface AccountInsightsParams {
  metric: string;
  metric_type?: MetricType;
  period?: string;
  breakdown?: string;
  timeframe?: Timeframe;
  since?: IsoDay;
  until?: IsoDay;
  /** `day`: total_value metrics one day at a time, as a daily series. */
  split?: 'day';
}

export const getAccountInsights = (
  accountId: string,
  params: AccountInsightsParams,
  signal?: AbortSignal,
) => apiGet<InsightsResponse>(`${accountId}/insights`, { ...params }, signal);

/** Closed past ranges do not change: no refetch while the page is open. */
function staleTimeFor(params: AccountInsightsParams): number {
  if (!params.until) return 5 * 60_000;
  const today = pacificToday();
  return daysBetween(params.until, today) > 2 ? Number.POSITIVE_INFINITY : 5 * 60_000;
}

export const accountInsightsQueryOptions = (accountId: string, params: AccountInsightsParams) =>
  queryOptions({
    queryKey: ['account-insights', accountId, params] as const,
    queryFn: ({ signal }) => getAccountInsights(accountId, params, signal),
    staleTime: staleTimeFor(params),
    // The previous chart stays on screen while a new range loads.
    placeholderData: keepPreviousData,
  });

export const useAccountInsights = (
  accountId: string,
  params: AccountInsightsParams,
  enabled = true,
) => useQuery({ ...accountInsightsQueryOptions(accountId, params), enabled });

const dailyValuesCache = new WeakMap<InsightsResponse, Map<string, ReadonlyMap<IsoDay, number>>>();

/**
 * Daily values of each metric, keyed by the Pacific day each value covers. Worked out once per
 * answer: every chart and table of a page reads the same answers.
 */
export function dailyValues(
  response: InsightsResponse | undefined,
): ReadonlyMap<string, ReadonlyMap<IsoDay, number>> {
  if (!response) return new Map();
  const cached = dailyValuesCache.get(response);
  if (cached) return cached;
  const out = new Map<string, ReadonlyMap<IsoDay, number>>();
  for (const entry of response.data ?? []) {
    const byDay = new Map<IsoDay, number>();
    for (const v of entry.values ?? []) {
      if (v.end_time && typeof v.value === 'number') byDay.set(dayOfValue(v.end_time), v.value);
    }
    out.set(entry.name, byDay);
  }
  dailyValuesCache.set(response, out);
  return out;
}

export interface MetricTotal {
  title: string;
  description: string;
  value?: number;
  breakdowns?: Breakdown[];
}

/** total_value answers by metric name. */
export function totals(response: InsightsResponse | undefined): Map<string, MetricTotal> {
  const out = new Map<string, MetricTotal>();
  for (const entry of response?.data ?? []) {
    out.set(entry.name, {
      title: entry.title,
      description: entry.description,
      ...(entry.total_value?.value !== undefined ? { value: entry.total_value.value } : {}),
      ...(entry.total_value?.breakdowns ? { breakdowns: entry.total_value.breakdowns } : {}),
    });
  }
  return out;
}
