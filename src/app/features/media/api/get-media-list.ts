import { infiniteQueryOptions, type QueryClient, useInfiniteQuery } from '@tanstack/react-query';
import { DEFAULT_MEDIA_FIELDS } from '../../../../graph/graph-fields';
import type { IgMedia, ListResponse } from '../../../../graph/graph-types';
import { mediaInsightsQueryOptions } from '../../../api/get-media-insights';
import { type ApiAnswer, apiGet } from '../../../lib/api-client';

export const MEDIA_PAGE_SIZE = 24;

/** The account's own posts, or other accounts' posts it is an accepted collaborator on. */
export type MediaEdge = 'media' | 'collaborative_media';

export const getMediaPage = (
  accountId: string,
  after: string | undefined,
  signal?: AbortSignal,
  edge: MediaEdge = 'media',
) =>
  apiGet<ListResponse<IgMedia>>(
    `${accountId}/${edge}`,
    {
      // A collaboration is another account's post: its owner's username says whose.
      fields: edge === 'media' ? DEFAULT_MEDIA_FIELDS : `${DEFAULT_MEDIA_FIELDS},username`,
      limit: MEDIA_PAGE_SIZE,
      // Each post's lifetime insights in the same answer: one request for the page, not one a post.
      insights: 'lifetime',
      after,
    },
    signal,
  );

/**
 * Puts each post's embedded insights where its own page looks for them, so that opening a post
 * shows its cards at once. Refusals are not put there: the post's page asks again and says why.
 */
function prefillPostInsights(client: QueryClient, page: ApiAnswer<ListResponse<IgMedia>>): void {
  for (const media of page.data.data) {
    if (!media.insights) continue;
    client.setQueryData(mediaInsightsQueryOptions(media.id).queryKey, {
      data: media.insights,
      stale: page.stale,
      ...(page.fetchedAt ? { fetchedAt: page.fetchedAt } : {}),
    });
  }
}

/** The posts, newest first, page by page through the API's cursors. */
export const mediaListQueryOptions = (accountId: string, edge: MediaEdge = 'media') =>
  infiniteQueryOptions({
    queryKey: [
      'media-list',
      accountId,
      { limit: MEDIA_PAGE_SIZE, ...(edge === 'media' ? {} : { edge }) },
    ] as const,
    queryFn: async ({ pageParam, signal, client }) => {
      const page = await getMediaPage(accountId, pageParam, signal, edge);
      prefillPostInsights(client, page);
      return page;
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) =>
      last.data.paging?.next ? last.data.paging.cursors?.after : undefined,
    staleTime: 5 * 60_000,
  });

export const useMediaList = (accountId: string, edge: MediaEdge = 'media') =>
  useInfiniteQuery(mediaListQueryOptions(accountId, edge));
