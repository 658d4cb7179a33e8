import { cx } from '../../../lib/cx';
import { formatInteger } from '../../../lib/format';
import type { InsightCell } from '../lib/post-insights';

/** A post's insight value in the list: a placeholder while loading, "n/a" with why, never 0. */
export function InsightValue({ cell, className }: { cell: InsightCell; className?: string }) {
  switch (cell.kind) {
    case 'pending':
      return (
        <span className={className}>
          <span
            aria-hidden="true"
            className="inline-block h-4 w-10 animate-pulse rounded bg-surface-sunken align-middle"
          />
          <span className="sr-only">Loading</span>
        </span>
      );
    case 'value':
      return <span className={cx('tabular-nums', className)}>{formatInteger(cell.value)}</span>;
    case 'unavailable':
      return (
        <span
          title={`${cell.title}: ${cell.message}`}
          className={cx('cursor-help text-fg-muted underline decoration-dotted', className)}
        >
          n/a<span className="sr-only"> (not available: {cell.title})</span>
        </span>
      );
    case 'error':
      return (
        <span title={cell.message} className={cx('text-danger', className)}>
          failed<span className="sr-only"> to load: {cell.message}</span>
        </span>
      );
  }
}
