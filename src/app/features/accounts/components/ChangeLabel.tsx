import { cx } from '../../../lib/cx';
import { formatChange } from '../../../lib/format';

/** A change against the previous period; up in green, down in red, with an arrow for more than colour. */
export function ChangeLabel({ change, against }: { change: number; against: string }) {
  const direction = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  return (
    <span
      className={cx(
        'inline-flex items-center gap-0.5 text-sm font-medium tabular-nums',
        direction === 'up'
          ? 'text-success'
          : direction === 'down'
            ? 'text-danger'
            : 'text-fg-muted',
      )}
    >
      <span aria-hidden="true">{direction === 'up' ? '▲' : direction === 'down' ? '▼' : '='}</span>
      {formatChange(change)}
      <span className="sr-only"> {against}</span>
    </span>
  );
}
