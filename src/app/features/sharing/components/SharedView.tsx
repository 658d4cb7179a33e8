import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { sessionQueryOptions } from '../../../api/get-session';
import { ApiRequestError } from '../../../lib/api-client';
import { cx } from '../../../lib/cx';
import { pacificToday } from '../../../lib/date-range';
import { type ShareView, sharedPeriod, sharePageAllowed } from '../../../lib/share-view';
import { parsePeriodState, writePeriodState } from '../../../lib/url-state';
import { useRouteHasRange } from '../../../lib/use-keyboard-shortcuts';
import { PRODUCT_NAME } from '../../../lib/use-page-title';
import { useLeaveShare } from '../api/leave-share';
import { formatShareDay, lastShareDay } from '../lib/share-dates';

/**
 * The header of a shared view: the product's name (back to the view), who shared it and until
 * when. No navigation, no settings, no menus.
 */
export function SharedHeader({ share }: { share?: ShareView | undefined }) {
  const title = (
    <>
      <img src="/favicon.svg" alt="" width={28} height={28} className="size-7" />
      <span>{PRODUCT_NAME}</span>
    </>
  );
  return (
    <header className="border-b border-border bg-surface-raised print:border-0 print:bg-transparent">
      <div className="mx-auto flex max-w-content flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 sm:px-6 print:px-0 print:py-1">
        {share && !share.locked ? (
          <Link
            to={share.view_path}
            className="flex items-center gap-2 rounded-sm text-lg font-semibold tracking-tight"
          >
            {title}
          </Link>
        ) : (
          <p className="flex items-center gap-2 text-lg font-semibold tracking-tight">{title}</p>
        )}
        {share ? (
          <p className="text-sm text-fg-muted sm:ml-auto">
            Shared by {share.shared_by} · until {formatShareDay(lastShareDay(share.expires_at))}
          </p>
        ) : null}
      </div>
    </header>
  );
}

/** A quiet way out for a team member who opened their own link in this browser. */
export function LeaveSharedView() {
  const leave = useLeaveShare();
  return (
    <p className="mx-auto max-w-content px-4 pb-4 text-sm text-fg-muted sm:px-6 print:hidden">
      <button
        type="button"
        onClick={() => leave.mutate()}
        disabled={leave.isPending}
        className="rounded-sm underline underline-offset-4 disabled:opacity-70"
      >
        {leave.isPending ? 'Leaving…' : 'Leave this shared view'}
      </button>
      {leave.isError ? <span className="ml-2 text-danger">{leave.error.message}</span> : null}
    </p>
  );
}

/** The session is asked again when a request says the link has ended, so that the page says so. */
function useEndWhenShareEnds(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        const error = event.type === 'updated' ? event.query.state.error : undefined;
        if (error instanceof ApiRequestError && error.status === 410 && error.type === 'ShareEnded')
          void queryClient.invalidateQueries(sessionQueryOptions());
      }),
    [queryClient],
  );
}

/**
 * The pages of a shared view. Only the pages its link opens (elsewhere: the view), and on pages
 * with a date range only the days it allows, as the server decides them; a protected link asks
 * for its password first. Printing is left out when the link does not allow exports.
 */
export function SharedOutlet({ share }: { share: ShareView }) {
  const { pathname, search, hash } = useLocation();
  const hasRange = useRouteHasRange();
  const [today] = useState(pacificToday);
  useEndWhenShareEnds();
  if (share.locked) return <Navigate replace to="/shared/unlock" />;
  if (!sharePageAllowed(share, pathname)) return <Navigate replace to={share.view_path} />;
  if (hasRange) {
    const params = new URLSearchParams(search);
    const asked = parsePeriodState(params, today).state;
    const shown = writePeriodState(
      sharedPeriod(asked, share, today),
      new URLSearchParams(params),
    ).toString();
    if (shown !== writePeriodState(asked, new URLSearchParams(params)).toString())
      return <Navigate replace to={{ pathname, search: shown, hash }} />;
  }
  return (
    <>
      <div className={cx(!share.csv && 'print:hidden')}>
        <Outlet />
      </div>
      {share.csv ? null : <p className="hidden print:block">This shared view cannot be printed.</p>}
    </>
  );
}
