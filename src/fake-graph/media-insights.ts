import type { InsightsMetricData, InsightsResponse } from '../graph/graph-types';
import {
  appliesToMedia,
  BREAKDOWN_VALUES,
  findMediaMetric,
  isMetricLive,
  type LoginType,
  type MediaMetric,
  mediaMetricsFor,
  metricWording,
  offeredWith,
} from '../graph/metric-catalogue';
import { pacificDayOf } from '../graph/pacific-days';
import { type DemoMedia, mediaTotalsAsOf } from './demo-data/account-model';
import { splitInteger } from './demo-data/random';
import { type FakeGraphError, graphErrors } from './graph-errors';

type Result = { ok: true; body: InsightsResponse } | { ok: false; error: FakeGraphError };
const fail = (error: FakeGraphError): Result => ({ ok: false, error });

/** Stories seen by fewer accounts than this have no insights. */
export const MIN_STORY_VIEWERS = 5;

export interface MediaInsightsOptions {
  /** The login the fake stands for: Instagram Login does not know the Facebook-only metrics. */
  login?: LoginType;
  /** Metrics retired through the fake's faults. */
  retired?: (name: string) => boolean;
}

export function answerMediaInsights(
  media: DemoMedia,
  version: number,
  query: URLSearchParams,
  now: Date,
  options: MediaInsightsOptions = {},
): Result {
  const metricParam = query.get('metric');
  if (!metricParam) return fail(graphErrors.missingParameter('metric'));
  const login = options.login ?? 'facebook';
  const retired = options.retired ?? (() => false);
  const known = (m: MediaMetric) => offeredWith(m, login) && !retired(m.name);
  const liveNames = mediaMetricsFor(version)
    .filter(known)
    .map((m) => m.name);
  const metrics: MediaMetric[] = [];
  for (const [i, name] of metricParam
    .split(',')
    .map((m) => m.trim())
    .entries()) {
    const metric = findMediaMetric(name);
    if (!metric || !known(metric)) return fail(graphErrors.mustBeOneOf(`metric[${i}]`, liveNames));
    if (!isMetricLive(metric, version)) {
      return fail(
        graphErrors.mediaMetricRetired(metric.name, metric.retiredIn ?? version, metric.replacedBy),
      );
    }
    if (!appliesToMedia(metric, media.productType, media.mediaType))
      return fail(graphErrors.mediaMetricUnsupported(metric.name));
    metrics.push(metric);
  }
  const period = query.get('period');
  if (period !== null && period !== 'lifetime')
    return fail(graphErrors.mustBeOneOf('period', ['lifetime']));
  const breakdown = query.get('breakdown');
  const breakdownsAsked = metrics.flatMap((m) => (m.breakdown ? [m.breakdown] : []));
  if (breakdown !== null && !breakdownsAsked.includes(breakdown as never)) {
    return fail(
      graphErrors.mustBeOneOf(
        'breakdown',
        breakdownsAsked.length ? breakdownsAsked : ['action_type', 'story_navigation_action_type'],
      ),
    );
  }
  if (media.beforeBusiness) return fail(graphErrors.beforeBusinessConversion());
  const totals = mediaTotalsAsOf(media, pacificDayOf(now));
  if (media.productType === 'STORY' && totals.reach < MIN_STORY_VIEWERS)
    return fail(graphErrors.notEnoughViewers());

  // Media not shared to Facebook have no Facebook side: Instagram leaves those metrics out.
  const answered = metrics.filter((m) => !m.crosspostedOnly || media.crossposted);
  const data: InsightsMetricData[] = answered.map((metric) => {
    const { title, description } = metricWording(metric, version);
    const value = mediaValue(media, metric.name, totals);
    const entry: InsightsMetricData = {
      name: metric.name,
      period: 'lifetime',
      values: [{ value }],
      title,
      description,
      id: `${media.id}/insights/${metric.name}/lifetime`,
    };
    if (metric.breakdown && breakdown === metric.breakdown) {
      const keys = BREAKDOWN_VALUES[metric.breakdown];
      const weights =
        metric.breakdown === 'action_type' ? media.profileActivityWeights : media.navigationWeights;
      const parts = splitInteger(value, weights);
      entry.total_value = {
        value,
        breakdowns: [
          {
            dimension_keys: [metric.breakdown],
            results: keys
              .map((k, i) => ({ dimension_values: [k], value: parts[i] ?? 0 }))
              .filter((r) => r.value > 0),
          },
        ],
      };
    }
    return entry;
  });
  return { ok: true, body: { data } };
}

function mediaValue(media: DemoMedia, name: string, t: ReturnType<typeof mediaTotalsAsOf>): number {
  switch (name) {
    case 'total_interactions':
      // Stories count their shares here, so the account's total stays likes + comments + shares + saves.
      return t.likes + t.comments + t.shares + t.saved;
    case 'ig_reels_avg_watch_time':
      return media.avgWatchTimeMs;
    case 'ig_reels_video_view_total_time':
      return media.avgWatchTimeMs * t.views;
    case 'reels_skip_rate':
      return media.skipRate;
    case 'crossposted_views':
      return t.views + t.facebook_views;
    case 'total_views':
      return t.views + t.facebook_views + t.promoted_views;
    case 'total_likes':
      return t.likes + t.facebook_likes + t.promoted_likes;
    case 'total_comments':
      return t.comments + t.facebook_comments + t.promoted_comments;
    case 'impressions':
    case 'plays':
    case 'video_views':
      return t.views;
    case 'engagement':
      return t.likes + t.comments;
    case 'clips_replays_count':
      return Math.round(t.views * 0.12);
    case 'ig_reels_aggregated_all_plays_count':
      return t.views + Math.round(t.views * 0.12);
    case 'taps_forward':
    case 'taps_back':
    case 'exits': {
      const parts = splitInteger(t.navigation, media.navigationWeights);
      return parts[{ taps_forward: 0, taps_back: 1, exits: 2 }[name]] ?? 0;
    }
    default:
      return t[name as keyof typeof t] ?? 0;
  }
}
