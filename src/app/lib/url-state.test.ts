import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../graph/pacific-days';
import { DEFAULT_RANGE, oldestDay, RANGE_PRESETS, type RangeSelection } from './date-range';
import { parseRangeSelection, URL_FORMAT_VERSION, writeRangeSelection } from './url-state';

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
