import type { ComponentPropsWithRef } from 'react';
import { Link } from 'react-router';
import { useCanOpen } from '../lib/share-view';

/**
 * A link to a page of the app that stays in place as plain text in a shared view whose link does
 * not open that page (a post's card on a shared media page, say): its content is still the view's.
 */
export function PageLink({
  to,
  className,
  children,
  'aria-label': label,
  ...props
}: ComponentPropsWithRef<typeof Link> & { to: string }) {
  const canOpen = useCanOpen();
  if (canOpen(to))
    return (
      <Link to={to} className={className} aria-label={label} {...props}>
        {children}
      </Link>
    );
  return (
    <span className={className}>
      {label ? <span className="sr-only">{label}</span> : null}
      {children}
    </span>
  );
}
