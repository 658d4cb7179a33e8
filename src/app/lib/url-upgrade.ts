import type { ComparisonMode } from './comparison-range';
import type { RangeKey } from './date-range';

/**
 * Links made by older versions of the dashboard, upgraded to the current format. This is the only
 * place that knows older formats: the app applies it once, when it is opened at an address, and
 * replaces the address before any page reads it (see RootLayout in App.tsx). Page parsers only
 * ever see the current format (lib/url-state.ts).
 *
 * Format 0 (no `v`; the first links the dashboard made):
 * - `period=last_7_days|last_14_days|last_28_days|last_90_days|this_month|last_month` for the
 *   presets, and `since=YYYY-MM-DD&until=YYYY-MM-DD` (with or without `period=custom`) for fixed
 *   dates;
 * - `compare_to=none|previous_period|previous_year`;
 * - on /compare: one `account=` parameter per account.
 * A link without `v` that already uses format 1 names (`range=`, …) is format 1 and left alone.
 * A later format adds its own step after `format0To1`.
 */
const FORMAT_0_PARAMS = ['period', 'since', 'until', 'compare_to', 'account'] as const;

const FORMAT_0_PERIODS: Readonly<Record<string, RangeKey>> = {
  last_7_days: '7d',
  last_14_days: '14d',
  last_28_days: '28d',
  last_90_days: '90d',
  this_month: 'this-month',
  last_month: 'last-month',
  custom: 'custom',
};

const FORMAT_0_COMPARE: Readonly<Record<string, ComparisonMode>> = {
  none: 'off',
  previous_period: 'previous',
  previous_year: 'year',
};

/** A link in format 0: no version marker, and at least one of its parameters. */
export function isFormat0(params: URLSearchParams): boolean {
  return params.get('v') === null && FORMAT_0_PARAMS.some((name) => params.has(name));
}

/**
 * The same parameters in format 1 names: the version first, then the upgraded ones, then the rest
 * as they were. Format 1 names already present win over format 0 ones. Unknown format 0 values
 * are carried over as they are, so that the page's usual notice names them.
 */
function format0To1(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams({ v: '1' });
  const period = params.get('period');
  const since = params.get('since');
  const until = params.get('until');
  if (!params.has('range')) {
    if (since !== null || until !== null || period === 'custom') {
      out.set('range', 'custom');
      if (since !== null) out.set('from', since);
      if (until !== null) out.set('to', until);
    } else if (period !== null) {
      out.set('range', FORMAT_0_PERIODS[period] ?? period);
    }
  }
  const compareTo = params.get('compare_to');
  if (compareTo !== null && !params.has('compare'))
    out.set('compare', FORMAT_0_COMPARE[compareTo] ?? compareTo);
  const accounts = params.getAll('account');
  if (accounts.length > 0 && !params.has('accounts')) out.set('accounts', accounts.join(','));
  const format0 = new Set<string>(FORMAT_0_PARAMS);
  for (const [name, value] of params) if (!format0.has(name)) out.append(name, value);
  return out;
}

/**
 * The search string (with or without `?`) in the current format, or undefined when it already is
 * (then the address stays as it is).
 */
export function upgradeSearch(search: string): string | undefined {
  const params = new URLSearchParams(search);
  if (!isFormat0(params)) return undefined;
  return format0To1(params).toString();
}
