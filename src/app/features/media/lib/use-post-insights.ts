import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { IgMedia } from '../../../../graph/graph-types';
import { mediaInsightsQueryOptions } from '../../../api/get-media-insights';
import { ApiRequestError } from '../../../lib/api-client';
import { embeddedInsights } from './embedded-insights';
import { INSIGHT_SORTS, type InsightSort } from './media-list';
import { type InsightCell, insightCell } from './post-insights';

/**
 * The list's insight columns for one post: those its list answer embedded, or else one request
 * for all of its lifetime metrics, started only when `enabled` (the post is on screen, or the list
 * is sorted by an insight). Retry after a failure asks the post on its own.
 */
export function usePostInsights(media: IgMedia, enabled: boolean) {
  const embedded = embeddedInsights(media);
  const [askedOwn, setAskedOwn] = useState(false);
  const fromList = embedded !== undefined && !askedOwn;
  // Observed even when the list answered: the prefilled answer stays cached for the post's page.
  const query = useQuery({ ...mediaInsightsQueryOptions(media.id), enabled: enabled && !fromList });
  const source = fromList ? embedded : query;
  const cells = Object.fromEntries(
    INSIGHT_SORTS.map((metric) => [metric, insightCell(source, metric, media)]),
  ) as Record<InsightSort, InsightCell>;
  const failed = cells.views.kind === 'error';
  const retryable =
    failed && (!(source.error instanceof ApiRequestError) || source.error.transient);
  return {
    cells,
    failed,
    retrying: !fromList && query.isFetching,
    retry: retryable ? () => (fromList ? setAskedOwn(true) : void query.refetch()) : undefined,
  };
}
