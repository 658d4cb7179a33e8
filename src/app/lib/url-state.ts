import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  COMPARISON_MODES,
  type ComparisonMode,
  DEFAULT_COMPARISON,
  isComparisonMode,
  nextComparisonMode,
} from './comparison-range';
import {
  DEFAULT_RANGE,
  isRangeKey,
  linkRangeProblem,
  type RangeKey,
  type RangeSelection,
  resolveRange,
} from './date-range';

/**
 * The URL is the single source of shareable state, with readable parameters and a version marker
 * (`v`) so that links made today keep working later. This module holds what every page shares:
 * the marker, the parsing helpers, `useUrlState`, the date range and the period comparison. Each
 * feature reads and writes its own parameters in its `lib/*-url-state.ts`.
 *
 * Format 1 (`v=1`, written by this version), on every page with a date range:
 * - `range=7d|14d|28d|90d|this-month|last-month` (default 28d), or `range=custom&from=&to=`
 *   with US Pacific days as YYYY-MM-DD: any days up to today from Instagram's first day
 *   (2010-10-06) on, at most ten years (date-range.ts, linkRangeProblem). A link may reach before
 *   Instagram's two years, as the dashboard's store may hold those days: the page says which it
 *   lacks;
 * - `compare=off|previous|year` (period comparison, default off).
 * A link without `v` is read as format 1. Older links are upgraded before any page reads them
 * (lib/url-upgrade.ts), so parsers only ever see format 1.
 */
export const URL_FORMAT_VERSION = 1;

export interface Parsed<T> {
  state: T;
  /** What was in the URL but could not be used, for a visible notice. */
  notices: string[];
}

/** Marks parameters as written in the current format; every writer calls it. */
export function stampVersion(into: URLSearchParams): URLSearchParams {
  into.set('v', String(URL_FORMAT_VERSION));
  return into;
}

/** A notice when the link names a format this version does not know; its settings are still read. */
export function checkVersion(params: URLSearchParams, notices: string[]): void {
  const v = params.get('v');
  if (v !== null && v !== String(URL_FORMAT_VERSION)) {
    notices.push(
      `This link uses format v${v.slice(0, 5)}, which this version does not know; some settings may be ignored.`,
    );
  }
}

/** One of a fixed list of values, or undefined (with a notice naming it when it is not listed). */
export function pickParam<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
  notices: string[],
): T | undefined {
  const value = params.get(name);
  if (value === null) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  notices.push(
    `${name}=${value.slice(0, 30)} is not valid (use ${allowed.join(', ')}); it was ignored.`,
  );
  return undefined;
}

export function parseRangeSelection(
  params: URLSearchParams,
  today: string,
): Parsed<RangeSelection> {
  const notices: string[] = [];
  checkVersion(params, notices);
  const range = params.get('range');
  if (range === null) return { state: { range: DEFAULT_RANGE }, notices };
  if (!isRangeKey(range)) {
    notices.push(
      `"${range.slice(0, 30)}" is not a date range this dashboard knows; showing the last 28 days.`,
    );
    return { state: { range: DEFAULT_RANGE }, notices };
  }
  if (range !== 'custom') return { state: { range }, notices };
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const problem = linkRangeProblem(from, to, today);
  if (problem) {
    notices.push(`${problem} Showing the last 28 days instead.`);
    return { state: { range: DEFAULT_RANGE }, notices };
  }
  return { state: { range, from, to }, notices };
}

/** The range and the period comparison, as the account and compare pages keep them. */
export interface PeriodState {
  selection: RangeSelection;
  compare: ComparisonMode;
}

function parseComparison(params: URLSearchParams, notices: string[]): ComparisonMode {
  const value = params.get('compare');
  if (value === null) return DEFAULT_COMPARISON;
  if (isComparisonMode(value)) return value;
  notices.push(
    `compare=${value.slice(0, 30)} is not valid (use ${COMPARISON_MODES.map((m) => m.key).join(', ')}); comparison is off.`,
  );
  return DEFAULT_COMPARISON;
}

export function parsePeriodState(params: URLSearchParams, today: string): Parsed<PeriodState> {
  const range = parseRangeSelection(params, today);
  const notices = [...range.notices];
  const compare = parseComparison(params, notices);
  return { state: { selection: range.state, compare }, notices };
}

export function writeComparison(
  compare: ComparisonMode,
  into = new URLSearchParams(),
): URLSearchParams {
  stampVersion(into);
  if (compare === DEFAULT_COMPARISON) into.delete('compare');
  else into.set('compare', compare);
  return into;
}

export function writePeriodState(
  state: PeriodState,
  into = new URLSearchParams(),
): URLSearchParams {
  return writeComparison(state.compare, writeRangeSelection(state.selection, into));
}

/** The URL after a date range shortcut; `custom` starts from the days shown now. */
export function withRangeShortcut(
  params: URLSearchParams,
  range: RangeKey,
  today: string,
): URLSearchParams {
  const into = new URLSearchParams(params);
  if (range !== 'custom') return writeRangeSelection({ range }, into);
  const shown = resolveRange(parseRangeSelection(params, today).state, today);
  return writeRangeSelection({ range: 'custom', from: shown.from, to: shown.to }, into);
}

/** The URL with the next comparison mode (off → previous → year → off). */
export function withNextComparison(params: URLSearchParams): URLSearchParams {
  const current = parseComparison(params, []);
  return writeComparison(nextComparisonMode(current), new URLSearchParams(params));
}

/** What a copied link keeps: the preset ("last 28 days", moving on) or the days it shows now. */
export type LinkDates = 'moving' | 'fixed';

/**
 * The query of a link to share, in the current format. On pages with a date range the range is
 * written out in full: `range=28d` (moving; even the default is named, so that the link keeps its
 * meaning if the default changes) or `range=custom&from=…&to=…` (fixed, the days shown now).
 */
export function shareableSearch(
  search: string | URLSearchParams,
  options: { today: string; hasRange: boolean; dates: LinkDates },
): string {
  const input = new URLSearchParams(search);
  const params = stampVersion(new URLSearchParams(input));
  if (options.hasRange) {
    const { state } = parseRangeSelection(input, options.today);
    if (options.dates === 'fixed' || state.range === 'custom') {
      const range = resolveRange(state, options.today);
      writeRangeSelection({ range: 'custom', from: range.from, to: range.to }, params);
    } else {
      writeRangeSelection(state, params);
      params.set('range', state.range);
    }
  }
  // The version and the dates first, then the rest as it was: links compare equal when views do.
  const first = ['v', 'range', 'from', 'to', 'compare'];
  const ordered = new URLSearchParams();
  for (const name of first) {
    const value = params.get(name);
    if (value !== null) ordered.set(name, value);
  }
  for (const [k, v] of params) if (!first.includes(k)) ordered.append(k, v);
  // Commas may stand in a query as they are (RFC 3986 sub-delims): `accounts=1,2` stays readable.
  return ordered.toString().replaceAll('%2C', ',');
}

export function writeRangeSelection(
  selection: RangeSelection,
  into = new URLSearchParams(),
): URLSearchParams {
  stampVersion(into);
  into.delete('from');
  into.delete('to');
  if (selection.range === DEFAULT_RANGE) into.delete('range');
  else into.set('range', selection.range);
  if (selection.range === 'custom' && selection.from && selection.to) {
    into.set('from', selection.from);
    into.set('to', selection.to);
  }
  return into;
}

/**
 * State read from and written to the URL. Each change is a history entry, so Back and Forward
 * walk through what the user looked at.
 */
export function useUrlState<T>(
  parse: (params: URLSearchParams) => Parsed<T>,
  write: (state: T, into: URLSearchParams) => URLSearchParams,
): [T, (next: T, options?: { replace?: boolean }) => void, string[]] {
  const [params, setParams] = useSearchParams();
  const parsed = useMemo(() => parse(params), [parse, params]);
  const update = useCallback(
    (next: T, options?: { replace?: boolean }) => {
      setParams((current) => write(next, new URLSearchParams(current)), {
        replace: options?.replace ?? false,
      });
    },
    [setParams, write],
  );
  return [parsed.state, update, parsed.notices];
}
