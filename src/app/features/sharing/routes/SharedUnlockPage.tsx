import { type FormEvent, useId, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useSession } from '../../../api/get-session';
import { Skeleton } from '../../../components/StatusPanels';
import { Button, Input, PageTitle } from '../../../components/ui';
import { shareViewOf } from '../../../lib/share-view';
import { usePageTitle } from '../../../lib/use-page-title';
import { useUnlockShare } from '../api/unlock-share';

/** `/shared/unlock`: a protected link's password, asked once per browser. */
export function SharedUnlockPage() {
  usePageTitle('Password');
  const id = useId();
  const session = useSession();
  const unlock = useUnlockShare();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const share = shareViewOf(session.data);

  if (session.isPending) return <Skeleton className="h-32 max-w-md" label="Loading" />;
  if (share && !share.locked) return <Navigate replace to={share.view_path} />;
  if (!share)
    return (
      <section className="max-w-prose space-y-3">
        <PageTitle>Nothing to unlock</PageTitle>
        <p className="text-fg-muted">
          Open the link you were sent first; it asks for its password.
        </p>
      </section>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!password || unlock.isPending) return;
    unlock.mutate(password, {
      onSuccess: ({ view_path }) => navigate(view_path, { replace: true }),
    });
  };
  return (
    <section aria-labelledby={`${id}-title`} className="max-w-md space-y-4">
      <PageTitle id={`${id}-title`}>This shared view has a password</PageTitle>
      <p className="text-fg-muted">
        {share.shared_by} protected it. Type the password they gave you; this browser remembers it
        until the link ends.
      </p>
      <form onSubmit={submit} className="space-y-3">
        <div className="space-y-1">
          <label htmlFor={`${id}-password`} className="block text-sm font-medium">
            Password
          </label>
          <Input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            {...(unlock.isError
              ? { 'aria-invalid': true, 'aria-describedby': `${id}-problem` }
              : {})}
            className="block w-full"
          />
        </div>
        {unlock.isError ? (
          <p id={`${id}-problem`} role="alert" className="text-sm text-danger">
            {unlock.error.message}
          </p>
        ) : null}
        <Button type="submit" variant="primary" size="md" aria-disabled={unlock.isPending}>
          {unlock.isPending ? 'Checking…' : 'Open'}
        </Button>
      </form>
    </section>
  );
}
