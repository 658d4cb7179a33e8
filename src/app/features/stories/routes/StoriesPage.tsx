import { Link, useParams } from 'react-router';
import { useAccount } from '../../../api/get-account';
import { AccountNotFound } from '../../../components/AccountNotFound';
import { textLinkClass } from '../../../components/TextLink';
import { ApiRequestError } from '../../../lib/api-client';
import { usePageTitle } from '../../../lib/use-page-title';
import { LiveStories } from '../components/LiveStories';
import { PrivacyNote } from '../components/PrivacyNote';
import { StoryArchive } from '../components/StoryArchive';

function Stories({ igUserId }: { igUserId: string }) {
  const account = useAccount(igUserId);
  const username = account.data?.data.username;
  usePageTitle(username ? `Stories · @${username}` : 'Stories');

  if (account.error instanceof ApiRequestError && account.error.status === 404)
    return <AccountNotFound error={account.error} />;

  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <p className="text-sm">
          <Link to={`/accounts/${encodeURIComponent(igUserId)}`} className={textLinkClass}>
            <span aria-hidden="true">← </span>Account overview
          </Link>
        </p>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Stories</h1>
        <p className="text-fg-muted">
          {username ? `@${username}` : account.isPending ? 'Loading account…' : null}
        </p>
      </div>

      <PrivacyNote />

      <section aria-labelledby="live-stories-heading" className="space-y-3">
        <h2 id="live-stories-heading" className="text-lg font-semibold">
          Live now
        </h2>
        <LiveStories accountId={igUserId} />
      </section>

      <section aria-labelledby="archive-heading" className="space-y-3">
        <h2 id="archive-heading" className="text-lg font-semibold">
          Expired stories
        </h2>
        <p className="text-sm text-fg-muted">
          Instagram forgets a story's numbers 24 hours after it is posted; these are the last ones
          this server kept.
        </p>
        <StoryArchive accountId={igUserId} />
      </section>
    </div>
  );
}

export function StoriesPage() {
  const { igUserId = '' } = useParams();
  return <Stories key={igUserId} igUserId={igUserId} />;
}
