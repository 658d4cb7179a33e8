import { type FormEvent, useRef, useState } from 'react';
import type { User } from '../../../api/get-session';
import { Button, Card } from '../../../components/ui';
import { useNewInvitation } from '../api/new-invitation';
import { useUpdateUser } from '../api/update-user';
import {
  type AccessDraft,
  accessProblem,
  accessToSend,
  accountsSummary,
  draftOf,
} from '../lib/access';
import { AccessFields } from './AccessFields';
import { InvitationLink } from './InvitationLink';
import { RemoveUserDialog } from './RemoveUserDialog';

/** One person on the list: who, role, accounts, password; change access, new link, remove. */
export function UserItem({
  user,
  isYou,
  usernames,
}: {
  user: User;
  isYou: boolean;
  usernames: ReadonlyMap<string, string>;
}) {
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const invitation = useNewInvitation();
  const [link, setLink] = useState<string>();

  return (
    <Card as="li" className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0 space-y-0.5">
          <h3 className="font-semibold break-all">
            {user.email}
            {isYou ? <span className="font-normal text-fg-muted"> (you)</span> : null}
          </h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
            <dt className="text-fg-muted">Role</dt>
            <dd>{user.role === 'owner' ? 'Owner' : 'Member'}</dd>
            <dt className="text-fg-muted">Accounts</dt>
            <dd className="break-words">{accountsSummary(user, usernames)}</dd>
            <dt className="text-fg-muted">Password</dt>
            <dd>{user.has_password ? 'Set' : 'Not set yet (invited)'}</dd>
          </dl>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
            Change access
            <span className="sr-only"> of {user.email}</span>
          </Button>
          <Button
            disabled={invitation.isPending}
            onClick={() => invitation.mutate(user.id, { onSuccess: setLink })}
            className="disabled:cursor-progress"
          >
            New link
            <span className="sr-only"> for {user.email}</span>
          </Button>
          {isYou ? null : (
            <Button variant="danger" onClick={() => setRemoving(true)}>
              Remove
              <span className="sr-only"> {user.email}</span>
            </Button>
          )}
        </div>
      </div>
      {invitation.isError ? (
        <p role="alert" className="text-sm text-danger">
          {invitation.error.message}
        </p>
      ) : null}
      {link ? (
        <InvitationLink
          email={user.email}
          url={link}
          isNewUser={false}
          onDone={() => {
            setLink(undefined);
            invitation.reset();
          }}
        />
      ) : null}
      {editing ? <AccessEditor user={user} onDone={() => setEditing(false)} /> : null}
      {removing ? <RemoveUserDialog user={user} onClose={() => setRemoving(false)} /> : null}
    </Card>
  );
}

function AccessEditor({ user, onDone }: { user: User; onDone: () => void }) {
  const update = useUpdateUser();
  const [draft, setDraft] = useState<AccessDraft>(() => draftOf(user));
  const [problem, setProblem] = useState<string>();
  const firstAccount = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = accessProblem(draft);
    setProblem(found);
    if (found) return firstAccount.current?.focus();
    update.mutate({ id: user.id, ...accessToSend(draft) }, { onSuccess: onDone });
  };

  return (
    <form
      noValidate
      onSubmit={submit}
      aria-label={`Access of ${user.email}`}
      className="max-w-xl space-y-4 border-t border-border pt-3"
    >
      <AccessFields
        value={draft}
        onChange={(next) => {
          setDraft(next);
          setProblem(undefined);
        }}
        error={problem}
        firstAccountRef={firstAccount}
      />
      <div role="alert" className="empty:hidden">
        {update.isError ? <p className="text-sm text-danger">{update.error.message}</p> : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button
          type="submit"
          variant="primary"
          size="md"
          disabled={update.isPending}
          className="disabled:cursor-progress"
        >
          {update.isPending ? 'Saving…' : 'Save access'}
        </Button>
        <Button size="md" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
