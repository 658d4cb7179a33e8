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

/** A Pacific day for people: "Tue, Nov 3, 2026". */
export function formatDay(day: IsoDay, withYear = true): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(withYear ? { year: 'numeric' } : {}),
  });
}

/** A short axis label: "Nov 3". */
export function formatAxisDay(day: IsoDay): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
  });
}

/** The day a Graph value belongs to, from its end_time. */
export const dayOfValue = (endTime: string): IsoDay => dayOfEndTime(endTime);

export function formatTimestamp(graphTimestamp: string): string {
  const date = new Date(graphTimestamp.replace(/\+0000$/, 'Z'));
  return date.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

const share = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
/** A part of a whole, e.g. 42.5%. */
export const formatShare = (ratio: number) => share.format(ratio);
