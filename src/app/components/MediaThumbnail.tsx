import type { IgMedia } from '../../graph/graph-types';
import { cx } from '../lib/cx';
import { mediaAlt, thumbnailOf } from '../lib/media';

export function MediaThumbnail({
  media,
  size,
  className,
}: {
  media: IgMedia;
  /** Rendered size in CSS pixels, for the layout before the image arrives. */
  size: number;
  className?: string;
}) {
  const src = thumbnailOf(media);
  if (!src) {
    return (
      <div
        role="img"
        aria-label={mediaAlt(media)}
        className={cx('aspect-square bg-surface-sunken', className)}
      />
    );
  }
  return (
    <img
      src={src}
      alt={mediaAlt(media)}
      width={size}
      height={size}
      loading="lazy"
      decoding="async"
      className={cx('aspect-square bg-surface-sunken object-cover', className)}
    />
  );
}
