import { Link } from 'react-router';
import type { IgUser } from '../../../../graph/graph-types';
import { dailyValues, totals, useAccountInsights } from '../../../api/get-account-insights';
import { Sparkline } from '../../../components/Sparkline';
import { ErrorPanel, Skeleton, StaleNote } from '../../../components/StatusPanels';
import { Avatar, Card } from '../../../components/ui';
import { relativeChange } from '../../../lib/change';
import { cx } from '../../../lib/cx';
import { type DateRange, daysOf } from '../../../lib/date-range';
import { formatInteger } from '../../../lib/format';
import { OVERVIEW_DAYS, overviewReachParams, overviewTotalsParams } from '../lib/overview';
import { ChangeLabel } from './ChangeLabel';

const METRICS = [
  { name: 'reach', fallbackTitle: 'Accounts reached' },
  { name: 'views', fallbackTitle: 'Views' },
] as const;

/**
 * One account at a glance: reach and views of the last 28 days against the 28 days before, and
 * daily reach. It loads and fails on its own; the whole card links to the account's page.
 */
export function AccountCard({
  account,
  profilePending = false,
  current,
  previous,
}: {
  /** The profile, or only its id while the account list's profiles are on their way. */
  account: IgUser;
  profilePending?: boolean;
  current: DateRange;
  previous: DateRange;
}) {
  const now = useAccountInsights(account.id, overviewTotalsParams(current));
  const before = useAccountInsights(account.id, overviewTotalsParams(previous));
  const reach = useAccountInsights(account.id, overviewReachParams(current));
  const nowTotals = totals(now.data?.data);
  const beforeTotals = totals(before.data?.data);
  const reachByDay = dailyValues(reach.data?.data).get('reach');
  const sparkline = reachByDay ? daysOf(current).map((d) => reachByDay.get(d) ?? null) : undefined;
  const label = account.username ? `@${account.username}` : account.id;
  const headingId = `account-${account.id}`;

  return (
    <Card
      as="article"
      aria-labelledby={headingId}
      className={cx(
        'relative flex h-full flex-col gap-4',
        'transition-colors hover:border-fg-muted has-[a:focus-visible]:border-focus',
      )}
    >
      <div className="flex items-center gap-3">
        <Avatar src={account.profile_picture_url} />
        <div className="min-w-0">
          <h2 id={headingId} className="truncate text-base font-semibold">
            {/* The link covers the card (after:inset-0), so the whole card is one target. */}
            <Link
              to={`/accounts/${encodeURIComponent(account.id)}`}
              className="rounded-sm underline-offset-4 after:absolute after:inset-0 after:rounded-lg hover:underline"
            >
              {label}
            </Link>
          </h2>
          {account.name ? <p className="truncate text-sm text-fg-muted">{account.name}</p> : null}
          {account.followers_count !== undefined ? (
            <p className="text-sm text-fg-muted">
              <span className="font-semibold text-fg tabular-nums">
                {formatInteger(account.followers_count)}
              </span>{' '}
              followers
            </p>
          ) : null}
        </div>
      </div>

      {now.isError && !profilePending ? (
        // Above the card's link, so that its button can be pressed.
        <div className="relative z-10">
          <ErrorPanel error={now.error} onRetry={() => void now.refetch()} />
        </div>
      ) : !now.data ? (
        // An error waits for the profile: an account that needs reconnecting gets its own card.
        <Skeleton className="h-14" label={`Loading insights of ${label}`} />
      ) : (
        <dl className="grid grid-cols-2 gap-3">
          {METRICS.map(({ name, fallbackTitle }) => {
            const total = nowTotals.get(name);
            const change = relativeChange(total?.value, beforeTotals.get(name)?.value);
            return (
              <div key={name} className="min-w-0">
                <dt className="text-sm text-fg-muted">{total?.title ?? fallbackTitle}</dt>
                <dd className="text-xl font-semibold tabular-nums">
                  {total?.value !== undefined ? formatInteger(total.value) : 'Not available'}
                </dd>
                <dd>
                  {change !== undefined ? (
                    <ChangeLabel
                      change={change}
                      against={`compared with the previous ${OVERVIEW_DAYS} days`}
                    />
                  ) : before.isPending && total?.value !== undefined ? null : (
                    <span className="text-xs text-fg-muted">No comparison</span>
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
      )}
      {now.data ? <StaleNote stale={now.data.stale} fetchedAt={now.data.fetchedAt} /> : null}

      {sparkline ? (
        <div className="mt-auto">
          <Sparkline values={sparkline} className="h-10 text-chart-1" />
          <p className="text-xs text-fg-muted">Daily accounts reached</p>
        </div>
      ) : reach.isPending ? (
        <Skeleton className="mt-auto h-10" label={`Loading daily reach of ${label}`} />
      ) : null}
    </Card>
  );
}
