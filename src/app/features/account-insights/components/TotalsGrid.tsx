import { findAccountMetric, UNIQUE_COUNT_METRICS } from '../../../../graph/metric-catalogue';
import { totals } from '../../../api/get-account-insights';
import { StatCard } from '../../../components/StatCard';
import { ErrorPanel, NotAvailable, StaleNote } from '../../../components/StatusPanels';
import { SUMMABLE_TOTAL_METRICS } from '../../../lib/account-insights-requests';
import { relativeChange } from '../../../lib/change';
import type { ComparisonPlan } from '../../../lib/comparison-range';
import { formatInteger } from '../../../lib/format';
import type { InsightsQuery } from '../lib/use-account-insights-queries';
import { placeholderClass } from './MetricChart';

/** What a card compares with: the comparison's totals, or why there are none. */
interface CardComparison {
  plan: ComparisonPlan;
  query: InsightsQuery;
  unavailable?: string | undefined;
}

/** The range total of one metric, named by the API's title, with its change where compared. */
function TotalCard({
  metric,
  query,
  unavailable,
  showError,
  comparison,
}: {
  metric: string;
  query: InsightsQuery;
  unavailable?: string | undefined;
  showError: boolean;
  comparison: CardComparison;
}) {
  const catalogue = findAccountMetric(metric);
  const entry = query.data ? totals(query.data.data).get(metric) : undefined;
  const title = (!unavailable && entry?.title) || catalogue?.title || metric;
  const description = (!unavailable && entry?.description) || catalogue?.description;
  const common = {
    title,
    ...(description ? { description } : {}),
    ...(catalogue?.lowerIsBetter ? { lowerIsBetter: true } : {}),
  };

  if (unavailable) {
    return (
      <StatCard {...common}>
        <NotAvailable reason={unavailable} />
      </StatCard>
    );
  }
  const missing = query.data?.data.missing_metrics?.find((m) => m.name === metric);
  if (missing) {
    return (
      <StatCard {...common}>
        <NotAvailable reason={missing.message} />
      </StatCard>
    );
  }
  if (query.isError) {
    return showError ? (
      <StatCard {...common} error={query.error} onRetry={() => void query.refetch()} />
    ) : null;
  }
  if (!query.data) return <StatCard {...common} loading />;

  const { plan } = comparison;
  const comparedData =
    plan.kind === 'compare' && !comparison.unavailable && !comparison.query.isPlaceholderData
      ? comparison.query.data?.data
      : undefined;
  const comparedValue = comparedData ? totals(comparedData).get(metric)?.value : undefined;
  const change = relativeChange(entry?.value, comparedValue);
  let comparisonNote: string | undefined;
  if (plan.kind === 'unavailable')
    comparisonNote = undefined; // said once, by the control
  else if (plan.kind === 'compare' && comparison.unavailable)
    comparisonNote = `No comparison: ${comparison.unavailable}`;
  else if (plan.kind === 'compare' && comparison.query.isError)
    comparisonNote = 'No comparison: the comparison period did not load.';
  else if (plan.kind === 'compare' && comparedData && change === undefined)
    comparisonNote =
      comparedValue === 0
        ? `No change in %: the ${plan.name} had 0.`
        : `No comparison: Instagram gave no value for the ${plan.name}.`;

  return (
    <StatCard
      {...common}
      {...(entry?.value !== undefined ? { value: formatInteger(entry.value) } : {})}
      {...(change !== undefined && plan.kind === 'compare'
        ? { change, against: `vs ${plan.name}` }
        : {})}
      {...(query.isPlaceholderData ? { className: placeholderClass } : {})}
    >
      {entry?.value === undefined ? (
        <NotAvailable reason="Instagram gave no value for these days." />
      ) : null}
      {comparisonNote ? <p className="text-xs text-fg-muted">{comparisonNote}</p> : null}
      <StaleNote stale={query.data.stale} fetchedAt={query.data.fetchedAt} />
    </StatCard>
  );
}

/**
 * Range totals. Unique-account counts come from their own request (and only for ranges Instagram
 * can total at once); the others share one request, so they fail together with one message.
 */
export function TotalsGrid({
  summable,
  unique,
  uniqueProblem,
  comparison = { kind: 'off' },
  compared,
}: {
  summable: InsightsQuery;
  unique: InsightsQuery;
  uniqueProblem: string | undefined;
  comparison?: ComparisonPlan;
  compared?: {
    summableTotals: InsightsQuery;
    uniqueTotals: InsightsQuery;
    uniqueProblem: string | undefined;
  };
}) {
  return (
    <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4 print:grid-cols-4">
      {UNIQUE_COUNT_METRICS.map((metric) => (
        <TotalCard
          key={metric}
          metric={metric}
          query={unique}
          unavailable={uniqueProblem}
          showError
          comparison={{
            plan: comparison,
            query: compared?.uniqueTotals ?? unique,
            unavailable: compared?.uniqueProblem,
          }}
        />
      ))}
      {summable.isError ? (
        <div className="col-span-full">
          <ErrorPanel error={summable.error} onRetry={() => void summable.refetch()} />
        </div>
      ) : (
        SUMMABLE_TOTAL_METRICS.map((metric) => (
          <TotalCard
            key={metric}
            metric={metric}
            query={summable}
            showError={false}
            comparison={{ plan: comparison, query: compared?.summableTotals ?? summable }}
          />
        ))
      )}
    </div>
  );
}
