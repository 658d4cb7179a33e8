import { useNavigate } from 'react-router';
import { ErrorPanel, Skeleton } from '../../../components/StatusPanels';
import { ApiRequestError } from '../../../lib/api-client';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCompleteSetup } from '../api/complete-setup';
import { useLinkState } from '../api/get-link-state';
import { AuthPanel } from '../components/AuthPanel';
import { LinkUnusable } from '../components/LinkUnusable';
import { NewPasswordForm } from '../components/NewPasswordForm';
import { useLinkToken } from '../lib/use-link-token';

/** `/setup#<token>`: the link `npm start` prints while nobody has an account makes the first owner. */
export function SetupPage() {
  usePageTitle('Set up the dashboard');
  const token = useLinkToken();
  const link = useLinkState(token, 'setup');
  const setup = useCompleteSetup();
  const navigate = useNavigate();

  const gone = setup.error instanceof ApiRequestError && setup.error.status === 410;
  if (!token || link.data?.usable === false || gone) return <LinkUnusable purpose="setup" />;
  if (link.isError)
    return (
      <AuthPanel title="Set up the dashboard">
        <ErrorPanel error={link.error} onRetry={() => void link.refetch()} />
      </AuthPanel>
    );
  if (link.isPending)
    return <Skeleton className="mx-auto h-80 max-w-md" label="Checking the link" />;

  return (
    <AuthPanel
      title="Set up the dashboard"
      intro={
        <p>
          You become its first owner: you see every account, and you invite the other people who may
          sign in. This link works once.
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
  );
}
