import { formatDay, formatInteger } from '../../../lib/format';
import type { AccountHistory } from '../api/get-account-history';

const STATE_TEXT = {
  filling: 'the rest is being stored in the background',
  'waiting-for-budget':
    "paused to leave Instagram's rate limit to the pages; it goes on within the hour",
  throttled: 'Instagram asked the dashboard to slow down; it goes on later',
} as const;

/** How much of the account's daily history the dashboard holds, and whether it is still filling. */
export function HistoryNote({ history }: { history: AccountHistory | undefined }) {
  if (!history?.kept) return null;
  const since = history.oldest_day ? ` since ${formatDay(history.oldest_day)}` : '';
  const older =
    history.older_days > 0
      ? `, and ${formatInteger(history.older_days)} older days Instagram no longer keeps`
      : '';
  return (
    <p className="text-xs text-fg-muted" data-testid="history-note">
      <span className="font-semibold text-fg">History stored:</span>{' '}
      {history.state === 'done'
        ? `all ${formatInteger(history.settled_days)} settled days${since}${older}.`
        : `${formatInteger(history.stored_days)} of ${formatInteger(history.settled_days)} days${older}; ${STATE_TEXT[history.state]}.`}
    </p>
  );
}
