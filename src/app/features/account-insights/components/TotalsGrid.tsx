import { findAccountMetric } from '../../../../graph/metric-catalogue';
import { totals } from '../../../api/get-account-insights';
import { StatCard } from '../../../components/StatCard';
import { ErrorPanel, NotAvailable, StaleNote } from '../../../components/StatusPanels';
import { formatInteger } from '../../../lib/format';
import { SUMMABLE_TOTAL_METRICS, UNIQUE_TOTAL_METRICS } from '../lib/requests';
import type { InsightsQuery } from '../lib/use-account-insights-queries';
import { placeholderClass } from './MetricChart';

/** The range total of one metric, named by the API's title. */
function TotalCard({
  metric,
  query,
  unavailable,
  showError,
}: {
  metric: string;
  query: InsightsQuery;
  unavailable?: string | undefined;
  showError: boolean;
}) {
  const catalogue = findAccountMetric(metric);
  const entry = query.data ? totals(query.data.data).get(metric) : undefined;
  const title = (!unavailable && entry?.title) || catalogue?.title || metric;
  const description = (!unavailable && entry?.description) || catalogue?.description;
  const common = { title, ...(description ? { description } : {}) };

  if (unavailable) {
    return (
      <StatCard {...common}>
        <NotAvailable reason={unavailable} />
      </StatCard>
    );
  }
  if (query.isError) {
    return showError ? (
      <StatCard {...common} error={query.error} onRetry={() => void query.refetch()} />
    ) : null;
  }
  if (!query.data) return <StatCard {...common} loading />;
  return (
    <StatCard
      {...common}
      {...(entry?.value !== undefined ? { value: formatInteger(entry.value) } : {})}
      {...(query.isPlaceholderData ? { className: placeholderClass } : {})}
    >
      {entry?.value === undefined ? (
        <NotAvailable reason="Instagram gave no value for these days." />
      ) : null}
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
}: {
  summable: InsightsQuery;
  unique: InsightsQuery;
  uniqueProblem: string | undefined;
}) {
  return (
    <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
      {UNIQUE_TOTAL_METRICS.map((metric) => (
        <TotalCard
          key={metric}
          metric={metric}
          query={unique}
          unavailable={uniqueProblem}
          showError
        />
      ))}
      {summable.isError ? (
        <div className="col-span-full">
          <ErrorPanel error={summable.error} onRetry={() => void summable.refetch()} />
        </div>
      ) : (
        SUMMABLE_TOTAL_METRICS.map((metric) => (
          <TotalCard key={metric} metric={metric} query={summable} showError={false} />
        ))
      )}
    </div>
  );
}
