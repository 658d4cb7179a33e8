import { type ReactNode, useId } from 'react';
import { cx } from '../lib/cx';
import { Card } from './ui';

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
    <Card
      as="figure"
      aria-labelledby={id}
      className={cx('flex min-w-0 flex-col gap-2 print:break-inside-avoid', className)}
    >
      <figcaption id={id} className="text-base font-semibold">
        {title}
      </figcaption>
      {children}
    </Card>
  );
}
