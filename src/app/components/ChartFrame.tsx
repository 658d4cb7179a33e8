import { type ReactNode, useId } from 'react';
import { cx } from '../lib/cx';

/** The frame of a chart that has nothing to draw yet (loading, failed, not available). */
export function ChartFrame({
  title,
  children,
  className,
}: {
  title: string;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <figure
      aria-labelledby={id}
      className={cx(
        'flex min-w-0 flex-col gap-2 rounded-lg border border-border bg-surface-raised p-4 shadow-sm print:break-inside-avoid',
        className,
      )}
    >
      <figcaption id={id} className="text-base font-semibold">
        {title}
      </figcaption>
      {children}
    </figure>
  );
}
