import { cx } from '../../../lib/cx';
import { type NumberSource, SOURCE_LABELS } from '../lib/story-metrics';

const STYLES: Readonly<Record<NumberSource, string>> = {
  live: 'border-info/40 bg-info-surface text-info',
  hourly_snapshot: 'border-warning/40 bg-warning-surface text-warning',
  webhook: 'border-success/50 bg-surface-raised text-success',
};

/** Where a number comes from: "Live API", "Hourly snapshot" or "Webhook". */
export function SourceBadge({ source, className }: { source: NumberSource; className?: string }) {
  return (
    <span
      className={cx(
        'inline-block whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium',
        STYLES[source],
        className,
      )}
    >
      {SOURCE_LABELS[source]}
    </span>
  );
}
