import { ErrorPanel, NotAvailable } from '../../../components/StatusPanels';
import { Card } from '../../../components/ui';
import { DAILY_TOTAL_METRICS } from '../../../lib/account-insights-requests';
import type { ComparisonPlan } from '../../../lib/comparison-range';
import type { DateRange } from '../../../lib/date-range';
import type { InsightsQuery } from '../lib/use-account-insights-queries';
import { chartComparison, MetricChart } from './MetricChart';

const COLORS: Record<(typeof DAILY_TOTAL_METRICS)[number], string> = {
  views: 'text-chart-3',
  accounts_engaged: 'text-chart-4',
  total_interactions: 'text-chart-5',
  profile_views: 'text-chart-2',
  website_clicks: 'text-chart-1',
};

/** Daily curves of metrics Instagram totals one day at a time; one request answers them all. */
export function DailyActivityCharts({
  query,
  range,
  problem,
  comparison = { kind: 'off' },
  comparedQuery,
}: {
  query: InsightsQuery;
  range: DateRange;
  problem: string | undefined;
  comparison?: ComparisonPlan;
  comparedQuery?: InsightsQuery;
}) {
  if (problem) {
    return (
      <Card flat>
        <NotAvailable reason={problem} />
      </Card>
    );
  }
  if (query.isError) {
    return <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />;
  }
  const compared = comparedQuery ? chartComparison(comparison, comparedQuery) : undefined;
  return (
    <div className="grid gap-4 lg:grid-cols-2 print:grid-cols-2">
      {DAILY_TOTAL_METRICS.map((metric) => (
        <MetricChart
          key={metric}
          metric={metric}
          query={query}
          range={range}
          colorClass={COLORS[metric]}
          comparison={compared}
        />
      ))}
    </div>
  );
}
