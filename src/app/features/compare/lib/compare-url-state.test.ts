import { describe, expect, it } from 'vitest';
import { upgradeSearch } from '../../../lib/url-upgrade';
import { parseCompareState, writeCompareState } from './compare-url-state';

const TODAY = '2026-11-28';

describe('compare page state', () => {
  const parse = (q: string) => parseCompareState(new URLSearchParams(q), TODAY);

  it('reads the accounts in order, and the modes', () => {
    expect(parse('v=1&accounts=3,1,2&norm=index&er=followers&compare=previous').state).toEqual({
      selection: { range: '28d' },
      compare: 'previous',
      accounts: ['3', '1', '2'],
      norm: 'index',
      er: 'followers',
    });
  });

  it('drops repeated and malformed ids with a notice', () => {
    const { state, notices } = parse('accounts=1,1,abc,,2');
    expect(state.accounts).toEqual(['1', '2']);
    expect(notices).toEqual(['Account ids are numbers; "abc" was left out.']);
  });

  it('keeps at most 10 accounts', () => {
    const ids = Array.from({ length: 12 }, (_, i) => String(i + 1));
    const { state, notices } = parse(`accounts=${ids.join(',')}`);
    expect(state.accounts).toHaveLength(10);
    expect(notices[0]).toMatch(/At most 10/);
  });

  it('an unknown mode falls back with a notice', () => {
    const { state, notices } = parse('norm=log&er=likes');
    expect(state).toMatchObject({ norm: 'absolute', er: 'reach' });
    expect(notices).toHaveLength(2);
  });

  it('round-trips', () => {
    const state = {
      selection: { range: 'custom' as const, from: '2026-01-01', to: '2026-03-31' },
      compare: 'year' as const,
      accounts: ['17841405822304914', '17841400118305523'],
      norm: 'per1000' as const,
      er: 'followers' as const,
    };
    const written = writeCompareState(state);
    expect(written.get('accounts')).toBe('17841405822304914,17841400118305523');
    expect(parseCompareState(new URLSearchParams(written.toString()), TODAY)).toEqual({
      state,
      notices: [],
    });
  });
});

describe('format 0 compare links', () => {
  it('compare_to and repeated account parameters open on the compare page', () => {
    const upgraded = upgradeSearch(
      'period=last_7_days&compare_to=previous_year&account=11&account=22',
    );
    expect(parseCompareState(new URLSearchParams(upgraded), TODAY)).toEqual({
      state: {
        selection: { range: '7d' },
        compare: 'year',
        accounts: ['11', '22'],
        norm: 'absolute',
        er: 'reach',
      },
      notices: [],
    });
  });
});
