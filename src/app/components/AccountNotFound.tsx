import { ApiRequestError } from '../lib/api-client';
import { PageTitle, TextLink } from './ui';

/** Every request about this account fails the same way: unknown here, or it needs reconnecting. */
export const accountUnavailable = (error: unknown): boolean =>
  error instanceof ApiRequestError && (error.status === 404 || error.reconnectNeeded);

/**
 * An account page for an id this server does not show, or whose connection Instagram refused:
 * why, and the way back (or to reconnect it).
 */
export function AccountNotFound({ error }: { error: unknown }) {
  const reconnect = error instanceof ApiRequestError && error.reconnectNeeded;
  return (
    <section role="alert" className="space-y-4">
      <PageTitle>{reconnect ? 'Reconnect needed' : 'Account not found'}</PageTitle>
      <p className="text-fg-muted">
        {error instanceof Error ? error.message : 'This server does not show that account.'}
      </p>
      <p>
        {reconnect ? (
          <>
            <TextLink to="/settings/accounts">Reconnect it in Settings → Accounts</TextLink>{' '}
            (owners) or{' '}
          </>
        ) : null}
        <TextLink to="/">Go to the accounts</TextLink>
      </p>
    </section>
  );
}
