import { useId } from 'react';
import { useStories } from '../../../api/get-stories';
import { MediaThumbnail } from '../../../components/MediaThumbnail';
import { PageLink } from '../../../components/PageLink';
import { ErrorPanel, Skeleton, StaleNote } from '../../../components/StatusPanels';
import { Card } from '../../../components/ui';
import { formatTimestamp } from '../../../lib/format';
import { graphTime } from '../../../lib/media';

const timeOnly = (timestamp: string | undefined) => {
  const t = graphTime(timestamp);
  return Number.isNaN(t)
    ? 'time unknown'
    : new Date(t).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
};

/** The account's live stories, each linking to its insights (they expire after 24 hours). */
export function StoriesSection({ accountId }: { accountId: string }) {
  const stories = useStories(accountId);
  const items = stories.data?.data.data ?? [];
  const id = useId();
  return (
    <Card as="section" aria-labelledby={id}>
      <h2 id={id} className="mb-3 text-base font-semibold">
        Stories in the last 24 hours
      </h2>
      {stories.isPending ? (
        <div className="flex gap-3">
          <Skeleton className="size-16 rounded-full" label="Loading stories" />
          <Skeleton className="size-16 rounded-full" label="Loading stories" />
        </div>
      ) : stories.isError ? (
        <ErrorPanel error={stories.error} onRetry={() => void stories.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-sm text-fg-muted">No stories in the last 24 hours.</p>
      ) : (
        <>
          <ul className="flex flex-wrap gap-4">
            {items.map((story) => (
              <li key={story.id}>
                <PageLink
                  to={`/media/${story.id}`}
                  aria-label={`Story from ${story.timestamp ? formatTimestamp(story.timestamp) : 'an unknown time'}`}
                  className="group flex w-20 flex-col items-center gap-1 rounded-md text-center text-xs text-fg-muted"
                >
                  <MediaThumbnail
                    media={story}
                    size={64}
                    className="size-16 rounded-full border-2 border-brand p-0.5 group-hover:border-brand-strong"
                  />
                  <span aria-hidden="true">{timeOnly(story.timestamp)}</span>
                </PageLink>
              </li>
            ))}
          </ul>
          <StaleNote stale={stories.data.stale} fetchedAt={stories.data.fetchedAt} />
        </>
      )}
    </Card>
  );
}
