import { PageTitle, TextLink } from './ui';

/** An account page for an id this server does not show: why, and the way back. */
export function AccountNotFound({ error }: { error: unknown }) {
  return (
    <section role="alert" className="space-y-4">
      <PageTitle>Account not found</PageTitle>
      <p className="text-fg-muted">
        {error instanceof Error ? error.message : 'This server does not show that account.'}
      </p>
      <p>
        <TextLink to="/">Go to the accounts</TextLink>
      </p>
    </section>
  );
}
