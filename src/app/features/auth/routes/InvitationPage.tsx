import { useNavigate } from 'react-router';
import { usePageTitle } from '../../../lib/use-page-title';
import { useAcceptInvitation } from '../api/accept-invitation';
import { AuthPanel } from '../components/AuthPanel';
import { NewPasswordForm } from '../components/NewPasswordForm';
import { OneTimeLinkGate } from '../components/OneTimeLinkGate';
import { useLinkToken } from '../lib/use-link-token';

const TITLE = 'Set your password';

/** `/invitation#<token>`: an invited person (or one who forgot theirs) sets a password. */
export function InvitationPage() {
  usePageTitle(TITLE);
  const token = useLinkToken();
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  return (
    <OneTimeLinkGate token={token} purpose="invitation" title={TITLE} sendError={accept.error}>
      {(link) => (
        <AuthPanel
          title={TITLE}
          intro={
            <p>
              You were invited to this dashboard as{' '}
              <strong className="text-fg">{link.email}</strong>. Choose a password to sign in with;
              this link works once.
            </p>
          }
        >
          <NewPasswordForm
            email={link.email ?? ''}
            submitLabel="Set password and sign in"
            pending={accept.isPending}
            error={accept.error}
            onSubmit={({ password }) =>
              accept.mutate(
                { token, password },
                { onSuccess: () => navigate('/', { replace: true }) },
              )
            }
          />
        </AuthPanel>
      )}
    </OneTimeLinkGate>
  );
}
