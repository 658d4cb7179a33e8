import { useParams } from 'react-router';
import { useAccount } from '../../../api/get-account';
import { AccountNotFound, accountUnavailable } from '../../../components/AccountNotFound';
import { PageHeader, Section } from '../../../components/ui';
import { usePageTitle } from '../../../lib/use-page-title';
import { LiveStories } from '../components/LiveStories';
import { PrivacyNote } from '../components/PrivacyNote';
import { StoryArchive } from '../components/StoryArchive';

function Stories({ igUserId }: { igUserId: string }) {
  const account = useAccount(igUserId);
  const username = account.data?.data.username;
  usePageTitle(username ? `Stories · @${username}` : 'Stories');

  if (accountUnavailable(account.error)) return <AccountNotFound error={account.error} />;

  return (
    <div className="space-y-8">
      <PageHeader
        title="Stories"
        back={{ to: `/accounts/${encodeURIComponent(igUserId)}`, label: 'Account overview' }}
      >
        <p className="text-fg-muted">
          {username ? `@${username}` : account.isPending ? 'Loading account…' : null}
        </p>
      </PageHeader>

      <PrivacyNote />

      <Section title="Live now" headingId="live-stories-heading">
        <LiveStories accountId={igUserId} />
      </Section>

      <Section title="Expired stories" headingId="archive-heading">
        <p className="text-sm text-fg-muted">
          Instagram forgets a story's numbers 24 hours after it is posted; these are the last ones
          this server kept.
        </p>
        <StoryArchive accountId={igUserId} />
      </Section>
    </div>
  );
}

export function StoriesPage() {
  const { igUserId = '' } = useParams();
  return <Stories key={igUserId} igUserId={igUserId} />;
}
