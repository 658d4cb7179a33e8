import type { ComponentPropsWithRef, ReactNode } from 'react';
import { cx } from '../../lib/cx';
import { TextLink } from './TextLink';

/** A page's h1. */
export function PageTitle({ className, ...props }: ComponentPropsWithRef<'h1'>) {
  return (
    <h1 {...props} className={cx('text-2xl font-bold tracking-tight sm:text-3xl', className)} />
  );
}

/**
 * The top of a page: the way back, the title, then what the children say about the page (whose
 * account, how many posts).
 */
export function PageHeader({
  title,
  back,
  headingId,
  className,
  children,
  ...props
}: Omit<ComponentPropsWithRef<'div'>, 'title'> & {
  title: ReactNode;
  back?: { to: string; label: string };
  /** For a page that is one region named by its title. */
  headingId?: string;
}) {
  return (
    <div {...props} className={cx('space-y-1', className)}>
      {back ? (
        <p className="text-sm">
          <TextLink to={back.to}>
            <span aria-hidden="true">← </span>
            {back.label}
          </TextLink>
        </p>
      ) : null}
      <PageTitle id={headingId}>{title}</PageTitle>
      {children}
    </div>
  );
}
