import { useMediaInsights } from '../../../api/get-media-insights';
import { ErrorPanel, NotAvailable, Skeleton } from '../../../components/StatusPanels';
import { formatInteger } from '../../../lib/format';
import { breakdownRows, formatShare, unavailableReason } from '../../../lib/media-metrics';

const DIMENSION_NAMES: Record<string, string> = {
  action_type: 'action',
  story_navigation_action_type: 'navigation action',
};

/** A metric split by its breakdown, each part with its share of the total. Its own request. */
export function BreakdownTable({
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
  if (query.isPending)
    return <Skeleton className="h-28 w-full" label={`Loading ${title} by ${dimension}`} />;
  if (query.isError) {
    const reason = unavailableReason(query.error, productType);
    if (reason) return <NotAvailable reason={reason.title} />;
    return <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />;
  }
  const split = breakdownRows(query.data.data.data.find((d) => d.name === metric));
  if (!split) return <NotAvailable reason={`Instagram sent no breakdown by ${dimension}.`} />;
  if (split.rows.length === 0)
    return <p className="text-sm text-fg-muted">No {title.toLowerCase()} to break down yet.</p>;
  return (
    <table className="w-full border-collapse text-sm">
      <caption className="sr-only">
        {title} by {dimension}
      </caption>
      <thead>
        <tr className="text-left text-xs text-fg-muted">
          <th scope="col" className="py-1 pr-2 font-medium">
            {dimension.charAt(0).toUpperCase() + dimension.slice(1)}
          </th>
          <th scope="col" className="py-1 pr-2 text-right font-medium">
            Count
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            Share
          </th>
        </tr>
      </thead>
      <tbody>
        {split.rows.map((row) => (
          <tr key={row.key} className="border-t border-border">
            <th scope="row" className="py-1.5 pr-2 text-left font-normal">
              {row.label}
              {row.share !== undefined ? (
                <span
                  aria-hidden="true"
                  className="mt-1 block h-1.5 rounded-full bg-surface-sunken"
                >
                  <span
                    className="block h-full rounded-full bg-chart-1"
                    style={{ width: `${(row.share * 100).toFixed(1)}%` }}
                  />
                </span>
              ) : null}
            </th>
            <td className="py-1.5 pr-2 text-right tabular-nums">{formatInteger(row.value)}</td>
            <td className="py-1.5 text-right tabular-nums">
              {row.share !== undefined ? formatShare(row.share) : 'n/a'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
