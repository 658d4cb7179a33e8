import { type FormEvent, useId, useRef, useState } from 'react';
import { TextField } from '../../../components/TextField';
import { Button } from '../../../components/ui';
import { ApiRequestError } from '../../../lib/api-client';
import { useAddUser } from '../api/add-user';
import { type AccessDraft, accessProblem, accessToSend } from '../lib/access';
import { AccessFields } from './AccessFields';

// As the server's default: a member sees every account unless told otherwise.
const EMPTY: AccessDraft = { role: 'member', all: true, chosen: [] };

/** Adds a person: their email and access; the invitation link goes to `onAdded`, shown once. */
export function AddUserForm({
  onAdded,
}: {
  onAdded: (added: { email: string; url: string }) => void;
}) {
  const add = useAddUser();
  const [email, setEmail] = useState('');
  const [access, setAccess] = useState<AccessDraft>(EMPTY);
  const [problems, setProblems] = useState<{ email?: string; access?: string }>({});
  const emailField = useRef<HTMLInputElement>(null);
  const firstAccount = useRef<HTMLInputElement>(null);
  const errorId = useId();

  // A taken email (409) or a malformed one (400) is about the email; anything else, the form.
  const serverError = add.error;
  const emailError =
    serverError instanceof ApiRequestError &&
    (serverError.status === 409 || serverError.status === 400)
      ? serverError.message
      : undefined;
  const formError = serverError && !emailError ? serverError.message : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = email.trim();
    const found = {
      ...(!trimmed
        ? { email: 'Enter their email address.' }
        : !/^[^\s@]+@[^\s@]+$/.test(trimmed)
          ? { email: 'Enter an email address, e.g. sam@example.com.' }
          : {}),
      ...(accessProblem(access) ? { access: accessProblem(access) } : {}),
    };
    setProblems(found);
    if (found.email) return emailField.current?.focus();
    if (found.access) return firstAccount.current?.focus();
    add.mutate(
      { email: trimmed, ...accessToSend(access) },
      {
        onSuccess: (added) => {
          onAdded({ email: added.user.email, url: added.invitation_url });
          setEmail('');
          setAccess(EMPTY);
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={submit} className="max-w-xl space-y-4">
      <TextField
        ref={emailField}
        label="Email"
        hint="They sign in with it; the invitation link is for them to choose a password."
        type="email"
        name="email"
        autoComplete="off"
        inputMode="email"
        spellCheck={false}
        value={email}
        onChange={(e) => {
          setEmail(e.target.value);
          setProblems(({ email: _, ...rest }) => rest);
        }}
        error={problems.email ?? emailError}
      />
      <AccessFields
        value={access}
        onChange={(next) => {
          setAccess(next);
          setProblems(({ access: _, ...rest }) => rest);
        }}
        error={problems.access}
        firstAccountRef={firstAccount}
      />
      <div id={errorId} role="alert" className="empty:hidden">
        {formError ? (
          <p className="rounded-md border border-danger/40 bg-danger-surface p-3 text-sm text-danger">
            {formError}
          </p>
        ) : null}
      </div>
      <Button
        type="submit"
        variant="primary"
        size="lg"
        disabled={add.isPending}
        className="disabled:cursor-progress"
      >
        {add.isPending ? 'Adding…' : 'Add and make an invitation link'}
      </Button>
    </form>
  );
}
