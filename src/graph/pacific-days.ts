import { TZDate } from '@date-fns/tz';

/** Instagram days are US Pacific days; every daily value belongs to one of them. */
export const PACIFIC_TIME_ZONE = 'America/Los_Angeles';

/** A calendar day, `YYYY-MM-DD`. */
export type IsoDay = string;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isIsoDay(value: string): boolean {
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const partsCache = new Map<string, [number, number, number]>();

/** Year, month and day of a valid day; memoised because day arithmetic is hot in the demo data. */
function parts(day: IsoDay): [number, number, number] {
  const cached = partsCache.get(day);
  if (cached) return cached;
  if (!isIsoDay(day)) throw new RangeError(`Not a YYYY-MM-DD day: ${day}`);
  const result = day.split('-').map(Number) as [number, number, number];
  if (partsCache.size > 50_000) partsCache.clear();
  partsCache.set(day, result);
  return result;
}

/** Calendar arithmetic, independent of any time zone. */
export function addDays(day: IsoDay, count: number): IsoDay {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d + count)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDay, to: IsoDay): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: IsoDay): number {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

const dayStartCache = new Map<string, number>();

/** The instant a Pacific day starts (midnight in Los Angeles, 07:00 or 08:00 UTC). */
export function pacificDayStart(day: IsoDay): Date {
  let ms = dayStartCache.get(day);
  if (ms === undefined) {
    const [y, m, d] = parts(day);
    ms = new TZDate(y, m - 1, d, PACIFIC_TIME_ZONE).getTime();
    if (dayStartCache.size > 50_000) dayStartCache.clear();
    dayStartCache.set(day, ms);
  }
  return new Date(ms);
}

/** The instant a Pacific day ends, which is the `end_time` the Graph API gives its value. */
export function pacificDayEnd(day: IsoDay): Date {
  return pacificDayStart(addDays(day, 1));
}

/** The Pacific day an instant falls in. */
export function pacificDayOf(instant: Date | number): IsoDay {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  // Los Angeles is a whole number of hours from UTC and changes clocks on a whole UTC hour, so
  // every instant of one UTC hour falls in the same Pacific day: one time-zone look-up per hour.
  const hour = Math.floor(ms / 3_600_000);
  const cached = dayOfHour.get(hour);
  if (cached !== undefined) return cached;
  const t = new TZDate(ms, PACIFIC_TIME_ZONE);
  const mm = String(t.getMonth() + 1).padStart(2, '0');
  const dd = String(t.getDate()).padStart(2, '0');
  const day = `${t.getFullYear()}-${mm}-${dd}`;
  if (dayOfHour.size > 50_000) dayOfHour.clear();
  dayOfHour.set(hour, day);
  return day;
}

const dayOfHour = new Map<number, IsoDay>();

/** An instant at a given Pacific wall-clock time. */
export function pacificInstant(day: IsoDay, hour: number, minute = 0): Date {
  const start = pacificDayStart(day).getTime();
  // On the 24 days of a year without a DST change, wall-clock time is plain arithmetic.
  if (pacificDayStart(addDays(day, 1)).getTime() - start === DAY_MS) {
    return new Date(start + hour * 3_600_000 + minute * 60_000);
  }
  const [y, m, d] = parts(day);
  return new Date(new TZDate(y, m - 1, d, hour, minute, PACIFIC_TIME_ZONE).getTime());
}

/** Graph timestamps: UTC with a `+0000` offset, e.g. `2018-01-12T08:00:00+0000`. */
export function toGraphTimestamp(instant: Date | number): string {
  const iso = new Date(instant).toISOString();
  return `${iso.slice(0, 19)}+0000`;
}

/** Parses a Graph timestamp (`+0000` or `+00:00` offsets). */
export function parseGraphTimestamp(value: string): Date {
  const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(normalised);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a Graph timestamp: ${value}`);
  return date;
}

/** The `end_time` of a day's value. */
export function endTimeOfDay(day: IsoDay): string {
  return toGraphTimestamp(pacificDayEnd(day));
}

/** The Pacific day a value with this `end_time` covers: the day that ends at that instant. */
export function dayOfEndTime(endTime: string): IsoDay {
  // Hot: every daily value of every answer goes through here, and the same days recur.
  let day = dayOfEndTimeCache.get(endTime);
  if (day === undefined) {
    day = pacificDayOf(parseGraphTimestamp(endTime).getTime() - 1);
    if (dayOfEndTimeCache.size > 50_000) dayOfEndTimeCache.clear();
    dayOfEndTimeCache.set(endTime, day);
  }
  return day;
}

const dayOfEndTimeCache = new Map<string, IsoDay>();

export function unixSeconds(instant: Date | number): number {
  return Math.floor(new Date(instant).getTime() / 1000);
}

/** The later of two days (ISO days sort as text). */
export function laterDay(a: IsoDay, b: IsoDay): IsoDay {
  if (a > b) return a;
  return b;
}

/** The earlier of two days. */
export function earlierDay(a: IsoDay, b: IsoDay): IsoDay {
  if (a < b) return a;
  return b;
}
