import { type IsoDay, PACIFIC_TIME_ZONE, pacificDayOf } from '../../../../graph/pacific-days';
import type { RangePolicy } from '../../../lib/share-view';

const dayFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
  timeZone: PACIFIC_TIME_ZONE,
});

/** A US Pacific day for people: "Dec 28, 2026". */
export function formatShareDay(day: IsoDay): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return dayFormat.format(Date.UTC(y, m - 1, d));
}

/** An instant for people, in US Pacific time: "Dec 28, 2026, 12:00 PM PST". */
export const formatShareTime = (instant: string | number): string =>
  timeFormat.format(new Date(instant));

/**
 * The last US Pacific day a link works on. A link made for N days ends N days after it was made;
 * one whose expiry was set to a day ends at the midnight after it, which belongs to the next day.
 */
export const lastShareDay = (expiresAt: string | number): IsoDay =>
  pacificDayOf(new Date(new Date(expiresAt).getTime() - 1));

export type ShareStatus = 'active' | 'expired' | 'revoked';

export function shareStatus(
  share: { revoked_at?: string | undefined; expires_at: string },
  nowMs: number,
): ShareStatus {
  if (share.revoked_at) return 'revoked';
  return Date.parse(share.expires_at) <= nowMs ? 'expired' : 'active';
}

/** The days a link lets its viewer see, in a few words. */
export const describeRange = (range: RangePolicy): string =>
  range.kind === 'fixed'
    ? `${range.from} to ${range.to}${range.earliest < range.from ? ` (compared from ${range.earliest})` : ''}`
    : `Any range within the last ${range.days} ${range.days === 1 ? 'day' : 'days'}`;
