import { useMemo } from 'react';
import { useParams } from 'react-router';
import { useAccount } from '../../../api/get-account';
import { dailyValues } from '../../../api/get-account-insights';
import { accountUnavailable } from '../../../components/AccountNotFound';
import { ExportScope } from '../../../components/ExportCsvButton';
import { PeriodControls } from '../../../components/PeriodControls';
import { UrlNotices } from '../../../components/StatusPanels';
import { Section } from '../../../components/ui';
import { type DateRange, rangeLength } from '../../../lib/date-range';
import { parsePeriodState, writePeriodState } from '../../../lib/url-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { usePeriodState } from '../../../lib/use-period-state';
import { useAccountHistory } from '../api/get-account-history';
import { AccountHeader } from '../components/AccountHeader';
import { BreakdownCard } from '../components/BreakdownCard';
import { DailyActivityCharts } from '../components/DailyActivityCharts';
import { HistoryNote } from '../components/HistoryNote';
import { chartComparison, MetricChart } from '../components/MetricChart';
import { TotalsGrid } from '../components/TotalsGrid';
import { useAccountInsightsQueries } from '../lib/use-account-insights-queries';

function AccountInsights({ igUserId }: { igUserId: string }) {
  const historyQuery = useAccountHistory(igUserId);
  const history = historyQuery.data?.data;
  // Ranges and comparisons may reach as far back as the server's history holds the account.
  const storedOldest = history?.kept ? history.oldest_day : undefined;
  const {
    today,
    state: period,
    setState: setPeriod,
    notices,
    range,
    comparison,
  } = usePeriodState(parsePeriodState, writePeriodState, storedOldest);
  const account = useAccount(igUserId);
  const q = useAccountInsightsQueries(
    igUserId,
    range,
    today,
    comparison,
    historyQuery.isPending ? 'loading' : history,
  );
  const username = account.data?.data.username;
  usePageTitle(username ? `@${username}` : 'Account insights');
  const exportScope = useMemo(() => ({ accounts: [username ?? igUserId] }), [username, igUserId]);

  // An account this server does not show: every request would fail the same way.
  // An account this server does not show, or whose connection needs reconnecting: the header
  // says so once, instead of every card failing on its own.
  const unknown = accountUnavailable(account.error);
  const days = rangeLength(range);

  return (
    <ExportScope.Provider value={exportScope}>
      <div className="space-y-8 print:space-y-5">
        <AccountHeader igUserId={igUserId} account={account} />
        {unknown ? null : (
          <>
            <div className="space-y-2">
              <UrlNotices notices={notices} />
              <PeriodControls
                period={period}
                range={range}
                comparison={comparison}
                today={today}
                onChange={setPeriod}
                updating={q.updating}
                storedOldest={storedOldest}
              />
              <HistoryNote history={history} />
            </div>

            <Section
              headingId="totals-heading"
              title={`Totals over ${days} ${days === 1 ? 'day' : 'days'}`}
            >
              <TotalsGrid
                summable={q.summableTotals}
                unique={q.uniqueTotals}
                uniqueProblem={q.uniqueProblem}
                comparison={comparison}
                compared={q.compared}
              />
            </Section>

            <Section headingId="audience-heading" title="Reach and followers, day by day">
              <div className="grid gap-4 lg:grid-cols-2 print:grid-cols-2">
                <MetricChart
                  metric="reach"
                  query={q.reachSeries}
                  range={range}
                  colorClass="text-chart-1"
                  comparison={chartComparison(comparison, q.compared.reachSeries)}
                />
                <MetricChart
                  metric="follower_count"
                  query={q.followerSeries}
                  range={
                    q.storedFollowers || q.followers.kind !== 'request' ? range : q.followers.range
                  }
                  colorClass="text-chart-2"
                  {...followerHistory(q, range)}
                  {...(q.followers.kind === 'unavailable'
                    ? { unavailable: q.followers.reason }
                    : {})}
                  comparison={chartComparison(
                    comparison,
                    q.compared.followerSeries,
                    q.compared.followers.kind === 'unavailable'
                      ? q.compared.followers.reason
                      : undefined,
                  )}
                />
              </div>
            </Section>

            <Section headingId="activity-heading" title="Activity, day by day">
              <DailyActivityCharts
                query={q.dailyTotals}
                range={range}
                problem={q.dailyProblem}
                comparison={comparison}
                comparedQuery={q.compared.dailyTotals}
              />
            </Section>

            <Section headingId="breakdowns-heading" title="Breakdowns">
              <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-3 print:grid-cols-3">
                {q.breakdowns.map(({ spec, query }) => (
                  <BreakdownCard
                    key={spec.key}
                    spec={spec}
                    query={query}
                    range={range}
                    unavailable={spec.unique ? q.uniqueProblem : undefined}
                  />
                ))}
              </div>
            </Section>
          </>
        )}
      </div>
    </ExportScope.Provider>
  );
}

export function AccountInsightsPage() {
  const { igUserId = '' } = useParams();
  // A fresh page per account: the previous account's charts must not stand in while loading.
  return <AccountInsights key={igUserId} igUserId={igUserId} />;
}

/**
 * Days older than the API's 30 days of follower counts come from the server's daily snapshots;
 * the chart marks where they begin and says so.
 */
function followerHistory(q: ReturnType<typeof useAccountInsightsQueries>, range: DateRange) {
  const apiNote = q.followers.kind === 'request' ? q.followers.note : undefined;
  if (!q.storedFollowers) return apiNote ? { note: apiNote } : {};
  const stored = q.storedFollowers.data?.data;
  const olderValues = dailyValues(stored).get('follower_count');
  const since = stored?.stored_since ?? undefined;
  const apiFrom = q.followers.kind === 'request' ? q.followers.range.from : undefined;
  const note = `Instagram keeps daily follower counts for 30 days${apiFrom ? `; days before ${apiFrom}` : ''} come from the snapshots this server takes every day, ${since ? `stored since ${since}` : 'none stored yet for these days'}.`;
  return {
    note,
    ...(olderValues ? { olderValues } : {}),
    ...(since && since >= range.from && since <= range.to
      ? { marker: { day: since, label: 'Stored history begins' } }
      : {}),
  };
}
