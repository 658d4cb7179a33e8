import { useRef } from 'react';
import type { IgMedia } from '../../graph/graph-types';
import { cx } from '../lib/cx';
import { mediaAlt, thumbnailOf } from '../lib/media';
import { useInView } from '../lib/use-in-view';
import { usePrinting } from '../lib/use-printing';

/**
 * How near the viewport a picture starts loading. Chromium's own lazy loading starts 1,250 px
 * or more away: a page of posts would load most of its pictures before anyone scrolls.
 */
const LOAD_WITHIN = '300px';

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
  const ref = useRef<HTMLImageElement>(null);
  const near = useInView(ref, LOAD_WITHIN);
  const printing = usePrinting();
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
      ref={ref}
      // Until it is near: the box with its size and alt text, no request (not loading="lazy":
      // Chromium would then hold back a picture that printing needs).
      src={near || printing ? src : undefined}
      alt={mediaAlt(media)}
      width={size}
      height={size}
      decoding="async"
      className={cx('aspect-square bg-surface-sunken object-cover', className)}
    />
  );
}
