import { useQueries } from '@tanstack/react-query';
import { MAX_SPLIT_DAYS } from '../../../../graph/date-windows';
import type { IsoDay } from '../../../../graph/pacific-days';
import { accountInsightsQueryOptions, useAccountInsights } from '../../../api/get-account-insights';
import {
  dailyTotalsParams,
  dailyTotalsProblem,
  reachSeriesParams,
  summableTotalsParams,
  uniqueTotalProblem,
  uniqueTotalsParams,
} from '../../../lib/account-insights-requests';
import type { ComparisonPlan } from '../../../lib/comparison-range';
import { type DateRange, rangeLength } from '../../../lib/date-range';
import type { AccountHistory } from '../api/get-account-history';
import { useStoredFollowerCount } from '../api/get-stored-follower-count';
import { BREAKDOWNS, type BreakdownSpec, breakdownParams } from './breakdown-requests';
import {
  comparedFollowerPlan,
  followerCountParams,
  followerCountPlan,
  storedFollowerRange,
} from './follower-count-plan';

export type InsightsQuery = ReturnType<typeof useAccountInsights>;

/**
 * Every request of the account page, each on its own so that each card loads and fails on its
 * own. Requests Instagram would refuse for the range are not sent; the `*Problem` fields say why.
 */
export function useAccountInsightsQueries(
  igUserId: string,
  range: DateRange,
  today: IsoDay,
  comparison: ComparisonPlan = { kind: 'off' },
  /** The server's history of the account; `loading` until it answers. */
  history?: AccountHistory | 'loading',
) {
  const uniqueProblem = uniqueTotalProblem(range, today);
  // A long range waits for the history's answer: it decides whether daily curves can be drawn.
  const waitForHistory = history === 'loading' && rangeLength(range) > MAX_SPLIT_DAYS;
  const dailyProblem =
    history === 'loading'
      ? undefined
      : dailyTotalsProblem(range, history?.kept ? history : undefined);
  const dailyWanted = !dailyProblem && !waitForHistory;
  const followers = followerCountPlan(range, today);
  const followerRange = followers.kind === 'request' ? followers.range : range;

  // The same requests for the comparison period, where there is one.
  const comparing = comparison.kind === 'compare';
  const compared = comparing ? comparison.range : range;
  const comparedFollowers = comparedFollowerPlan(followers, comparison, today);
  const comparedUniqueProblem = comparing ? uniqueTotalProblem(compared, today) : undefined;
  const reachCompared = useAccountInsights(igUserId, reachSeriesParams(compared), comparing);
  const followerCompared = useAccountInsights(
    igUserId,
    followerCountParams(comparedFollowers.kind === 'request' ? comparedFollowers.range : compared),
    comparedFollowers.kind === 'request',
  );
  const dailyCompared = useAccountInsights(
    igUserId,
    dailyTotalsParams(compared),
    comparing && dailyWanted,
  );
  const summableCompared = useAccountInsights(igUserId, summableTotalsParams(compared), comparing);
  const uniqueCompared = useAccountInsights(
    igUserId,
    uniqueTotalsParams(compared),
    comparing && !uniqueProblem && !comparedUniqueProblem,
  );

  const reachSeries = useAccountInsights(igUserId, reachSeriesParams(range));
  const followerSeries = useAccountInsights(
    igUserId,
    followerCountParams(followerRange),
    followers.kind === 'request',
  );
  const storedRange = storedFollowerRange(range, today);
  const storedFollowers = useStoredFollowerCount(
    igUserId,
    storedRange ? { since: storedRange.from, until: storedRange.to } : {},
    storedRange !== undefined,
  );
  const dailyTotals = useAccountInsights(igUserId, dailyTotalsParams(range), dailyWanted);
  const summableTotals = useAccountInsights(igUserId, summableTotalsParams(range));
  const uniqueTotals = useAccountInsights(igUserId, uniqueTotalsParams(range), !uniqueProblem);

  // One request per breakdown card; unique counts have no totals over more than 30 days.
  const breakdownQueries = useQueries({
    queries: BREAKDOWNS.map((spec) => ({
      ...accountInsightsQueryOptions(igUserId, breakdownParams(spec, range)),
      enabled: !(spec.unique && uniqueProblem),
    })),
  });
  const breakdowns: { spec: BreakdownSpec; query: InsightsQuery }[] = BREAKDOWNS.flatMap(
    (spec, i) => {
      const query = breakdownQueries[i];
      return query ? [{ spec, query }] : [];
    },
  );

  const all = [
    reachSeries,
    followerSeries,
    dailyTotals,
    summableTotals,
    uniqueTotals,
    ...breakdowns.map((b) => b.query),
    ...(comparing
      ? [reachCompared, followerCompared, dailyCompared, summableCompared, uniqueCompared]
      : []),
  ];
  return {
    compared: {
      reachSeries: reachCompared,
      followerSeries: followerCompared,
      followers: comparedFollowers,
      dailyTotals: dailyCompared,
      summableTotals: summableCompared,
      uniqueTotals: uniqueCompared,
      uniqueProblem: comparedUniqueProblem,
    },
    reachSeries,
    followerSeries,
    followers,
    /** Follower counts older than the API keeps, from the server's snapshots. */
    storedFollowers: storedRange ? storedFollowers : undefined,
    dailyTotals,
    dailyProblem,
    summableTotals,
    uniqueTotals,
    uniqueProblem,
    breakdowns,
    // Earlier answers are on screen while the new range loads.
    updating: all.some((q) => q.isPlaceholderData && q.isFetching),
  };
}
