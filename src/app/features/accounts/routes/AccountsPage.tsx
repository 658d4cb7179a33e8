import { useMemo, useState } from 'react';
import type { IgUser } from '../../../../graph/graph-types';
import { useAccountIds } from '../../../api/get-account-ids';
import { useAccounts } from '../../../api/get-accounts';
import { formatInstantDay, useConnections } from '../../../api/get-connections';
import { ErrorPanel, Skeleton } from '../../../components/StatusPanels';
import { Card, PageHeader, TextLink } from '../../../components/ui';
import { pacificToday } from '../../../lib/date-range';
import { formatDay } from '../../../lib/format';
import { usePageTitle } from '../../../lib/use-page-title';
import { AccountCard } from '../components/AccountCard';
import { OVERVIEW_DAYS, overviewPeriods } from '../lib/overview';

export function AccountsPage() {
  usePageTitle('Accounts');
  // Both lists at once: the ids answer without asking Instagram, so each card starts its own
  // requests while the profiles (names, pictures) are still on their way.
  const ids = useAccountIds();
  const accounts = useAccounts();
  const listed: readonly IgUser[] | undefined = accounts.data?.data.data ?? ids.data?.data.data;
  // Owners only: for anyone else the answer is 403 and there is nothing to say.
  const connections = useConnections();
  const expiring = (connections.data?.data.data ?? []).filter((c) => c.reconnect_before);
  const [today] = useState(pacificToday);
  const { current, previous } = useMemo(() => overviewPeriods(today), [today]);
  return (
    <section aria-labelledby="accounts-heading" className="space-y-4">
      <PageHeader title="Accounts" headingId="accounts-heading">
        <p className="text-sm text-fg-muted">
          Last {OVERVIEW_DAYS} days ({formatDay(current.from)} to {formatDay(current.to)}, US
          Pacific), compared with the {OVERVIEW_DAYS} days before.
        </p>
        {connections.isSuccess ? (
          <p className="text-sm">
            <TextLink to="/settings/accounts">Connect or manage accounts</TextLink>
          </p>
        ) : null}
      </PageHeader>
      {expiring.map((c) => (
        <p
          key={c.id}
          role="status"
          className="rounded-md border border-warning/40 bg-warning-surface p-3 text-warning"
        >
          Reconnect {c.accounts.map((a) => `@${a.username}`).join(', ')} before{' '}
          {formatInstantDay(c.reconnect_before as string)}.{' '}
          <TextLink to="/settings/accounts">Reconnect in Settings → Accounts</TextLink>
        </p>
      ))}
      {accounts.isError ? (
        <ErrorPanel error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : !listed ? (
        <Skeleton className="h-32" label="Loading accounts" />
      ) : listed.length === 0 ? (
        <p className="text-fg-muted">This server shows no accounts.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {listed.map((account) => (
            <li key={account.id}>
              {'reconnect_needed' in account ? (
                <ReconnectCard
                  username={account.username ?? account.id}
                  problem={String(account.reconnect_needed)}
                />
              ) : (
                <AccountCard
                  account={account}
                  profilePending={!accounts.data}
                  current={current}
                  previous={previous}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** An account whose connection Instagram refused: what happened, once, instead of failing cards. */
function ReconnectCard({ username, problem }: { username: string; problem: string }) {
  return (
    <Card as="article" aria-label={`@${username}`} className="flex h-full flex-col gap-2">
      <h2 className="truncate text-base font-semibold">@{username}</h2>
      <p className="font-semibold text-danger">Reconnect needed</p>
      <p className="text-sm text-fg-muted">{problem}</p>
      <p className="text-sm">
        <TextLink to="/settings/accounts">Reconnect in Settings → Accounts</TextLink>
      </p>
    </Card>
  );
}
