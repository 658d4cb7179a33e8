import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../../../graph/pacific-days';
import { rangeLength } from '../../../lib/date-range';
import { overviewPeriods, overviewReachParams, overviewTotalsParams } from './overview';

describe('overviewPeriods', () => {
  it('compares the last 28 days, today excluded, with the 28 days just before', () => {
    const { current, previous } = overviewPeriods('2026-11-28');
    expect(current).toEqual({ from: '2026-10-31', to: '2026-11-27' });
    expect(previous).toEqual({ from: '2026-10-03', to: '2026-10-30' });
    expect(rangeLength(current)).toBe(28);
    expect(rangeLength(previous)).toBe(28);
    expect(daysBetween(previous.to, current.from)).toBe(1);
  });

  it('crosses a year boundary', () => {
    expect(overviewPeriods('2027-01-05').previous).toEqual({
      from: '2026-11-10',
      to: '2026-12-07',
    });
  });
});

describe('overview requests', () => {
  const range = { from: '2026-10-31', to: '2026-11-27' };

  it('asks reach and views totals in one request', () => {
    expect(overviewTotalsParams(range)).toEqual({
      metric: 'reach,views',
      metric_type: 'total_value',
      since: '2026-10-31',
      until: '2026-11-27',
    });
  });

  it('asks daily reach as a time series', () => {
    expect(overviewReachParams(range)).toMatchObject({
      metric: 'reach',
      metric_type: 'time_series',
      period: 'day',
    });
  });
});
