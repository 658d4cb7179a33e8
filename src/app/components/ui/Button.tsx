import type { ComponentPropsWithRef } from 'react';
import { Link } from 'react-router';
import { cx } from '../../lib/cx';
import { useCanOpen } from '../../lib/share-view';

const VARIANTS = {
  /** Tools beside the content: Export CSV, Print, Copy link, Close. */
  secondary: 'border border-border bg-surface-raised hover:bg-surface-sunken',
  /** The one action a place is for: Apply, Copy, Load more. */
  primary: 'bg-brand text-brand-contrast hover:bg-brand-strong',
  /** Trying again, beside what failed. */
  danger: 'border border-danger/60 text-danger hover:bg-danger/10',
} as const;

const SIZES = {
  sm: 'px-2.5 py-1',
  md: 'px-3 py-1.5',
  lg: 'px-4 py-2 font-semibold',
} as const;

interface Look {
  variant?: keyof typeof VARIANTS;
  size?: keyof typeof SIZES;
}

// Busy buttons (retrying, loading more) are dimmed, whether disabled or only aria-disabled.
const look = ({ variant = 'secondary', size = 'sm' }: Look, className: string | undefined) =>
  cx(
    'inline-flex items-center gap-1 rounded-md text-sm font-medium disabled:opacity-70 aria-disabled:opacity-70',
    VARIANTS[variant],
    SIZES[size],
    className,
  );

export function Button({
  variant,
  size,
  className,
  type = 'button',
  ...props
}: ComponentPropsWithRef<'button'> & Look) {
  return <button type={type} {...props} className={look({ variant, size }, className)} />;
}

/**
 * A link to another page of the app that looks like a button (the account's Media, Audience). In
 * a shared view, left out when the share link does not open that page.
 */
export function ButtonLink({
  variant,
  size,
  className,
  ...props
}: ComponentPropsWithRef<typeof Link> & Look) {
  const canOpen = useCanOpen();
  if (typeof props.to === 'string' && !canOpen(props.to)) return null;
  return <Link {...props} className={look({ variant, size }, className)} />;
}
