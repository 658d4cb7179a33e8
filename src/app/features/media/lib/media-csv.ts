import type { IgMedia, InsightsResponse } from '../../../../graph/graph-types';
import { type IsoDay, pacificDayOf } from '../../../../graph/pacific-days';
import { csvFileName, toCsv } from '../../../lib/csv';
import { graphTime, mediaKindLabel } from '../../../lib/media';
import { metricValue } from '../../../lib/media-metrics';
import { INSIGHT_SORTS, SORT_LABELS } from './media-list';

/**
 * The posts as CSV, one row each in the order shown: the post's US Pacific day and its time (UTC,
 * ISO 8601), type, caption as written (commas, quotes, line breaks and emoji kept, see lib/csv.ts),
 * link, counts, and the insights loaded so far (empty where not loaded or not given).
 */
export function mediaCsv(
  items: readonly IgMedia[],
  insightsOf: (media: IgMedia) => InsightsResponse | undefined,
): string {
  const header = [
    'id',
    'day',
    'timestamp',
    'type',
    'caption',
    'permalink',
    'likes',
    'comments',
    ...INSIGHT_SORTS.map((m) => SORT_LABELS[m].toLowerCase()),
  ];
  const rows = items.map((media) => {
    const time = graphTime(media.timestamp);
    const known = !Number.isNaN(time);
    const insights = insightsOf(media);
    return [
      media.id,
      known ? pacificDayOf(time) : undefined,
      known ? new Date(time).toISOString() : undefined,
      mediaKindLabel(media),
      media.caption,
      media.permalink,
      media.like_count,
      media.comments_count,
      ...INSIGHT_SORTS.map((m) => metricValue(insights, m)),
    ];
  });
  return toCsv(header, rows);
}

/** `northwind.coffee_posts_2026-10-01_2026-11-27.csv`: the days of the oldest and newest post. */
export function mediaCsvFileName(
  username: string | undefined,
  items: readonly IgMedia[],
  what: 'posts' | 'collaborations' = 'posts',
): string {
  const days = items
    .map((m) => graphTime(m.timestamp))
    .filter((t) => !Number.isNaN(t))
    .map((t) => pacificDayOf(t))
    .sort();
  const from: IsoDay | undefined = days[0];
  const to: IsoDay | undefined = days[days.length - 1];
  return csvFileName({
    accounts: username ? [username] : [],
    what,
    ...(from && to ? { range: { from, to } } : {}),
  });
}
