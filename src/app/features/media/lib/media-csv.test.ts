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
      'id,day,timestamp,type,caption,permalink,likes,comments,views,reach,saves,shares,all likes,all comments,total views,notes',
    );
    // 07:30 UTC on Nov 2 is still Nov 1 in Los Angeles (after the end of DST, UTC-8).
    expect(csv).toContain(
      '1,2026-11-01,2026-11-02T07:30:00.000Z,Photo,"Beans, roasted ""just right""\nsee you ☕️🔥",https://www.instagram.com/p/1/,12,3,900,700,,,,,,saves: Instagram sent no value; shares: Instagram sent no value; all likes: Instagram sent no value; all comments: Instagram sent no value; total views: not given for a photo\r\n',
    );
    expect(csv).toContain(
      '2,2026-11-03,2026-11-03T20:00:00.000Z,Photo,,https://www.instagram.com/p/2/,12,3,,,,,,,,insights not loaded; all likes: Instagram sent no value; all comments: Instagram sent no value; total views: not given for a photo\r\n',
    );
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('has a column per total, and leaves a retired or not-offered number empty with a note, never 0', () => {
    const reel: IgMedia = {
      ...post('3', 'Reel', '2026-11-05T20:00:00+0000'),
      media_type: 'VIDEO',
      media_product_type: 'REELS',
      total_like_count: 20,
      total_comments_count: 5,
    };
    const photo: IgMedia = { ...post('4', 'Photo', '2026-11-06T20:00:00+0000') };
    photo.total_like_count = 12;
    photo.total_comments_count = 3;
    const entry = (name: string, value: number) => ({
      name,
      period: 'lifetime',
      values: [{ value }],
      title: name,
      description: '',
      id: name,
    });
    const reelInsights: InsightsResponse = {
      data: [
        entry('views', 900),
        entry('reach', 700),
        entry('shares', 0),
        entry('total_views', 1_200),
      ],
      missing_metrics: [
        {
          name: 'saved',
          title: 'Saves',
          description: '',
          message: 'Instagram no longer provides saved for reels.',
        },
      ],
    };
    const photoInsights: InsightsResponse = {
      data: [entry('views', 300), entry('reach', 200), entry('saved', 4), entry('shares', 1)],
    };
    const lines = mediaCsv([reel, photo], (m) =>
      m.id === '3' ? reelInsights : photoInsights,
    ).split('\r\n');
    // A real 0 stays 0; the retired saves are empty, with Instagram's reason.
    expect(lines[1]).toBe(
      '3,2026-11-05,2026-11-05T20:00:00.000Z,Reel,Reel,https://www.instagram.com/p/3/,12,3,900,700,,0,20,5,1200,saves: Instagram no longer provides saved for reels.',
    );
    // Photos have no total views: empty, and said so.
    expect(lines[2]).toBe(
      '4,2026-11-06,2026-11-06T20:00:00.000Z,Photo,Photo,https://www.instagram.com/p/4/,12,3,300,200,4,1,12,3,,total views: not given for a photo',
    );
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
