import { queryOptions, useQuery } from '@tanstack/react-query';
import type { IgMedia, ListResponse } from '../../../../graph/graph-types';
import { apiGet } from '../../../lib/api-client';

/**
 * Whether an account collaborates on a post (Graph's collaborative_media_search). Asked before the
 * post itself when its page names the account: the server then knows through whom it is seen.
 */
export const getCollaboration = (accountId: string, mediaId: string, signal?: AbortSignal) =>
  apiGet<{ collaborative_media_search: ListResponse<IgMedia>; id: string }>(
    accountId,
    { fields: `collaborative_media_search.media_id(${mediaId})` },
    signal,
  );

export const collaborationQueryOptions = (accountId: string, mediaId: string) =>
  queryOptions({
    queryKey: ['collaboration', accountId, mediaId] as const,
    queryFn: ({ signal }) => getCollaboration(accountId, mediaId, signal),
    staleTime: 5 * 60_000,
    retry: false,
  });

/** Settled at once when there is no account to ask through. */
export function useCollaboration(accountId: string | undefined, mediaId: string) {
  const query = useQuery({
    ...collaborationQueryOptions(accountId ?? '', mediaId),
    enabled: Boolean(accountId),
  });
  return { settled: !accountId || query.isFetched, query };
}
