import type { ComponentPropsWithRef } from 'react';
import { cx } from '../../lib/cx';
import { fieldClass } from './Input';

export function Select({ className, ...props }: ComponentPropsWithRef<'select'>) {
  return <select {...props} className={cx(fieldClass, className)} />;
}
