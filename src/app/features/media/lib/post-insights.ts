import type { IgMedia, InsightsResponse } from '../../../../graph/graph-types';
import type { ApiAnswer } from '../../../lib/api-client';
import { mediaKindLabel } from '../../../lib/media';
import { metricValue, unavailableReason } from '../../../lib/media-metrics';
import { noLongerProvided } from '../../../lib/no-longer-provided';
import { type InsightSort, SORT_LABELS } from './media-list';

/** One insight of one post in the list, as far as it is known. */
export type InsightCell =
  | { kind: 'pending' }
  | { kind: 'value'; value: number }
  | { kind: 'unavailable'; title: string; message: string }
  | { kind: 'error'; message: string };

/** The state of `metric` for `media`, from its (shared, lazily started) insights query. */
export function insightCell(
  query: { data?: ApiAnswer<InsightsResponse> | undefined; error?: unknown },
  metric: InsightSort,
  media: Pick<IgMedia, 'media_type' | 'media_product_type'>,
): InsightCell {
  if (query.data) {
    const value = metricValue(query.data.data, metric);
    if (value !== undefined) return { kind: 'value', value };
    const gone = noLongerProvided(query.data.data, metric);
    if (gone) return { kind: 'unavailable', title: 'No longer provided', message: gone };
    return {
      kind: 'unavailable',
      title: 'Not given',
      message: `Instagram gives no ${SORT_LABELS[metric].toLowerCase()} for a ${mediaKindLabel(media).toLowerCase()}.`,
    };
  }
  if (query.error) {
    const reason = unavailableReason(query.error, media.media_product_type);
    if (reason) return { kind: 'unavailable', ...reason };
    return {
      kind: 'error',
      message: query.error instanceof Error ? query.error.message : 'The insights did not load.',
    };
  }
  return { kind: 'pending' };
}
