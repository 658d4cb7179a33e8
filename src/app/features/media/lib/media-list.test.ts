import { describe, expect, it } from 'vitest';
import type { IgMedia } from '../../../../graph/graph-types';
import { ApiRequestError } from '../../../lib/api-client';
import { filterMedia, isInsightSort, orderLabel, sortMedia, uniqueMedia } from './media-list';
import { insightCell } from './post-insights';

const post = (id: string, over: Partial<IgMedia> = {}): IgMedia => ({
  id,
  media_type: 'IMAGE',
  media_product_type: 'FEED',
  timestamp: '2026-11-01T12:00:00+0000',
  like_count: 0,
  comments_count: 0,
  ...over,
});

const a = post('a', { timestamp: '2026-11-03T10:00:00+0000', like_count: 5, comments_count: 2 });
const b = post('b', {
  timestamp: '2026-11-02T10:00:00+0000',
  like_count: 9,
  media_type: 'VIDEO',
  media_product_type: 'REELS',
});
const c = post('c', {
  timestamp: '2026-11-01T10:00:00+0000',
  like_count: 5,
  media_type: 'CAROUSEL_ALBUM',
});
const d = post('d', { timestamp: '2026-10-30T10:00:00+0000', like_count: undefined });
const ids = (items: IgMedia[]) => items.map((m) => m.id);

describe('uniqueMedia', () => {
  it('keeps page order and drops a post that appears on two pages', () => {
    expect(ids(uniqueMedia([[a, b], [b, c], [d]]))).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('filterMedia', () => {
  it('filters by media type and product type, together or alone', () => {
    const all = [a, b, c, d];
    expect(ids(filterMedia(all, {}))).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(filterMedia(all, { product: 'REELS' }))).toEqual(['b']);
    expect(ids(filterMedia(all, { type: 'IMAGE' }))).toEqual(['a', 'd']);
    expect(ids(filterMedia(all, { type: 'IMAGE', product: 'FEED' }))).toEqual(['a', 'd']);
    expect(ids(filterMedia(all, { type: 'IMAGE', product: 'REELS' }))).toEqual([]);
  });
});

describe('sortMedia', () => {
  const all = [c, a, d, b];

  it('sorts by date both ways', () => {
    expect(ids(sortMedia(all, 'timestamp', 'desc'))).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(sortMedia(all, 'timestamp', 'asc'))).toEqual(['d', 'c', 'b', 'a']);
  });

  it('sorts by a list count, ties newest first, missing counts last in both directions', () => {
    expect(ids(sortMedia(all, 'like_count', 'desc'))).toEqual(['b', 'a', 'c', 'd']);
    expect(ids(sortMedia(all, 'like_count', 'asc'))).toEqual(['a', 'c', 'b', 'd']);
  });

  it('sorts by an insight; posts without one (loading or n/a) go last, not as zero', () => {
    const views: Record<string, number | undefined> = { a: 10, b: 0, c: undefined, d: 30 };
    const value = (m: IgMedia) => views[m.id];
    expect(ids(sortMedia(all, 'views', 'desc', value))).toEqual(['d', 'a', 'b', 'c']);
    expect(ids(sortMedia(all, 'views', 'asc', value))).toEqual(['b', 'a', 'd', 'c']);
  });

  it('does not change its input', () => {
    const copy = [...all];
    sortMedia(all, 'like_count', 'asc');
    expect(all).toEqual(copy);
  });
});

describe('sort keys', () => {
  it('knows which sorts need insights, and words the order for each', () => {
    expect(isInsightSort('views')).toBe(true);
    expect(isInsightSort('saved')).toBe(true);
    expect(isInsightSort('like_count')).toBe(false);
    expect(orderLabel('timestamp', 'desc')).toBe('Newest first');
    expect(orderLabel('shares', 'asc')).toBe('Lowest first');
  });
});

describe('insightCell', () => {
  const answer = (data: { name: string; value: number }[]) => ({
    stale: false,
    data: {
      data: data.map((d) => ({
        name: d.name,
        period: 'lifetime',
        values: [{ value: d.value }],
        title: d.name,
        description: '',
        id: d.name,
      })),
    },
  });

  it('gives the value, including a real zero', () => {
    expect(insightCell({ data: answer([{ name: 'views', value: 0 }]) }, 'views', a)).toEqual({
      kind: 'value',
      value: 0,
    });
  });

  it('says n/a when the answer lacks the metric, never 0', () => {
    const cell = insightCell({ data: answer([{ name: 'views', value: 4 }]) }, 'saved', a);
    expect(cell.kind).toBe('unavailable');
  });

  it('says n/a with the reason for a 422, and error for anything else', () => {
    const notAvailable = new ApiRequestError(
      'Instagram has no insights for media posted before the account became a business account.',
      422,
      100,
      2108006,
      'Posted before business conversion',
    );
    expect(insightCell({ error: notAvailable }, 'views', a)).toEqual({
      kind: 'unavailable',
      title: 'Posted before business conversion',
      message: notAvailable.message,
    });
    const failed = new ApiRequestError('Instagram had a temporary error.', 502);
    expect(insightCell({ error: failed }, 'views', a)).toEqual({
      kind: 'error',
      message: 'Instagram had a temporary error.',
    });
    expect(insightCell({}, 'views', a)).toEqual({ kind: 'pending' });
  });
});
