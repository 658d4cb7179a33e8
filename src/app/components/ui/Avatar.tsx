import { cx } from '../../lib/cx';

const SIZES = {
  md: { pixels: 48, box: 'size-12' },
  lg: { pixels: 64, box: 'size-16' },
} as const;

/**
 * An account's profile picture. Decorative: the username beside it names the account. Without a
 * picture (none, or still loading) an empty disc keeps its place, so nothing moves when it comes.
 */
export function Avatar({
  src,
  size = 'md',
  className,
}: {
  src?: string | undefined;
  size?: keyof typeof SIZES;
  className?: string;
}) {
  const { pixels, box } = SIZES[size];
  return src ? (
    <img
      src={src}
      alt=""
      width={pixels}
      height={pixels}
      className={cx(
        box,
        'shrink-0 rounded-full border border-border bg-surface-sunken object-cover',
        className,
      )}
    />
  ) : (
    <div
      aria-hidden="true"
      className={cx(box, 'shrink-0 rounded-full bg-surface-sunken', className)}
    />
  );
}
