import type { InsightsResponse } from '../../graph/graph-types';
import {
  appliesToMedia,
  type CountedOn,
  findMediaMetric,
  MEDIA_METRICS,
  type MediaMetric,
} from '../../graph/metric-catalogue';
import { ApiRequestError } from './api-client';
import { formatInteger, formatMetricValue } from './format';

/** The lifetime value of one metric in a media insights answer, if the answer has it. */
export function metricValue(
  response: InsightsResponse | undefined,
  name: string,
): number | undefined {
  const entry = response?.data.find((d) => d.name === name);
  if (!entry) return undefined;
  const value = entry.total_value?.value ?? entry.values?.[0]?.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Milliseconds for people: "5.6 s", "4 min 12 s", "102 h 10 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'n/a';
  if (Math.round(ms / 100) < 600) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) {
    const s = seconds % 60;
    return `${Math.floor(seconds / 60)} min${s ? ` ${s} s` : ''}`;
  }
  const minutes = Math.round(ms / 60_000);
  const m = minutes % 60;
  return `${formatInteger(Math.floor(minutes / 60))} h${m ? ` ${m} min` : ''}`;
}

/** A media metric's value in its unit (counts, durations in ms, percentages). */
export function formatMediaMetric(name: string, value: number): string {
  const unit = findMediaMetric(name)?.unit;
  if (unit === 'milliseconds') return formatDuration(value);
  return formatMetricValue(value, unit);
}

/**
 * Metrics Instagram gives for a product type (and media type, when known) today, retired ones left
 * out, in catalogue order.
 */
export function mediaMetricsOf(productType: string | undefined, mediaType?: string): MediaMetric[] {
  return MEDIA_METRICS.filter(
    (m) => m.retiredIn === undefined && appliesToMedia(m, productType, mediaType),
  );
}

export const COUNTED_ON_LABELS: Readonly<Record<CountedOn, string>> = {
  instagram: 'Instagram only',
  facebook: 'Facebook only',
  instagram_and_facebook: 'Instagram and Facebook',
  everywhere: 'Instagram, Facebook and ads',
};

/** Where a media metric is counted, for the metrics with an Instagram and a Facebook side. */
export function countedOnLabel(name: string): string | undefined {
  const countedOn = findMediaMetric(name)?.countedOn;
  return countedOn ? COUNTED_ON_LABELS[countedOn] : undefined;
}

/** Which media and logins have a metric, and since when, for the metric's description. */
export function availabilityNote(name: string): string | undefined {
  const metric = findMediaMetric(name);
  if (!metric) return undefined;
  const parts = [
    metric.mediaTypes?.includes('VIDEO') && metric.mediaTypes.length === 1 ? 'Videos only.' : '',
    metric.crosspostedOnly ? 'Only for media shared to Facebook.' : '',
    metric.logins && !metric.logins.includes('instagram') ? 'With Facebook Login only.' : '',
    metric.addedOn ? `In the Graph API since ${metric.addedOn}.` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : undefined;
}

export interface Unavailable {
  /** Short, e.g. "Posted before business conversion". */
  title: string;
  /** The whole reason, from the server. */
  message: string;
}

/**
 * Why Instagram has no insights for this media, when that is the answer rather than a failure:
 * posted before the business conversion, too few viewers (422) or a story that has expired (404).
 */
export function unavailableReason(error: unknown, productType?: string): Unavailable | undefined {
  if (!(error instanceof ApiRequestError)) return undefined;
  // Instagram's own explanation, when it gave one (e.g. for media posted before the conversion).
  if (error.notAvailable)
    return { title: error.title ?? 'Not available', message: error.userMessage ?? error.message };
  if (error.status === 404 && productType === 'STORY') {
    return {
      title: 'Story expired',
      message: 'Instagram gives a story and its insights only for the 24 hours it is live.',
    };
  }
  return undefined;
}
