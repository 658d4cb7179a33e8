import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { CursorPaging, IgMedia } from '../../../../graph/graph-types';
import { apiGet } from '../../../lib/api-client';

/** Where a stored story number comes from. */
export type StoredStorySource = 'webhook' | 'hourly_snapshot';

export interface ArchivedStoryMetric {
  name: string;
  period: string;
  /** null when Instagram withheld the number (`withheld`). */
  values: { value: number | null }[];
  title: string;
  description: string;
  id: string;
  source: StoredStorySource;
  captured_at?: string;
  /** Instagram sends no count under 5 in its webhooks. */
  withheld?: boolean;
}

/** An expired story with its last numbers, as `GET /api/{id}/stories/archive` gives it. */
export interface ArchivedStory {
  id: string;
  media_product_type: 'STORY';
  media_type?: IgMedia['media_type'];
  timestamp?: string;
  expired_at?: string;
  final_received_at?: string;
  source: StoredStorySource | 'webhook+hourly_snapshot' | null;
  insights: { data: ArchivedStoryMetric[] };
}

export interface StoryArchivePage {
  data: ArchivedStory[];
  paging: CursorPaging;
}

export const STORY_ARCHIVE_PAGE_SIZE = 10;

export const getStoryArchivePage = (
  accountId: string,
  after: string | undefined,
  signal?: AbortSignal,
) =>
  apiGet<StoryArchivePage>(
    `${accountId}/stories/archive`,
    { limit: STORY_ARCHIVE_PAGE_SIZE, after },
    signal,
  );

/** Expired stories, the most recently ended first, page by page through the cursors. */
export const storyArchiveQueryOptions = (accountId: string) =>
  infiniteQueryOptions({
    queryKey: ['story-archive', accountId, { limit: STORY_ARCHIVE_PAGE_SIZE }] as const,
    queryFn: ({ pageParam, signal }) => getStoryArchivePage(accountId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) =>
      last.data.paging?.next ? last.data.paging.cursors?.after : undefined,
    // Stories expire and webhooks arrive through the day.
    staleTime: 60_000,
  });

export const useStoryArchive = (accountId: string) =>
  useInfiniteQuery(storyArchiveQueryOptions(accountId));
