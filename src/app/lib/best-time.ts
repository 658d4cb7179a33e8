import { TZDate } from '@date-fns/tz';
import { type IsoDay, pacificInstant } from '../../graph/pacific-days';
import { now } from './clock';

/**
 * "Best time to post": the followers online in each hour (Instagram's `online_followers`),
 * averaged per weekday and hour in a time zone the user picks.
 *
 * Instagram keys each day's values by the hour of a US Pacific day ("0" … "23"). Every value is
 * placed at the instant its Pacific hour starts (`pacificInstant`), and that instant is read in the
 * chosen zone for its weekday and hour there.
 *
 * Zones whose offset from Pacific time is not a whole number of hours (Asia/Kolkata is UTC+05:30,
 * Asia/Kathmandu +05:45, Australia/Adelaide +09:30 or +10:30): an Instagram hour then straddles two
 * local hours, e.g. 00:00–01:00 Pacific (winter) is 13:30–14:30 in Kolkata. Each value goes whole
 * to the local hour in which its slot STARTS (13:00 here), not split between the two: the cells
 * then show numbers Instagram gave rather than blends, and `slotMinutes` says at which minute the
 * slots start, so that the page can say that column 13 means 13:30–14:30.
 *
 * Daylight saving time needs nothing special: each instant is converted on its own, so the shift
 * changes on the days either zone changes its clocks (New York is usually 3 hours ahead of Los
 * Angeles, but only 2 between 2:00 Eastern and 2:00 Pacific on the autumn changeover night; Berlin
 * is 8 hours ahead for the week or so in which Europe has left summer time and America has not).
 * On Pacific changeover days `pacificInstant` decides which instant an ambiguous or missing
 * wall-clock hour is: in spring "2" (which does not exist) becomes 03:00, so that day gives two
 * values to one local hour and none to the one before; in autumn "1" is the first 01:00 (summer
 * time), and the second 01:00 gets no value.
 */

/** One Pacific day of `online_followers`: followers online in each Pacific hour, "0" … "23". */
export interface OnlineFollowersDay {
  day: IsoDay;
  hours: Readonly<Record<string, number>>;
}

/** Weekdays as Date.getDay() numbers (0 = Sunday), in the order the heatmap lists them. */
export const HEATMAP_WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;
export const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
export const HOURS = Array.from({ length: 24 }, (_, h) => h);

export interface LocalSlot {
  /** 0 = Sunday … 6 = Saturday, in the chosen zone. */
  weekday: number;
  /** 0 … 23, in the chosen zone. */
  hour: number;
  /** The minute past `hour` at which the Instagram hour starts there (0, or 30 in Kolkata). */
  minute: number;
}

/** Where the Instagram hour `pacificHour` of the Pacific day `day` starts, in `timeZone`. */
export function localSlot(day: IsoDay, pacificHour: number, timeZone: string): LocalSlot {
  const local = new TZDate(pacificInstant(day, pacificHour).getTime(), timeZone);
  return { weekday: local.getDay(), hour: local.getHours(), minute: local.getMinutes() };
}

export interface BestTimeHeatmap {
  timeZone: string;
  /** `averages[weekday][hour]` (weekday 0 = Sunday): mean followers online; undefined = no data. */
  averages: (number | undefined)[][];
  /** How many hourly values each average is made of. */
  counts: number[][];
  /** Pacific days that gave at least one value: what the averages are based on. */
  days: number;
  firstDay?: IsoDay;
  lastDay?: IsoDay;
  /** The minutes past the local hour at which Instagram's hours start, e.g. [30] in Kolkata. */
  slotMinutes: number[];
}

const grid = <T>(fill: () => T): T[][] =>
  Array.from({ length: 7 }, () => Array.from({ length: 24 }, fill));

/** Averages `online_followers` per weekday and hour in `timeZone` (an IANA name). */
export function bestTimeHeatmap(
  days: readonly OnlineFollowersDay[],
  timeZone: string,
): BestTimeHeatmap {
  const sums = grid(() => 0);
  const counts = grid(() => 0);
  const minutes = new Set<number>();
  let used = 0;
  let firstDay: IsoDay | undefined;
  let lastDay: IsoDay | undefined;
  for (const { day, hours } of days) {
    let any = false;
    for (const [key, value] of Object.entries(hours)) {
      const hour = Number(key);
      if (!/^\d{1,2}$/.test(key) || hour > 23) continue;
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      const slot = localSlot(day, hour, timeZone);
      const row = sums[slot.weekday];
      const countRow = counts[slot.weekday];
      if (!row || !countRow || Number.isNaN(slot.hour)) continue;
      row[slot.hour] = (row[slot.hour] ?? 0) + value;
      countRow[slot.hour] = (countRow[slot.hour] ?? 0) + 1;
      minutes.add(slot.minute);
      any = true;
    }
    if (!any) continue;
    used += 1;
    if (firstDay === undefined || day < firstDay) firstDay = day;
    if (lastDay === undefined || day > lastDay) lastDay = day;
  }
  const averages = sums.map((row, weekday) =>
    row.map((sum, hour) => {
      const n = counts[weekday]?.[hour] ?? 0;
      return n > 0 ? sum / n : undefined;
    }),
  );
  return {
    timeZone,
    averages,
    counts,
    days: used,
    ...(firstDay ? { firstDay } : {}),
    ...(lastDay ? { lastDay } : {}),
    slotMinutes: [...minutes].sort((a, b) => a - b),
  };
}

export interface BestSlot {
  weekday: number;
  hour: number;
  average: number;
}

/** The `count` cells with the highest average; ties go to the earlier weekday (Monday first), hour. */
export function bestSlots(heatmap: BestTimeHeatmap, count = 3): BestSlot[] {
  const slots: BestSlot[] = [];
  for (const weekday of HEATMAP_WEEKDAYS)
    for (const hour of HOURS) {
      const average = heatmap.averages[weekday]?.[hour];
      if (average !== undefined) slots.push({ weekday, hour, average });
    }
  const order = (w: number) => HEATMAP_WEEKDAYS.indexOf(w as (typeof HEATMAP_WEEKDAYS)[number]);
  return slots
    .sort((a, b) => b.average - a.average || order(a.weekday) - order(b.weekday) || a.hour - b.hour)
    .slice(0, count);
}

/** The highest average, for colour intensity (0 when there is none). */
export function heatmapMax(heatmap: BestTimeHeatmap): number {
  let max = 0;
  for (const row of heatmap.averages) for (const v of row) if (v !== undefined && v > max) max = v;
  return max;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "14:30–15:30": the local hour a cell stands for, starting at the minute the slots start. */
export function slotLabel(hour: number, minute = 0): string {
  const end = (hour + 1) % 24;
  return `${pad(hour)}:${pad(minute)}–${pad(end)}:${pad(minute)}`;
}

/** The zone's offset from UTC at an instant, e.g. "UTC−05:00", "UTC+05:30", "UTC". */
export function utcOffsetLabel(timeZone: string, at: Date = now()): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  if (!part || /^GMT([+-]00:00)?$/.test(part)) return 'UTC';
  return part.replace('GMT', 'UTC').replace('-', '−');
}
