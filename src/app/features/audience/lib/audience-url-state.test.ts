import { describe, expect, it } from 'vitest';
import { parseAudienceState, writeAudienceState } from './audience-url-state';

const parse = (query: string) => parseAudienceState(new URLSearchParams(query));

describe('audience page URL', () => {
  it('defaults to this month and the browser time zone', () => {
    expect(parse('')).toEqual({ state: { timeframe: 'this-month' }, notices: [] });
  });

  it('reads the timeframe and the time zone', () => {
    expect(parse('v=1&timeframe=this-week&tz=America/New_York')).toEqual({
      state: { timeframe: 'this-week', tz: 'America/New_York' },
      notices: [],
    });
    expect(parse('tz=Asia/Kolkata').state.tz).toBe('Asia/Kolkata');
  });

  it('fixes the case of a zone name', () => {
    expect(parse('tz=europe/berlin').state.tz).toBe('Europe/Berlin');
  });

  it('ignores an unknown zone or timeframe with a notice', () => {
    const parsed = parse('tz=Mars/Olympus_Mons&timeframe=last-year');
    expect(parsed.state).toEqual({ timeframe: 'this-month' });
    expect(parsed.notices).toHaveLength(2);
    expect(parsed.notices.join(' ')).toMatch(/tz=Mars\/Olympus_Mons is not a time zone/);
    expect(parsed.notices.join(' ')).toMatch(/timeframe=last-year is not valid/);
    expect(parse('tz=%3Cscript%3E').notices[0]).toMatch(/is not a time zone/);
  });

  it('writes only what differs from the defaults, with the version', () => {
    expect(writeAudienceState({ timeframe: 'this-month' }).toString()).toBe('v=1');
    expect(
      writeAudienceState(
        { timeframe: 'this-week', tz: 'Asia/Kolkata' },
        new URLSearchParams('tz=UTC&other=1'),
      ).toString(),
    ).toBe('tz=Asia%2FKolkata&other=1&v=1&timeframe=this-week');
  });

  it('reads back what it writes', () => {
    for (const state of [
      { timeframe: 'this-week' as const, tz: 'Europe/Berlin' },
      { timeframe: 'this-month' as const },
    ])
      expect(parseAudienceState(writeAudienceState(state)).state).toEqual(state);
  });
});
