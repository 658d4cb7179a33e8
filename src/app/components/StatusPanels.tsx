import type { ReactNode } from 'react';
import type { InsightsResponse } from '../../graph/graph-types';
import { ApiRequestError } from '../lib/api-client';
import { cx } from '../lib/cx';
import { formatDay } from '../lib/format';
import { Button } from './ui';

/** Data Instagram cannot give, with the reason; never a made-up zero. */
export function NotAvailable({ reason, className }: { reason: string; className?: string }) {
  return (
    <p className={cx('text-sm text-fg-muted', className)}>
      <span className="font-semibold text-fg">Not available</span>: {reason}
    </p>
  );
}

/**
 * Days of a chart's range that neither the server's history nor Instagram could give; `account`
 * names whose days they are where a chart draws several accounts.
 */
export function MissingDaysNote({
  missing,
  account,
}: {
  missing: InsightsResponse['missing_days'];
  account?: string;
}) {
  if (!missing?.length) return null;
  return (
    <ul className="space-y-1 text-xs text-fg-muted">
      {missing.map((m) => (
        <li key={`${m.first}-${m.last}`}>
          {account ? `${account}: ` : ''}
          <span className="font-semibold text-fg">Not available</span> for {formatDay(m.first)}
          {m.last !== m.first ? ` – ${formatDay(m.last)}` : ''}: {m.reason}
        </li>
      ))}
    </ul>
  );
}

/** A failed card or chart: what happened, what to do, and a retry for transient failures. */
export function ErrorPanel({
  error,
  onRetry,
  className,
}: {
  error: unknown;
  onRetry?: () => void;
  className?: string;
}) {
  if (error instanceof ApiRequestError && error.notAvailable) {
    return (
      <NotAvailable
        reason={error.userMessage ?? error.message}
        {...(className ? { className } : {})}
      />
    );
  }
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  // Instagram's own words for people, when it gave them, come first.
  const userWords =
    error instanceof ApiRequestError && error.userMessage
      ? `${error.title ? `${error.title}: ` : ''}${error.userMessage}`
      : undefined;
  const transient = !(error instanceof ApiRequestError) || error.transient;
  return (
    <div
      role="alert"
      className={cx(
        'rounded-md border border-danger/40 bg-danger-surface p-3 text-sm text-danger',
        className,
      )}
    >
      {userWords ? <p className="font-medium">{userWords}</p> : null}
      <p>{message}</p>
      {transient && onRetry ? (
        <Button variant="danger" onClick={onRetry} className="mt-2 px-3">
          Try again
        </Button>
      ) : null}
    </div>
  );
}

export function Skeleton({ className, label = 'Loading' }: { className?: string; label?: string }) {
  return (
    <div
      role="status"
      aria-label={label}
      className={cx('animate-pulse rounded-md bg-surface-sunken', className)}
    />
  );
}

/** Settings from the URL that could not be used. */
export function UrlNotices({ notices }: { notices: string[] }) {
  if (notices.length === 0) return null;
  return (
    <div
      role="status"
      className="mb-4 rounded-md border border-warning/40 bg-warning-surface p-3 text-sm text-warning"
    >
      <ul className="list-inside list-disc">
        {notices.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}

/** Shown when the server answered from an older copy because Instagram is failing. */
export function StaleNote({
  stale,
  fetchedAt,
}: {
  stale: boolean;
  fetchedAt?: string | undefined;
}): ReactNode {
  if (!stale) return null;
  const when = fetchedAt ? new Date(fetchedAt).toLocaleString('en-US') : 'earlier';
  return (
    <p className="mt-1 text-xs text-warning">
      Instagram is not answering; showing data from {when}.
    </p>
  );
}
