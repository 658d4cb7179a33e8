import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { DEFAULT_MEDIA_FIELDS } from '../../../../graph/graph-fields';
import type { IgMedia, ListResponse } from '../../../../graph/graph-types';
import { apiGet } from '../../../lib/api-client';

export const MEDIA_PAGE_SIZE = 24;

export const getMediaPage = (accountId: string, after: string | undefined, signal?: AbortSignal) =>
  apiGet<ListResponse<IgMedia>>(
    `${accountId}/media`,
    { fields: DEFAULT_MEDIA_FIELDS, limit: MEDIA_PAGE_SIZE, after },
    signal,
  );

/** The account's posts, newest first, page by page through the API's cursors. */
export const mediaListQueryOptions = (accountId: string) =>
  infiniteQueryOptions({
    queryKey: ['media-list', accountId, { limit: MEDIA_PAGE_SIZE }] as const,
    queryFn: ({ pageParam, signal }) => getMediaPage(accountId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) =>
      last.data.paging?.next ? last.data.paging.cursors?.after : undefined,
    staleTime: 5 * 60_000,
  });

export const useMediaList = (accountId: string) =>
  useInfiniteQuery(mediaListQueryOptions(accountId));
