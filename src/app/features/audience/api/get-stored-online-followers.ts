import { queryOptions, useQuery } from '@tanstack/react-query';
import type { StoredRangeParams, StoredSeriesResponse } from '../../../api/stored-series';
import { apiGet } from '../../../lib/api-client';

/** online_followers as the server stored it each day: history beyond the API's 30 days. */
export const getStoredOnlineFollowers = (
  accountId: string,
  params: StoredRangeParams,
  signal?: AbortSignal,
) => apiGet<StoredSeriesResponse>(`${accountId}/stored/online_followers`, { ...params }, signal);

export const storedOnlineFollowersQueryOptions = (
  accountId: string,
  params: StoredRangeParams = {},
) =>
  queryOptions({
    queryKey: ['stored-online-followers', accountId, params] as const,
    queryFn: ({ signal }) => getStoredOnlineFollowers(accountId, params, signal),
    // The server adds a day once a day.
    staleTime: 10 * 60_000,
  });

export const useStoredOnlineFollowers = (accountId: string, params: StoredRangeParams = {}) =>
  useQuery(storedOnlineFollowersQueryOptions(accountId, params));
