import { type FormEvent, useId, useRef, useState } from 'react';
import { isDemoSession, useSession } from '../../../api/get-session';
import { ErrorPanel, Skeleton } from '../../../components/StatusPanels';
import { TextField } from '../../../components/TextField';
import { Button, PageTitle, TextLink } from '../../../components/ui';
import { ApiRequestError } from '../../../lib/api-client';
import { usePageTitle } from '../../../lib/use-page-title';
import { useChangePassword } from '../api/change-password';
import { FormError, NEW_PASSWORD_HINT } from '../components/AuthPanel';
import { type NewPasswordProblems, newPasswordProblems, serverProblem } from '../lib/new-password';

type Problems = NewPasswordProblems & { current?: string };

/** `/settings/password`: a signed-in person changes their password; their other sessions end. */
export function ChangePasswordPage() {
  usePageTitle('Change password');
  const session = useSession();
  return (
    <section aria-labelledby="password-heading" className="max-w-xl space-y-4">
      <PageTitle id="password-heading">Change password</PageTitle>
      {session.isPending ? (
        <Skeleton className="h-64" label="Loading" />
      ) : session.isError ? (
        <ErrorPanel error={session.error} onRetry={() => void session.refetch()} />
      ) : !session.data.signed_in ||
        isDemoSession(session.data) ||
        !session.data.user.has_password ? (
        <p className="text-fg-muted">
          {isDemoSession(session.data)
            ? 'The demo has no passwords: everyone who opens it is its owner.'
            : 'You have no password yet: ask an owner for an invitation link to set one.'}{' '}
          <TextLink to="/">Go to the accounts</TextLink>
        </p>
      ) : (
        <ChangePasswordForm email={session.data.user.email} />
      )}
    </section>
  );
}

function ChangePasswordForm({ email }: { email: string }) {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const fields = {
    current: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    confirm: useRef<HTMLInputElement>(null),
  };
  const errorId = useId();
  // 403: the current password is wrong.
  const fromServer: Problems & { form?: string } =
    change.error instanceof ApiRequestError && change.error.status === 403
      ? { current: change.error.message }
      : serverProblem(change.error);
  const shown = { ...fromServer, ...problems };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Problems = {
      ...(current ? {} : { current: 'Enter your current password.' }),
      ...newPasswordProblems({ password, confirm }, 'a new password'),
    };
    setProblems(found);
    const first = (['current', 'password', 'confirm'] as const).find((key) => found[key]);
    if (first) return fields[first].current?.focus();
    change.mutate(
      { current_password: current, new_password: password },
      {
        onSuccess: () => {
          setCurrent('');
          setPassword('');
          setConfirm('');
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={submit} className="space-y-4">
      <p className="text-sm text-fg-muted">
        Changing it signs you out everywhere else (other browsers and devices); this one stays
        signed in.
      </p>
      {/* For password managers: whose password this is (a hidden type="hidden" would be ignored). */}
      <input type="text" hidden readOnly name="email" autoComplete="username" value={email} />
      <TextField
        ref={fields.current}
        label="Current password"
        type="password"
        name="current-password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => {
          setCurrent(e.target.value);
          setProblems(({ current: _, ...rest }) => rest);
        }}
        error={shown.current}
      />
      <TextField
        ref={fields.password}
        label="New password"
        hint={NEW_PASSWORD_HINT}
        type="password"
        name="new-password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => {
          setPassword(e.target.value);
          setProblems(({ password: _, ...rest }) => rest);
        }}
        error={shown.password}
      />
      <TextField
        ref={fields.confirm}
        label="Type the new password again"
        type="password"
        name="confirm-password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => {
          setConfirm(e.target.value);
          setProblems(({ confirm: _, ...rest }) => rest);
        }}
        error={shown.confirm}
      />
      <FormError id={errorId} message={fromServer.form} />
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="submit"
          variant="primary"
          size="lg"
          disabled={change.isPending}
          className="disabled:cursor-progress"
        >
          {change.isPending ? 'Saving…' : 'Change password'}
        </Button>
        <p role="status" className="text-sm text-success">
          {change.isSuccess ? 'Your password is changed; other sessions are signed out.' : ''}
        </p>
      </div>
    </form>
  );
}
