import { describe, expect, it } from 'vitest';
import { DEFAULT_RANGE } from './date-range';
import {
  parsePeriodState,
  shareableSearch,
  URL_FORMAT_VERSION,
  writePeriodState,
} from './url-state';
import { isFormat0, upgradeSearch } from './url-upgrade';

const TODAY = '2026-11-28';
/** What a page reads once the app has upgraded the address it was opened at. */
const opened = (query: string) => new URLSearchParams(upgradeSearch(query) ?? query);

describe('format 0 links (no version marker)', () => {
  it.each([
    ['period=last_7_days', '7d'],
    ['period=last_14_days', '14d'],
    ['period=last_28_days', '28d'],
    ['period=last_90_days', '90d'],
    ['period=this_month', 'this-month'],
    ['period=last_month', 'last-month'],
  ] as const)('%s opens as range=%s, without a notice', (query, range) => {
    expect(upgradeSearch(query)).toBe(`v=1&range=${range}`);
    expect(parsePeriodState(opened(query), TODAY)).toEqual({
      state: { selection: { range }, compare: 'off' },
      notices: [],
    });
  });

  it('since and until open as fixed dates', () => {
    for (const query of [
      'since=2026-01-01&until=2026-02-15',
      'period=custom&since=2026-01-01&until=2026-02-15',
    ]) {
      expect(upgradeSearch(query)).toBe('v=1&range=custom&from=2026-01-01&to=2026-02-15');
      expect(parsePeriodState(opened(query), TODAY)).toMatchObject({
        state: { selection: { range: 'custom', from: '2026-01-01', to: '2026-02-15' } },
        notices: [],
      });
    }
  });

  it('compare_to and repeated account parameters become compare and accounts', () => {
    expect(upgradeSearch('period=last_7_days&compare_to=previous_year&account=11&account=22')).toBe(
      'v=1&range=7d&compare=year&accounts=11%2C22',
    );
    expect(upgradeSearch('compare_to=none')).toBe('v=1&compare=off');
    expect(upgradeSearch('compare_to=previous_period')).toBe('v=1&compare=previous');
  });

  it('is written in the current format, without the old parameters', () => {
    const current = { v: '1', range: '7d', compare: 'previous', tab: 'x' };
    const params = opened('period=last_7_days&compare_to=previous_period&tab=x');
    expect(Object.fromEntries(params)).toEqual(current);
    const { state } = parsePeriodState(params, TODAY);
    expect(Object.fromEntries(writePeriodState(state, new URLSearchParams(params)))).toEqual(
      current,
    );
  });

  it('an unknown old period gets the usual notice', () => {
    const { state, notices } = parsePeriodState(opened('period=last_year'), TODAY);
    expect(state.selection).toEqual({ range: DEFAULT_RANGE });
    expect(notices[0]).toContain('"last_year" is not a date range');
  });

  it("dates before Instagram's first day fall back with the reason", () => {
    const { state, notices } = parsePeriodState(opened('since=2009-01-01&until=2009-02-01'), TODAY);
    expect(state.selection).toEqual({ range: DEFAULT_RANGE });
    expect(notices[0]).toMatch(/Instagram's first day was 2010-10-06/);
  });

  it('old dates past the two years Instagram keeps are kept, for the stored history', () => {
    const { state, notices } = parsePeriodState(opened('since=2019-01-01&until=2019-02-01'), TODAY);
    expect(state.selection).toEqual({ range: 'custom', from: '2019-01-01', to: '2019-02-01' });
    expect(notices).toEqual([]);
  });

  it('format 1 parameters win, and a link with v is never read as format 0', () => {
    expect(parsePeriodState(opened('range=14d&period=last_7_days'), TODAY).state.selection).toEqual(
      { range: '14d' },
    );
    expect(upgradeSearch('range=14d&period=last_7_days')).toBe('v=1&range=14d');
    expect(upgradeSearch('v=1&period=last_7_days')).toBeUndefined();
    const v1 = parsePeriodState(opened('v=1&period=last_7_days'), TODAY);
    expect(v1.state.selection).toEqual({ range: DEFAULT_RANGE });
    expect(isFormat0(new URLSearchParams('range=7d'))).toBe(false);
    expect(upgradeSearch('range=7d')).toBeUndefined();
  });

  it('maps the names one to one', () => {
    expect(upgradeSearch('since=2026-01-01&until=2026-01-31')).toBe(
      'v=1&range=custom&from=2026-01-01&to=2026-01-31',
    );
  });

  it('takes the search string with or without its "?", and keeps other parameters in order', () => {
    expect(upgradeSearch('?b=2&period=last_7_days&a=1')).toBe('v=1&range=7d&b=2&a=1');
  });

  it('ends at the current format', () => {
    const upgraded = new URLSearchParams(upgradeSearch('period=last_7_days'));
    expect(upgraded.get('v')).toBe(String(URL_FORMAT_VERSION));
  });

  it('a shared link of a format 0 address is in the current format', () => {
    expect(
      shareableSearch(upgradeSearch('period=last_7_days&account=5') ?? '', {
        today: TODAY,
        hasRange: true,
        dates: 'moving',
      }),
    ).toBe('v=1&range=7d&accounts=5');
  });
});

describe('current links', () => {
  it('stay as they are', () => {
    for (const query of ['', '?', 'v=1', 'v=1&range=7d&compare=year', 'view=table', 'v=7&period=x'])
      expect(upgradeSearch(query)).toBeUndefined();
  });
});
