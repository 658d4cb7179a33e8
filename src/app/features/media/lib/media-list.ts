import type { IgMedia } from '../../../../graph/graph-types';
import { graphTime } from '../../../lib/media';
import type { MediaListState, MediaSort } from './media-url-state';

/** Sorts whose values come from each post's insights rather than from the list itself. */
export const INSIGHT_SORTS = ['views', 'reach', 'saved', 'shares'] as const;
export type InsightSort = (typeof INSIGHT_SORTS)[number];

export const isInsightSort = (sort: MediaSort): sort is InsightSort =>
  (INSIGHT_SORTS as readonly string[]).includes(sort);

export const SORT_LABELS: Record<MediaSort, string> = {
  timestamp: 'Date',
  like_count: 'Likes',
  comments_count: 'Comments',
  views: 'Views',
  reach: 'Reach',
  saved: 'Saves',
  shares: 'Shares',
};

/** "Newest first" for dates, "Highest first" for counts. */
export function orderLabel(sort: MediaSort, dir: 'asc' | 'desc'): string {
  if (sort === 'timestamp') return dir === 'desc' ? 'Newest first' : 'Oldest first';
  return dir === 'desc' ? 'Highest first' : 'Lowest first';
}

/** Posts of all loaded pages in order, each once (a post published between pages can repeat). */
export function uniqueMedia(pages: readonly (readonly IgMedia[])[]): IgMedia[] {
  const seen = new Set<string>();
  const out: IgMedia[] = [];
  for (const page of pages)
    for (const media of page) {
      if (seen.has(media.id)) continue;
      seen.add(media.id);
      out.push(media);
    }
  return out;
}

export function filterMedia(
  items: readonly IgMedia[],
  filter: Pick<MediaListState, 'type' | 'product'>,
): IgMedia[] {
  return items.filter(
    (m) =>
      (!filter.type || m.media_type === filter.type) &&
      (!filter.product || m.media_product_type === filter.product),
  );
}

/**
 * Sorts loaded posts. Posts without a value (an insight still loading or not available) go last
 * whatever the direction, so "n/a" never passes for the smallest number; ties keep newest first.
 */
export function sortMedia(
  items: readonly IgMedia[],
  sort: MediaSort,
  dir: 'asc' | 'desc',
  insightValue: (media: IgMedia, metric: InsightSort) => number | undefined = () => undefined,
): IgMedia[] {
  const sortValue = (m: IgMedia): number | undefined => {
    if (sort === 'timestamp') {
      const t = graphTime(m.timestamp);
      return Number.isNaN(t) ? undefined : t;
    }
    if (sort === 'like_count' || sort === 'comments_count') return m[sort];
    return insightValue(m, sort);
  };
  const sign = dir === 'asc' ? 1 : -1;
  return items
    .map((media, index) => ({ media, index, value: sortValue(media) }))
    .sort((a, b) => {
      if (a.value === undefined || b.value === undefined) {
        if (a.value !== b.value) return a.value === undefined ? 1 : -1;
      } else if (a.value !== b.value) return sign * (a.value - b.value);
      const newer = graphTime(b.media.timestamp) - graphTime(a.media.timestamp);
      return Number.isNaN(newer) || newer === 0 ? a.index - b.index : newer;
    })
    .map((entry) => entry.media);
}
