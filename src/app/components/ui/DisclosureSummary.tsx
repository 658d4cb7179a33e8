import type { ComponentPropsWithRef } from 'react';
import { cx } from '../../lib/cx';

/** The summary of a <details> that opens more of a card (a data table, a history). */
export function DisclosureSummary({ className, ...props }: ComponentPropsWithRef<'summary'>) {
  return (
    <summary
      {...props}
      className={cx(
        'cursor-pointer select-none rounded-sm text-fg-muted underline underline-offset-4',
        className,
      )}
    />
  );
}
