import { useId } from 'react';
import { ErrorPanel, Skeleton } from '../../../components/StatusPanels';
import { Button, Card } from '../../../components/ui';
import { formatTimestamp } from '../../../lib/format';
import { type ArchivedStory, useStoryArchive } from '../api/get-story-archive';
import { archivedStoryRows, SOURCE_LABELS, storySources } from '../lib/story-metrics';
import { SourceBadge } from './SourceBadge';
import { StoryMetricsTable } from './StoryMetricsTable';

const MEDIA_TYPE_LABELS: Readonly<Record<string, string>> = {
  VIDEO: 'Video story',
  IMAGE: 'Photo story',
};

/** When each source's numbers were taken: the latest capture per source. */
function capturedAt(story: ArchivedStory, source: string): string | undefined {
  let latest: string | undefined;
  for (const m of story.insights.data)
    if (m.source === source && m.captured_at && (!latest || m.captured_at > latest))
      latest = m.captured_at;
  return latest;
}

function ArchivedStoryCard({ story }: { story: ArchivedStory }) {
  const id = useId();
  const kind = (story.media_type && MEDIA_TYPE_LABELS[story.media_type]) ?? 'Story';
  const title = story.timestamp
    ? `${kind} from ${formatTimestamp(story.timestamp)}`
    : `${kind} ${story.id}`;
  const sources = storySources(story);
  const rows = archivedStoryRows(story);
  return (
    <Card
      as="article"
      aria-labelledby={id}
      data-story-id={story.id}
      className="flex flex-col gap-3"
    >
      <div className="space-y-1">
        <h3 id={id} className="break-words font-semibold">
          {title}
        </h3>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
          {story.expired_at ? (
            <>
              <dt className="text-fg-muted">Expired</dt>
              <dd>{formatTimestamp(story.expired_at)}</dd>
            </>
          ) : null}
          <dt className="text-fg-muted">Numbers from</dt>
          <dd className="flex flex-wrap items-center gap-1">
            {sources.length === 0 ? (
              'no source: nothing was stored'
            ) : (
              <ul className="flex flex-wrap gap-x-3 gap-y-1" aria-label="Sources">
                {sources.map((source) => {
                  const at = capturedAt(story, source);
                  return (
                    <li key={source} className="flex flex-wrap items-center gap-1">
                      <SourceBadge source={source} />
                      {at ? (
                        <span className="text-xs text-fg-muted">
                          {source === 'webhook' ? 'received' : 'taken'} {formatTimestamp(at)}
                        </span>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            )}
          </dd>
        </dl>
        {!story.timestamp ? (
          <p className="text-xs text-fg-muted">
            Only Instagram's final webhook arrived for this story, so when it was posted is not
            known.
          </p>
        ) : null}
      </div>
      {rows.length > 0 ? (
        <StoryMetricsTable caption={`Final numbers of the ${title.toLowerCase()}`} rows={rows} />
      ) : (
        <p className="text-sm text-fg-muted">No numbers were stored for this story.</p>
      )}
    </Card>
  );
}

/** Expired stories with the last numbers the server kept, newest first, a page at a time. */
export function StoryArchive({ accountId }: { accountId: string }) {
  const archive = useStoryArchive(accountId);
  const stories = archive.data?.pages.flatMap((p) => p.data.data) ?? [];

  if (archive.isPending)
    return (
      <div className="grid gap-4 md:grid-cols-2">
        <Skeleton className="h-64" label="Loading expired stories" />
        <Skeleton className="h-64" label="Loading expired stories" />
      </div>
    );
  if (archive.isError && !archive.data)
    return <ErrorPanel error={archive.error} onRetry={() => void archive.refetch()} />;

  return (
    <div className="space-y-3">
      <dl className="grid gap-2 text-sm sm:grid-cols-2">
        {(['webhook', 'hourly_snapshot'] as const).map((source) => (
          <div key={source} className="flex flex-wrap items-start gap-2">
            <dt>
              <SourceBadge source={source} />
            </dt>
            <dd className="min-w-0 flex-1 text-fg-muted">
              <span className="sr-only">{SOURCE_LABELS[source]}: </span>
              {source === 'webhook'
                ? 'Final numbers Instagram sent about an hour after the story expired; counts under 5 are withheld ("fewer than 5").'
                : 'The last of the snapshots the server takes every hour while a story is live, used where no webhook came.'}
            </dd>
          </div>
        ))}
      </dl>
      {stories.length === 0 ? (
        <Card as="p" flat className="text-sm">
          No expired stories are stored yet. The server keeps each story's numbers from the hour it
          first sees it live, and Instagram's final numbers when its webhook arrives.
        </Card>
      ) : (
        <ul aria-label="Expired stories" className="grid gap-4 md:grid-cols-2">
          {stories.map((story) => (
            <li key={story.id}>
              <ArchivedStoryCard story={story} />
            </li>
          ))}
        </ul>
      )}
      {archive.isFetchNextPageError ? (
        <ErrorPanel error={archive.error} onRetry={() => void archive.fetchNextPage()} />
      ) : null}
      {archive.hasNextPage ? (
        <div className="flex justify-center">
          <Button
            variant="primary"
            size="lg"
            aria-disabled={archive.isFetchingNextPage}
            onClick={() => {
              if (!archive.isFetchingNextPage) void archive.fetchNextPage();
            }}
            className="aria-disabled:cursor-progress"
          >
            {archive.isFetchingNextPage ? 'Loading more stories…' : 'Load more'}
          </Button>
        </div>
      ) : stories.length > 0 ? (
        <p className="text-center text-sm text-fg-muted">That is every stored story.</p>
      ) : null}
    </div>
  );
}
