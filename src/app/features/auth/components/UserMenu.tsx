import { useId, useRef } from 'react';
import { Link } from 'react-router';
import { isDemoSession, type User, useSession } from '../../../api/get-session';
import { Button } from '../../../components/ui';
import { useSignOut } from '../api/sign-out';

const access = (user: User) =>
  user.role === 'owner'
    ? 'Owner: sees every account and manages users'
    : user.accounts === 'all'
      ? 'Member: sees every account'
      : `Member: sees ${user.accounts.length} ${user.accounts.length === 1 ? 'account' : 'accounts'}`;

const menuLinkClass =
  'block rounded-md px-2 py-1.5 text-sm font-medium hover:bg-surface-sunken focus-visible:bg-surface-sunken';

/**
 * Who is signed in, in the header: a button that opens their email and role, the way to Users
 * (owners) and Change password, and Sign out. On a demo server everyone is the demo owner, who
 * has no password and cannot sign out. Nothing shows while nobody is signed in.
 */
export function UserMenu() {
  const panelId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const session = useSession();
  const signOut = useSignOut();
  if (!session.data?.signed_in) return null;
  const { user } = session.data;
  const demo = isDemoSession(session.data);
  const name = demo ? 'Demo owner' : user.email;
  const close = () => panel.current?.hidePopover();

  return (
    <div className="print:hidden">
      <Button popoverTarget={panelId}>
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 shrink-0" fill="none">
          <circle cx="8" cy="5.5" r="2.75" stroke="currentColor" strokeWidth="1.4" />
          <path
            d="M2.75 13.5c.8-2.4 2.8-3.75 5.25-3.75s4.45 1.35 5.25 3.75"
            stroke="currentColor"
            strokeWidth="1.4"
            strokeLinecap="round"
          />
        </svg>
        <span className="sr-only">Signed in as {name}</span>
        {/* On a phone the icon alone: the header's buttons then keep to one line. */}
        <span aria-hidden="true" className="hidden max-w-[16rem] truncate sm:inline">
          {name}
        </span>
      </Button>
      <div
        ref={panel}
        id={panelId}
        popover="auto"
        role="dialog"
        aria-label="Your account"
        className="fixed inset-auto top-16 right-4 m-0 w-[min(20rem,calc(100vw-2rem))] space-y-3 rounded-lg border border-border bg-surface-raised p-3 text-fg shadow-xl"
      >
        <div className="space-y-0.5 px-2">
          <p className="font-semibold break-all">{name}</p>
          <p className="text-sm text-fg-muted">
            {demo ? 'Everyone who opens the demo is its owner, without a password.' : access(user)}
          </p>
        </div>
        <ul className="space-y-0.5 border-t border-border pt-2">
          {user.role === 'owner' ? (
            <li>
              <Link to="/settings/users" onClick={close} className={menuLinkClass}>
                Users
              </Link>
            </li>
          ) : null}
          <li>
            <Link to="/settings/sharing" onClick={close} className={menuLinkClass}>
              Share links
            </Link>
          </li>
          {user.role === 'owner' ? (
            <li>
              <Link to="/settings/accounts" onClick={close} className={menuLinkClass}>
                Connected accounts
              </Link>
            </li>
          ) : null}
          {demo ? null : (
            <li>
              <Link to="/settings/password" onClick={close} className={menuLinkClass}>
                Change password
              </Link>
            </li>
          )}
        </ul>
        {demo ? null : (
          <div className="space-y-2 border-t border-border pt-2">
            <button
              type="button"
              onClick={() => signOut.mutate()}
              disabled={signOut.isPending}
              className={`${menuLinkClass} w-full text-left disabled:cursor-progress disabled:opacity-70`}
            >
              {signOut.isPending ? 'Signing out…' : 'Sign out'}
            </button>
            {signOut.isError ? (
              <p role="alert" className="px-2 text-sm text-danger">
                {signOut.error.message}
              </p>
            ) : null}
          </div>
        )}
      </div>
    </div>
  );
}
