import type { IgMedia } from '../../graph/graph-types';

/** A Graph timestamp ("2026-11-27T20:19:00+0000") as epoch milliseconds; NaN when unreadable. */
export function graphTime(timestamp: string | undefined): number {
  if (!timestamp) return Number.NaN;
  // Date.parse wants the offset as +00:00.
  return Date.parse(timestamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** The local calendar date of a Graph timestamp: "Nov 27, 2026". */
export function formatLocalDate(timestamp: string | undefined): string {
  const time = graphTime(timestamp);
  if (Number.isNaN(time)) return 'an unknown date';
  return new Date(time).toLocaleDateString('en-US', { dateStyle: 'medium' });
}

/** What people call the post: a reel, a story, a video, a carousel or a photo. */
export function mediaKindLabel(media: Pick<IgMedia, 'media_type' | 'media_product_type'>): string {
  if (media.media_product_type === 'REELS') return 'Reel';
  if (media.media_product_type === 'STORY') return 'Story';
  if (media.media_type === 'VIDEO') return 'Video';
  if (media.media_type === 'CAROUSEL_ALBUM') return 'Carousel';
  if (media.media_type === 'IMAGE') return 'Photo';
  return 'Post';
}

/** Videos have a still in thumbnail_url; media_url of a video would be the video itself. */
export function thumbnailOf(media: Pick<IgMedia, 'media_type' | 'media_url' | 'thumbnail_url'>) {
  return media.media_type === 'VIDEO'
    ? (media.thumbnail_url ?? media.media_url)
    : (media.media_url ?? media.thumbnail_url);
}

export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${(atWord.length > max / 2 ? atWord : cut).trimEnd()}…`;
}

/** A name for the post where it has no caption: "Reel from Nov 27, 2026". */
export function mediaFallbackName(media: IgMedia): string {
  const kind = media.media_product_type === 'REELS' || media.media_product_type === 'STORY';
  return `${kind ? mediaKindLabel(media) : 'Post'} from ${formatLocalDate(media.timestamp)}`;
}

/** Alternative text: the caption (Instagram has no other description), else what and when. */
export function mediaAlt(media: IgMedia, max = 120): string {
  const caption = media.caption?.trim();
  return caption ? truncate(caption, max) : mediaFallbackName(media);
}

/**
 * A post's page. A collaboration (another account's post) names the account it is seen through,
 * so that the page opens before the server has listed that account's collaborations.
 */
export function mediaPagePath(mediaId: string, collaborator?: string): string {
  return `/media/${mediaId}${collaborator ? `?collaborator=${collaborator}` : ''}`;
}

/** The account a post's page sees a collaboration through, if its address names a valid one. */
export function collaboratorOf(search: URLSearchParams): string | undefined {
  const id = search.get('collaborator');
  return id && /^\d{1,25}$/.test(id) ? id : undefined;
}
