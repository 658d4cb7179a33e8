import { type UseQueryResult, useQueries } from '@tanstack/react-query';
import { useRef } from 'react';
import type { InsightsResponse } from '../../../../graph/graph-types';
import type { IsoDay } from '../../../../graph/pacific-days';
import {
  type AccountInsightsParams,
  accountInsightsQueryOptions,
} from '../../../api/get-account-insights';
import {
  dailyTotalsParams,
  dailyTotalsProblem,
  reachSeriesParams,
  summableTotalsParams,
  uniqueTotalProblem,
  uniqueTotalsParams,
} from '../../../lib/account-insights-requests';
import type { ApiAnswer } from '../../../lib/api-client';
import type { ComparisonPlan } from '../../../lib/comparison-range';
import type { DateRange } from '../../../lib/date-range';

type Result = UseQueryResult<ApiAnswer<InsightsResponse>>;

/** One kind of request for every compared account, in the accounts' order. */
export interface AccountsAnswers {
  results: Result[];
  /** The answers (undefined while loading or failed); the same array while they do not change. */
  data: (InsightsResponse | undefined)[];
  /** Whether each answer belongs to an earlier range (shown while the new one loads). */
  placeholder: boolean[];
}

const combine = (results: Result[]) => ({
  results,
  data: results.map((r) => r.data?.data),
  placeholder: results.map((r) => r.isPlaceholderData),
});

/** The previous array while the items are the same, so that memoised charts are not redrawn. */
function useStableArray<T>(items: T[]): T[] {
  const last = useRef(items);
  const same =
    last.current.length === items.length && last.current.every((item, i) => item === items[i]);
  if (!same) last.current = items;
  return last.current;
}

function useAccountsQueries(
  ids: readonly string[],
  params: AccountInsightsParams,
  enabled: boolean,
): AccountsAnswers {
  const combined = useQueries({
    queries: ids.map((id) => ({ ...accountInsightsQueryOptions(id, params), enabled })),
    combine,
  });
  return {
    results: combined.results,
    data: useStableArray(combined.data),
    placeholder: useStableArray(combined.placeholder),
  };
}

/**
 * Every request of the compare page: per account, daily reach (any range, through the proxy's
 * 30-day windows), the daily curves of one `split=day` request (up to 120 days), and the range
 * totals, each also for the comparison period. Never one request per day: five accounts over two
 * years are 5 × 25 upstream windows for reach, and the proxy caches closed days.
 */
export function useCompareQueries(
  ids: readonly string[],
  range: DateRange,
  /** The period the table compares with (the previous period when comparison is off). */
  compared: ComparisonPlan,
  today: IsoDay,
) {
  const dailyProblem = dailyTotalsProblem(range);
  const uniqueProblem = uniqueTotalProblem(range, today);
  const comparing = compared.kind === 'compare';
  const other = comparing ? compared.range : range;
  const comparedUniqueProblem = comparing ? uniqueTotalProblem(other, today) : undefined;

  const reach = useAccountsQueries(ids, reachSeriesParams(range), true);
  const daily = useAccountsQueries(ids, dailyTotalsParams(range), !dailyProblem);
  const sums = useAccountsQueries(ids, summableTotalsParams(range), true);
  const unique = useAccountsQueries(ids, uniqueTotalsParams(range), !uniqueProblem);
  const reachCompared = useAccountsQueries(ids, reachSeriesParams(other), comparing);
  const dailyCompared = useAccountsQueries(
    ids,
    dailyTotalsParams(other),
    comparing && !dailyProblem,
  );
  const sumsCompared = useAccountsQueries(ids, summableTotalsParams(other), comparing);
  const uniqueCompared = useAccountsQueries(
    ids,
    uniqueTotalsParams(other),
    comparing && !uniqueProblem && !comparedUniqueProblem,
  );

  const current = [reach, daily, sums, unique];
  const previous = [reachCompared, dailyCompared, sumsCompared, uniqueCompared];
  const all = comparing ? [...current, ...previous] : current;
  return {
    reach,
    daily,
    sums,
    unique,
    compared: {
      reach: reachCompared,
      daily: dailyCompared,
      sums: sumsCompared,
      unique: uniqueCompared,
      uniqueProblem: comparedUniqueProblem,
    },
    dailyProblem,
    uniqueProblem,
    updating: all.some((a) => a.results.some((r) => r.isPlaceholderData && r.isFetching)),
  };
}

export type CompareQueries = ReturnType<typeof useCompareQueries>;
