import { Link } from 'react-router';
import type { IgUser } from '../../../../graph/graph-types';
import type { useAccount } from '../../../api/get-account';
import { ErrorPanel, Skeleton } from '../../../components/StatusPanels';
import { ApiRequestError } from '../../../lib/api-client';
import { cx } from '../../../lib/cx';
import { formatInteger } from '../../../lib/format';

export const linkClass =
  'rounded-sm font-medium text-brand-strong underline underline-offset-4 hover:decoration-2';

function Picture({ account }: { account: IgUser }) {
  // Decorative: the username beside it names the account.
  return account.profile_picture_url ? (
    <img
      src={account.profile_picture_url}
      alt=""
      width={64}
      height={64}
      className="size-16 shrink-0 rounded-full border border-border bg-surface-sunken object-cover"
    />
  ) : (
    <div aria-hidden="true" className="size-16 shrink-0 rounded-full bg-surface-sunken" />
  );
}

/** Who the page is about, with the way to its media and back to all accounts. */
export function AccountHeader({
  igUserId,
  account,
}: {
  igUserId: string;
  account: ReturnType<typeof useAccount>;
}) {
  const user = account.data?.data;
  // No media page to link to for an account this server does not show.
  const unknown = account.error instanceof ApiRequestError && account.error.status === 404;
  return (
    <div className="space-y-3">
      <p className="print:hidden">
        <Link to="/" className={linkClass}>
          <span aria-hidden="true">← </span>All accounts
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-3">
        {user ? (
          <Picture account={user} />
        ) : account.isPending ? (
          // The picture's place, kept while loading so that the header does not move.
          <div aria-hidden="true" className="size-16 shrink-0 rounded-full bg-surface-sunken" />
        ) : null}
        <div className="min-w-0 flex-1">
          <h1 className="break-words text-2xl font-bold tracking-tight sm:text-3xl">
            {user?.username ? `@${user.username}` : 'Account insights'}
          </h1>
          {user ? (
            <p className="text-fg-muted">
              {user.name ? <span>{user.name}</span> : null}
              {user.name && user.followers_count !== undefined ? (
                <span aria-hidden="true"> · </span>
              ) : null}
              {user.followers_count !== undefined ? (
                <span>
                  <span className="font-semibold text-fg tabular-nums">
                    {formatInteger(user.followers_count)}
                  </span>{' '}
                  followers
                </span>
              ) : null}
            </p>
          ) : account.isPending ? (
            <Skeleton className="mt-1 h-5 w-48" label="Loading account" />
          ) : null}
        </div>
        {/* Its own line on narrow screens, so that the username keeps the width it needs. */}
        <p className={cx('w-full sm:w-auto print:hidden', unknown && 'hidden')}>
          <Link
            to={`/accounts/${encodeURIComponent(igUserId)}/media`}
            className="inline-block rounded-md border border-border bg-surface-raised px-3 py-1.5 text-sm font-medium hover:bg-surface-sunken"
          >
            Media
          </Link>{' '}
          <Link
            to={`/accounts/${encodeURIComponent(igUserId)}/audience`}
            className="inline-block rounded-md border border-border bg-surface-raised px-3 py-1.5 text-sm font-medium hover:bg-surface-sunken"
          >
            Audience
          </Link>{' '}
          <Link
            to={`/accounts/${encodeURIComponent(igUserId)}/stories`}
            className="inline-block rounded-md border border-border bg-surface-raised px-3 py-1.5 text-sm font-medium hover:bg-surface-sunken"
          >
            Stories
          </Link>
        </p>
      </div>
      {account.isError ? (
        <ErrorPanel error={account.error} onRetry={() => void account.refetch()} />
      ) : null}
    </div>
  );
}
