import type { ComponentPropsWithRef } from 'react';
import { Link } from 'react-router';
import { cx } from '../../lib/cx';
import { useCanOpen } from '../../lib/share-view';

const textLink =
  'rounded-sm font-medium text-brand-strong underline underline-offset-4 hover:decoration-2';

/**
 * A link in running text: with `to`, a page of the app (react-router); with `href`, another site
 * or a full page load. In a shared view, a link to a page its share link does not open is left out.
 */
export function TextLink(props: ComponentPropsWithRef<typeof Link> | ComponentPropsWithRef<'a'>) {
  const canOpen = useCanOpen();
  const className = cx(textLink, props.className);
  if ('to' in props) {
    if (typeof props.to === 'string' && !canOpen(props.to)) return null;
    return <Link {...props} className={className} />;
  }
  return <a {...props} className={className} />;
}

/** A button that does something small in place ("Show all", "Use this browser's"): it looks like a link. */
export function TextButton({ className, ...props }: ComponentPropsWithRef<'button'>) {
  return <button type="button" {...props} className={cx(textLink, className)} />;
}
