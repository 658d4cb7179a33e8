import type { IgMedia } from '../../../../graph/graph-types';
import { formatInteger, formatTimestamp } from '../../../lib/format';
import { graphTime, mediaFallbackName, truncate } from '../../../lib/media';

/** The post's caption, shortened, or what and when it is when it has none. */
export function postName(media: IgMedia, max: number): string {
  return media.caption?.trim() ? truncate(media.caption, max) : mediaFallbackName(media);
}

export function PostTime({ media }: { media: IgMedia }) {
  const time = graphTime(media.timestamp);
  if (!media.timestamp || Number.isNaN(time)) return <span>date unknown</span>;
  return <time dateTime={new Date(time).toISOString()}>{formatTimestamp(media.timestamp)}</time>;
}

/** A count that came with the list; absent when the owner hides it. */
export function ListCount({ value }: { value: number | undefined }) {
  if (value === undefined)
    return (
      <span title="Instagram did not give this count" className="text-fg-muted">
        n/a<span className="sr-only"> (not given)</span>
      </span>
    );
  return <span className="tabular-nums">{formatInteger(value)}</span>;
}

/**
 * The list's likes and comments are Instagram's own; the totals the Instagram app shows also count
 * Facebook and promoted posts (total_like_count, total_comments_count): both, where they differ.
 */
export function CountedOnNote({ media }: { media: IgMedia }) {
  const likes = media.total_like_count;
  const comments = media.total_comments_count;
  const more =
    (likes !== undefined && likes !== media.like_count) ||
    (comments !== undefined && comments !== media.comments_count);
  const count = (n: number | undefined) => (n === undefined ? 'n/a' : formatInteger(n));
  return (
    <p className="text-xs text-fg-muted">
      {more
        ? `Instagram only · with Facebook and ads: ${count(likes)} likes, ${count(comments)} comments`
        : 'Instagram only'}
    </p>
  );
}

/** Whose post a collaboration is (the list of collaborations asks for the owner's username). */
export function PostOwner({ media }: { media: IgMedia }) {
  return media.username ? <span>by @{media.username}</span> : null;
}
