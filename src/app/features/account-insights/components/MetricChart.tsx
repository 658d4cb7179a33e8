import { useMemo } from 'react';
import { findAccountMetric } from '../../../../graph/metric-catalogue';
import type { IsoDay } from '../../../../graph/pacific-days';
import { dailyValues } from '../../../api/get-account-insights';
import { ChartFrame } from '../../../components/ChartFrame';
import {
  ErrorPanel,
  MissingDaysNote,
  NotAvailable,
  Skeleton,
  StaleNote,
} from '../../../components/StatusPanels';
import {
  type ChartComparison,
  type ChartSeries,
  TimeSeriesChart,
} from '../../../components/TimeSeriesChart';
import { type ComparisonPlan, comparedDay } from '../../../lib/comparison-range';
import { type DateRange, daysOf } from '../../../lib/date-range';
import { useLastSettled } from '../../../lib/use-last-settled';
import type { InsightsQuery } from '../lib/use-account-insights-queries';

export const placeholderClass = 'opacity-70 transition-opacity';

/** The comparison drawn in a chart: its query, or why there is none. */
export type ChartComparisonInput =
  | { kind: 'compare'; plan: Extract<ComparisonPlan, { kind: 'compare' }>; query: InsightsQuery }
  | { kind: 'unavailable'; reason: string };

/** The comparison input of a chart, from the page's plan and the comparison query. */
export function chartComparison(
  plan: ComparisonPlan,
  query: InsightsQuery,
  unavailable?: string,
): ChartComparisonInput | undefined {
  if (plan.kind === 'off') return undefined;
  if (plan.kind === 'unavailable') return { kind: 'unavailable', reason: plan.reason };
  if (unavailable) return { kind: 'unavailable', reason: unavailable };
  return { kind: 'compare', plan, query };
}

/**
 * One metric's daily values as a chart named by the API's title. `unavailable` says why the
 * request was not sent; a 422 answer says why Instagram has no data. With a comparison the
 * comparison period is drawn dashed over the same days.
 */
export function MetricChart({
  metric,
  query,
  range,
  colorClass,
  note,
  unavailable,
  comparison,
  olderValues,
  marker,
}: {
  metric: string;
  query: InsightsQuery;
  range: DateRange;
  colorClass: string;
  note?: string;
  unavailable?: string;
  comparison?: ChartComparisonInput | undefined;
  /** Values for days the API no longer has (from the server's store); the API's win. */
  olderValues?: ReadonlyMap<IsoDay, number> | undefined;
  marker?: { day: IsoDay; label: string } | undefined;
}) {
  const shown = useLastSettled(`${range.from}/${range.to}`, !query.isPlaceholderData);
  const catalogue = findAccountMetric(metric);
  const fallbackTitle = catalogue?.title ?? metric;
  const data = query.data?.data;
  const entry = data?.data.find((e) => e.name === metric);
  const title = entry?.title ?? fallbackTitle;
  const compare = comparison?.kind === 'compare' ? comparison : undefined;
  // Drawn only once it answers for this comparison period, never an earlier one's values.
  const comparedData =
    compare && !compare.query.isPlaceholderData ? compare.query.data?.data : undefined;
  const shift = compare?.plan.shift;
  const comparisonName = compare?.plan.name;

  const days = useMemo(() => {
    const [from = range.from, to = range.to] = shown.split('/');
    return daysOf({ from, to });
  }, [shown, range.from, range.to]);
  const chartComparison = useMemo<ChartComparison | undefined>(
    () =>
      shift !== undefined && comparisonName
        ? { label: comparisonName, dayFor: (day) => comparedDay(day, shift) }
        : undefined,
    [shift, comparisonName],
  );
  const series = useMemo<ChartSeries[]>(() => {
    const fromApi = dailyValues(data).get(metric) ?? new Map<IsoDay, number>();
    const own: ChartSeries = {
      key: metric,
      label: title,
      colorClass,
      values: olderValues?.size ? new Map([...olderValues, ...fromApi]) : fromApi,
    };
    if (!comparedData || !comparisonName) return [own];
    return [
      own,
      {
        key: `${metric}:compared`,
        label: `${title}, ${comparisonName}`,
        colorClass,
        values: dailyValues(comparedData).get(metric) ?? new Map(),
        comparison: true,
      },
    ];
  }, [metric, title, colorClass, data, comparedData, comparisonName, olderValues]);

  const hasOlder = (olderValues?.size ?? 0) > 0;
  // A metric Instagram no longer provides: this chart says so, the others draw theirs.
  const missing = data?.missing_metrics?.find((m) => m.name === metric);
  if (missing && !hasOlder) {
    return (
      <ChartFrame title={fallbackTitle}>
        <NotAvailable reason={missing.message} />
      </ChartFrame>
    );
  }
  if (unavailable && !hasOlder) {
    return (
      <ChartFrame title={fallbackTitle}>
        <NotAvailable reason={unavailable} />
      </ChartFrame>
    );
  }
  if (query.isError && !hasOlder) {
    return (
      <ChartFrame title={fallbackTitle}>
        <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />
      </ChartFrame>
    );
  }
  if (!query.data && !unavailable && !query.isError) {
    return (
      <ChartFrame title={fallbackTitle}>
        <Skeleton className="h-56" label={`Loading ${fallbackTitle}`} />
      </ChartFrame>
    );
  }

  const description = entry?.description ?? catalogue?.description;
  return (
    <TimeSeriesChart
      title={title}
      {...(description ? { description } : {})}
      days={days}
      series={series}
      allowDecimals={false}
      exportName={metric}
      {...(chartComparison && comparedData ? { comparison: chartComparison } : {})}
      {...(note ? { note } : {})}
      {...(marker ? { marker } : {})}
      {...(query.isPlaceholderData ? { className: placeholderClass } : {})}
    >
      {comparison?.kind === 'unavailable' ? (
        <p className="text-xs text-fg-muted">
          <span className="font-semibold text-fg">Comparison not available</span>:{' '}
          {comparison.reason}
        </p>
      ) : compare?.query.isError ? (
        <ErrorPanel error={compare.query.error} onRetry={() => void compare.query.refetch()} />
      ) : null}
      {query.isError ? (
        <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />
      ) : null}
      {query.data ? <StaleNote stale={query.data.stale} fetchedAt={query.data.fetchedAt} /> : null}
      <MissingDaysNote missing={data?.missing_days} />
    </TimeSeriesChart>
  );
}
