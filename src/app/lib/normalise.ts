import type { IsoDay } from '../../graph/pacific-days';

/**
 * How the compare page draws values so that accounts of different sizes can be read together.
 * One list drives the control, the URL (`norm=`) and the notes under the charts.
 */
export const NORMALISATIONS = [
  { key: 'absolute', label: 'Absolute values' },
  { key: 'per1000', label: 'Per 1,000 followers' },
  { key: 'index', label: 'Indexed (start = 100)' },
] as const;

export type Normalisation = (typeof NORMALISATIONS)[number]['key'];
export const DEFAULT_NORMALISATION: Normalisation = 'absolute';

export type NormalisedSeries =
  | { values: ReadonlyMap<IsoDay, number>; problem?: undefined }
  | { values?: undefined; problem: string };

/** Each value per 1,000 followers. Needs the account's follower count (above 0). */
export function per1000Followers(
  values: ReadonlyMap<IsoDay, number>,
  followers: number | undefined,
): NormalisedSeries {
  if (followers === undefined || !Number.isFinite(followers) || followers <= 0) {
    return {
      problem: 'Per 1,000 followers needs the follower count, which Instagram did not give.',
    };
  }
  const out = new Map<IsoDay, number>();
  for (const [day, value] of values) out.set(day, (value / followers) * 1000);
  return { values: out };
}

/**
 * Each value as an index: the first day (in the order of `days`) with a value above 0 is 100.
 * Days before it that have 0 stay 0; days without a value stay without one.
 */
export function indexTo100(
  values: ReadonlyMap<IsoDay, number>,
  days: readonly IsoDay[],
): NormalisedSeries {
  let base: number | undefined;
  for (const day of days) {
    const v = values.get(day);
    if (v !== undefined && Number.isFinite(v) && v > 0) {
      base = v;
      break;
    }
  }
  if (base === undefined) return { problem: 'No day has a value above 0 to index from.' };
  const out = new Map<IsoDay, number>();
  for (const day of days) {
    const v = values.get(day);
    if (v !== undefined) out.set(day, (v / base) * 100);
  }
  return { values: out };
}

export function normaliseSeries(
  values: ReadonlyMap<IsoDay, number>,
  mode: Normalisation,
  context: { followers: number | undefined; days: readonly IsoDay[] },
): NormalisedSeries {
  if (mode === 'per1000') return per1000Followers(values, context.followers);
  if (mode === 'index') return indexTo100(values, context.days);
  return { values };
}

const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** How a value of each mode reads: counts whole, per 1,000 with two decimals, indexes with one. */
export function formatNormalised(value: number, mode: Normalisation): string {
  if (mode === 'per1000') return twoDecimals.format(value);
  if (mode === 'index') return oneDecimal.format(value);
  return integer.format(value);
}

/** A value for a CSV file: no grouping, rounded as far as it means something. */
export function csvNumber(value: number, mode: Normalisation): number {
  if (mode === 'per1000') return Math.round(value * 10_000) / 10_000;
  if (mode === 'index') return Math.round(value * 100) / 100;
  return value;
}
