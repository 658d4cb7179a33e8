import { type ReactNode, useId } from 'react';
import { findAccountMetric } from '../../../../graph/metric-catalogue';
import { totals } from '../../../api/get-account-insights';
import { BreakdownTable } from '../../../components/BreakdownTable';
import { useExportScope } from '../../../components/ExportCsvButton';
import { MetricDescription } from '../../../components/MetricDescription';
import { ErrorPanel, NotAvailable, Skeleton, StaleNote } from '../../../components/StatusPanels';
import { Card } from '../../../components/ui';
import { breakdownRows } from '../../../lib/breakdowns';
import { csvFileName } from '../../../lib/csv';
import { cx } from '../../../lib/cx';
import type { DateRange } from '../../../lib/date-range';
import type { BreakdownSpec } from '../lib/breakdown-requests';
import type { InsightsQuery } from '../lib/use-account-insights-queries';
import { placeholderClass } from './MetricChart';

/** One metric's range total split by a dimension, as label, value and share. */
export function BreakdownCard({
  spec,
  query,
  unavailable,
  range,
}: {
  spec: BreakdownSpec;
  query: InsightsQuery;
  unavailable?: string | undefined;
  /** The days the breakdown covers, for the CSV file name. */
  range?: DateRange;
}) {
  const id = useId();
  const { accounts } = useExportScope();
  const catalogue = findAccountMetric(spec.metric);
  const entry = !unavailable && query.data ? totals(query.data.data).get(spec.metric) : undefined;
  const metricTitle = entry?.title ?? catalogue?.title ?? spec.metric;
  const description = entry?.description ?? catalogue?.description;
  const title = spec.by ? `${metricTitle} by ${spec.by}` : metricTitle;
  const rows = breakdownRows(entry?.breakdowns?.[0], entry?.value, spec.labels);

  let body: ReactNode;
  if (unavailable) body = <NotAvailable reason={unavailable} />;
  else if (query.isError)
    body = <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />;
  else if (!query.data) body = <Skeleton className="h-28" label={`Loading ${title}`} />;
  else if (rows.length === 0)
    body = <NotAvailable reason="Instagram gave no breakdown for these days." />;
  else
    body = (
      <BreakdownTable
        caption={title}
        rows={rows}
        labelHeader={spec.labelHeader}
        {...(entry?.value !== undefined ? { total: entry.value } : {})}
        exportFileName={csvFileName({
          accounts,
          what: `${spec.metric}-by-${spec.breakdown}`,
          range,
        })}
      />
    );

  return (
    <Card
      as="section"
      aria-labelledby={id}
      className={cx(
        'flex flex-col gap-3 print:break-inside-avoid print:shadow-none',
        query.isPlaceholderData && !unavailable && placeholderClass,
      )}
    >
      <h3 id={id} className="text-sm font-medium text-fg-muted">
        {title}
      </h3>
      {body}
      {query.data && !unavailable ? (
        <StaleNote stale={query.data.stale} fetchedAt={query.data.fetchedAt} />
      ) : null}
      {description ? <MetricDescription title={metricTitle} description={description} /> : null}
    </Card>
  );
}
