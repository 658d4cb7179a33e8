import type { ComponentPropsWithRef, ElementType } from 'react';
import { cx } from '../../lib/cx';

/** The elements a card is: a stat card is an <article>, a chart a <figure>, a list item an <li>... */
type CardElement = 'div' | 'section' | 'article' | 'figure' | 'li' | 'p';

/**
 * The raised, bordered box that cards, charts, tables and messages sit in. `as` keeps each its
 * own element (and so its role); `flat` drops the shadow, for a message standing in for content.
 */
export function Card<T extends CardElement = 'div'>({
  as,
  flat,
  className,
  ...props
}: { as?: T; flat?: boolean } & ComponentPropsWithRef<T>) {
  const Element: ElementType = as ?? 'div';
  return (
    <Element
      // Checked against `as` in the signature; TypeScript cannot follow the element through here.
      {...(props as object)}
      className={cx(
        'rounded-lg border border-border bg-surface-raised p-4',
        !flat && 'shadow-sm',
        className,
      )}
    />
  );
}
