import { describe, expect, it } from 'vitest';
import type { ArchivedStory } from '../api/get-story-archive';
import { archivedStoryRows, liveStoryRows, storySources } from './story-metrics';

const metric = (name: string, value: number | null, source: 'webhook' | 'hourly_snapshot') => ({
  name,
  period: 'lifetime',
  values: [{ value }],
  title: name,
  description: name,
  id: `1/insights/${name}/lifetime`,
  source,
  captured_at: '2026-11-28T11:00:00+0000',
  ...(value === null ? { withheld: true } : {}),
});

const story: ArchivedStory = {
  id: '1',
  media_product_type: 'STORY',
  source: 'webhook+hourly_snapshot',
  insights: {
    data: [
      metric('reach', 1629, 'webhook'),
      metric('replies', null, 'webhook'),
      metric('views', 2000, 'hourly_snapshot'),
    ],
  },
};

describe('story metrics', () => {
  it('turns a live answer into rows from the live API', () => {
    const rows = liveStoryRows({
      data: [
        {
          name: 'views',
          period: 'lifetime',
          values: [{ value: 11449 }],
          title: 'Views',
          description: 'd',
          id: 'x',
        },
        {
          name: 'replies',
          period: 'lifetime',
          values: [{ value: 3 }],
          title: 'Replies',
          description: 'd',
          id: 'y',
        },
      ],
    });
    expect(rows.map((r) => [r.title, r.text, r.source, r.privacyAffected])).toEqual([
      ['Views', '11,449', 'live', false],
      ['Replies', '3', 'live', true],
    ]);
  });

  it('keeps the source of each stored number and says when Instagram withheld one', () => {
    const rows = archivedStoryRows(story);
    expect(rows.map((r) => [r.name, r.text, r.source])).toEqual([
      ['reach', '1,629', 'webhook'],
      ['replies', 'fewer than 5', 'webhook'],
      ['views', '2,000', 'hourly_snapshot'],
    ]);
    expect(rows[1]?.value).toBeUndefined();
    expect(rows[1]?.privacyAffected).toBe(true);
    expect(storySources(story)).toEqual(['webhook', 'hourly_snapshot']);
  });
});
