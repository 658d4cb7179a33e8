import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ListResponse } from '../../graph/graph-types';
import { apiGet } from '../lib/api-client';

/** The ids alone: the server answers them without asking Instagram for every profile. */
const ID_FIELDS = { fields: 'id' } as const;

/**
 * The accounts this server shows, as ids, in the order of the full list (`getAccounts`). A page asks
 * it next to the full list to start each account's requests one round trip sooner.
 */
export const getAccountIds = (signal?: AbortSignal) =>
  apiGet<ListResponse<{ id: string }>>('accounts', { ...ID_FIELDS }, signal);

export const accountIdsQueryOptions = () =>
  queryOptions({
    // Under 'accounts': refreshing the account list refreshes this too.
    queryKey: ['accounts', 'ids', ID_FIELDS] as const,
    queryFn: ({ signal }) => getAccountIds(signal),
    staleTime: 5 * 60_000,
  });

export const useAccountIds = () => useQuery(accountIdsQueryOptions());
