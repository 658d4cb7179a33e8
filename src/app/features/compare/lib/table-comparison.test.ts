import { describe, expect, it } from 'vitest';
import { planComparison } from '../../../lib/comparison-range';
import { queriedAccounts, tableComparison } from './table-comparison';

const TODAY = '2026-11-28';
const RANGE = { from: '2026-10-31', to: '2026-11-27' };

describe('the comparison the table uses', () => {
  it('is the previous period when comparison is off', () => {
    expect(tableComparison('off', RANGE, { kind: 'off' }, TODAY)).toEqual(
      planComparison(RANGE, 'previous', TODAY),
    );
  });

  it('is the chosen comparison otherwise, even when it is unavailable', () => {
    const year = planComparison(RANGE, 'year', TODAY);
    expect(tableComparison('year', RANGE, year, TODAY)).toBe(year);
    const unavailable = {
      kind: 'unavailable',
      mode: 'year',
      range: RANGE,
      name: 'same period a year earlier',
      reason: 'too early',
    } as const;
    expect(tableComparison('year', RANGE, unavailable, TODAY)).toBe(unavailable);
  });
});

describe('the accounts whose insights are asked', () => {
  it("are the URL's while the list loads, then the compared ones", () => {
    expect(queriedAccounts(['a', 'b', 'x'], undefined)).toEqual(['a', 'b', 'x']);
    expect(queriedAccounts(['a', 'b', 'x'], ['a', 'b'])).toEqual(['a', 'b']);
  });

  it('are none while fewer than two would be compared', () => {
    expect(queriedAccounts(['a'], undefined)).toEqual([]);
    expect(queriedAccounts(['a', 'x'], ['a'])).toEqual([]);
    expect(queriedAccounts([], [])).toEqual([]);
  });
});
