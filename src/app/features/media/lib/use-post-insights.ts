import { useQuery } from '@tanstack/react-query';
import type { IgMedia } from '../../../../graph/graph-types';
import { mediaInsightsQueryOptions } from '../../../api/get-media-insights';
import { ApiRequestError } from '../../../lib/api-client';
import { INSIGHT_SORTS, type InsightSort } from './media-list';
import { type InsightCell, insightCell } from './post-insights';

/**
 * The list's insight columns for one post: one request for all of its lifetime metrics, started
 * only when `enabled` (the post is on screen, or the list is sorted by an insight).
 */
export function usePostInsights(media: IgMedia, enabled: boolean) {
  const query = useQuery({ ...mediaInsightsQueryOptions(media.id), enabled });
  const cells = Object.fromEntries(
    INSIGHT_SORTS.map((metric) => [metric, insightCell(query, metric, media)]),
  ) as Record<InsightSort, InsightCell>;
  const failed = cells.views.kind === 'error';
  const retryable = failed && (!(query.error instanceof ApiRequestError) || query.error.transient);
  return {
    cells,
    failed,
    retrying: query.isFetching,
    retry: retryable ? () => void query.refetch() : undefined,
  };
}
