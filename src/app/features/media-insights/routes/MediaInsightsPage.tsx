import { useParams, useSearchParams } from 'react-router';
import type { IgMedia } from '../../../../graph/graph-types';
import { useAccounts } from '../../../api/get-accounts';
import { useMediaInsights } from '../../../api/get-media-insights';
import { ErrorPanel, Skeleton } from '../../../components/StatusPanels';
import { PageTitle, TextLink } from '../../../components/ui';
import { ApiRequestError } from '../../../lib/api-client';
import { collaboratorOf, formatLocalDate, mediaKindLabel } from '../../../lib/media';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCollaboration } from '../api/get-collaboration';
import { useMedia } from '../api/get-media';
import { MediaStatCards } from '../components/MediaStatCards';
import { MediaSummary } from '../components/MediaSummary';
import { PostGrowth } from '../components/PostGrowth';

function MediaNotFound({ message }: { message: string }) {
  return (
    <section role="alert" className="space-y-4">
      <PageTitle>Post not found</PageTitle>
      <p>{message}</p>
      <p className="text-fg-muted">
        The link may be wrong, the post may belong to an account this server does not show, or it
        was a story: stories and their insights disappear 24 hours after posting.
      </p>
      <p>
        <TextLink to="/">Go to the accounts</TextLink>
      </p>
    </section>
  );
}

export function MediaInsightsPage() {
  const { igMediaId = '' } = useParams();
  const [search] = useSearchParams();
  // A collaboration's page names the account it is seen through: asked first, so that the server
  // knows it before the post is (whether or not it has listed that account's collaborations).
  const collaborator = collaboratorOf(search);
  const collaboration = useCollaboration(collaborator, igMediaId);
  const media = useMedia(igMediaId, collaboration.settled);
  // Asked at once, beside the media: without `metric` the server gives every metric of its type.
  const insights = useMediaInsights(igMediaId, {}, collaboration.settled);
  const accounts = useAccounts();
  // The media GET asks for the owner's username too.
  const post: (IgMedia & { username?: string }) | undefined = media.data?.data;
  const heading = post
    ? `${mediaKindLabel(post)} from ${formatLocalDate(post.timestamp)}`
    : undefined;
  usePageTitle(
    media.isError ? 'Post not found' : heading ? `${heading} · Insights` : 'Post insights',
  );

  if (media.isError) {
    const error = media.error;
    if (error instanceof ApiRequestError && (error.status === 404 || error.status === 400))
      return <MediaNotFound message={error.message} />;
    return (
      <section className="space-y-4">
        <PageTitle>Post insights</PageTitle>
        <ErrorPanel error={error} onRetry={() => void media.refetch()} />
      </section>
    );
  }

  const owner = post?.username
    ? accounts.data?.data.data.find((a) => a.username === post.username)
    : undefined;
  const seenThrough = collaborator
    ? accounts.data?.data.data.find((a) => a.id === collaborator)
    : undefined;

  return (
    <div className="space-y-8">
      <p className="text-sm">
        {owner ? (
          <TextLink to={`/accounts/${owner.id}/media`}>
            <span aria-hidden="true">← </span>All posts of @{owner.username}
          </TextLink>
        ) : seenThrough ? (
          <TextLink to={`/accounts/${seenThrough.id}/media?list=collaborations`}>
            <span aria-hidden="true">← </span>Collaborations of @{seenThrough.username}
          </TextLink>
        ) : accounts.isPending || media.isPending ? (
          <span className="text-fg-muted">Loading account…</span>
        ) : (
          <TextLink to="/">
            <span aria-hidden="true">← </span>All accounts
          </TextLink>
        )}
      </p>
      {post && heading ? (
        <>
          <MediaSummary media={post} heading={heading} />
          <MediaStatCards media={post} insights={insights} />
          {post.media_product_type === 'STORY' ? null : <PostGrowth mediaId={igMediaId} />}
        </>
      ) : (
        <div className="space-y-4">
          <PageTitle>Post insights</PageTitle>
          <Skeleton className="h-56 w-full max-w-56" label="Loading the post" />
        </div>
      )}
    </div>
  );
}
