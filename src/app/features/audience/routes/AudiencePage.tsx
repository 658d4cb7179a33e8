import { useState } from 'react';
import { useParams } from 'react-router';
import { useAccount } from '../../../api/get-account';
import { AccountNotFound, accountUnavailable } from '../../../components/AccountNotFound';
import { UrlNotices } from '../../../components/StatusPanels';
import { PageHeader, Section } from '../../../components/ui';
import { pacificToday } from '../../../lib/date-range';
import { formatInteger } from '../../../lib/format';
import { useUrlState } from '../../../lib/url-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { BestTimeSection } from '../components/BestTimeSection';
import { DemographicsSection } from '../components/DemographicsSection';
import { TimeframePicker } from '../components/TimeframePicker';
import { parseAudienceState, writeAudienceState } from '../lib/audience-url-state';
import { browserTimeZone } from '../lib/time-zones';

function Audience({ igUserId }: { igUserId: string }) {
  // Fixed for the page's life, so that a page left open over midnight asks consistent days.
  const [today] = useState(pacificToday);
  const [browserZone] = useState(browserTimeZone);
  const [state, setState, notices] = useUrlState(parseAudienceState, writeAudienceState);
  const account = useAccount(igUserId);
  const user = account.data?.data;
  usePageTitle(user?.username ? `Audience · @${user.username}` : 'Audience');

  if (accountUnavailable(account.error)) return <AccountNotFound error={account.error} />;

  const timeZone = state.tz ?? browserZone;
  return (
    <div className="space-y-8">
      <PageHeader
        title="Audience"
        back={{ to: `/accounts/${encodeURIComponent(igUserId)}`, label: 'Account overview' }}
      >
        <p className="text-fg-muted">
          {user?.username ? `@${user.username}` : account.isPending ? 'Loading account…' : null}
          {user?.followers_count !== undefined
            ? ` · ${formatInteger(user.followers_count)} followers`
            : null}
        </p>
      </PageHeader>

      <UrlNotices notices={notices} />

      <Section
        title="Demographics"
        headingId="demographics-heading"
        actions={
          <TimeframePicker
            value={state.timeframe}
            onChange={(timeframe) => setState({ ...state, timeframe })}
          />
        }
        className="space-y-4"
      >
        <p className="text-sm text-fg-muted">
          Who follows the account and who engaged with its content, by age, gender, country and
          city. Instagram gives them as they are now, for the current week or month.
        </p>
        <DemographicsSection
          accountId={igUserId}
          account={user?.username ?? igUserId}
          timeframe={state.timeframe}
        />
      </Section>

      <Section title="Best time to post" headingId="best-time-heading" className="space-y-4">
        <BestTimeSection
          accountId={igUserId}
          today={today}
          timeZone={timeZone}
          browserZone={browserZone}
          onTimeZone={(tz) => setState({ ...state, tz })}
        />
      </Section>
    </div>
  );
}

export function AudiencePage() {
  const { igUserId = '' } = useParams();
  return <Audience key={igUserId} igUserId={igUserId} />;
}
