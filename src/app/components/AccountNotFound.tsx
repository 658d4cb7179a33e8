import { Link } from 'react-router';
import { textLinkClass } from './TextLink';

/** An account page for an id this server does not show: why, and the way back. */
export function AccountNotFound({ error }: { error: unknown }) {
  return (
    <section role="alert" className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Account not found</h1>
      <p className="text-fg-muted">
        {error instanceof Error ? error.message : 'This server does not show that account.'}
      </p>
      <p>
        <Link to="/" className={textLinkClass}>
          Go to the accounts
        </Link>
      </p>
    </section>
  );
}
