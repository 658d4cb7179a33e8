import { useCallback, useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  COMPARISON_MODES,
  type ComparisonMode,
  DEFAULT_COMPARISON,
  isComparisonMode,
  nextComparisonMode,
} from './comparison-range';
import {
  customRangeProblem,
  DEFAULT_RANGE,
  isRangeKey,
  type RangeKey,
  type RangeSelection,
  resolveRange,
} from './date-range';
import { DEFAULT_NORMALISATION, NORMALISATIONS, type Normalisation } from './normalise';

/**
 * The URL is the single source of shareable state. This module alone parses and writes it, with
 * readable parameters and a version marker (`v`) so that links made today keep working later.
 *
 * Format 1 (`v=1`, written by this version):
 * - `range=7d|14d|28d|90d|this-month|last-month` (default 28d), or `range=custom&from=&to=`
 *   with US Pacific days as YYYY-MM-DD;
 * - `compare=off|previous|year` (period comparison, default off);
 * - on /compare: `accounts=id1,id2,…`, `norm=absolute|per1000|index`, `er=reach|followers`;
 * - on the media list: `type`, `product`, `sort`, `dir`, `view`, `pages`.
 *
 * Format 0 (no `v`; the first links the dashboard made) is read and upgraded to format 1 without a
 * notice; the page then replaces its address with the format 1 link:
 * - `period=last_7_days|last_14_days|last_28_days|last_90_days|this_month|last_month` for the
 *   presets, and `since=YYYY-MM-DD&until=YYYY-MM-DD` (with or without `period=custom`) for fixed
 *   dates;
 * - `compare_to=none|previous_period|previous_year`;
 * - on /compare: one `account=` parameter per account.
 * A link without `v` that already uses format 1 names (`range=`, …) is read as format 1.
 */
export const URL_FORMAT_VERSION = 1;

export interface Parsed<T> {
  state: T;
  /** What was in the URL but could not be used, for a visible notice. */
  notices: string[];
  /** The URL used format 0: the page rewrites it in the current format (no notice needed). */
  upgraded?: boolean;
}

/** Format 0 parameters; every writer removes them. */
const LEGACY_PARAMS = ['period', 'since', 'until', 'compare_to', 'account'] as const;

const LEGACY_PERIODS: Readonly<Record<string, RangeKey>> = {
  last_7_days: '7d',
  last_14_days: '14d',
  last_28_days: '28d',
  last_90_days: '90d',
  this_month: 'this-month',
  last_month: 'last-month',
  custom: 'custom',
};

const LEGACY_COMPARE: Readonly<Record<string, ComparisonMode>> = {
  none: 'off',
  previous_period: 'previous',
  previous_year: 'year',
};

/** A link in format 0: no version marker, and at least one of its parameters. */
export function isLegacyLink(params: URLSearchParams): boolean {
  return params.get('v') === null && LEGACY_PARAMS.some((name) => params.has(name));
}

/**
 * The same parameters in format 1 names. Format 1 names already present win over format 0 ones.
 * Unknown format 0 values are carried over as they are, so that the usual notice names them.
 */
export function upgradeLegacyParams(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(params);
  if (!isLegacyLink(params)) return out;
  for (const name of LEGACY_PARAMS) out.delete(name);
  const period = params.get('period');
  const since = params.get('since');
  const until = params.get('until');
  if (!params.has('range')) {
    if (since !== null || until !== null || period === 'custom') {
      out.set('range', 'custom');
      if (since !== null) out.set('from', since);
      if (until !== null) out.set('to', until);
    } else if (period !== null) {
      out.set('range', LEGACY_PERIODS[period] ?? period);
    }
  }
  const compareTo = params.get('compare_to');
  if (compareTo !== null && !params.has('compare'))
    out.set('compare', LEGACY_COMPARE[compareTo] ?? compareTo);
  const accounts = params.getAll('account');
  if (accounts.length > 0 && !params.has('accounts')) out.set('accounts', accounts.join(','));
  out.set('v', String(URL_FORMAT_VERSION));
  return out;
}

function stampVersion(into: URLSearchParams): URLSearchParams {
  for (const name of LEGACY_PARAMS) into.delete(name);
  into.set('v', String(URL_FORMAT_VERSION));
  return into;
}

function checkVersion(params: URLSearchParams, notices: string[]): void {
  const v = params.get('v');
  if (v !== null && v !== String(URL_FORMAT_VERSION)) {
    notices.push(
      `This link uses format v${v.slice(0, 5)}, which this version does not know; some settings may be ignored.`,
    );
  }
}

export function parseRangeSelection(input: URLSearchParams, today: string): Parsed<RangeSelection> {
  const notices: string[] = [];
  const params = upgradeLegacyParams(input);
  checkVersion(input, notices);
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
  const problem = customRangeProblem(from, to, today);
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

export function parsePeriodState(input: URLSearchParams, today: string): Parsed<PeriodState> {
  const range = parseRangeSelection(input, today);
  const notices = [...range.notices];
  const compare = parseComparison(upgradeLegacyParams(input), notices);
  return {
    state: { selection: range.state, compare },
    notices,
    ...(isLegacyLink(input) ? { upgraded: true } : {}),
  };
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

/** Which total the engagement rate divides content interactions by. */
export const ENGAGEMENT_BASES = [
  { key: 'reach', label: 'Interactions ÷ accounts reached', formula: 'interactions ÷ reach' },
  { key: 'followers', label: 'Interactions ÷ followers', formula: 'interactions ÷ followers' },
] as const;
export type EngagementBase = (typeof ENGAGEMENT_BASES)[number]['key'];
export const DEFAULT_ENGAGEMENT_BASE: EngagementBase = 'reach';

/** Accounts the compare page shows at most; more make unreadable charts. */
export const MAX_COMPARED_ACCOUNTS = 10;

export interface CompareState extends PeriodState {
  /** Account ids, in the order their lines and columns are drawn. */
  accounts: string[];
  norm: Normalisation;
  er: EngagementBase;
}

export function parseCompareState(input: URLSearchParams, today: string): Parsed<CompareState> {
  const period = parsePeriodState(input, today);
  const params = upgradeLegacyParams(input);
  const notices = [...period.notices];
  const listed = (params.get('accounts') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const valid = listed.filter((id) => /^\d{1,30}$/.test(id));
  if (valid.length < listed.length) {
    notices.push(
      `Account ids are numbers; ${listed
        .filter((id) => !valid.includes(id))
        .map((id) => `"${id.slice(0, 30)}"`)
        .join(', ')} ${listed.length - valid.length === 1 ? 'was' : 'were'} left out.`,
    );
  }
  const unique = [...new Set(valid)];
  if (unique.length > MAX_COMPARED_ACCOUNTS) {
    notices.push(
      `At most ${MAX_COMPARED_ACCOUNTS} accounts can be compared; the first ${MAX_COMPARED_ACCOUNTS} are shown.`,
    );
  }
  return {
    state: {
      ...period.state,
      accounts: unique.slice(0, MAX_COMPARED_ACCOUNTS),
      norm:
        pick(
          params,
          'norm',
          NORMALISATIONS.map((n) => n.key),
          notices,
        ) ?? DEFAULT_NORMALISATION,
      er:
        pick(
          params,
          'er',
          ENGAGEMENT_BASES.map((b) => b.key),
          notices,
        ) ?? DEFAULT_ENGAGEMENT_BASE,
    },
    notices,
    ...(period.upgraded ? { upgraded: true } : {}),
  };
}

export function writeCompareState(
  state: CompareState,
  into = new URLSearchParams(),
): URLSearchParams {
  writePeriodState(state, into);
  if (state.accounts.length > 0) into.set('accounts', state.accounts.join(','));
  else into.delete('accounts');
  if (state.norm === DEFAULT_NORMALISATION) into.delete('norm');
  else into.set('norm', state.norm);
  if (state.er === DEFAULT_ENGAGEMENT_BASE) into.delete('er');
  else into.set('er', state.er);
  return into;
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
  const current = parseComparison(upgradeLegacyParams(params), []);
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
  const params = upgradeLegacyParams(input);
  stampVersion(params);
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

export const MEDIA_TYPES = ['IMAGE', 'VIDEO', 'CAROUSEL_ALBUM'] as const;
export const PRODUCT_TYPES = ['FEED', 'REELS'] as const;
/** The last four come from each post's insights, so they sort only the posts already loaded. */
export const MEDIA_SORTS = [
  'timestamp',
  'like_count',
  'comments_count',
  'views',
  'reach',
  'saved',
  'shares',
] as const;
export type MediaSort = (typeof MEDIA_SORTS)[number];

export interface MediaListState {
  type?: (typeof MEDIA_TYPES)[number];
  product?: (typeof PRODUCT_TYPES)[number];
  sort: MediaSort;
  dir: 'asc' | 'desc';
  view: 'grid' | 'table';
  /** Pages loaded, counted from the newest post. */
  pages: number;
}

const DEFAULT_MEDIA_LIST: MediaListState = {
  sort: 'timestamp',
  dir: 'desc',
  view: 'grid',
  pages: 1,
};
export const MAX_MEDIA_PAGES = 40;

function pick<T extends string>(
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

export function parseMediaListState(params: URLSearchParams): Parsed<MediaListState> {
  const notices: string[] = [];
  checkVersion(params, notices);
  const type = pick(params, 'type', MEDIA_TYPES, notices);
  const product = pick(params, 'product', PRODUCT_TYPES, notices);
  const pagesText = params.get('pages');
  let pages = 1;
  if (pagesText !== null) {
    const n = Number(pagesText);
    if (Number.isInteger(n) && n >= 1 && n <= MAX_MEDIA_PAGES) pages = n;
    else
      notices.push(
        `pages=${pagesText.slice(0, 10)} is not valid (a whole number from 1 to ${MAX_MEDIA_PAGES}); showing the first page.`,
      );
  }
  return {
    state: {
      ...(type ? { type } : {}),
      ...(product ? { product } : {}),
      sort: pick(params, 'sort', MEDIA_SORTS, notices) ?? DEFAULT_MEDIA_LIST.sort,
      dir: pick(params, 'dir', ['asc', 'desc'] as const, notices) ?? DEFAULT_MEDIA_LIST.dir,
      view: pick(params, 'view', ['grid', 'table'] as const, notices) ?? DEFAULT_MEDIA_LIST.view,
      pages,
    },
    notices,
  };
}

export function writeMediaListState(
  state: MediaListState,
  into = new URLSearchParams(),
): URLSearchParams {
  stampVersion(into);
  for (const key of ['type', 'product', 'sort', 'dir', 'view', 'pages'] as const) {
    const value = state[key];
    if (value === undefined || value === DEFAULT_MEDIA_LIST[key as keyof MediaListState])
      into.delete(key);
    else into.set(key, String(value));
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
  // A format 0 link: show the same view under its current address, without a history entry.
  const upgraded = parsed.upgraded === true;
  const upgradedState = parsed.state;
  useEffect(() => {
    if (upgraded)
      setParams((current) => write(upgradedState, new URLSearchParams(current)), {
        replace: true,
      });
  }, [upgraded, upgradedState, setParams, write]);
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

/*
 * The audience page (format 1): `timeframe=this-week|this-month` (demographics, default
 * this-month) and `tz=` an IANA time zone for the best time to post (default: the browser's zone,
 * which is then left out of the URL).
 */
export const AUDIENCE_TIMEFRAMES = ['this-month', 'this-week'] as const;
export type AudienceTimeframe = (typeof AUDIENCE_TIMEFRAMES)[number];
export const DEFAULT_AUDIENCE_TIMEFRAME: AudienceTimeframe = 'this-month';

export interface AudienceState {
  timeframe: AudienceTimeframe;
  /** An IANA time zone; absent: the browser's. */
  tz?: string;
}

/**
 * The zone's name as the browser lists it when it does (case fixed: europe/berlin), else as
 * written if the browser knows it (Asia/Kolkata, which some list as Asia/Calcutta), else undefined.
 */
export function canonicalTimeZone(value: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(value)) return undefined;
  const lower = value.toLowerCase();
  const listed = (Intl.supportedValuesOf?.('timeZone') ?? []).find(
    (z) => z.toLowerCase() === lower,
  );
  if (listed) return listed;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value;
  } catch {
    return undefined;
  }
}

export function parseAudienceState(params: URLSearchParams): Parsed<AudienceState> {
  const notices: string[] = [];
  checkVersion(params, notices);
  const timeframe =
    pick(params, 'timeframe', AUDIENCE_TIMEFRAMES, notices) ?? DEFAULT_AUDIENCE_TIMEFRAME;
  const tzText = params.get('tz');
  let tz: string | undefined;
  if (tzText !== null) {
    tz = canonicalTimeZone(tzText);
    if (!tz)
      notices.push(
        `tz=${tzText.slice(0, 40)} is not a time zone (use a name such as Europe/Berlin); showing times in your browser's time zone.`,
      );
  }
  return { state: { timeframe, ...(tz ? { tz } : {}) }, notices };
}

export function writeAudienceState(
  state: AudienceState,
  into = new URLSearchParams(),
): URLSearchParams {
  stampVersion(into);
  if (state.timeframe === DEFAULT_AUDIENCE_TIMEFRAME) into.delete('timeframe');
  else into.set('timeframe', state.timeframe);
  if (state.tz) into.set('tz', state.tz);
  else into.delete('tz');
  return into;
}
