import { describe, expect, it } from 'vitest';
import { relativeChange } from './change';
import { formatChange } from './format';

describe('relativeChange', () => {
  it('is the ratio of the difference to the earlier value', () => {
    expect(relativeChange(150, 100)).toBeCloseTo(0.5);
    expect(relativeChange(75, 100)).toBeCloseTo(-0.25);
    expect(relativeChange(100, 100)).toBe(0);
    expect(relativeChange(0, 40)).toBe(-1);
  });

  it('is undefined when either side is missing: no made-up change', () => {
    expect(relativeChange(undefined, 100)).toBeUndefined();
    expect(relativeChange(100, undefined)).toBeUndefined();
    expect(relativeChange(undefined, undefined)).toBeUndefined();
  });

  it('is undefined against 0, where no percentage exists', () => {
    expect(relativeChange(25, 0)).toBeUndefined();
    expect(relativeChange(0, 0)).toBeUndefined();
  });

  it('is undefined for values that are not numbers', () => {
    expect(relativeChange(Number.NaN, 10)).toBeUndefined();
    expect(relativeChange(10, Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it('formats with a sign', () => {
    expect(formatChange(relativeChange(140, 100) as number)).toBe('+40%');
    expect(formatChange(relativeChange(74.5, 100) as number)).toBe('-25.5%');
  });
});
