import { useMemo, useState } from 'react';
import { useAccounts } from '../../../api/get-accounts';
import { useSession } from '../../../api/get-session';
import { ErrorPanel, Skeleton } from '../../../components/StatusPanels';
import { PageHeader, Section, TextLink } from '../../../components/ui';
import { ApiRequestError } from '../../../lib/api-client';
import { usePageTitle } from '../../../lib/use-page-title';
import { useUsers } from '../api/get-users';
import { AddUserForm } from '../components/AddUserForm';
import { InvitationLink } from '../components/InvitationLink';
import { UserItem } from '../components/UserItem';

/** `/settings/users`: owners see who may sign in, add people, change their access, remove them. */
export function UsersPage() {
  usePageTitle('Users');
  const session = useSession();
  const user = session.data?.signed_in ? session.data.user : undefined;

  return (
    <section aria-labelledby="users-heading" className="space-y-6">
      <PageHeader title="Users" headingId="users-heading">
        <p className="text-sm text-fg-muted">
          The people who may sign in. Owners see every account and manage users; members see the
          accounts an owner gives them.
        </p>
      </PageHeader>
      {session.isPending ? (
        <Skeleton className="h-40" label="Loading users" />
      ) : session.isError ? (
        <ErrorPanel error={session.error} onRetry={() => void session.refetch()} />
      ) : user?.role !== 'owner' ? (
        <OwnersOnly />
      ) : (
        <Team youId={user.id} />
      )}
    </section>
  );
}

function OwnersOnly() {
  return (
    <div role="status" className="rounded-md border border-info/30 bg-info-surface p-4 text-info">
      <p>
        <strong className="font-semibold">Only owners manage users.</strong> Ask an owner of this
        dashboard if someone should be added or see other accounts.
      </p>
      <p className="mt-2">
        <TextLink to="/">Go to the accounts</TextLink>
      </p>
    </div>
  );
}

function Team({ youId }: { youId: string }) {
  const users = useUsers();
  const accounts = useAccounts();
  const [added, setAdded] = useState<{ email: string; url: string }>();
  const usernames = useMemo(
    () =>
      new Map(
        (accounts.data?.data.data ?? []).flatMap((a) =>
          a.username ? [[a.id, a.username] as const] : [],
        ),
      ),
    [accounts.data],
  );

  // The server says no (the role changed since the page loaded): the same message.
  if (users.error instanceof ApiRequestError && users.error.status === 403) return <OwnersOnly />;

  return (
    <>
      <Section title="Add a person">
        {added ? (
          <InvitationLink
            email={added.email}
            url={added.url}
            isNewUser
            onDone={() => setAdded(undefined)}
          />
        ) : (
          <AddUserForm onAdded={setAdded} />
        )}
      </Section>
      <Section title="People">
        {users.isPending ? (
          <Skeleton className="h-32" label="Loading users" />
        ) : users.isError ? (
          <ErrorPanel error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <ul className="space-y-3">
            {users.data.map((u) => (
              <UserItem key={u.id} user={u} isYou={u.id === youId} usernames={usernames} />
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
