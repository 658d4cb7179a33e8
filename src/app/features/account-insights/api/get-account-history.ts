import { queryOptions, useQuery } from '@tanstack/react-query';
import type { IsoDay } from '../../../../graph/pacific-days';
import { apiGet } from '../../../lib/api-client';

/** How far the server's own daily history of an account reaches (GET /api/{id}/history). */
export type AccountHistory =
  | { kept: false; reason: string }
  | {
      kept: true;
      stored_days: number;
      settled_days: number;
      older_days: number;
      oldest_day?: IsoDay;
      state: 'filling' | 'waiting-for-budget' | 'throttled' | 'done';
    };

export const getAccountHistory = (accountId: string, signal?: AbortSignal) =>
  apiGet<AccountHistory>(`${accountId}/history`, {}, signal);

export const accountHistoryQueryOptions = (accountId: string) =>
  queryOptions({
    queryKey: ['account-history', accountId] as const,
    queryFn: ({ signal }) => getAccountHistory(accountId, signal),
    staleTime: 60_000,
    // While the backfill runs, the count moves: asked again each minute.
    refetchInterval: (query) => {
      const history = query.state.data?.data;
      return history?.kept && history.state !== 'done' ? 60_000 : false;
    },
  });

export const useAccountHistory = (accountId: string) =>
  useQuery(accountHistoryQueryOptions(accountId));
