import type { IgMedia, InsightsResponse } from '../../../../graph/graph-types';
import {
  appliesToMedia,
  findMediaCountField,
  findMediaMetric,
} from '../../../../graph/metric-catalogue';
import { type IsoDay, pacificDayOf } from '../../../../graph/pacific-days';
import { csvFileName, toCsv } from '../../../lib/csv';
import { graphTime, mediaKindLabel } from '../../../lib/media';
import { metricValue } from '../../../lib/media-metrics';
import { noLongerProvided } from '../../../lib/no-longer-provided';
import { INSIGHT_SORTS, SORT_LABELS } from './media-list';

/** The columns added with this year's totals, after the older ones so those keep their place. */
const TOTALS = [
  // All likes and all comments: Instagram, Facebook and promoted media (the list's own fields).
  { header: 'all likes', field: 'total_like_count', metric: 'total_likes' },
  { header: 'all comments', field: 'total_comments_count', metric: 'total_comments' },
  { header: 'total views', field: 'total_views_count', metric: 'total_views' },
] as const;

/**
 * The posts as CSV, one row each in the order shown: the post's US Pacific day and its time (UTC,
 * ISO 8601), type, caption as written (commas, quotes, line breaks and emoji kept, see lib/csv.ts),
 * link, counts, the insights loaded so far, the totals across Instagram, Facebook and ads, and a
 * note for each empty number that has a reason (never a 0 in its place): not loaded yet, not given
 * for that kind of post, or no longer provided by Instagram.
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
    ...TOTALS.map((t) => t.header),
    'notes',
  ];
  const rows = items.map((media) => {
    const time = graphTime(media.timestamp);
    const known = !Number.isNaN(time);
    const insights = insightsOf(media);
    const kind = mediaKindLabel(media).toLowerCase();
    const notes: string[] = [];
    if (!insights) notes.push('insights not loaded');
    /** Why a number is empty, when it has a reason. */
    const explain = (label: string, metric: string, applies: boolean, loaded: boolean) => {
      const gone = noLongerProvided(insights, metric);
      if (gone) notes.push(`${label}: ${gone}`);
      else if (!applies) notes.push(`${label}: not given for a ${kind}`);
      else if (loaded) notes.push(`${label}: Instagram sent no value`);
    };
    const insight = INSIGHT_SORTS.map((name) => {
      const value = metricValue(insights, name);
      if (value === undefined) {
        const metric = findMediaMetric(name);
        const applies = metric
          ? appliesToMedia(metric, media.media_product_type, media.media_type)
          : false;
        explain(SORT_LABELS[name].toLowerCase(), name, applies, insights !== undefined);
      }
      return value;
    });
    const totals = TOTALS.map(({ header, field, metric }) => {
      const value = media[field] ?? metricValue(insights, metric);
      if (value === undefined) {
        const counted = findMediaCountField(field);
        const applies = counted
          ? appliesToMedia(counted, media.media_product_type, media.media_type)
          : false;
        // The list asks all likes and all comments with each post; total views come with insights.
        explain(header, metric, applies, field !== 'total_views_count' || insights !== undefined);
      }
      return value;
    });
    return [
      media.id,
      known ? pacificDayOf(time) : undefined,
      known ? new Date(time).toISOString() : undefined,
      mediaKindLabel(media),
      media.caption,
      media.permalink,
      media.like_count,
      media.comments_count,
      ...insight,
      ...totals,
      notes.join('; ') || undefined,
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
