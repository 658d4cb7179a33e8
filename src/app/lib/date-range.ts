import { EARLIEST_DAY } from '../../graph/account-history';
import { MAX_HISTORY_DAYS } from '../../graph/date-windows';
import {
  addDays,
  daysBetween,
  type IsoDay,
  isIsoDay,
  pacificDayOf,
} from '../../graph/pacific-days';
import { now } from './clock';

/** One list drives the range menu, its keyboard shortcuts and URL parsing. */
export const RANGE_PRESETS = [
  { key: '7d', label: 'Last 7 days', shortcut: '1', days: 7 },
  { key: '14d', label: 'Last 14 days', shortcut: '2', days: 14 },
  { key: '28d', label: 'Last 28 days', shortcut: '3', days: 28 },
  { key: '90d', label: 'Last 90 days', shortcut: '4', days: 90 },
  { key: 'this-month', label: 'This month', shortcut: 'm' },
  { key: 'last-month', label: 'Last month', shortcut: 'l' },
  { key: 'custom', label: 'Custom range', shortcut: 'c' },
] as const;

export type RangeKey = (typeof RANGE_PRESETS)[number]['key'];
export const DEFAULT_RANGE: RangeKey = '28d';

export interface DateRange {
  from: IsoDay;
  to: IsoDay;
}

export interface RangeSelection {
  range: RangeKey;
  /** Only for `custom`. */
  from?: IsoDay;
  to?: IsoDay;
}

export const isRangeKey = (value: string): value is RangeKey =>
  RANGE_PRESETS.some((p) => p.key === value);

/** The US Pacific day Instagram is in now. */
export const pacificToday = (at: Date = now()): IsoDay => pacificDayOf(at);

/** The oldest day Instagram still has account insights for. */
const instagramOldestDay = (today: IsoDay) => addDays(today, -MAX_HISTORY_DAYS + 1);

/**
 * The oldest day a range may start on. Instagram keeps two years of insights; where the
 * dashboard's store holds an account's older days (`stored`: the oldest it holds), ranges reach
 * back to them, never before Instagram's first day (EARLIEST_DAY).
 */
export function oldestDay(today: IsoDay, stored?: IsoDay): IsoDay {
  const twoYears = instagramOldestDay(today);
  if (!stored || daysBetween(stored, twoYears) <= 0) return twoYears;
  const floor = daysBetween(EARLIEST_DAY, twoYears) > 0 ? EARLIEST_DAY : twoYears;
  return daysBetween(floor, stored) < 0 ? floor : stored;
}

/** Why ranges start no earlier than oldestDay, e.g. "Instagram keeps two years of insights". */
export function oldestDayReason(today: IsoDay, stored?: IsoDay): string {
  const oldest = oldestDay(today, stored);
  if (oldest === instagramOldestDay(today)) return 'Instagram keeps two years of insights';
  if (oldest === EARLIEST_DAY) return `Instagram's first day was ${EARLIEST_DAY}`;
  return `This dashboard holds this account's days from ${oldest}`;
}

/**
 * The longest custom range: ten years, so that a mistyped link cannot make a page draw tens of
 * thousands of days.
 */
export const MAX_RANGE_DAYS = 3653;

/**
 * Why a custom range is not usable, or undefined when it is. `stored` is the oldest day the
 * dashboard's store holds of the account (see oldestDay).
 */
export function customRangeProblem(
  from: string | undefined,
  to: string | undefined,
  today: IsoDay,
  stored?: IsoDay,
): string | undefined {
  if (!from || !to || !isIsoDay(from) || !isIsoDay(to))
    return 'A custom range needs a start and an end date (YYYY-MM-DD).';
  if (daysBetween(from, to) < 0) return 'The start date must not be after the end date.';
  if (daysBetween(to, today) < 0) return `The end date must not be after today (${today}).`;
  const oldest = oldestDay(today, stored);
  if (daysBetween(oldest, from) < 0) {
    const reason = oldestDayReason(today, stored);
    // The other reasons name the day already.
    return oldest === instagramOldestDay(today)
      ? `${reason}: start on ${oldest} or later.`
      : `${reason}: start then or later.`;
  }
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS)
    return `A range covers at most ten years (${MAX_RANGE_DAYS.toLocaleString('en-US')} days): choose a later start.`;
  return undefined;
}

/**
 * Why a link's custom range is not usable. A link is read before anyone knows which days the
 * dashboard's store holds, so it may reach back to Instagram's first day: the page then shows the
 * days the store holds and marks the others.
 */
export const linkRangeProblem = (
  from: string | undefined,
  to: string | undefined,
  today: IsoDay,
): string | undefined => customRangeProblem(from, to, today, EARLIEST_DAY);

/**
 * The days a selection covers, today excluded for the rolling presets; a custom range a link could
 * not hold (linkRangeProblem) is the default preset's days.
 */
export function resolveRange(selection: RangeSelection, today: IsoDay): DateRange {
  const preset = RANGE_PRESETS.find((p) => p.key === selection.range);
  if (preset && 'days' in preset)
    return { from: addDays(today, -preset.days), to: addDays(today, -1) };
  const firstOfMonth = `${today.slice(0, 8)}01`;
  if (selection.range === 'this-month') {
    const to = addDays(today, -1);
    return daysBetween(firstOfMonth, to) < 0
      ? { from: firstOfMonth, to: firstOfMonth }
      : { from: firstOfMonth, to };
  }
  if (selection.range === 'last-month') {
    const lastOfPrevious = addDays(firstOfMonth, -1);
    return { from: `${lastOfPrevious.slice(0, 8)}01`, to: lastOfPrevious };
  }
  if (selection.from && selection.to && !linkRangeProblem(selection.from, selection.to, today)) {
    return { from: selection.from, to: selection.to };
  }
  return resolveRange({ range: DEFAULT_RANGE }, today);
}

export const rangeLength = (range: DateRange) => daysBetween(range.from, range.to) + 1;

export function rangeLabel(selection: RangeSelection, range: DateRange): string {
  const preset = RANGE_PRESETS.find((p) => p.key === selection.range);
  return selection.range === 'custom' || !preset ? `${range.from} to ${range.to}` : preset.label;
}

/** Every day of a range, in order. */
export function daysOf(range: DateRange): IsoDay[] {
  return Array.from({ length: rangeLength(range) }, (_, i) => addDays(range.from, i));
}
