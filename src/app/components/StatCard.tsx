import { type ReactNode, useId } from 'react';
import { cx } from '../lib/cx';
import { formatChange } from '../lib/format';
import { MetricDescription } from './MetricDescription';
import { ErrorPanel, Skeleton } from './StatusPanels';
import { Card } from './ui';

export interface StatCardProps {
  title: string;
  description?: string;
  /** The formatted value; undefined while loading or when `error`/`unavailable` says why not. */
  value?: string;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  /** Change against a comparison period, as a ratio (0.1 = +10 %). */
  change?: number;
  /** What the change is against, e.g. "vs previous period"; shown under the value. */
  against?: string;
  /** Down is good for this metric: the colours turn round and the card says so. */
  lowerIsBetter?: boolean;
  children?: ReactNode;
  className?: string;
}

/** One metric as a number. Its accessible name is the metric's title. */
export function StatCard({
  title,
  description,
  value,
  loading,
  error,
  onRetry,
  change,
  against,
  lowerIsBetter,
  children,
  className,
}: StatCardProps) {
  const id = useId();
  const good = change === undefined ? undefined : lowerIsBetter ? change < 0 : change > 0;
  return (
    <Card as="article" aria-labelledby={id} className={cx('flex flex-col gap-2', className)}>
      <h3 id={id} className="text-sm font-medium text-fg-muted">
        {title}
      </h3>
      {loading ? (
        <Skeleton className="h-8 w-24" label={`Loading ${title}`} />
      ) : error ? (
        <ErrorPanel error={error} {...(onRetry ? { onRetry } : {})} />
      ) : value !== undefined ? (
        <div>
          <p className="text-2xl font-semibold tabular-nums">
            {value}
            {change !== undefined && Number.isFinite(change) ? (
              <span
                className={cx(
                  'ml-2 inline-flex items-center gap-0.5 text-sm font-medium',
                  change === 0 ? 'text-fg-muted' : good ? 'text-success' : 'text-danger',
                )}
              >
                <span aria-hidden="true">{change > 0 ? '▲' : change < 0 ? '▼' : '='}</span>
                {formatChange(change)}
                {change === 0 ? null : (
                  <span className="sr-only">{good ? ', better' : ', worse'}</span>
                )}
              </span>
            ) : null}
          </p>
          {change !== undefined && (against || lowerIsBetter) ? (
            <p className="text-xs text-fg-muted">
              {against}
              {against && lowerIsBetter ? ' · ' : ''}
              {lowerIsBetter ? 'lower is better' : ''}
            </p>
          ) : null}
        </div>
      ) : null}
      {children}
      {description ? <MetricDescription title={title} description={description} /> : null}
    </Card>
  );
}
