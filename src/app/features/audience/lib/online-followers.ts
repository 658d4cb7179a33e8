import { RECENT_ONLY_DAYS } from '../../../../graph/date-windows';
import type { InsightsResponse } from '../../../../graph/graph-types';
import { addDays, dayOfEndTime, type IsoDay } from '../../../../graph/pacific-days';
import type { OnlineFollowersDay } from '../../../lib/best-time';

/**
 * The days Instagram's API gives `online_followers` for: the last 30, excluding today (the day
 * still running has no complete answer).
 */
export function liveOnlineFollowersRange(today: IsoDay): { since: IsoDay; until: IsoDay } {
  return { since: addDays(today, -RECENT_ONLY_DAYS), until: addDays(today, -1) };
}

/** The days of an online_followers answer (live or stored) that have at least one hour. */
export function onlineFollowersDays(response: InsightsResponse | undefined): OnlineFollowersDay[] {
  const entry = response?.data.find((d) => d.name === 'online_followers');
  const out: OnlineFollowersDay[] = [];
  for (const v of entry?.values ?? []) {
    if (!v.end_time || typeof v.value !== 'object' || v.value === null) continue;
    const hours: Record<string, number> = {};
    for (const [hour, n] of Object.entries(v.value))
      if (typeof n === 'number' && Number.isFinite(n)) hours[hour] = n;
    if (Object.keys(hours).length > 0) out.push({ day: dayOfEndTime(v.end_time), hours });
  }
  return out;
}

export interface MergedOnlineFollowers {
  /** Every day used, oldest first. */
  days: OnlineFollowersDay[];
  /** Days taken from the API's answer (the last 30 days). */
  fromApi: number;
  /** Days taken from the stored history (older than the API reaches, or all if it failed). */
  fromStore: number;
  /** The first day the API's answer covers, when it answered. */
  apiSince?: IsoDay;
}

/**
 * The API's days where it answered; the stored history for the days before them (or for every day
 * when the API did not answer). A stored copy of a day the API still gives is not used.
 */
export function mergeOnlineFollowers(
  live: { since: IsoDay; days: readonly OnlineFollowersDay[] } | undefined,
  stored: readonly OnlineFollowersDay[] | undefined,
): MergedOnlineFollowers {
  const byDay = new Map<IsoDay, { day: OnlineFollowersDay; fromApi: boolean }>();
  for (const d of stored ?? [])
    if (!live || d.day < live.since) byDay.set(d.day, { day: d, fromApi: false });
  for (const d of live?.days ?? []) byDay.set(d.day, { day: d, fromApi: true });
  const entries = [...byDay.values()].sort((a, b) =>
    a.day.day < b.day.day ? -1 : a.day.day > b.day.day ? 1 : 0,
  );
  const days = entries.map((e) => e.day);
  const fromApi = entries.filter((e) => e.fromApi).length;
  return {
    days,
    fromApi,
    fromStore: days.length - fromApi,
    ...(live ? { apiSince: live.since } : {}),
  };
}
