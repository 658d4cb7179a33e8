import { Link } from 'react-router';
import { useAccounts } from '../../../api/get-accounts';
import { ErrorPanel, Skeleton } from '../../../components/StatusPanels';
import { formatInteger } from '../../../lib/format';
import { usePageTitle } from '../../../lib/use-page-title';

export function AccountsPage() {
  usePageTitle('Accounts');
  const accounts = useAccounts();
  return (
    <section aria-labelledby="accounts-heading" className="space-y-4">
      <h1 id="accounts-heading" className="text-2xl font-bold tracking-tight sm:text-3xl">
        Accounts
      </h1>
      {accounts.isPending ? (
        <Skeleton className="h-32" label="Loading accounts" />
      ) : accounts.isError ? (
        <ErrorPanel error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {accounts.data.data.data.map((a) => (
            <li key={a.id} className="rounded-lg border border-border bg-surface-raised p-4">
              <Link
                to={`/accounts/${a.id}`}
                className="font-semibold underline-offset-4 hover:underline"
              >
                @{a.username}
              </Link>
              <p className="text-sm text-fg-muted">
                {formatInteger(a.followers_count ?? 0)} followers
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
