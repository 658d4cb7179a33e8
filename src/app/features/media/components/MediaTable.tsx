import { useRef } from 'react';
import type { IgMedia } from '../../../../graph/graph-types';
import { MediaThumbnail } from '../../../components/MediaThumbnail';
import { PageLink } from '../../../components/PageLink';
import { Button, Card } from '../../../components/ui';
import { cx } from '../../../lib/cx';
import { mediaKindLabel, mediaPagePath } from '../../../lib/media';
import { useInView } from '../../../lib/use-in-view';
import { type InsightSort, SORT_LABELS } from '../lib/media-list';
import type { MediaSort } from '../lib/media-url-state';
import { usePostInsights } from '../lib/use-post-insights';
import { InsightValue } from './InsightValue';
import { ListCount, PostOwner, PostTime, postName } from './PostParts';

const INSIGHT_COLUMNS: readonly InsightSort[] = ['views', 'reach', 'saved', 'shares'];
const cell = 'border-b border-border px-3 py-2 align-middle';

function MediaRow({
  media,
  needInsights,
  collaborator,
}: {
  media: IgMedia;
  needInsights: boolean;
  collaborator: string | undefined;
}) {
  const ref = useRef<HTMLTableRowElement>(null);
  const inView = useInView(ref);
  const insights = usePostInsights(media, inView || needInsights);
  return (
    <tr ref={ref}>
      <th scope="row" className={cx(cell, 'text-left font-normal')}>
        <div className="flex min-w-[14rem] items-center gap-3">
          <MediaThumbnail media={media} size={48} className="size-12 shrink-0 rounded" />
          <div className="min-w-0">
            <PageLink
              to={mediaPagePath(media.id, collaborator)}
              className="line-clamp-2 rounded-sm font-medium break-words underline-offset-4 hover:underline"
            >
              {postName(media, 70)}
            </PageLink>
            {media.username ? (
              <p className="text-xs text-fg-muted">
                <PostOwner media={media} />
              </p>
            ) : null}
          </div>
        </div>
      </th>
      <td className={cell}>{mediaKindLabel(media)}</td>
      <td className={cx(cell, 'whitespace-nowrap')}>
        <PostTime media={media} />
      </td>
      <td className={cx(cell, 'text-right')}>
        <ListCount value={media.like_count} />
      </td>
      <td className={cx(cell, 'text-right')}>
        <ListCount value={media.comments_count} />
      </td>
      <td className={cx(cell, 'text-right')}>
        <ListCount value={media.total_like_count} />
      </td>
      {INSIGHT_COLUMNS.map((metric, i) => (
        <td key={metric} className={cx(cell, 'text-right whitespace-nowrap')}>
          <InsightValue cell={insights.cells[metric]} />
          {i === 0 && insights.retry ? (
            <Button
              variant="danger"
              onClick={insights.retry}
              disabled={insights.retrying}
              className="ml-2 px-2 py-0 text-xs"
            >
              Retry
            </Button>
          ) : null}
        </td>
      ))}
    </tr>
  );
}

function SortHeader({
  sort,
  current,
  dir,
  onSort,
  numeric,
}: {
  sort: MediaSort;
  current: MediaSort;
  dir: 'asc' | 'desc';
  onSort: (sort: MediaSort) => void;
  numeric?: boolean;
}) {
  const active = sort === current;
  return (
    <th
      scope="col"
      aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
      className={cx(cell, 'font-semibold whitespace-nowrap', numeric ? 'text-right' : 'text-left')}
    >
      <button
        type="button"
        onClick={() => onSort(sort)}
        className="rounded-sm underline-offset-4 hover:underline"
      >
        {SORT_LABELS[sort]}
        <span aria-hidden="true" className="ml-1 inline-block w-3 text-brand-strong">
          {active ? (dir === 'asc' ? '↑' : '↓') : ''}
        </span>
      </button>
    </th>
  );
}

export function MediaTable({
  items,
  needInsights,
  collaborator,
  caption,
  sort,
  dir,
  onSort,
}: {
  items: readonly IgMedia[];
  needInsights: boolean;
  /** The account whose collaborations these are: their pages are seen through it. */
  collaborator?: string | undefined;
  caption: string;
  sort: MediaSort;
  dir: 'asc' | 'desc';
  /** A header was chosen: sort by it, or turn the order round if it is already the sort. */
  onSort: (sort: MediaSort) => void;
}) {
  const header = { current: sort, dir, onSort };
  return (
    // Scrolls sideways on narrow screens; focusable so keyboard users can scroll it too. Relative,
    // so the absolutely positioned sr-only texts inside scroll with it instead of widening the page.
    <Card
      as="section"
      aria-label="Posts table"
      // Focusable: a scrollable region must be reachable by keyboard.
      tabIndex={0}
      className="relative overflow-x-auto p-0"
    >
      <table className="w-full min-w-[56rem] border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-surface-sunken">
          <tr>
            <th scope="col" className={cx(cell, 'text-left font-semibold')}>
              Post
            </th>
            <th scope="col" className={cx(cell, 'text-left font-semibold')}>
              Type
            </th>
            <SortHeader sort="timestamp" {...header} />
            <SortHeader sort="like_count" numeric {...header} />
            <SortHeader sort="comments_count" numeric {...header} />
            <th scope="col" className={cx(cell, 'text-right font-semibold whitespace-nowrap')}>
              All likes
            </th>
            {INSIGHT_COLUMNS.map((metric) => (
              <SortHeader key={metric} sort={metric} numeric {...header} />
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((media) => (
            <MediaRow
              key={media.id}
              media={media}
              needInsights={needInsights}
              collaborator={collaborator}
            />
          ))}
        </tbody>
      </table>
    </Card>
  );
}
