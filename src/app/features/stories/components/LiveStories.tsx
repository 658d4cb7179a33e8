import { type UseQueryResult, useQueries } from '@tanstack/react-query';
import { useId } from 'react';
import type { IgMedia, InsightsResponse } from '../../../../graph/graph-types';
import { mediaInsightsQueryOptions } from '../../../api/get-media-insights';
import { useStories } from '../../../api/get-stories';
import { MediaThumbnail } from '../../../components/MediaThumbnail';
import { ErrorPanel, NotAvailable, Skeleton, StaleNote } from '../../../components/StatusPanels';
import { Card, TextLink } from '../../../components/ui';
import type { ApiAnswer } from '../../../lib/api-client';
import { now as clockNow } from '../../../lib/clock';
import { formatTimestamp } from '../../../lib/format';
import { graphTime, mediaKindLabel } from '../../../lib/media';
import { unavailableReason } from '../../../lib/media-metrics';
import { liveStoryRows } from '../lib/story-metrics';
import { SourceBadge } from './SourceBadge';
import { StoryMetricsTable } from './StoryMetricsTable';

const DAY_MS = 86_400_000;

function expiresIn(timestamp: string | undefined, now: number): string | undefined {
  const posted = graphTime(timestamp);
  if (Number.isNaN(posted)) return undefined;
  const left = posted + DAY_MS - now;
  if (left <= 0) return 'expiring now';
  const hours = Math.floor(left / 3_600_000);
  const minutes = Math.floor((left % 3_600_000) / 60_000);
  return `expires in ${hours > 0 ? `${hours} h ` : ''}${minutes} min`;
}

function LiveStory({
  story,
  query,
  now,
}: {
  story: IgMedia;
  query: UseQueryResult<ApiAnswer<InsightsResponse>>;
  now: number;
}) {
  const id = useId();
  const posted = story.timestamp ? formatTimestamp(story.timestamp) : 'an unknown time';
  const title = `${mediaKindLabel(story)} from ${posted}`;
  const reason = unavailableReason(query.error, 'STORY');
  const rows = liveStoryRows(query.data?.data);
  return (
    <Card
      as="article"
      aria-labelledby={id}
      data-story-id={story.id}
      className="flex flex-col gap-3"
    >
      <div className="flex items-start gap-3">
        <MediaThumbnail
          media={story}
          size={56}
          className="size-14 shrink-0 rounded-md border-2 border-brand"
        />
        <div className="min-w-0 space-y-0.5">
          <h3 id={id} className="font-semibold">
            {title}
          </h3>
          <p className="text-sm text-fg-muted">
            {story.media_type === 'VIDEO' ? 'Video' : 'Photo'}
            {expiresIn(story.timestamp, now) ? ` · ${expiresIn(story.timestamp, now)}` : ''}
          </p>
          <p className="flex flex-wrap gap-x-3 text-sm">
            <TextLink to={`/media/${encodeURIComponent(story.id)}`}>
              Insights<span className="sr-only">: {title}</span>
            </TextLink>
            {story.permalink ? (
              <TextLink href={story.permalink} target="_blank" rel="noreferrer">
                On Instagram<span className="sr-only">: {title} (opens in a new tab)</span>
              </TextLink>
            ) : null}
          </p>
        </div>
      </div>
      {query.isPending ? (
        <Skeleton className="h-40" label={`Loading the numbers of the ${title.toLowerCase()}`} />
      ) : reason ? (
        <NotAvailable reason={`${reason.title}. ${reason.message}`} />
      ) : query.isError ? (
        <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <StoryMetricsTable caption={`Numbers of the ${title.toLowerCase()}`} rows={rows} />
          <StaleNote stale={query.data.stale} fetchedAt={query.data.fetchedAt} />
        </>
      )}
    </Card>
  );
}

/** Stories still live (posted in the last 24 hours), each with its current numbers. */
export function LiveStories({ accountId }: { accountId: string }) {
  const stories = useStories(accountId);
  const items = stories.data?.data.data ?? [];
  const insights = useQueries({ queries: items.map((s) => mediaInsightsQueryOptions(s.id)) });
  const now = clockNow().getTime();

  if (stories.isPending)
    return (
      <div className="grid gap-4 md:grid-cols-2">
        <Skeleton className="h-72" label="Loading live stories" />
        <Skeleton className="h-72" label="Loading live stories" />
      </div>
    );
  if (stories.isError)
    return <ErrorPanel error={stories.error} onRetry={() => void stories.refetch()} />;
  if (items.length === 0)
    return (
      <Card as="p" flat className="text-sm">
        No live stories: nothing was posted in the last 24 hours.
      </Card>
    );
  return (
    <div className="space-y-3">
      <p className="text-sm text-fg-muted">
        {items.length === 1 ? 'One story is live. Its' : `${items.length} stories are live. Their`}{' '}
        numbers are asked from Instagram now (<SourceBadge source="live" />) and change until the
        story expires.
      </p>
      <StaleNote stale={stories.data.stale} fetchedAt={stories.data.fetchedAt} />
      <ul aria-label="Live stories" className="grid gap-4 md:grid-cols-2">
        {items.map((story, i) => {
          const query = insights[i];
          return query ? (
            <li key={story.id}>
              <LiveStory story={story} query={query} now={now} />
            </li>
          ) : null;
        })}
      </ul>
    </div>
  );
}
