import { TextLink } from '../../../components/ui';
import type { LinkPurpose } from '../api/get-link-state';
import { AuthPanel } from './AuthPanel';

/** A set-up or invitation link that no longer works: why, and how to get one that does. */
export function LinkUnusable({ purpose }: { purpose: LinkPurpose }) {
  const setup = purpose === 'setup';
  return (
    <AuthPanel title={setup ? 'This set-up link does not work' : 'This invitation does not work'}>
      <div className="space-y-3 text-sm">
        {setup ? (
          <>
            <p>
              It has been used already, or it has expired: a set-up link works once, for an hour.
            </p>
            <p>
              If nobody has set up this dashboard yet, restart the server in live mode (
              <code className="rounded bg-surface-sunken px-1">npm start</code> with an Instagram
              token): while it has no users, it prints a new set-up link.
            </p>
          </>
        ) : (
          <>
            <p>
              It has been used already, or it has expired: an invitation link works once, for 7
              days. It also stops working when an owner makes a new one.
            </p>
            <p>Ask an owner of this dashboard to send you a new link.</p>
          </>
        )}
        <p>
          Already have a password? <TextLink to="/sign-in">Sign in</TextLink>
        </p>
      </div>
    </AuthPanel>
  );
}
