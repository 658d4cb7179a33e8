import { describe, expect, it } from 'vitest';
import { breakdownLabel, breakdownRows } from './breakdowns';

const byProduct = {
  dimension_keys: ['media_product_type'],
  results: [
    { dimension_values: ['POST'], value: 20 },
    { dimension_values: ['REEL'], value: 50 },
    { dimension_values: ['STORY'], value: 30 },
  ],
};

describe('breakdownRows', () => {
  it('labels values for people, largest first, with their share of the total', () => {
    expect(breakdownRows(byProduct, 100)).toEqual([
      { key: 'REEL', label: 'Reels', value: 50, share: 0.5 },
      { key: 'STORY', label: 'Stories', value: 30, share: 0.3 },
      { key: 'POST', label: 'Posts', value: 20, share: 0.2 },
    ]);
  });

  it("divides by the API's total when given, even if the parts add up to less", () => {
    const rows = breakdownRows(byProduct, 200);
    expect(rows.map((r) => r.share)).toEqual([0.25, 0.15, 0.1]);
  });

  it('divides by the sum of the parts without a total', () => {
    expect(breakdownRows(byProduct).map((r) => r.share)).toEqual([0.5, 0.3, 0.2]);
  });

  it('has no share when there is nothing to divide by, rather than 0 %', () => {
    const zero = {
      dimension_keys: ['follow_type'],
      results: [{ dimension_values: ['FOLLOWER'], value: 0 }],
    };
    expect(breakdownRows(zero, 0)).toEqual([{ key: 'FOLLOWER', label: 'Followers', value: 0 }]);
  });

  it('takes labels for a given metric over the general ones', () => {
    const follows = {
      dimension_keys: ['follow_type'],
      results: [
        { dimension_values: ['NON_FOLLOWER'], value: 5 },
        { dimension_values: ['FOLLOWER'], value: 15 },
        { dimension_values: ['UNKNOWN'], value: 0 },
      ],
    };
    const rows = breakdownRows(follows, 20, { FOLLOWER: 'Follows', NON_FOLLOWER: 'Unfollows' });
    expect(rows.map((r) => [r.label, r.share])).toEqual([
      ['Follows', 0.75],
      ['Unfollows', 0.25],
      ['Unknown', 0],
    ]);
  });

  it('keeps values it has no label for as they are', () => {
    const rows = breakdownRows({
      dimension_keys: ['media_product_type'],
      results: [{ dimension_values: ['NEW_THING'], value: 3 }],
    });
    expect(rows[0]?.label).toBe('NEW_THING');
  });

  it('no breakdown: no rows', () => {
    expect(breakdownRows(undefined, 10)).toEqual([]);
  });
});

describe('breakdownLabel', () => {
  it('has human labels for every story navigation and profile action', () => {
    expect(['tap_forward', 'tap_back', 'tap_exit', 'swipe_forward'].map(breakdownLabel)).toEqual([
      'Taps forward',
      'Taps back',
      'Exits',
      'Swipes forward',
    ]);
    expect(
      ['bio_link_clicked', 'call', 'direction', 'email', 'text', 'other'].map(breakdownLabel),
    ).toEqual(['Bio link taps', 'Calls', 'Directions', 'Emails', 'Texts', 'Other']);
    expect(breakdownLabel('new_action')).toBe('new_action');
  });

  it('labels each dimension of a combined breakdown', () => {
    const rows = breakdownRows({
      dimension_keys: ['age', 'gender'],
      results: [{ dimension_values: ['18-24', 'UNKNOWN'], value: 4 }],
    });
    expect(rows[0]?.label).toBe('18-24, Unknown');
  });
});
