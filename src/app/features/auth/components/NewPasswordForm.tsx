import { type FormEvent, useId, useRef, useState } from 'react';
import { TextField } from '../../../components/TextField';
import { Button } from '../../../components/ui';
import { type NewPasswordProblems, newPasswordProblems, serverProblem } from '../lib/new-password';
import { FormError, NEW_PASSWORD_HINT } from './AuthPanel';

/**
 * Email (typed, or given by an invitation) and a new password typed twice: the set-up and the
 * invitation pages. Problems the browser can see are said before anything is sent; the server's
 * reasons (a password too short or too common) go under the field they are about.
 */
export function NewPasswordForm({
  email: givenEmail,
  submitLabel,
  pending,
  error,
  onSubmit,
}: {
  /** The invitation's email, shown but not editable; without it the person types theirs. */
  email?: string | undefined;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (fields: { email: string; password: string }) => void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<NewPasswordProblems>({});
  const fields = {
    email: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    confirm: useRef<HTMLInputElement>(null),
  };
  const errorId = useId();
  const fromServer = serverProblem(error);
  const shown = { ...fromServer, ...problems };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = newPasswordProblems({
      ...(givenEmail === undefined ? { email } : {}),
      password,
      confirm,
    });
    setProblems(found);
    const first = (['email', 'password', 'confirm'] as const).find((key) => found[key]);
    if (first) return fields[first].current?.focus();
    onSubmit({ email: givenEmail ?? email.trim(), password });
  };

  return (
    <form noValidate onSubmit={submit} className="space-y-4">
      {givenEmail === undefined ? (
        <TextField
          ref={fields.email}
          label="Email"
          hint="You sign in with it. It is not checked nor sent anything."
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            setProblems(({ email: _, ...rest }) => rest);
          }}
          error={shown.email}
        />
      ) : (
        // Read-only, but there: password managers save the password under this name.
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          value={givenEmail}
          readOnly
        />
      )}
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
      <Button
        type="submit"
        variant="primary"
        size="lg"
        disabled={pending}
        className="w-full justify-center disabled:cursor-progress"
      >
        {pending ? 'Saving…' : submitLabel}
      </Button>
    </form>
  );
}
