import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useMemo } from 'react';
import type { IsoDay } from '../../../../graph/pacific-days';
import { accountInsightsQueryOptions } from '../../../api/get-account-insights';
import { ChartFrame } from '../../../components/ChartFrame';
import { MetricDescription } from '../../../components/MetricDescription';
import { ErrorPanel, NotAvailable, Skeleton, StaleNote } from '../../../components/StatusPanels';
import { ApiRequestError } from '../../../lib/api-client';
import { bestTimeHeatmap, utcOffsetLabel } from '../../../lib/best-time';
import { storedOnlineFollowersQueryOptions } from '../api/get-stored-online-followers';
import {
  liveOnlineFollowersRange,
  mergeOnlineFollowers,
  onlineFollowersDays,
} from '../lib/online-followers';
import { BestTimeHeatmap } from './BestTimeHeatmap';
import { HistoryCoverage } from './HistoryCoverage';
import { TimeZonePicker } from './TimeZonePicker';

const TITLE = 'Followers online, by weekday and hour';

/**
 * When followers are online, by weekday and hour in a chosen time zone: Instagram's last 30 days
 * of online_followers and the older days the server stored, averaged.
 */
export function BestTimeSection({
  accountId,
  today,
  timeZone,
  browserZone,
  onTimeZone,
}: {
  accountId: string;
  today: IsoDay;
  timeZone: string;
  browserZone: string;
  onTimeZone: (zone: string) => void;
}) {
  const range = liveOnlineFollowersRange(today);
  const live = useQuery(
    accountInsightsQueryOptions(accountId, {
      metric: 'online_followers',
      period: 'lifetime',
      since: range.since,
      until: range.until,
    }),
  );
  const stored = useQuery(storedOnlineFollowersQueryOptions(accountId));

  const merged = useMemo(
    () =>
      mergeOnlineFollowers(
        live.data ? { since: range.since, days: onlineFollowersDays(live.data.data) } : undefined,
        stored.data ? onlineFollowersDays(stored.data.data) : undefined,
      ),
    [live.data, stored.data, range.since],
  );
  const heatmap = useMemo(() => bestTimeHeatmap(merged.days, timeZone), [merged, timeZone]);
  const zoneLabel = `${timeZone} (${utcOffsetLabel(timeZone)}${timeZone === browserZone ? ", this browser's time zone" : ''})`;
  const entry = live.data?.data.data[0] ?? stored.data?.data.data[0];
  const refused = live.error instanceof ApiRequestError && live.error.notAvailable;

  let body: ReactNode;
  if (live.isPending || stored.isPending) {
    body = <Skeleton className="h-64" label="Loading online followers" />;
  } else if (merged.days.length === 0) {
    body = live.isError ? (
      <ErrorPanel error={live.error} onRetry={() => void live.refetch()} />
    ) : (
      <NotAvailable reason="Instagram gave no online followers for the last 30 days, and the server has stored none." />
    );
  } else {
    body = (
      <>
        {live.isError ? (
          <p role="status" className="text-sm text-warning">
            {refused ? 'Instagram no longer gives online followers' : 'Instagram did not answer'} (
            {live.error.message}); showing the stored history only.
          </p>
        ) : null}
        {stored.isError ? (
          <p role="status" className="text-sm text-warning">
            The stored history could not be read ({stored.error.message}); showing Instagram's last
            30 days only.
          </p>
        ) : null}
        <BestTimeHeatmap heatmap={heatmap} zoneLabel={zoneLabel} />
        <HistoryCoverage
          merged={merged}
          storedSince={stored.data ? stored.data.data.stored_since : undefined}
        />
        {live.data ? <StaleNote stale={live.data.stale} fetchedAt={live.data.fetchedAt} /> : null}
      </>
    );
  }

  return (
    <ChartFrame title={TITLE}>
      <p className="text-sm text-fg-muted">
        When your followers are on Instagram: the followers online in each hour, averaged per
        weekday. Post shortly before the darkest cells. All times are in{' '}
        <strong className="font-semibold text-fg">{timeZone}</strong>.
      </p>
      {merged.days.length > 0 || live.isPending || stored.isPending ? (
        <TimeZonePicker value={timeZone} browserZone={browserZone} onChange={onTimeZone} />
      ) : null}
      {body}
      {entry ? <MetricDescription title={entry.title} description={entry.description} /> : null}
    </ChartFrame>
  );
}
