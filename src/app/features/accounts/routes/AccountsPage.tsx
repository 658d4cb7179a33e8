import { useMemo, useState } from 'react';
import { useAccounts } from '../../../api/get-accounts';
import { ErrorPanel, Skeleton } from '../../../components/StatusPanels';
import { PageHeader } from '../../../components/ui';
import { pacificToday } from '../../../lib/date-range';
import { formatDay } from '../../../lib/format';
import { usePageTitle } from '../../../lib/use-page-title';
import { AccountCard } from '../components/AccountCard';
import { OVERVIEW_DAYS, overviewPeriods } from '../lib/overview';

export function AccountsPage() {
  usePageTitle('Accounts');
  const accounts = useAccounts();
  const [today] = useState(pacificToday);
  const { current, previous } = useMemo(() => overviewPeriods(today), [today]);
  return (
    <section aria-labelledby="accounts-heading" className="space-y-4">
      <PageHeader title="Accounts" headingId="accounts-heading">
        <p className="text-sm text-fg-muted">
          Last {OVERVIEW_DAYS} days ({formatDay(current.from)} to {formatDay(current.to)}, US
          Pacific), compared with the {OVERVIEW_DAYS} days before.
        </p>
      </PageHeader>
      {accounts.isPending ? (
        <Skeleton className="h-32" label="Loading accounts" />
      ) : accounts.isError ? (
        <ErrorPanel error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : accounts.data.data.data.length === 0 ? (
        <p className="text-fg-muted">This server shows no accounts.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {accounts.data.data.data.map((account) => (
            <li key={account.id}>
              <AccountCard account={account} current={current} previous={previous} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
