import type { IgMedia } from '../../../../graph/graph-types';
import { PageTitle, TextLink } from '../../../components/ui';
import { formatInteger, formatTimestamp } from '../../../lib/format';
import { mediaAlt, mediaKindLabel, thumbnailOf } from '../../../lib/media';

/** The post itself: picture, caption, when and what, and where to see it on Instagram. */
export function MediaSummary({
  media,
  heading,
}: {
  /** The media GET also asks for `username`, the owner's. */
  media: IgMedia & { username?: string };
  heading: string;
}) {
  const src = thumbnailOf(media);
  return (
    <div className="grid gap-4 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)] sm:gap-6">
      {src ? (
        <img
          src={src}
          alt={mediaAlt(media, 250)}
          width={320}
          height={320}
          className="aspect-square w-full max-w-56 rounded-lg border border-border bg-surface-sunken object-cover"
        />
      ) : null}
      <div className="min-w-0 space-y-3">
        <PageTitle className="break-words">{heading}</PageTitle>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
          <dt className="text-fg-muted">Type</dt>
          <dd>{mediaKindLabel(media)}</dd>
          <dt className="text-fg-muted">Posted</dt>
          <dd>{media.timestamp ? formatTimestamp(media.timestamp) : 'unknown'}</dd>
          {media.username ? (
            <>
              <dt className="text-fg-muted">Account</dt>
              <dd>@{media.username}</dd>
            </>
          ) : null}
          {media.children?.data.length ? (
            <>
              <dt className="text-fg-muted">Items</dt>
              <dd>{formatInteger(media.children.data.length)}</dd>
            </>
          ) : null}
        </dl>
        {media.caption ? (
          <p className="whitespace-pre-line break-words">{media.caption}</p>
        ) : (
          <p className="text-sm text-fg-muted">No caption.</p>
        )}
        {media.permalink ? (
          <p>
            <TextLink href={media.permalink} target="_blank" rel="noopener noreferrer">
              View on Instagram<span className="sr-only"> (opens in a new tab)</span>
              <span aria-hidden="true"> ↗</span>
            </TextLink>
          </p>
        ) : null}
      </div>
    </div>
  );
}
