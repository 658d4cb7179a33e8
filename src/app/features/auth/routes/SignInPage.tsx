import { type FormEvent, useId, useRef, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useSession } from '../../../api/get-session';
import { TextField } from '../../../components/TextField';
import { Button } from '../../../components/ui';
import { usePageTitle } from '../../../lib/use-page-title';
import { useSignIn } from '../api/sign-in';
import { AuthPanel, FormError } from '../components/AuthPanel';
import { safeNextPath } from '../lib/addresses';
import { signInErrorMessage } from '../lib/sign-in-error';

export function SignInPage() {
  usePageTitle('Sign in');
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'), window.location.origin);
  const session = useSession();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const emailField = useRef<HTMLInputElement>(null);
  const passwordField = useRef<HTMLInputElement>(null);
  const errorId = useId();

  // Signed in already (or, on a demo server, everyone is): on to the page asked for.
  if (session.data?.signed_in) return <Navigate to={next} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems = {
      ...(email.trim() ? {} : { email: 'Enter your email address.' }),
      ...(password ? {} : { password: 'Enter your password.' }),
    };
    setMissing(problems);
    if (problems.email) return emailField.current?.focus();
    if (problems.password) return passwordField.current?.focus();
    signIn.mutate(
      { email: email.trim(), password },
      { onError: () => passwordField.current?.select() },
    );
  };

  const formError = signIn.isError ? signInErrorMessage(signIn.error) : undefined;
  const setupNeeded = session.data?.signed_in === false && session.data.setup_needed;

  return (
    <AuthPanel
      title="Sign in"
      intro={<p>This dashboard shows its Instagram accounts to the people its owners invited.</p>}
    >
      {setupNeeded ? (
        <p className="rounded-md border border-info/30 bg-info-surface p-3 text-sm text-info">
          <strong className="font-semibold">Nobody can sign in yet:</strong> this dashboard has no
          users. Open the set-up link the server printed when it started (restart it for a new one).
        </p>
      ) : null}
      <form noValidate onSubmit={onSubmit} className="space-y-4">
        <TextField
          ref={emailField}
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={missing.email}
          describedBy={formError ? errorId : undefined}
        />
        <TextField
          ref={passwordField}
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={missing.password}
          describedBy={formError ? errorId : undefined}
        />
        <FormError id={errorId} message={formError} />
        <Button
          type="submit"
          variant="primary"
          size="lg"
          disabled={signIn.isPending}
          className="w-full justify-center disabled:cursor-progress"
        >
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
      <p className="text-sm text-fg-muted">
        Forgot your password, or never set one? Ask an owner of this dashboard for a new link.
      </p>
    </AuthPanel>
  );
}
