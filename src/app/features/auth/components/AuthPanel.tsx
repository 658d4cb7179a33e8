import type { ReactNode } from 'react';
import { Card, PageTitle } from '../../../components/ui';

/** The narrow card the sign-in, set-up and invitation pages put their form in, under its h1. */
export function AuthPanel({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card
      as="section"
      aria-labelledby="auth-heading"
      className="mx-auto w-full max-w-md space-y-5 p-5 sm:p-6"
    >
      <div className="space-y-2">
        <PageTitle id="auth-heading" className="sm:text-2xl">
          {title}
        </PageTitle>
        {intro ? <div className="space-y-2 text-sm text-fg-muted">{intro}</div> : null}
      </div>
      {children}
    </Card>
  );
}

/** A form's own error (not one field's): announced when it appears. */
export function FormError({ id, message }: { id: string; message: string | undefined }) {
  return (
    <div id={id} role="alert" className="empty:hidden">
      {message ? (
        <p className="rounded-md border border-danger/40 bg-danger-surface p-3 text-sm text-danger">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** What the server asks of a new password (src/server/auth/passwords.ts), said before it refuses one. */
export const NEW_PASSWORD_HINT =
  'At least 10 characters, not a common password and not your email. A few words you will remember work well.';
