import { useNavigate } from 'react-router';
import { ErrorPanel, Skeleton } from '../../../components/StatusPanels';
import { ApiRequestError } from '../../../lib/api-client';
import { usePageTitle } from '../../../lib/use-page-title';
import { useAcceptInvitation } from '../api/accept-invitation';
import { useLinkState } from '../api/get-link-state';
import { AuthPanel } from '../components/AuthPanel';
import { LinkUnusable } from '../components/LinkUnusable';
import { NewPasswordForm } from '../components/NewPasswordForm';
import { useLinkToken } from '../lib/use-link-token';

/** `/invitation#<token>`: an invited person (or one who forgot theirs) sets a password. */
export function InvitationPage() {
  usePageTitle('Set your password');
  const token = useLinkToken();
  const link = useLinkState(token, 'invitation');
  const accept = useAcceptInvitation();
  const navigate = useNavigate();

  const gone = accept.error instanceof ApiRequestError && accept.error.status === 410;
  if (!token || link.data?.usable === false || gone) return <LinkUnusable purpose="invitation" />;
  if (link.isError)
    return (
      <AuthPanel title="Set your password">
        <ErrorPanel error={link.error} onRetry={() => void link.refetch()} />
      </AuthPanel>
    );
  if (link.isPending)
    return <Skeleton className="mx-auto h-80 max-w-md" label="Checking the link" />;

  return (
    <AuthPanel
      title="Set your password"
      intro={
        <p>
          You were invited to this dashboard as{' '}
          <strong className="text-fg">{link.data.email}</strong>. Choose a password to sign in with;
          this link works once.
        </p>
      }
    >
      <NewPasswordForm
        email={link.data.email ?? ''}
        submitLabel="Set password and sign in"
        pending={accept.isPending}
        error={accept.error}
        onSubmit={({ password }) =>
          accept.mutate({ token, password }, { onSuccess: () => navigate('/', { replace: true }) })
        }
      />
    </AuthPanel>
  );
}
