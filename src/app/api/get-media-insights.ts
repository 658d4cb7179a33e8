import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InsightsResponse } from '../../graph/graph-types';
import { apiGet } from '../lib/api-client';

/** Lifetime media metrics; without `metric` the server asks every metric of the media's type. */
export interface MediaInsightsParams {
  metric?: string;
  breakdown?: 'action_type' | 'story_navigation_action_type';
}

export const getMediaInsights = (
  mediaId: string,
  params: MediaInsightsParams,
  signal?: AbortSignal,
) => apiGet<InsightsResponse>(`${mediaId}/insights`, { ...params }, signal);

export const mediaInsightsQueryOptions = (mediaId: string, params: MediaInsightsParams = {}) =>
  queryOptions({
    queryKey: ['media-insights', mediaId, params] as const,
    queryFn: ({ signal }) => getMediaInsights(mediaId, params, signal),
    staleTime: 10 * 60_000,
  });

export const useMediaInsights = (
  mediaId: string,
  params: MediaInsightsParams = {},
  enabled = true,
) => useQuery({ ...mediaInsightsQueryOptions(mediaId, params), enabled });
