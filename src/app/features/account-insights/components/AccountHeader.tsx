import type { useAccount } from '../../../api/get-account';
import { accountUnavailable } from '../../../components/AccountNotFound';
import { ErrorPanel, Skeleton } from '../../../components/StatusPanels';
import { Avatar, ButtonLink, PageTitle, TextLink } from '../../../components/ui';
import { cx } from '../../../lib/cx';
import { formatInteger } from '../../../lib/format';

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
  const unknown = accountUnavailable(account.error);
  return (
    <div className="space-y-3">
      <p className="print:hidden">
        <TextLink to="/">
          <span aria-hidden="true">← </span>All accounts
        </TextLink>
      </p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-3">
        {user || account.isPending ? <Avatar src={user?.profile_picture_url} size="lg" /> : null}
        <div className="min-w-0 flex-1">
          <PageTitle className="break-words">
            {user?.username ? `@${user.username}` : 'Account insights'}
          </PageTitle>
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
          <ButtonLink size="md" to={`/accounts/${encodeURIComponent(igUserId)}/media`}>
            Media
          </ButtonLink>{' '}
          <ButtonLink size="md" to={`/accounts/${encodeURIComponent(igUserId)}/audience`}>
            Audience
          </ButtonLink>{' '}
          <ButtonLink size="md" to={`/accounts/${encodeURIComponent(igUserId)}/stories`}>
            Stories
          </ButtonLink>
        </p>
      </div>
      {account.isError ? (
        <ErrorPanel error={account.error} onRetry={() => void account.refetch()} />
      ) : null}
    </div>
  );
}
