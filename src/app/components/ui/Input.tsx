import type { ComponentPropsWithRef } from 'react';
import { cx } from '../../lib/cx';

/** The look of a form field, shared with Select so that a menu and a date field side by side match. */
export const fieldClass = 'rounded-md border border-border bg-surface px-2 py-1 text-sm';

export function Input({ className, ...props }: ComponentPropsWithRef<'input'>) {
  return <input {...props} className={cx(fieldClass, className)} />;
}
