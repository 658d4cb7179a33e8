import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { customRangeProblem, DEFAULT_RANGE, isRangeKey, type RangeSelection } from './date-range';

/**
 * The URL is the single source of shareable state. This module alone parses and writes it, with
 * readable parameters and a version marker (`v`) so that links made today keep working later.
 */
export const URL_FORMAT_VERSION = 1;

export interface Parsed<T> {
  state: T;
  /** What was in the URL but could not be used, for a visible notice. */
  notices: string[];
}

function checkVersion(params: URLSearchParams, notices: string[]): void {
  const v = params.get('v');
  if (v !== null && v !== String(URL_FORMAT_VERSION)) {
    notices.push(
      `This link uses format v${v.slice(0, 5)}, which this version does not know; some settings may be ignored.`,
    );
  }
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
  const problem = customRangeProblem(from, to, today);
  if (problem) {
    notices.push(`${problem} Showing the last 28 days instead.`);
    return { state: { range: DEFAULT_RANGE }, notices };
  }
  return { state: { range, from, to }, notices };
}

export function writeRangeSelection(
  selection: RangeSelection,
  into = new URLSearchParams(),
): URLSearchParams {
  into.set('v', String(URL_FORMAT_VERSION));
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
  into.set('v', String(URL_FORMAT_VERSION));
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
