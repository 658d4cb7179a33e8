import type { ReactNode } from 'react';
import { ErrorPanel, Skeleton } from '../../../components/StatusPanels';
import { ApiRequestError } from '../../../lib/api-client';
import { type LinkPurpose, type LinkState, useLinkState } from '../api/get-link-state';
import { AuthPanel } from './AuthPanel';
import { LinkUnusable } from './LinkUnusable';

/**
 * The set-up and invitation pages before their form: a link that is missing, used or expired (or
 * that the server refused with 410 on sending) says so; otherwise `children` gets its state.
 */
export function OneTimeLinkGate({
  token,
  purpose,
  title,
  sendError,
  children,
}: {
  token: string;
  purpose: LinkPurpose;
  title: string;
  sendError: unknown;
  children: (link: Extract<LinkState, { usable: true }>) => ReactNode;
}) {
  const link = useLinkState(token, purpose);
  const gone = sendError instanceof ApiRequestError && sendError.status === 410;
  if (!token || link.data?.usable === false || gone) return <LinkUnusable purpose={purpose} />;
  if (link.isError)
    return (
      <AuthPanel title={title}>
        <ErrorPanel error={link.error} onRetry={() => void link.refetch()} />
      </AuthPanel>
    );
  if (link.isPending)
    return <Skeleton className="mx-auto h-80 max-w-md" label="Checking the link" />;
  // Unusable links were answered above.
  return children(link.data as Extract<LinkState, { usable: true }>);
}
