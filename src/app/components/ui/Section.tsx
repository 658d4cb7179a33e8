import { type ComponentPropsWithRef, type ReactNode, useId } from 'react';
import { cx } from '../../lib/cx';

/**
 * A part of a page under its own h2, which names it (a region for screen readers). `actions`
 * sit on the heading's line, e.g. a picker that changes the whole part.
 */
export function Section({
  title,
  headingId,
  actions,
  className,
  children,
  ...props
}: Omit<ComponentPropsWithRef<'section'>, 'title'> & {
  title: ReactNode;
  headingId?: string;
  actions?: ReactNode;
}) {
  const generatedId = useId();
  const id = headingId ?? generatedId;
  const heading = (
    <h2 id={id} className="text-lg font-semibold">
      {title}
    </h2>
  );
  return (
    <section aria-labelledby={id} {...props} className={cx('space-y-3', className)}>
      {actions ? (
        <div className="flex flex-wrap items-end justify-between gap-3">
          {heading}
          {actions}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}
