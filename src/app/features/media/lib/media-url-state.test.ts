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
});
