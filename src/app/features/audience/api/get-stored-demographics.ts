import { queryOptions, useQueries } from '@tanstack/react-query';
import type { Breakdown } from '../../../../graph/graph-types';
import type { Timeframe } from '../../../../graph/metric-catalogue';
import type { IsoDay } from '../../../../graph/pacific-days';
import { apiGet } from '../../../lib/api-client';

/** `GET /api/{id}/stored/demographics`: one breakdown answer per day the server stored it. */
export interface StoredDemographicsResponse {
  data: {
    name: string;
    breakdown: string;
    timeframe: string;
    /** Each stored day's answer, dated by the end of that Pacific day. */
    values: { end_time: string; total_value: { breakdowns: Breakdown[] } }[];
    title: string;
    description: string;
    id: string;
  }[];
  /** The first Pacific day stored, or null when none is stored yet. */
  stored_since: IsoDay | null;
}

export interface StoredDemographicsParams {
  metric: string;
  breakdown: string;
  timeframe: Timeframe;
}

export const getStoredDemographics = (
  accountId: string,
  params: StoredDemographicsParams,
  signal?: AbortSignal,
) => apiGet<StoredDemographicsResponse>(`${accountId}/stored/demographics`, { ...params }, signal);

export const storedDemographicsQueryOptions = (
  accountId: string,
  params: StoredDemographicsParams,
) =>
  queryOptions({
    queryKey: ['stored-demographics', accountId, params] as const,
    queryFn: ({ signal }) => getStoredDemographics(accountId, params, signal),
    // The server adds a day once a day.
    staleTime: 10 * 60_000,
  });

/** Several stored breakdowns at once (a breakdown and the gender one its shares are taken of). */
export const useStoredDemographics = (
  accountId: string,
  list: readonly StoredDemographicsParams[],
) =>
  useQueries({ queries: list.map((params) => storedDemographicsQueryOptions(accountId, params)) });
