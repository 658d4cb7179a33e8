import { queryOptions, useQuery } from '@tanstack/react-query';
import type { IgUser, ListResponse } from '../../graph/graph-types';
import { apiGet } from '../lib/api-client';

export const getAccounts = (signal?: AbortSignal) =>
  apiGet<ListResponse<IgUser>>('accounts', {}, signal);

export const accountsQueryOptions = () =>
  queryOptions({
    queryKey: ['accounts'] as const,
    queryFn: ({ signal }) => getAccounts(signal),
    staleTime: 5 * 60_000,
  });

export const useAccounts = () => useQuery(accountsQueryOptions());
