import { queryOptions, useQuery } from '@tanstack/react-query';
import type { StoredRangeParams, StoredSeriesResponse } from '../../../api/stored-series';
import { apiGet } from '../../../lib/api-client';

/** follower_count as the server stored it each day: history beyond the API's 30 days. */
export const getStoredFollowerCount = (
  accountId: string,
  params: StoredRangeParams,
  signal?: AbortSignal,
) => apiGet<StoredSeriesResponse>(`${accountId}/stored/follower_count`, { ...params }, signal);

export const storedFollowerCountQueryOptions = (accountId: string, params: StoredRangeParams) =>
  queryOptions({
    queryKey: ['stored-follower-count', accountId, params] as const,
    queryFn: ({ signal }) => getStoredFollowerCount(accountId, params, signal),
    // The server adds a day once a day.
    staleTime: 10 * 60_000,
  });

export const useStoredFollowerCount = (
  accountId: string,
  params: StoredRangeParams,
  enabled = true,
) => useQuery({ ...storedFollowerCountQueryOptions(accountId, params), enabled });
