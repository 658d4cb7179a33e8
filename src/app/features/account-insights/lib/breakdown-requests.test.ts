import { describe, expect, it } from 'vitest';
import { HISTORY_BREAKDOWNS } from '../../../../graph/account-history';
import { BREAKDOWNS, breakdownParams } from './breakdown-requests';

describe('request parameters', () => {
  const range = { from: '2026-11-01', to: '2026-11-27' };

  it('asks breakdowns by the same dimension together, reach apart, so three requests cover five cards', () => {
    const params = BREAKDOWNS.map((b) => breakdownParams(b, range));
    expect(params).toEqual([
      expect.objectContaining({
        metric: 'views,total_interactions',
        breakdown: 'media_product_type',
      }),
      expect.objectContaining({ metric: 'views,follows_and_unfollows', breakdown: 'follow_type' }),
      expect.objectContaining({
        metric: 'views,total_interactions',
        breakdown: 'media_product_type',
      }),
      expect.objectContaining({ metric: 'reach', breakdown: 'follow_type' }),
      expect.objectContaining({ metric: 'views,follows_and_unfollows', breakdown: 'follow_type' }),
    ]);
    expect(new Set(params.map((p) => JSON.stringify(p))).size).toBe(3);
    expect(BREAKDOWNS.filter((b) => b.unique).map((b) => b.metric)).toEqual(['reach']);
  });
});

describe('the history the server keeps', () => {
  it('holds every breakdown card that adds up, so that long ranges come from it', () => {
    for (const spec of BREAKDOWNS.filter((b) => !b.unique)) {
      const kept = HISTORY_BREAKDOWNS.find((h) => h.breakdown === spec.breakdown);
      expect(kept?.metrics as readonly string[] | undefined, spec.key).toContain(spec.metric);
    }
  });
});
