import { type IsoDay, weekdayOf } from '../../graph/pacific-days';
import { formatAxisDay, formatAxisMonth } from './format';

export interface AxisTicks {
  /** The days that get a label; recharts still drops those that would overlap. */
  ticks: IsoDay[];
  format: (day: IsoDay) => string;
}

/**
 * Where a daily chart labels its axis: every day for a month, Mondays up to half a year, first days
 * of months (or of quarters, past two years) beyond. Recharts would otherwise measure the text of
 * every day to find room, which costs more than drawing a two-year chart.
 */
export function axisTicks(days: readonly IsoDay[]): AxisTicks {
  if (days.length <= 31) return { ticks: [...days], format: formatAxisDay };
  if (days.length <= 183)
    return { ticks: days.filter((d) => weekdayOf(d) === 1), format: formatAxisDay };
  const monthStarts = days.filter((d) => d.endsWith('-01'));
  const ticks =
    monthStarts.length > 24
      ? monthStarts.filter((d) => ['01', '04', '07', '10'].includes(d.slice(5, 7)))
      : monthStarts;
  return { ticks, format: formatAxisMonth };
}
