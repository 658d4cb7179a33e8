import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAccounts } from '../../../api/get-accounts';
import { type Connection, formatInstantDay, useConnections } from '../../../api/get-connections';
import { ErrorPanel, Skeleton } from '../../../components/StatusPanels';
import { Button, Card, PageHeader, Section } from '../../../components/ui';
import { ApiRequestError } from '../../../lib/api-client';
import { usePageTitle } from '../../../lib/use-page-title';

const LOGIN_NAMES = { facebook: 'Facebook', instagram: 'Instagram' } as const;

const CONNECT_ERRORS: Record<string, string> = {
  cancelled: 'The connection was cancelled at the consent page; nothing was connected.',
  state:
    'The answer from Meta did not match a connect attempt started in this browser, so it was refused; nothing was connected. Start again from this page.',
  failed: 'Meta refused the sign-in or could not be reached; nothing was connected. Try again.',
  no_accounts:
    'The sign-in reaches no Instagram professional account (for Facebook: no Page with an Instagram account was chosen).',
  not_configured: 'This sign-in is not set up on the server.',
};

async function send(path: string, init: RequestInit): Promise<unknown> {
  const response = await fetch(path, {
    ...init,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
  });
  const body = (await response.json().catch(() => undefined)) as
    | { error?: { message?: string } }
    | undefined;
  if (!response.ok || body?.error)
    throw new ApiRequestError(
      body?.error?.message ?? `The server answered HTTP ${response.status}.`,
      response.status,
    );
  return body;
}

/** Starts a sign-in with Facebook or Instagram: the browser goes to Meta's consent page. */
async function startConnect(login: 'facebook' | 'instagram'): Promise<void> {
  const body = (await send('/api/connections/start', {
    method: 'POST',
    body: JSON.stringify({ login }),
  })) as { authorize_url: string };
  window.location.assign(body.authorize_url);
}

function ConnectButtons({ available }: { available: ('facebook' | 'instagram')[] }) {
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (available.length === 0)
    return (
      <p className="text-fg-muted">
        Connecting is not set up on this server: set META_APP_ID and META_APP_SECRET, or
        INSTAGRAM_APP_ID and INSTAGRAM_APP_SECRET (see the README).
      </p>
    );
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {available.map((login) => (
          <Button
            key={login}
            variant="primary"
            size="lg"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              setProblem(undefined);
              startConnect(login).catch((error: Error) => {
                setProblem(error.message);
                setBusy(false);
              });
            }}
          >
            Connect with {LOGIN_NAMES[login]}
          </Button>
        ))}
      </div>
      <p className="text-sm text-fg-muted">
        Facebook: Instagram professional accounts linked to your Facebook Pages. Instagram: one
        professional account, signed in directly.
      </p>
      {problem ? (
        <p role="alert" className="text-danger">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

function ConnectionCard({ connection }: { connection: Connection }) {
  const queryClient = useQueryClient();
  const disconnect = useMutation({
    mutationFn: () =>
      send(`/api/connections/${encodeURIComponent(connection.id)}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['connections'] });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
  });
  const names = connection.accounts.map((a) => `@${a.username}`).join(', ');
  return (
    <Card as="li" className="space-y-2" aria-label={`Connection ${names}`}>
      <h3 className="font-semibold">
        {names}{' '}
        <span className="text-sm font-normal text-fg-muted">
          through {LOGIN_NAMES[connection.login]} Login
        </span>
      </h3>
      {connection.problem ? (
        <p role="status" className="text-danger">
          <strong>Reconnect needed.</strong> {connection.problem}
        </p>
      ) : connection.reconnect_before ? (
        <p className="text-warning">
          Reconnect before {formatInstantDay(connection.reconnect_before)}: Facebook Login access
          cannot be renewed by the server.
        </p>
      ) : (
        <p className="text-sm text-fg-muted">
          Connected {formatInstantDay(connection.connected_at)}
          {connection.expires_at
            ? `; access until ${formatInstantDay(connection.expires_at)}${connection.login === 'instagram' ? ' (renewed automatically)' : ''}`
            : ''}
          .
        </p>
      )}
      <p className="text-sm">
        Permissions granted:{' '}
        <span className="font-mono text-xs">{connection.scopes.join(', ') || 'none reported'}</span>
      </p>
      <div className="flex flex-wrap gap-2">
        {connection.problem || connection.reconnect_before ? (
          <Button variant="primary" onClick={() => void startConnect(connection.login)}>
            Reconnect {names}
          </Button>
        ) : null}
        <Button
          variant="danger"
          disabled={disconnect.isPending}
          onClick={() => disconnect.mutate()}
        >
          Disconnect {names}
        </Button>
      </div>
      {disconnect.isError ? (
        <p role="alert" className="text-danger">
          {disconnect.error.message}
        </p>
      ) : null}
    </Card>
  );
}

/** `/settings/accounts`: connect accounts with Facebook or Instagram, see and end connections. */
export function AccountSettingsPage() {
  usePageTitle('Connected accounts');
  const [params] = useSearchParams();
  const connections = useConnections();
  const accounts = useAccounts();
  const connectedId = params.get('connected');
  const connectError = params.get('connect_error');
  const justConnected = connections.data?.data.data.find((c) => c.id === connectedId);
  const usernameOf = (id: string) =>
    accounts.data?.data.data.find((a) => a.id === id)?.username ?? id;

  if (connections.error instanceof ApiRequestError && connections.error.status === 403)
    return (
      <section className="space-y-4">
        <PageHeader title="Connected accounts" back={{ to: '/', label: 'All accounts' }} />
        <p role="alert">Only owners connect or disconnect Instagram accounts.</p>
      </section>
    );

  return (
    <div className="space-y-8">
      <PageHeader title="Connected accounts" back={{ to: '/', label: 'All accounts' }}>
        <p className="text-fg-muted">
          Instagram accounts this dashboard reads, and how it reaches them.
        </p>
      </PageHeader>

      {justConnected ? (
        <div role="status" className="rounded-md border border-success/40 bg-success/10 p-3">
          <p>
            <strong>Added:</strong> {justConnected.accounts.map((a) => `@${a.username}`).join(', ')}
            , with the permissions {justConnected.scopes.join(', ')}.
          </p>
        </div>
      ) : null}
      {connectError ? (
        <p
          role="alert"
          className="rounded-md border border-danger/40 bg-danger-surface p-3 text-danger"
        >
          {CONNECT_ERRORS[connectError] ?? 'Nothing was connected.'}
        </p>
      ) : null}

      {connections.isPending ? (
        <Skeleton className="h-32" label="Loading connections" />
      ) : connections.isError ? (
        <ErrorPanel error={connections.error} onRetry={() => void connections.refetch()} />
      ) : (
        <>
          <Section headingId="connect-heading" title="Connect an account">
            <ConnectButtons available={connections.data.data.available} />
          </Section>
          <Section headingId="connected-heading" title="Connected in the app">
            {connections.data.data.data.length === 0 ? (
              <p className="text-fg-muted">No account has been connected in the app yet.</p>
            ) : (
              <ul className="grid gap-4 lg:grid-cols-2">
                {connections.data.data.data.map((c) => (
                  <ConnectionCard key={c.id} connection={c} />
                ))}
              </ul>
            )}
          </Section>
          {connections.data.data.configured_accounts.length > 0 ? (
            <Section headingId="configured-heading" title="From configuration">
              <p className="text-sm text-fg-muted">
                Reached with the tokens in the server's environment (INSTAGRAM_ACCESS_TOKEN or
                INSTAGRAM_ACCESS_TOKENS_FILE); they are changed there, not here.
              </p>
              <ul className="list-inside list-disc">
                {connections.data.data.configured_accounts.map((id) => (
                  <li key={id}>@{usernameOf(id)} (from configuration)</li>
                ))}
              </ul>
            </Section>
          ) : null}
        </>
      )}
    </div>
  );
}
