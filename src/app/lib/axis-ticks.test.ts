import { describe, expect, it } from 'vitest';
import { axisTicks } from './axis-ticks';
import { daysOf } from './date-range';

describe('axisTicks', () => {
  it('labels every day of a range up to a month, as "Nov 3"', () => {
    const days = daysOf({ from: '2026-10-30', to: '2026-11-28' });
    const axis = axisTicks(days);
    expect(axis.ticks).toEqual(days);
    expect(axis.format('2026-11-03')).toBe('Nov 3');
  });

  it('labels Mondays up to half a year', () => {
    const axis = axisTicks(daysOf({ from: '2026-08-31', to: '2026-11-28' }));
    expect(axis.ticks.slice(0, 3)).toEqual(['2026-08-31', '2026-09-07', '2026-09-14']);
    expect(axis.ticks).toHaveLength(13);
    expect(axis.format('2026-09-07')).toBe('Sep 7');
  });

  it('labels the first of each month for a year, with the year, and quarters past two years', () => {
    const year = axisTicks(daysOf({ from: '2025-11-29', to: '2026-11-28' }));
    expect(year.ticks).toHaveLength(12);
    expect(year.ticks[0]).toBe('2025-12-01');
    expect(year.format('2026-01-01')).toBe('Jan 2026');
    const longer = axisTicks(daysOf({ from: '2024-06-15', to: '2026-11-28' }));
    expect(longer.ticks[0]).toBe('2024-07-01');
    expect(longer.ticks.every((d) => /-(01|04|07|10)-01$/.test(d))).toBe(true);
    expect(longer.ticks).toHaveLength(10);
  });
});
