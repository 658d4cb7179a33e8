import type { InsightsResponse } from '../../graph/graph-types';
import {
  findMediaMetric,
  MEDIA_METRICS,
  type MediaMetric,
  type MediaProductType,
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

/** Metrics Instagram gives for a product type today (retired ones left out), in catalogue order. */
export function mediaMetricsOf(productType: string | undefined): MediaMetric[] {
  return MEDIA_METRICS.filter(
    (m) => m.retiredIn === undefined && m.productTypes.includes(productType as MediaProductType),
  );
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
  if (error.notAvailable) return { title: error.title ?? 'Not available', message: error.message };
  if (error.status === 404 && productType === 'STORY') {
    return {
      title: 'Story expired',
      message: 'Instagram gives a story and its insights only for the 24 hours it is live.',
    };
  }
  return undefined;
}
