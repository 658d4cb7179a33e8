import { describe, expect, it } from 'vitest';
import { parseMediaListState, writeMediaListState } from './media-url-state';

describe('media list URL', () => {
  it('round-trips the new insight sorts through the URL and rejects unknown ones', () => {
    const written = writeMediaListState({
      sort: 'reach',
      dir: 'asc',
      view: 'table',
      pages: 3,
      product: 'REELS',
    });
    expect(parseMediaListState(written)).toEqual({
      state: { sort: 'reach', dir: 'asc', view: 'table', pages: 3, product: 'REELS' },
      notices: [],
    });
    const bad = parseMediaListState(new URLSearchParams('sort=impressions'));
    expect(bad.state.sort).toBe('timestamp');
    expect(bad.notices).toHaveLength(1);
    expect(bad.notices[0]).toContain('sort=impressions');
  });

  it('keeps the collaborations list in the URL, and the own posts without a parameter', () => {
    const written = writeMediaListState({
      list: 'collaborations',
      sort: 'timestamp',
      dir: 'desc',
      view: 'grid',
      pages: 1,
    });
    expect(written.get('list')).toBe('collaborations');
    expect(parseMediaListState(written).state.list).toBe('collaborations');
    const own = writeMediaListState({ sort: 'timestamp', dir: 'desc', view: 'grid', pages: 1 });
    expect(own.has('list')).toBe(false);
    const bad = parseMediaListState(new URLSearchParams('list=tagged'));
    expect(bad.state.list).toBeUndefined();
    expect(bad.notices[0]).toContain('list=tagged');
  });
});
