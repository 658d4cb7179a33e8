import { addDays, daysBetween, type IsoDay, pacificDayStart, unixSeconds } from './pacific-days';

/** The Graph API answers at most 30 days (2,592,000 s) between `since` and `until`. */
export const MAX_WINDOW_DAYS = 30;
/** Account insights reach back two years. */
export const MAX_HISTORY_DAYS = 730;
/** follower_count and online_followers reach back only this many days, today excluded. */
export const RECENT_ONLY_DAYS = 30;
/**
 * Instagram totals a range only, so daily totals take one call per day: the proxy's `split=day`
 * covers at most this many days in one request.
 */
export const MAX_SPLIT_DAYS = 120;

export interface DayWindow {
  /** First Pacific day covered. */
  first: IsoDay;
  /** Last Pacific day covered. */
  last: IsoDay;
  /** Unix seconds at the start of `first`. */
  since: number;
  /** Unix seconds at the end of `last` (the start of the next day). */
  until: number;
}

/** The since/until pair that asks for exactly the days `first`..`last`. */
export function windowForDays(first: IsoDay, last: IsoDay): DayWindow {
  return {
    first,
    last,
    since: unixSeconds(pacificDayStart(first)),
    until: unixSeconds(pacificDayStart(addDays(last, 1))),
  };
}

/**
 * Splits the days `first`..`last` into consecutive windows of at most `maxDays` days: no gap and no
 * day twice at the edges. 30 Pacific days can span 30 days and an hour across a DST change, so the
 * windows are cut by seconds as well as by days.
 */
export function splitIntoWindows(
  first: IsoDay,
  last: IsoDay,
  maxDays = MAX_WINDOW_DAYS,
): DayWindow[] {
  const count = daysBetween(first, last) + 1;
  if (count <= 0) return [];
  const windows: DayWindow[] = [];
  let start = first;
  while (daysBetween(start, last) >= 0) {
    let end = addDays(start, Math.min(maxDays, daysBetween(start, last) + 1) - 1);
    let window = windowForDays(start, end);
    while (window.until - window.since > maxDays * 86_400 && end !== start) {
      end = addDays(end, -1);
      window = windowForDays(start, end);
    }
    windows.push(window);
    start = addDays(end, 1);
  }
  return windows;
}
