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
export const oldestDay = (today: IsoDay): IsoDay => addDays(today, -MAX_HISTORY_DAYS + 1);

/** Why a custom range is not usable, or undefined when it is. */
export function customRangeProblem(
  from: string | undefined,
  to: string | undefined,
  today: IsoDay,
): string | undefined {
  if (!from || !to || !isIsoDay(from) || !isIsoDay(to))
    return 'A custom range needs a start and an end date (YYYY-MM-DD).';
  if (daysBetween(from, to) < 0) return 'The start date must not be after the end date.';
  if (daysBetween(to, today) < 0) return `The end date must not be after today (${today}).`;
  if (daysBetween(oldestDay(today), from) < 0)
    return `Instagram keeps two years of insights: start on ${oldestDay(today)} or later.`;
  return undefined;
}

/** The days a selection covers, today excluded for the rolling presets. */
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
  if (selection.from && selection.to && !customRangeProblem(selection.from, selection.to, today)) {
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
