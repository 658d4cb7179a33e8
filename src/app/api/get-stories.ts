import { queryOptions, useQuery } from '@tanstack/react-query';
import { STORY_FIELDS } from '../../graph/graph-fields';
import type { IgMedia, ListResponse } from '../../graph/graph-types';
import { apiGet } from '../lib/api-client';

/** The account's stories that are still live (posted in the last 24 hours). */
export const getStories = (accountId: string, signal?: AbortSignal) =>
  apiGet<ListResponse<IgMedia>>(`${accountId}/stories`, { fields: STORY_FIELDS }, signal);

export const storiesQueryOptions = (accountId: string) =>
  queryOptions({
    queryKey: ['stories', accountId] as const,
    queryFn: ({ signal }) => getStories(accountId, signal),
    // Stories come and go within a day; the server caches them for a minute.
    staleTime: 60_000,
  });

export const useStories = (accountId: string) => useQuery(storiesQueryOptions(accountId));
