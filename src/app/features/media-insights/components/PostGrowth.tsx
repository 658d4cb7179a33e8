import { useMemo } from 'react';
import { findMediaMetric } from '../../../../graph/metric-catalogue';
import type { IsoDay } from '../../../../graph/pacific-days';
import { ErrorPanel, Skeleton } from '../../../components/StatusPanels';
import { TimeSeriesChart } from '../../../components/TimeSeriesChart';
import { Section } from '../../../components/ui';
import { formatDay } from '../../../lib/format';
import { useMediaHistory } from '../api/get-media-history';

/** The metrics whose growth is drawn, when the post has them. */
const GROWTH_METRICS = [
  { name: 'reach', colorClass: 'text-chart-1' },
  { name: 'views', colorClass: 'text-chart-3' },
  { name: 'total_interactions', colorClass: 'text-chart-5' },
] as const;

/**
 * How a post's lifetime numbers grew, from the server's daily (first 30 days) and weekly snapshots:
 * each point is the total as of that day.
 */
export function PostGrowth({ mediaId }: { mediaId: string }) {
  const history = useMediaHistory(mediaId);
  const answer = history.data?.data;
  const series = useMemo(() => {
    if (!answer?.kept) return [];
    return GROWTH_METRICS.flatMap(({ name, colorClass }) => {
      const stored = answer.data.find((m) => m.name === name);
      if (!stored?.values.length) return [];
      const values = new Map<IsoDay, number>(stored.values.map((v) => [v.day, v.value]));
      return [{ name, colorClass, values, days: [...values.keys()] }];
    });
  }, [answer]);

  if (history.isError)
    return (
      <Section headingId="growth-heading" title="How it grew">
        <ErrorPanel error={history.error} onRetry={() => void history.refetch()} />
      </Section>
    );
  if (history.isPending)
    return (
      <Section headingId="growth-heading" title="How it grew">
        <Skeleton className="h-56" label="Loading how the post grew" />
      </Section>
    );
  if (!answer?.kept) return null;
  const first = series[0]?.days[0];
  const enough = series.some((s) => s.days.length > 1);
  return (
    <Section headingId="growth-heading" title="How it grew">
      {!first ? (
        <p className="text-sm text-fg-muted">
          The dashboard keeps a post&apos;s numbers each day in its first 30 days and each week
          after, for a year; none are kept for this post yet.
        </p>
      ) : !enough ? (
        <p className="text-sm text-fg-muted">
          Kept since {formatDay(first)}: the chart appears once a second day&apos;s numbers are
          stored (daily in a post&apos;s first 30 days, weekly after).
        </p>
      ) : (
        <div className="grid gap-4 lg:grid-cols-3 print:grid-cols-3">
          {series.map((s) => {
            const title = findMediaMetric(s.name)?.title ?? s.name;
            return (
              <TimeSeriesChart
                key={s.name}
                title={`${title}, total as of each day`}
                description="Daily in the post's first 30 days, weekly after: the days the dashboard stored it."
                days={s.days}
                series={[{ key: s.name, label: title, colorClass: s.colorClass, values: s.values }]}
                allowDecimals={false}
                exportName={`${mediaId}-${s.name}-growth`}
              />
            );
          })}
        </div>
      )}
    </Section>
  );
}
