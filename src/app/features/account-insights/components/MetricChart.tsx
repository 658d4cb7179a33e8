import { findAccountMetric } from '../../../../graph/metric-catalogue';
import { dailyValues } from '../../../api/get-account-insights';
import { ErrorPanel, NotAvailable, Skeleton, StaleNote } from '../../../components/StatusPanels';
import { TimeSeriesChart } from '../../../components/TimeSeriesChart';
import { type DateRange, daysOf } from '../../../lib/date-range';
import { useLastSettled } from '../../../lib/use-last-settled';
import type { InsightsQuery } from '../lib/use-account-insights-queries';
import { ChartFrame } from './ChartFrame';

export const placeholderClass = 'opacity-70 transition-opacity';

/**
 * One metric's daily values as a chart named by the API's title. `unavailable` says why the
 * request was not sent; a 422 answer says why Instagram has no data.
 */
export function MetricChart({
  metric,
  query,
  range,
  colorClass,
  note,
  unavailable,
}: {
  metric: string;
  query: InsightsQuery;
  range: DateRange;
  colorClass: string;
  note?: string;
  unavailable?: string;
}) {
  const shown = useLastSettled(`${range.from}/${range.to}`, !query.isPlaceholderData);
  const catalogue = findAccountMetric(metric);
  const fallbackTitle = catalogue?.title ?? metric;

  if (unavailable) {
    return (
      <ChartFrame title={fallbackTitle}>
        <NotAvailable reason={unavailable} />
      </ChartFrame>
    );
  }
  if (query.isError) {
    return (
      <ChartFrame title={fallbackTitle}>
        <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />
      </ChartFrame>
    );
  }
  if (!query.data) {
    return (
      <ChartFrame title={fallbackTitle}>
        <Skeleton className="h-56" label={`Loading ${fallbackTitle}`} />
      </ChartFrame>
    );
  }

  const [from = range.from, to = range.to] = shown.split('/');
  const entry = query.data.data.data.find((e) => e.name === metric);
  const title = entry?.title ?? fallbackTitle;
  const values = dailyValues(query.data.data).get(metric) ?? new Map();
  const description = entry?.description ?? catalogue?.description;
  return (
    <TimeSeriesChart
      title={title}
      {...(description ? { description } : {})}
      days={daysOf({ from, to })}
      series={[{ key: metric, label: title, colorClass, values }]}
      allowDecimals={false}
      {...(note ? { note } : {})}
      {...(query.isPlaceholderData ? { className: placeholderClass } : {})}
    >
      <StaleNote stale={query.data.stale} fetchedAt={query.data.fetchedAt} />
    </TimeSeriesChart>
  );
}
