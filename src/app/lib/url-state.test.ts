import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../graph/pacific-days';
import { DEFAULT_RANGE, oldestDay, RANGE_PRESETS, type RangeSelection } from './date-range';
import {
  parsePeriodState,
  parseRangeSelection,
  shareableSearch,
  URL_FORMAT_VERSION,
  withNextComparison,
  withRangeShortcut,
  writePeriodState,
  writeRangeSelection,
} from './url-state';

const TODAY = '2026-11-28';
const parse = (query: string) => parseRangeSelection(new URLSearchParams(query), TODAY);

describe('parseRangeSelection', () => {
  it('no parameters: the default range, without notices', () => {
    expect(parse('')).toEqual({ state: { range: DEFAULT_RANGE }, notices: [] });
  });

  it.each(RANGE_PRESETS.filter((p) => p.key !== 'custom').map((p) => p.key))(
    'reads range=%s',
    (key) => {
      expect(parse(`v=1&range=${key}`)).toEqual({ state: { range: key }, notices: [] });
    },
  );

  it('reads a custom range', () => {
    expect(parse('range=custom&from=2026-01-01&to=2026-02-15')).toEqual({
      state: { range: 'custom', from: '2026-01-01', to: '2026-02-15' },
      notices: [],
    });
  });

  it('an unknown range falls back to the default with a notice naming it', () => {
    const { state, notices } = parse('range=bogus');
    expect(state).toEqual({ range: DEFAULT_RANGE });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('"bogus" is not a date range');
  });

  it('a custom range Instagram cannot answer falls back with the reason', () => {
    const { state, notices } = parse('range=custom&from=2026-11-20&to=2026-11-10');
    expect(state).toEqual({ range: DEFAULT_RANGE });
    expect(notices[0]).toMatch(/start date must not be after the end date.*last 28 days/);
    expect(parse('range=custom&from=2026-11-20').notices[0]).toMatch(/needs a start and an end/);
  });

  it('keeps a custom range older than the two years Instagram keeps, as written', () => {
    expect(parse('v=1&range=custom&from=2023-03-01&to=2023-03-31')).toEqual({
      state: { range: 'custom', from: '2023-03-01', to: '2023-03-31' },
      notices: [],
    });
  });

  it("a custom range before Instagram's first day or over ten years falls back with the reason", () => {
    const early = parse('v=1&range=custom&from=2010-10-05&to=2010-12-31');
    expect(early.state).toEqual({ range: DEFAULT_RANGE });
    expect(early.notices).toEqual([
      "Instagram's first day was 2010-10-06: start then or later. Showing the last 28 days instead.",
    ]);
    const long = parse('v=1&range=custom&from=2011-01-01&to=2026-01-01');
    expect(long.state).toEqual({ range: DEFAULT_RANGE });
    expect(long.notices[0]).toMatch(/at most ten years.*Showing the last 28 days instead\./);
  });

  it('a link from another format version is read, with a notice', () => {
    const { state, notices } = parse('v=7&range=7d');
    expect(state).toEqual({ range: '7d' });
    expect(notices[0]).toMatch(/format v7/);
  });

  it('ignores from/to unless the range is custom', () => {
    expect(parse('range=14d&from=2026-01-01&to=2026-01-02').state).toEqual({ range: '14d' });
  });
});

describe('writeRangeSelection', () => {
  it('writes the version and leaves the default range out', () => {
    expect(writeRangeSelection({ range: DEFAULT_RANGE }).toString()).toBe(
      `v=${URL_FORMAT_VERSION}`,
    );
  });

  it('keeps unrelated parameters and drops stale from/to when leaving a custom range', () => {
    const into = new URLSearchParams('tab=charts&range=custom&from=2026-01-01&to=2026-01-31');
    const written = writeRangeSelection({ range: '7d' }, into);
    expect(Object.fromEntries(written)).toEqual({ tab: 'charts', range: '7d', v: '1' });
  });

  it('round-trips every preset', () => {
    for (const preset of RANGE_PRESETS.filter((p) => p.key !== 'custom')) {
      const selection: RangeSelection = { range: preset.key };
      expect(parseRangeSelection(writeRangeSelection(selection), TODAY)).toEqual({
        state: selection,
        notices: [],
      });
    }
  });

  it('round-trips any usable custom range', () => {
    const oldest = oldestDay(TODAY);
    const span = daysBetween(oldest, TODAY);
    const customRange = fc
      .tuple(fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: span }))
      .map(([a, b]) => ({
        range: 'custom' as const,
        from: addDays(oldest, Math.min(a, b)),
        to: addDays(oldest, Math.max(a, b)),
      }));
    fc.assert(
      fc.property(customRange, (selection) => {
        const written = writeRangeSelection(selection);
        expect(parseRangeSelection(new URLSearchParams(written.toString()), TODAY)).toEqual({
          state: selection,
          notices: [],
        });
      }),
    );
  });
});

describe('a link to days older than two years', () => {
  it('round-trips a three-year range, and a shared copy keeps its days', () => {
    const selection: RangeSelection = {
      range: 'custom',
      from: addDays(TODAY, -3 * 365),
      to: addDays(TODAY, -3 * 365 + 44),
    };
    const written = writeRangeSelection(selection);
    expect(written.toString()).toBe(`v=1&range=custom&from=${selection.from}&to=${selection.to}`);
    expect(parseRangeSelection(new URLSearchParams(written.toString()), TODAY)).toEqual({
      state: selection,
      notices: [],
    });
    expect(shareableSearch(written, { today: TODAY, hasRange: true, dates: 'fixed' })).toBe(
      `v=1&range=custom&from=${selection.from}&to=${selection.to}`,
    );
  });

  it("round-trips any range since Instagram's first day", () => {
    const first = '2010-10-06';
    const span = daysBetween(first, TODAY);
    const customRange = fc
      .tuple(fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: 3652 }))
      .map(([start, length]) => ({
        range: 'custom' as const,
        from: addDays(first, start),
        to: addDays(first, Math.min(span, start + length)),
      }));
    fc.assert(
      fc.property(customRange, (selection) => {
        const written = writeRangeSelection(selection);
        expect(parseRangeSelection(new URLSearchParams(written.toString()), TODAY)).toEqual({
          state: selection,
          notices: [],
        });
      }),
    );
  });
});

describe('period comparison in the URL', () => {
  it('reads compare=off|previous|year, off by default', () => {
    const read = (q: string) => parsePeriodState(new URLSearchParams(q), TODAY).state.compare;
    expect(read('')).toBe('off');
    expect(read('compare=previous')).toBe('previous');
    expect(read('compare=year')).toBe('year');
  });

  it('an unknown comparison is off, with a notice', () => {
    const { state, notices } = parsePeriodState(new URLSearchParams('compare=decade'), TODAY);
    expect(state.compare).toBe('off');
    expect(notices[0]).toMatch(/compare=decade is not valid/);
  });

  it('round-trips, leaving the default out', () => {
    expect(writePeriodState({ selection: { range: '28d' }, compare: 'off' }).toString()).toBe(
      'v=1',
    );
    const state = { selection: { range: '7d' as const }, compare: 'year' as const };
    expect(parsePeriodState(writePeriodState(state), TODAY).state).toEqual(state);
  });
});

describe('shareableSearch', () => {
  const share = (q: string, dates: 'moving' | 'fixed', hasRange = true) =>
    shareableSearch(q, { today: TODAY, hasRange, dates });

  it('a moving link names the preset, even the default one', () => {
    expect(share('', 'moving')).toBe('v=1&range=28d');
    expect(share('v=1&range=7d&compare=year', 'moving')).toBe('v=1&range=7d&compare=year');
  });

  it('a fixed link writes the days shown now', () => {
    expect(share('v=1&range=28d&accounts=1,2', 'fixed')).toBe(
      'v=1&range=custom&from=2026-10-31&to=2026-11-27&accounts=1,2',
    );
    expect(share('range=last-month', 'fixed')).toBe(
      'v=1&range=custom&from=2026-10-01&to=2026-10-31',
    );
  });

  it('a custom range stays fixed either way', () => {
    expect(share('range=custom&from=2026-01-01&to=2026-01-31', 'moving')).toBe(
      'v=1&range=custom&from=2026-01-01&to=2026-01-31',
    );
  });

  it('leaves pages without a range alone, apart from the version', () => {
    expect(share('view=table&sort=views', 'fixed', false)).toBe('v=1&view=table&sort=views');
  });
});

describe('shortcut URLs', () => {
  it('a range shortcut writes the preset and keeps the rest', () => {
    const next = withRangeShortcut(
      new URLSearchParams('v=1&accounts=1,2&compare=year'),
      '7d',
      TODAY,
    );
    expect(Object.fromEntries(next)).toEqual({
      v: '1',
      accounts: '1,2',
      compare: 'year',
      range: '7d',
    });
  });

  it('the custom shortcut starts from the days shown', () => {
    const next = withRangeShortcut(new URLSearchParams('range=7d'), 'custom', TODAY);
    expect(next.toString()).toBe('range=custom&v=1&from=2026-11-21&to=2026-11-27');
  });

  it('the comparison shortcut cycles off, previous, year, off', () => {
    let params = new URLSearchParams('v=1');
    const seen: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      params = withNextComparison(params);
      seen.push(params.get('compare'));
    }
    expect(seen).toEqual(['previous', 'year', null]);
  });
});
