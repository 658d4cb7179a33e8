import { useRef } from 'react';
import type { IgMedia } from '../../../../graph/graph-types';
import { MediaThumbnail } from '../../../components/MediaThumbnail';
import { PageLink } from '../../../components/PageLink';
import { Button, Card } from '../../../components/ui';
import { mediaKindLabel, mediaPagePath } from '../../../lib/media';
import { useInView } from '../../../lib/use-in-view';
import { type InsightSort, SORT_LABELS } from '../lib/media-list';
import { usePostInsights } from '../lib/use-post-insights';
import { InsightValue } from './InsightValue';
import { CountedOnNote, ListCount, PostOwner, PostTime, postName } from './PostParts';

const INSIGHT_COLUMNS: readonly InsightSort[] = ['views', 'reach', 'saved', 'shares'];

function MediaCard({
  media,
  needInsights,
  collaborator,
}: {
  media: IgMedia;
  needInsights: boolean;
  collaborator: string | undefined;
}) {
  const ref = useRef<HTMLLIElement>(null);
  const inView = useInView(ref);
  const insights = usePostInsights(media, inView || needInsights);
  return (
    <Card
      as="li"
      ref={ref}
      className="relative grid grid-cols-[6rem_minmax(0,1fr)] overflow-hidden p-0 outline-focus has-[a:focus-visible]:outline-2 has-[a:focus-visible]:outline-offset-2 sm:flex sm:flex-col"
    >
      <MediaThumbnail media={media} size={320} className="w-full self-start" />
      <div className="flex min-w-0 flex-1 flex-col gap-2 p-3">
        <p className="flex flex-wrap justify-between gap-x-2 text-xs text-fg-muted">
          <span className="font-semibold tracking-wide uppercase">{mediaKindLabel(media)}</span>
          <PostOwner media={media} />
          <PostTime media={media} />
        </p>
        <PageLink
          to={mediaPagePath(media.id, collaborator)}
          className="line-clamp-2 font-medium break-words after:absolute after:inset-0 after:content-[''] hover:underline focus-visible:outline-none"
        >
          {postName(media, 90)}
        </PageLink>
        {/* Above the card-wide link so the n/a explanations can be hovered. */}
        <dl className="relative z-10 mt-auto grid grid-cols-3 gap-x-2 gap-y-1.5 text-sm">
          <div>
            <dt className="text-xs text-fg-muted">Likes</dt>
            <dd>
              <ListCount value={media.like_count} />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-fg-muted">Comments</dt>
            <dd>
              <ListCount value={media.comments_count} />
            </dd>
          </div>
          {INSIGHT_COLUMNS.map((metric) => (
            <div key={metric}>
              <dt className="text-xs text-fg-muted">{SORT_LABELS[metric]}</dt>
              <dd>
                <InsightValue cell={insights.cells[metric]} />
              </dd>
            </div>
          ))}
        </dl>
        <CountedOnNote media={media} />
        {insights.retry ? (
          <Button
            variant="danger"
            onClick={insights.retry}
            disabled={insights.retrying}
            className="relative z-10 self-start px-2 py-0.5"
          >
            {insights.retrying ? 'Retrying…' : 'Retry insights'}
          </Button>
        ) : null}
      </div>
    </Card>
  );
}

export function MediaGrid({
  items,
  needInsights,
  collaborator,
  label,
}: {
  items: readonly IgMedia[];
  needInsights: boolean;
  /** The account whose collaborations these are: their pages are seen through it. */
  collaborator?: string | undefined;
  label: string;
}) {
  return (
    <ul
      aria-label={label}
      className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4"
    >
      {items.map((media) => (
        <MediaCard
          key={media.id}
          media={media}
          needInsights={needInsights}
          collaborator={collaborator}
        />
      ))}
    </ul>
  );
}
