import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { addDays } from '../../../../graph/pacific-days';
import { Button, Card, Input } from '../../../components/ui';
import { cx } from '../../../lib/cx';
import { useChangeShareExpiry } from '../api/change-share-expiry';
import type { Share } from '../api/get-shares';
import { useRevokeShare } from '../api/revoke-share';
import { describeRange, formatShareTime, lastShareDay, type ShareStatus } from '../lib/share-dates';
import { MAX_EXPIRY_DAYS } from '../lib/share-request';

const STATUS_LOOK: Record<ShareStatus, { label: string; className: string }> = {
  active: { label: 'Active', className: 'border-success/50 text-success' },
  expired: { label: 'Expired', className: 'border-border text-fg-muted' },
  revoked: { label: 'Revoked', className: 'border-danger/50 text-danger' },
};
// Times are US Pacific, as the days of the app are.

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-fg-muted">{term}</dt>
      <dd className="break-words">{children}</dd>
    </div>
  );
}

/** A new last day for a link: today to a year on (an expired link can be given more time). */
function ExpiryForm({ share, today }: { share: Share; today: string }) {
  const id = useId();
  const change = useChangeShareExpiry();
  const current = lastShareDay(share.expires_at);
  const [day, setDay] = useState(current < today ? today : current);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!change.isPending) change.mutate({ id: share.id, expiresOn: day });
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <label htmlFor={`${id}-day`} className="flex flex-col gap-1 text-sm">
        Works through
        <Input
          id={`${id}-day`}
          type="date"
          required
          value={day}
          min={today}
          max={addDays(today, MAX_EXPIRY_DAYS)}
          onChange={(e) => setDay(e.target.value)}
        />
      </label>
      <Button type="submit" size="md" aria-disabled={change.isPending}>
        {change.isPending ? 'Saving…' : 'Change expiry'}
        <span className="sr-only"> of {share.label}</span>
      </Button>
      <p role="status" className="w-full text-sm">
        {change.isError ? (
          <span className="text-danger">{change.error.message}</span>
        ) : change.isSuccess ? (
          <span className="text-fg-muted">Saved.</span>
        ) : null}
      </p>
    </form>
  );
}

/** Revoking takes a second click: it cannot be undone. Focus stays on the question's buttons. */
function RevokeControl({ share }: { share: Share }) {
  const revoke = useRevokeShare();
  const [asking, setAsking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    (asking ? keep : start).current?.focus();
  }, [asking]);
  const ask = (next: boolean) => {
    moved.current = true;
    setAsking(next);
  };
  if (!asking)
    return (
      <Button ref={start} variant="danger" size="md" onClick={() => ask(true)}>
        Revoke<span className="sr-only"> {share.label}</span>…
      </Button>
    );
  return (
    <fieldset className="max-w-sm space-y-2">
      <legend className="text-sm">
        Revoke {share.label} for good? It stops working at once, for everyone who opened it, and
        cannot be turned back on.
      </legend>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="danger"
          size="md"
          aria-disabled={revoke.isPending}
          onClick={() => {
            if (!revoke.isPending) revoke.mutate(share.id);
          }}
        >
          {revoke.isPending ? 'Revoking…' : 'Revoke for good'}
        </Button>
        <Button ref={keep} size="md" onClick={() => ask(false)}>
          Keep it
        </Button>
      </div>
      {revoke.isError ? (
        <p role="alert" className="text-sm text-danger">
          {revoke.error.message}
        </p>
      ) : null}
    </fieldset>
  );
}

/** One share link: what it shows, to whom, how long, how often it was opened; revoke, expiry. */
export function ShareLinkItem({
  share,
  status,
  today,
  nameOf,
}: {
  share: Share;
  status: ShareStatus;
  today: string;
  nameOf: (account: string) => string;
}) {
  const headingId = useId();
  const look = STATUS_LOOK[status];
  return (
    <Card as="li" aria-labelledby={headingId} className="space-y-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 id={headingId} className="min-w-0 font-semibold break-words">
          {share.label}
        </h3>
        <span className={cx('rounded-full border px-2 py-0.5 text-xs font-medium', look.className)}>
          {look.label}
        </span>
      </div>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
        <Fact term="Accounts">{share.accounts.map(nameOf).join(', ')}</Fact>
        <Fact term="Opens">
          {share.scope === 'view' ? 'This view only: ' : 'Every page, from '}
          <code className="text-xs break-all">{share.view_path}</code>
        </Fact>
        <Fact term="Dates">{describeRange(share.range)}</Fact>
        <Fact term="Created by">{share.created_by}</Fact>
        <Fact term="Created">{formatShareTime(share.created_at)}</Fact>
        {share.revoked_at ? <Fact term="Revoked">{formatShareTime(share.revoked_at)}</Fact> : null}
        <Fact term={status === 'expired' ? 'Expired' : 'Expires'}>
          {formatShareTime(share.expires_at)}
        </Fact>
        <Fact term="Last opened">
          {share.last_opened_at ? formatShareTime(share.last_opened_at) : 'Never'}
        </Fact>
        <Fact term="Times opened">{share.open_count}</Fact>
        <Fact term="Protection">
          {share.has_password ? 'Password' : 'None'} · CSV and print{' '}
          {share.csv ? 'allowed' : 'not allowed'}
        </Fact>
      </dl>
      {status === 'revoked' ? null : (
        <div className="flex flex-wrap items-start justify-between gap-4 border-t border-border pt-3">
          <ExpiryForm share={share} today={today} />
          <RevokeControl share={share} />
        </div>
      )}
    </Card>
  );
}
