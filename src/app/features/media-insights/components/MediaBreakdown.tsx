import { useMediaInsights } from '../../../api/get-media-insights';
import { BreakdownTable } from '../../../components/BreakdownTable';
import { ErrorPanel, NotAvailable, Skeleton } from '../../../components/StatusPanels';
import { breakdownRows } from '../../../lib/breakdowns';
import { csvFileName } from '../../../lib/csv';
import { unavailableReason } from '../../../lib/media-metrics';

const DIMENSION_NAMES: Record<string, string> = {
  action_type: 'action',
  story_navigation_action_type: 'navigation action',
};

/** A media metric split by its breakdown, each part with its share of the total. Its own request. */
export function MediaBreakdown({
  mediaId,
  metric,
  breakdown,
  title,
  productType,
}: {
  mediaId: string;
  metric: string;
  breakdown: 'action_type' | 'story_navigation_action_type';
  title: string;
  productType?: string | undefined;
}) {
  const query = useMediaInsights(mediaId, { metric, breakdown });
  const dimension = DIMENSION_NAMES[breakdown] ?? breakdown;
  if (query.isPending) {
    return <Skeleton className="h-28 w-full" label={`Loading ${title} by ${dimension}`} />;
  }
  if (query.isError) {
    const reason = unavailableReason(query.error, productType);
    if (reason) return <NotAvailable reason={reason.title} />;
    return <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />;
  }
  const entry = query.data.data.data.find((d) => d.name === metric);
  const split = entry?.total_value?.breakdowns?.[0];
  if (!split) return <NotAvailable reason={`Instagram sent no breakdown by ${dimension}.`} />;
  const total = entry?.total_value?.value;
  const rows = breakdownRows(split, total);
  if (rows.length === 0) {
    return <p className="text-sm text-fg-muted">No {title.toLowerCase()} to break down yet.</p>;
  }
  return (
    <BreakdownTable
      caption={`${title} by ${dimension}`}
      rows={rows}
      labelHeader={dimension.charAt(0).toUpperCase() + dimension.slice(1)}
      {...(total !== undefined ? { total } : {})}
      exportFileName={csvFileName({
        accounts: [],
        what: `post-${mediaId}_${metric}-by-${breakdown}`,
      })}
    />
  );
}
