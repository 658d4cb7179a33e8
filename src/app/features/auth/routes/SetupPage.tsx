import { useNavigate } from 'react-router';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCompleteSetup } from '../api/complete-setup';
import { AuthPanel } from '../components/AuthPanel';
import { NewPasswordForm } from '../components/NewPasswordForm';
import { OneTimeLinkGate } from '../components/OneTimeLinkGate';
import { useLinkToken } from '../lib/use-link-token';

const TITLE = 'Set up the dashboard';

/** `/setup#<token>`: the link `npm start` prints while nobody has an account makes the first owner. */
export function SetupPage() {
  usePageTitle(TITLE);
  const token = useLinkToken();
  const setup = useCompleteSetup();
  const navigate = useNavigate();
  return (
    <OneTimeLinkGate token={token} purpose="setup" title={TITLE} sendError={setup.error}>
      {() => (
        <AuthPanel
          title={TITLE}
          intro={
            <p>
              You become its first owner: you see every account, and you invite the other people who
              may sign in. This link works once.
            </p>
          }
        >
          <NewPasswordForm
            submitLabel="Create my account"
            pending={setup.isPending}
            error={setup.error}
            onSubmit={({ email, password }) =>
              setup.mutate(
                { token, email, password },
                { onSuccess: () => navigate('/', { replace: true }) },
              )
            }
          />
        </AuthPanel>
      )}
    </OneTimeLinkGate>
  );
}
