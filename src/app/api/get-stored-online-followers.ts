import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InsightsResponse } from '../../graph/graph-types';
import type { IsoDay } from '../../graph/pacific-days';
import { apiGet } from '../lib/api-client';

/** `GET /api/{id}/stored/online_followers`: the time-series shape, plus the first stored day. */
export interface StoredSeriesResponse extends InsightsResponse {
  /** The first Pacific day the server has stored, or null when it has stored none yet. */
  stored_since: IsoDay | null;
  stored_since_end_time: string | null;
}

/** Pacific days, inclusive; without them every stored day. */
export interface StoredRangeParams {
  since?: IsoDay;
  until?: IsoDay;
}

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
