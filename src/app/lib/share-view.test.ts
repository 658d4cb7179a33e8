import { describe, expect, it } from 'vitest';
import { addDays } from '../../graph/pacific-days';
import { planComparison } from './comparison-range';
import { oldestDay } from './date-range';
import {
  allowedComparisons,
  allowedRangeKeys,
  fixedPeriod,
  periodFits,
  type ShareView,
  sharedComparison,
  sharedDaysProblem,
  sharedPeriod,
  sharePageAllowed,
} from './share-view';

const TODAY = '2026-11-28';
const NORTHWIND = '17841405822304914';
const LUMEN = '17841400118305523';

const share = (over: Partial<ShareView> = {}): ShareView => ({
  label: 'Client',
  shared_by: 'Team',
  expires_at: '2026-12-28T00:00:00.000Z',
  accounts: [NORTHWIND],
  scope: 'view',
  view_path: `/accounts/${NORTHWIND}?v=1&range=28d`,
  range: { kind: 'recent', days: 28 },
  allowed_days: { first: '2026-10-31', last: TODAY },
  csv: false,
  locked: false,
  ...over,
});

describe('what a recent link allows', () => {
  const allowed = { first: '2026-10-31', last: TODAY };

  it('offers the presets that fit in its days, and custom dates', () => {
    expect(allowedRangeKeys(allowed, TODAY)).toEqual(['7d', '14d', '28d', 'this-month', 'custom']);
  });

  it('offers the comparisons whose days fit too', () => {
    expect(allowedComparisons({ from: '2026-11-21', to: '2026-11-27' }, allowed, TODAY)).toEqual([
      'off',
      'previous',
    ]);
    expect(allowedComparisons({ from: '2026-10-31', to: '2026-11-27' }, allowed, TODAY)).toEqual([
      'off',
    ]);
  });

  it('checks a period with its comparison', () => {
    expect(periodFits({ selection: { range: '14d' }, compare: 'previous' }, allowed, TODAY)).toBe(
      true,
    );
    expect(periodFits({ selection: { range: '28d' }, compare: 'previous' }, allowed, TODAY)).toBe(
      false,
    );
    expect(sharedDaysProblem({ from: '2026-10-30', to: '2026-11-01' }, allowed)).toContain(
      '2026-10-31 to 2026-11-28',
    );
    expect(sharedDaysProblem({ from: '2026-10-31', to: TODAY }, allowed)).toBeUndefined();
  });
});

describe('sharedPeriod', () => {
  it("keeps the URL's period when it fits, else drops the comparison, else the allowed days", () => {
    const link = share();
    const fits = { selection: { range: '7d' as const }, compare: 'previous' as const };
    expect(sharedPeriod(fits, link, TODAY)).toBe(fits);
    expect(sharedPeriod({ ...fits, compare: 'year' }, link, TODAY)).toEqual({
      ...fits,
      compare: 'off',
    });
    expect(sharedPeriod({ selection: { range: '90d' }, compare: 'off' }, link, TODAY)).toEqual({
      selection: { range: 'custom', from: '2026-10-31', to: '2026-11-27' },
      compare: 'off',
    });
  });

  it("is a fixed link's own days and comparison, whatever the URL says", () => {
    const link = share({
      range: { kind: 'fixed', from: '2026-10-31', to: '2026-11-27', earliest: '2026-10-03' },
      allowed_days: { first: '2026-10-03', last: '2026-11-27' },
    });
    expect(sharedPeriod({ selection: { range: '7d' }, compare: 'off' }, link, TODAY)).toEqual({
      selection: { range: 'custom', from: '2026-10-31', to: '2026-11-27' },
      compare: 'previous',
    });
    expect(
      fixedPeriod({ kind: 'fixed', from: '2026-10-31', to: '2026-11-27', earliest: '2025-11-01' })
        .compare,
    ).toBe('year');
    expect(
      fixedPeriod({ kind: 'fixed', from: '2026-10-31', to: '2026-11-27', earliest: '2026-10-31' })
        .compare,
    ).toBe('off');
  });
});

describe("a link's days bound the stored history's older days", () => {
  // A recent link of 730 days, on an account whose store holds a year more.
  const allowed = { first: addDays(TODAY, -730), last: TODAY };
  const stored = addDays(oldestDay(TODAY), -365);
  const range = { from: addDays(oldestDay(TODAY), 10), to: addDays(oldestDay(TODAY), 39) };

  it('offers a comparison the stored days allow only when its days are within the link', () => {
    expect(allowedComparisons(range, allowed, TODAY)).toEqual(['off', 'previous', 'year']);
    // With the history, the previous period can be drawn, but it is outside the link's days.
    expect(allowedComparisons(range, allowed, TODAY, stored)).toEqual(['off']);
    const period = {
      selection: { range: 'custom' as const, ...range },
      compare: 'previous' as const,
    };
    expect(periodFits(period, allowed, TODAY)).toBe(true);
    expect(periodFits(period, allowed, TODAY, stored)).toBe(false);
  });

  it('marks a comparison outside the link as not available, and leaves the others', () => {
    const plan = planComparison(range, 'previous', TODAY, stored);
    expect(plan.kind).toBe('compare');
    expect(sharedComparison(plan, allowed)).toEqual({
      kind: 'unavailable',
      mode: 'previous',
      range: plan.kind === 'compare' ? plan.range : undefined,
      name: 'previous period',
      reason: `This shared view covers ${allowed.first} to ${TODAY}: the previous period would start on ${addDays(range.from, -30)}.`,
    });
    const inside = planComparison({ from: '2026-11-21', to: '2026-11-27' }, 'previous', TODAY);
    expect(sharedComparison(inside, allowed)).toBe(inside);
    const before = planComparison(range, 'year', TODAY);
    expect(sharedComparison(before, allowed)).toBe(before);
  });
});

describe('sharePageAllowed', () => {
  it('is the view alone for a view link', () => {
    const link = share();
    expect(sharePageAllowed(link, `/accounts/${NORTHWIND}`)).toBe(true);
    expect(sharePageAllowed(link, `/accounts/${NORTHWIND}/media`)).toBe(false);
    expect(sharePageAllowed(link, '/')).toBe(false);
  });

  it("is every page of the link's accounts for a pages link", () => {
    const link = share({ scope: 'pages' });
    expect(sharePageAllowed(link, `/accounts/${NORTHWIND}/media`)).toBe(true);
    expect(sharePageAllowed(link, '/media/123')).toBe(true);
    expect(sharePageAllowed(link, `/accounts/${LUMEN}`)).toBe(false);
    expect(sharePageAllowed(link, '/compare')).toBe(false);
    expect(
      sharePageAllowed(share({ scope: 'pages', accounts: [NORTHWIND, LUMEN] }), '/compare'),
    ).toBe(true);
    expect(sharePageAllowed(link, '/settings/sharing')).toBe(false);
  });
});
