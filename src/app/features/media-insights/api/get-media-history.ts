import { queryOptions, useQuery } from '@tanstack/react-query';
import type { IsoDay } from '../../../../graph/pacific-days';
import { apiGet } from '../../../lib/api-client';

/** A post's lifetime metrics as the server stored them day by day (GET /api/{id}/history). */
export type MediaHistory =
  | { kept: false; reason: string }
  | { kept: true; data: { name: string; values: { value: number; day: IsoDay }[] }[] };

export const getMediaHistory = (mediaId: string, signal?: AbortSignal) =>
  apiGet<MediaHistory>(`${mediaId}/history`, {}, signal);

export const mediaHistoryQueryOptions = (mediaId: string) =>
  queryOptions({
    queryKey: ['media-history', mediaId] as const,
    queryFn: ({ signal }) => getMediaHistory(mediaId, signal),
    // The server adds at most a day's numbers once a day.
    staleTime: 30 * 60_000,
  });

export const useMediaHistory = (mediaId: string) => useQuery(mediaHistoryQueryOptions(mediaId));
