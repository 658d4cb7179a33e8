import { describe, expect, it } from 'vitest';
import type { IgMedia, InsightsResponse } from '../../../../graph/graph-types';
import { mediaCsv, mediaCsvFileName } from './media-csv';

const post = (id: string, caption: string | undefined, timestamp: string): IgMedia => ({
  id,
  ...(caption !== undefined ? { caption } : {}),
  media_type: 'IMAGE',
  media_product_type: 'FEED',
  permalink: `https://www.instagram.com/p/${id}/`,
  timestamp,
  like_count: 12,
  comments_count: 3,
});

const insights: InsightsResponse = {
  data: [
    {
      name: 'views',
      period: 'lifetime',
      values: [{ value: 900 }],
      title: 'Views',
      description: '',
      id: 'x',
    },
    {
      name: 'reach',
      period: 'lifetime',
      values: [{ value: 700 }],
      title: 'Reach',
      description: '',
      id: 'y',
    },
  ],
};

describe('mediaCsv', () => {
  it('quotes captions with commas, quotes and line breaks, and keeps emoji', () => {
    const csv = mediaCsv(
      [
        post('1', 'Beans, roasted "just right"\nsee you ☕️🔥', '2026-11-02T07:30:00+0000'),
        post('2', undefined, '2026-11-03T20:00:00+0000'),
      ],
      (m) => (m.id === '1' ? insights : undefined),
    );
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'id,day,timestamp,type,caption,permalink,likes,comments,views,reach,saves,shares',
    );
    // 07:30 UTC on Nov 2 is still Nov 1 in Los Angeles (after the end of DST, UTC-8).
    expect(csv).toContain(
      '1,2026-11-01,2026-11-02T07:30:00.000Z,Photo,"Beans, roasted ""just right""\nsee you ☕️🔥",https://www.instagram.com/p/1/,12,3,900,700,,\r\n',
    );
    expect(csv).toContain(
      '2,2026-11-03,2026-11-03T20:00:00.000Z,Photo,,https://www.instagram.com/p/2/,12,3,,,,\r\n',
    );
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('names the file after the account and the days of the oldest and newest post', () => {
    expect(
      mediaCsvFileName('northwind.coffee', [
        post('2', 'b', '2026-11-27T20:00:00+0000'),
        post('1', 'a', '2026-10-01T20:00:00+0000'),
      ]),
    ).toBe('northwind.coffee_posts_2026-10-01_2026-11-27.csv');
    expect(mediaCsvFileName(undefined, [])).toBe('posts.csv');
  });
});
