/**
 * What the dashboard keeps of an account's daily numbers, and when a day's numbers are final. The
 * server's backfill and its insights answers follow these rules; the app says how far the
 * history reaches.
 */
import { MAX_HISTORY_DAYS } from './date-windows';
import { addDays, daysBetween, type IsoDay } from './pacific-days';

/**
 * total_value metrics kept per day (one Graph question per day asks them all): every daily curve
 * and every range total the dashboard shows. accounts_engaged counts unique accounts: its daily
 * values are kept, its range totals are still asked of Instagram.
 */
export const HISTORY_TOTAL_METRICS = [
  'views',
  'accounts_engaged',
  'total_interactions',
  'likes',
  'comments',
  'shares',
  'saves',
  'replies',
  'reposts',
  'profile_views',
  'website_clicks',
  'profile_links_taps',
  'follows_and_unfollows',
] as const;

/**
 * Breakdowns kept per day: the additive metrics of each breakdown card the account page shows
 * (unique counts such as reach by follow type are Instagram's to total).
 */
export const HISTORY_BREAKDOWNS = [
  { breakdown: 'media_product_type', metrics: ['views', 'total_interactions'] },
  { breakdown: 'follow_type', metrics: ['views', 'follows_and_unfollows'] },
] as const;

/**
 * How a breakdown is kept: a row per metric with the day's total (`views/follow_type`), and one
 * per breakdown value (`views/follow_type/FOLLOWER`).
 */
export const breakdownRow = (metric: string, breakdown: string, value?: string) =>
  value === undefined ? `${metric}/${breakdown}` : `${metric}/${breakdown}/${value}`;

/** time_series metrics kept per day (asked 30 days at a time). */
export const HISTORY_SERIES_METRICS = ['reach'] as const;

/**
 * Instagram revises a day's numbers for up to 48 hours: a day older than this many US Pacific
 * days is settled, stored once and not asked again (but for the weekly re-check).
 */
export const SETTLED_AFTER_DAYS = 3;
/** The weekly re-check covers this many of the newest settled days. */
export const RECHECK_DAYS = 28;
export const RECHECK_EVERY_DAYS = 7;

/** Instagram's first day: with a history, ranges may start here (days not held are marked). */
export const EARLIEST_DAY = '2010-10-06';

/** The newest settled day when today (US Pacific) is `today`. */
export function newestSettledDay(today: IsoDay): IsoDay {
  return addDays(today, -SETTLED_AFTER_DAYS - 1);
}

export function isSettledDay(day: IsoDay, today: IsoDay): boolean {
  return day <= newestSettledDay(today);
}

/** The oldest day Instagram still answers for (it keeps two years). */
export function oldestGraphDay(today: IsoDay): IsoDay {
  return addDays(today, -MAX_HISTORY_DAYS + 1);
}

/** How many settled days Instagram still keeps: what a complete backfill stores. */
export function settledGraphDays(today: IsoDay): number {
  return daysBetween(oldestGraphDay(today), newestSettledDay(today)) + 1;
}
