import { describe, expect, it } from 'vitest';
import { accessProblem, accessToSend, accountsSummary, draftOf } from './access';

const usernames = new Map([
  ['1', 'northwind.coffee'],
  ['2', 'lumen.studio'],
]);

describe('accountsSummary', () => {
  it('says all accounts for owners and members with all', () => {
    expect(accountsSummary({ role: 'owner', accounts: 'all' }, usernames)).toBe('All accounts');
    expect(accountsSummary({ role: 'member', accounts: 'all' }, usernames)).toBe('All accounts');
  });

  it("lists a member's accounts by username, and an unknown one by id", () => {
    expect(accountsSummary({ role: 'member', accounts: ['2', '1', '9'] }, usernames)).toBe(
      '@lumen.studio, @northwind.coffee, account 9',
    );
    expect(accountsSummary({ role: 'member', accounts: [] }, usernames)).toBe('No accounts');
  });
});

describe('accessProblem', () => {
  it('wants at least one account for a member', () => {
    expect(accessProblem({ role: 'member', all: false, chosen: [] })).toMatch(/at least one/);
    expect(accessProblem({ role: 'member', all: false, chosen: ['1'] })).toBeUndefined();
    expect(accessProblem({ role: 'member', all: true, chosen: [] })).toBeUndefined();
    expect(accessProblem({ role: 'owner', all: false, chosen: [] })).toBeUndefined();
  });
});

describe('accessToSend', () => {
  it('gives owners every account, whatever was ticked', () => {
    expect(accessToSend({ role: 'owner', all: false, chosen: ['1'] })).toEqual({
      role: 'owner',
      accounts: 'all',
    });
  });

  it("sends a member's choice: all, or the accounts ticked", () => {
    expect(accessToSend({ role: 'member', all: false, chosen: ['1'] })).toEqual({
      role: 'member',
      accounts: ['1'],
    });
    expect(accessToSend({ role: 'member', all: true, chosen: ['1'] })).toEqual({
      role: 'member',
      accounts: 'all',
    });
  });

  it('round-trips through draftOf', () => {
    for (const access of [
      { role: 'member' as const, accounts: ['1', '2'] },
      { role: 'member' as const, accounts: 'all' as const },
      { role: 'owner' as const, accounts: 'all' as const },
    ])
      expect(accessToSend(draftOf(access))).toEqual(access);
  });
});
