import { describe, expect, it } from 'vitest';
import type { InsightsResponse } from '../../../../graph/graph-types';
import { insightCell } from './post-insights';

const reel = { media_type: 'VIDEO', media_product_type: 'REELS' } as const;
const answer = (data: InsightsResponse) => ({ data: { data, stale: false } });

describe('insightCell', () => {
  it('gives the value, or says why there is none: not given, or no longer provided', () => {
    const body: InsightsResponse = {
      data: [
        {
          name: 'views',
          period: 'lifetime',
          values: [{ value: 42 }],
          title: 'Views',
          description: '',
          id: 'x',
        },
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
    expect(insightCell(answer(body), 'views', reel)).toEqual({ kind: 'value', value: 42 });
    expect(insightCell(answer(body), 'saved', reel)).toEqual({
      kind: 'unavailable',
      title: 'No longer provided',
      message: 'Instagram no longer provides saved for reels.',
    });
    expect(insightCell(answer(body), 'shares', reel)).toEqual({
      kind: 'unavailable',
      title: 'Not given',
      message: 'Instagram gives no shares for a reel.',
    });
    expect(insightCell({}, 'views', reel)).toEqual({ kind: 'pending' });
  });
});
