import { queryOptions, useQuery } from '@tanstack/react-query';
import type { IgUser } from '../../graph/graph-types';
import { apiGet } from '../lib/api-client';

const PROFILE_FIELDS =
  'id,username,name,biography,website,profile_picture_url,followers_count,follows_count,media_count';

export const getAccount = (accountId: string, signal?: AbortSignal) =>
  apiGet<IgUser>(accountId, { fields: PROFILE_FIELDS }, signal);

export const accountQueryOptions = (accountId: string) =>
  queryOptions({
    queryKey: ['account', accountId] as const,
    queryFn: ({ signal }) => getAccount(accountId, signal),
    staleTime: 5 * 60_000,
  });

export const useAccount = (accountId: string) => useQuery(accountQueryOptions(accountId));
