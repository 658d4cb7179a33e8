import { addDays, daysBetween, type IsoDay } from '../../graph/pacific-days';
import { type DateRange, oldestDay, oldestDayReason, rangeLength } from './date-range';

/**
 * Period comparison: the days a range is compared with. Days are calendar (US Pacific) days, so a
 * comparison never slips by an hour across a daylight saving change: day N of the range is always
 * compared with day N of the comparison range.
 */
export const COMPARISON_MODES = [
  { key: 'off', label: 'Off' },
  { key: 'previous', label: 'Previous period' },
  { key: 'year', label: 'Same period a year earlier' },
] as const;

export type ComparisonMode = (typeof COMPARISON_MODES)[number]['key'];
export const DEFAULT_COMPARISON: ComparisonMode = 'off';
/** The key that moves to the next comparison mode (off → previous → year → off). */
export const COMPARISON_SHORTCUT = 'x';

/** 52 weeks: the same weekdays a year earlier (a Monday is compared with a Monday). */
export const YEAR_SHIFT_DAYS = 364;

export const isComparisonMode = (value: string): value is ComparisonMode =>
  COMPARISON_MODES.some((m) => m.key === value);

export function nextComparisonMode(mode: ComparisonMode): ComparisonMode {
  const i = COMPARISON_MODES.findIndex((m) => m.key === mode);
  return COMPARISON_MODES[(i + 1) % COMPARISON_MODES.length]?.key ?? DEFAULT_COMPARISON;
}

/** How many days back the comparison lies: the range's length, or 364 days. */
export function comparisonShift(range: DateRange, mode: Exclude<ComparisonMode, 'off'>): number {
  return mode === 'previous' ? rangeLength(range) : YEAR_SHIFT_DAYS;
}

/**
 * The comparison range: the same number of days immediately before (`previous`), or the same
 * days 52 weeks earlier (`year`, so that weekdays match).
 */
export function comparisonRange(range: DateRange, mode: Exclude<ComparisonMode, 'off'>): DateRange {
  const shift = comparisonShift(range, mode);
  return { from: addDays(range.from, -shift), to: addDays(range.to, -shift) };
}

export type ComparisonPlan =
  | { kind: 'off' }
  | {
      kind: 'unavailable';
      mode: Exclude<ComparisonMode, 'off'>;
      range: DateRange;
      /** Short name, e.g. "previous period". */
      name: string;
      reason: string;
    }
  | {
      kind: 'compare';
      mode: Exclude<ComparisonMode, 'off'>;
      range: DateRange;
      /** Days between a day of the range and the day it is compared with. */
      shift: number;
      /** Short name, e.g. "previous period". */
      name: string;
      /** A sentence for people: which days, and how they were chosen. */
      description: string;
    };

const NAMES = { previous: 'previous period', year: 'same period a year earlier' } as const;

/**
 * The comparison for a range, or why it cannot be given: it may start no earlier than a range may
 * (oldestDay: Instagram's two years, or the oldest day `stored` in the dashboard's history).
 */
export function planComparison(
  range: DateRange,
  mode: ComparisonMode,
  today: IsoDay,
  stored?: IsoDay,
): ComparisonPlan {
  if (mode === 'off') return { kind: 'off' };
  const compared = comparisonRange(range, mode);
  const name = NAMES[mode];
  const oldest = oldestDay(today, stored);
  if (daysBetween(oldest, compared.from) < 0) {
    const reason = oldestDayReason(today, stored);
    return {
      kind: 'unavailable',
      mode,
      range: compared,
      name,
      // Only the two years' reason does not name the day.
      reason:
        oldest === oldestDay(today)
          ? `${reason}: the ${name} would start on ${compared.from}, before ${oldest}.`
          : `${reason}: the ${name} would start on ${compared.from}.`,
    };
  }
  const days = rangeLength(range);
  const description =
    mode === 'previous'
      ? `Compared with the previous ${days} ${days === 1 ? 'day' : 'days'}, ${compared.from} to ${compared.to}.`
      : `Compared with ${compared.from} to ${compared.to}: 52 weeks earlier, so weekdays match.`;
  return {
    kind: 'compare',
    mode,
    range: compared,
    shift: comparisonShift(range, mode),
    name,
    description,
  };
}

/** The day of the comparison range that a day of the range is compared with. */
export const comparedDay = (day: IsoDay, shift: number): IsoDay => addDays(day, -shift);
