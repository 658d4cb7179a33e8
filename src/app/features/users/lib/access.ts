import type { User } from '../../../api/get-session';

/** Who may see what: a role, and (members) all accounts or some. Owners always see all. */
export interface Access {
  role: 'owner' | 'member';
  accounts: 'all' | string[];
}

export const accountLabel = (id: string, usernames: ReadonlyMap<string, string>): string => {
  const username = usernames.get(id);
  return username ? `@${username}` : `account ${id}`;
};

/** "All accounts", or the accounts by username (an id this server no longer lists, by its id). */
export function accountsSummary(
  user: Pick<User, 'role' | 'accounts'>,
  usernames: ReadonlyMap<string, string>,
): string {
  if (user.role === 'owner' || user.accounts === 'all') return 'All accounts';
  if (user.accounts.length === 0) return 'No accounts';
  return user.accounts.map((id) => accountLabel(id, usernames)).join(', ');
}

/**
 * An access as a form holds it: the accounts ticked are kept while "all accounts" is chosen, so
 * that switching back and forth loses nothing.
 */
export interface AccessDraft {
  role: 'owner' | 'member';
  all: boolean;
  chosen: string[];
}

export const draftOf = (access: Access): AccessDraft => ({
  role: access.role,
  all: access.role === 'owner' || access.accounts === 'all',
  chosen: access.accounts === 'all' ? [] : [...access.accounts],
});

/** What is wrong with an access before it is sent; undefined when nothing is. */
export function accessProblem(draft: AccessDraft): string | undefined {
  if (draft.role === 'member' && !draft.all && draft.chosen.length === 0)
    return 'Choose at least one account, or all accounts.';
  return undefined;
}

/** The access to send: owners see every account, whatever was ticked for them. */
export const accessToSend = (draft: AccessDraft): Access =>
  draft.role === 'owner' || draft.all
    ? { role: draft.role, accounts: 'all' }
    : { role: draft.role, accounts: draft.chosen };
