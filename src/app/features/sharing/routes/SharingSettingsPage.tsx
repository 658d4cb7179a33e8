import { useState } from 'react';
import { useAccounts } from '../../../api/get-accounts';
import { ErrorPanel, Skeleton } from '../../../components/StatusPanels';
import { Card, PageHeader, Section } from '../../../components/ui';
import { now } from '../../../lib/clock';
import { pacificToday } from '../../../lib/date-range';
import { usePageTitle } from '../../../lib/use-page-title';
import { type AuditEntry, useShareAudit } from '../api/get-share-audit';
import { type Share, useShares } from '../api/get-shares';
import { ShareLinkItem } from '../components/ShareLinkItem';
import { formatShareDay, formatShareTime, lastShareDay, shareStatus } from '../lib/share-dates';

const cell = 'border-b border-border px-3 py-2 text-left align-top';

/** What an audit entry's detail says, for people (an expiry change holds the new end). */
function detailOf(entry: AuditEntry): string {
  if (entry.action === 'expiry changed' && !Number.isNaN(Date.parse(entry.detail)))
    return `Works through ${formatShareDay(lastShareDay(entry.detail))}`;
  return entry.detail;
}

function AuditLog({ shares }: { shares: readonly Share[] }) {
  const audit = useShareAudit();
  const labelOf = (id: string | undefined) =>
    id ? (shares.find((s) => s.id === id)?.label ?? `Link ${id.slice(0, 8)}`) : '';
  if (audit.isPending) return <Skeleton className="h-24" label="Loading the audit log" />;
  if (audit.isError) return <ErrorPanel error={audit.error} onRetry={() => void audit.refetch()} />;
  if (audit.data.length === 0) return <p className="text-fg-muted">Nothing has happened yet.</p>;
  return (
    <Card
      as="section"
      aria-label="Audit log of share links"
      // Focusable: a scrollable region must be reachable by keyboard.
      tabIndex={0}
      className="overflow-x-auto p-0"
    >
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">
          Creations, openings, revocations and expiry changes, newest first (US Pacific time)
        </caption>
        <thead className="bg-surface-sunken">
          <tr>
            {['When', 'Who', 'What', 'Link', 'Detail'].map((h) => (
              <th key={h} scope="col" className={`${cell} font-semibold`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {audit.data.map((entry, i) => (
            // The log has no ids; its order (newest first) is stable between answers.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <tr key={i}>
              <td className={`${cell} whitespace-nowrap`}>{formatShareTime(entry.at)}</td>
              <td className={`${cell} break-all`}>{entry.actor}</td>
              <td className={`${cell} whitespace-nowrap`}>{entry.action}</td>
              <td className={cell}>{labelOf(entry.link_id)}</td>
              <td className={cell}>{detailOf(entry)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

/**
 * `/settings/sharing`: the client share links one may manage (owners: all; members: their own),
 * to revoke or to give another expiry, and the audit log of what happened to them.
 */
export function SharingSettingsPage() {
  usePageTitle('Share links');
  const shares = useShares();
  const accounts = useAccounts();
  const [today] = useState(pacificToday);
  const nowMs = now().getTime();
  const nameOf = (account: string) => {
    const found = accounts.data?.data.data.find((a) => a.id === account);
    return found?.username ? `@${found.username}` : account;
  };
  return (
    <div className="space-y-8">
      <PageHeader title="Share links">
        <p className="text-fg-muted">
          Links that show a client some of your accounts without an account of their own. Make one
          with Share… on an account or compare page.
        </p>
      </PageHeader>
      <Section title="Links">
        {shares.isPending ? (
          <Skeleton className="h-32" label="Loading share links" />
        ) : shares.isError ? (
          <ErrorPanel error={shares.error} onRetry={() => void shares.refetch()} />
        ) : shares.data.length === 0 ? (
          <p className="text-fg-muted">No share links yet.</p>
        ) : (
          <ul className="space-y-4">
            {shares.data.map((share) => (
              <ShareLinkItem
                key={share.id}
                share={share}
                status={shareStatus(share, nowMs)}
                today={today}
                nameOf={nameOf}
              />
            ))}
          </ul>
        )}
      </Section>
      <Section title="Audit log">
        <AuditLog shares={shares.data ?? []} />
      </Section>
    </div>
  );
}
