import { dayOfEndTime, type IsoDay } from '../../graph/pacific-days';

const integer = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});

export const formatInteger = (n: number) => integer.format(n);
export const formatCompact = (n: number) => compact.format(n);
/** A change as a signed percentage, e.g. +12.5 %. */
export const formatChange = (ratio: number) => percent.format(ratio);

export function formatMetricValue(value: number, unit?: 'milliseconds' | 'percent'): string {
  if (unit === 'milliseconds')
    return value >= 60_000
      ? `${(value / 60_000).toFixed(1)} min`
      : `${(value / 1000).toFixed(1)} s`;
  if (unit === 'percent') return `${value.toFixed(1)} %`;
  return formatInteger(value);
}

const dayFormats = {
  long: new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  }),
  noYear: new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  }),
  axis: new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' }),
  month: new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', year: 'numeric' }),
};
const dayLabels = new Map<string, string>();

/** A calendar day in one of the formats; memoised, since charts label hundreds of days. */
function dayLabel(day: IsoDay, format: keyof typeof dayFormats): string {
  const key = `${format}${day}`;
  let label = dayLabels.get(key);
  if (label === undefined) {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    label = dayFormats[format].format(Date.UTC(y, m - 1, d));
    if (dayLabels.size > 20_000) dayLabels.clear();
    dayLabels.set(key, label);
  }
  return label;
}

/** A Pacific day for people: "Tue, Nov 3, 2026". */
export const formatDay = (day: IsoDay, withYear = true): string =>
  dayLabel(day, withYear ? 'long' : 'noYear');

/** A short axis label: "Nov 3". */
export const formatAxisDay = (day: IsoDay): string => dayLabel(day, 'axis');

/** An axis label for the first day of a month: "Nov 2026". */
export const formatAxisMonth = (day: IsoDay): string => dayLabel(day, 'month');

/** The day a Graph value belongs to, from its end_time. */
export const dayOfValue = (endTime: string): IsoDay => dayOfEndTime(endTime);

export function formatTimestamp(graphTimestamp: string): string {
  const date = new Date(graphTimestamp.replace(/\+0000$/, 'Z'));
  return date.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

const share = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
/** A part of a whole, e.g. 42.5%. */
export const formatShare = (ratio: number) => share.format(ratio);
