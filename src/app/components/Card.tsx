import { type ReactNode, useId } from 'react';
import { cx } from '../lib/cx';

export function Card({
  title,
  actions,
  children,
  className,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className={cx('rounded-lg border border-border bg-surface-raised p-4 shadow-sm', className)}
    >
      <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <h2 id={id} className="text-base font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
