import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useParams } from 'react-router';
import { useAccount } from '../../../api/get-account';
import { mediaInsightsQueryOptions } from '../../../api/get-media-insights';
import { AccountNotFound, accountUnavailable } from '../../../components/AccountNotFound';
import { ExportCsvButton } from '../../../components/ExportCsvButton';
import { ErrorPanel, StaleNote, UrlNotices } from '../../../components/StatusPanels';
import { Button, Card, PageHeader, Section } from '../../../components/ui';
import { ApiRequestError } from '../../../lib/api-client';
import { formatInteger } from '../../../lib/format';
import { useUrlState } from '../../../lib/url-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { useMediaList } from '../api/get-media-list';
import { MediaFilters } from '../components/MediaFilters';
import { MediaGrid } from '../components/MediaGrid';
import { MediaListSwitch } from '../components/MediaListSwitch';
import { MediaTable } from '../components/MediaTable';
import { StoriesSection } from '../components/StoriesSection';
import { embeddedInsights } from '../lib/embedded-insights';
import { mediaCsv, mediaCsvFileName } from '../lib/media-csv';
import {
  filterMedia,
  isInsightSort,
  orderLabel,
  SORT_LABELS,
  sortMedia,
  uniqueMedia,
} from '../lib/media-list';
import {
  MAX_MEDIA_PAGES,
  type MediaListState,
  type MediaSort,
  parseMediaListState,
  writeMediaListState,
} from '../lib/media-url-state';
import { insightCell } from '../lib/post-insights';

function LoadingPosts() {
  return (
    <div
      role="status"
      aria-label="Loading posts"
      className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4"
    >
      {Array.from({ length: 8 }, (_, i) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholders
          key={i}
          aria-hidden="true"
          className="aspect-[3/4] animate-pulse rounded-lg bg-surface-sunken"
        />
      ))}
    </div>
  );
}

const is404 = (error: unknown) =>
  accountUnavailable(error) || (error instanceof ApiRequestError && error.status === 404);

export function MediaListPage() {
  const { igUserId = '' } = useParams();
  const [state, setState, notices] = useUrlState(parseMediaListState, writeMediaListState);
  const account = useAccount(igUserId);
  const collaborations = state.list === 'collaborations';
  const list = useMediaList(igUserId, collaborations ? 'collaborative_media' : 'media');
  const queryClient = useQueryClient();
  const username = account.data?.data.username;
  usePageTitle(username ? `Media · @${username}` : 'Media');

  // The URL says how many pages to show: fetch them one after the other through the cursors.
  const loadedPages = list.data?.pages.length ?? 0;
  const { hasNextPage, isFetching, isFetchNextPageError, fetchNextPage } = list;
  useEffect(() => {
    if (hasNextPage && !isFetching && !isFetchNextPageError && loadedPages < state.pages)
      void fetchNextPage();
  }, [hasNextPage, isFetching, isFetchNextPageError, loadedPages, state.pages, fetchNextPage]);

  const loaded = useMemo(
    () => uniqueMedia((list.data?.pages ?? []).slice(0, state.pages).map((p) => p.data.data)),
    [list.data, state.pages],
  );
  const filtered = useMemo(
    () => filterMedia(loaded, { type: state.type, product: state.product }),
    [loaded, state.type, state.product],
  );

  // Sorting by an insight needs it for every loaded post, not only the visible ones: the list
  // answers carry them, and a post they do not (an older copy of the list) is asked on its own.
  const insightSort = isInsightSort(state.sort) ? state.sort : undefined;
  const sortInsights = useQueries({
    queries: insightSort
      ? filtered.map((m) => ({
          ...mediaInsightsQueryOptions(m.id),
          enabled: embeddedInsights(m) === undefined,
        }))
      : [],
  });
  const sortCells = insightSort
    ? filtered.map((m, i) =>
        insightCell(embeddedInsights(m) ?? sortInsights[i] ?? {}, insightSort, m),
      )
    : [];
  const sortValues = new Map(
    filtered.map((m, i) => {
      const c = sortCells[i];
      return [m.id, c?.kind === 'value' ? c.value : undefined] as const;
    }),
  );
  const pendingForSort = sortCells.filter((c) => c.kind === 'pending').length;
  const sorted = sortMedia(filtered, state.sort, state.dir, (m) => sortValues.get(m.id));

  if (is404(account.error) || is404(list.error)) {
    return <AccountNotFound error={account.error ?? list.error} />;
  }

  const change = (next: MediaListState) => setState(next);
  const onSort = (sort: MediaSort) =>
    setState(
      sort === state.sort
        ? { ...state, dir: state.dir === 'asc' ? 'desc' : 'asc' }
        : { ...state, sort, dir: 'desc' },
    );
  const canShowMore =
    state.pages < MAX_MEDIA_PAGES && (loadedPages > state.pages || Boolean(hasNextPage));
  const loadingMore =
    list.isFetchingNextPage || (loadedPages < state.pages && Boolean(hasNextPage));
  // media_count counts the account's own posts only.
  const total = collaborations ? undefined : account.data?.data.media_count;
  const what = collaborations ? 'collaborations' : 'posts';
  const listName = collaborations ? 'Collaborations' : 'Posts';
  const filteredOut = state.type !== undefined || state.product !== undefined;
  const description = `${SORT_LABELS[state.sort]}, ${orderLabel(state.sort, state.dir)}`;

  return (
    <div className="space-y-6">
      <PageHeader title="Media" back={{ to: `/accounts/${igUserId}`, label: 'Account overview' }}>
        <p className="text-fg-muted">
          {username ? `@${username}` : account.isPending ? 'Loading account…' : null}
          {total !== undefined ? ` · ${formatInteger(total)} posts` : null}
        </p>
      </PageHeader>

      <UrlNotices notices={notices} />

      <MediaListSwitch
        state={state}
        onChange={(next) => setState({ ...next, pages: 1 })}
        username={username}
      />

      {collaborations ? null : <StoriesSection accountId={igUserId} />}

      <Section title={listName} headingId="posts-heading" className="space-y-4">
        {collaborations ? (
          <p className="text-sm text-fg-muted">
            Posts of other accounts on which {username ? `@${username}` : 'this account'} is an
            accepted collaborator, with the same insights as its own.
          </p>
        ) : null}
        <MediaFilters state={state} onChange={change} />

        {list.isPending ? (
          <LoadingPosts />
        ) : list.isError && !list.data ? (
          <ErrorPanel error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <div role="status" className="text-sm text-fg-muted">
              <p>
                {filteredOut
                  ? `${formatInteger(filtered.length)} of the ${formatInteger(loaded.length)} loaded ${what} match.`
                  : `Showing ${formatInteger(loaded.length)} ${what}${total !== undefined ? ` of ${formatInteger(total)}` : ''}.`}{' '}
                Sorted by {description.toLowerCase()}
                {hasNextPage && (filteredOut || state.sort !== 'timestamp')
                  ? '; filters and sorting apply to the posts loaded so far.'
                  : '.'}
              </p>
              {insightSort && pendingForSort > 0 ? (
                <p>
                  Loading {SORT_LABELS[insightSort].toLowerCase()} of{' '}
                  {formatInteger(pendingForSort)} more posts to sort them…
                </p>
              ) : null}
            </div>
            <StaleNote
              stale={list.data?.pages[0]?.stale ?? false}
              fetchedAt={list.data?.pages[0]?.fetchedAt}
            />
            {sorted.length > 0 ? (
              <ExportCsvButton
                what={listName}
                fileName={mediaCsvFileName(username, sorted, what)}
                csv={() =>
                  mediaCsv(
                    sorted,
                    (m) =>
                      embeddedInsights(m)?.data?.data ??
                      queryClient.getQueryData(mediaInsightsQueryOptions(m.id).queryKey)?.data,
                  )
                }
              />
            ) : null}

            {sorted.length === 0 ? (
              <Card as="p" flat className="text-sm">
                {loaded.length === 0
                  ? collaborations
                    ? 'No collaborations yet: posts of other accounts show here once this account accepts to be named as a collaborator.'
                    : 'This account has no posts yet.'
                  : `None of the ${formatInteger(loaded.length)} loaded ${what} match these filters.${hasNextPage ? ' Load more to look through older posts.' : ''}`}
              </Card>
            ) : state.view === 'table' ? (
              <>
                <p className="text-xs text-fg-muted">
                  Likes, comments, views, reach, saves and shares count Instagram only; all likes
                  also count Facebook and promoted posts, as the Instagram app does.
                </p>
                <MediaTable
                  items={sorted}
                  needInsights={insightSort !== undefined}
                  collaborator={collaborations ? igUserId : undefined}
                  caption={`${listName}${username ? ` of @${username}` : ''}, sorted by ${description.toLowerCase()}`}
                  sort={state.sort}
                  dir={state.dir}
                  onSort={onSort}
                />
              </>
            ) : (
              <MediaGrid
                items={sorted}
                needInsights={insightSort !== undefined}
                collaborator={collaborations ? igUserId : undefined}
                label={listName}
              />
            )}

            {isFetchNextPageError ? (
              <ErrorPanel error={list.error} onRetry={() => void fetchNextPage()} />
            ) : null}
            {canShowMore ? (
              <div className="flex justify-center">
                {/* aria-disabled rather than disabled, so keyboard focus stays on the button. */}
                <Button
                  variant="primary"
                  size="lg"
                  aria-disabled={loadingMore}
                  onClick={() => {
                    if (!loadingMore)
                      setState({ ...state, pages: state.pages + 1 }, { replace: true });
                  }}
                  className="aria-disabled:cursor-progress"
                >
                  {loadingMore ? 'Loading more posts…' : 'Load more'}
                </Button>
              </div>
            ) : loaded.length > 0 && !hasNextPage ? (
              <p className="text-center text-sm text-fg-muted">
                {collaborations ? 'That is every collaboration.' : 'That is every post.'}
              </p>
            ) : state.pages >= MAX_MEDIA_PAGES ? (
              <p className="text-center text-sm text-fg-muted">
                The list stops after {MAX_MEDIA_PAGES} pages; open an older post from Instagram to
                see its insights.
              </p>
            ) : null}
          </>
        )}
      </Section>
    </div>
  );
}
