import { checkVersion, type Parsed, pickParam, stampVersion } from '../../../lib/url-state';

/*
 * The media list's URL (format 1): `list`, `type`, `product`, `sort`, `dir`, `view`, `pages`.
 * `list=collaborations` shows other accounts' posts on which this one is a collaborator.
 */

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
export const MEDIA_LISTS = ['collaborations'] as const;

export interface MediaListState {
  /** Absent: the account's own posts. */
  list?: (typeof MEDIA_LISTS)[number];
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

export function parseMediaListState(params: URLSearchParams): Parsed<MediaListState> {
  const notices: string[] = [];
  checkVersion(params, notices);
  const list = pickParam(params, 'list', MEDIA_LISTS, notices);
  const type = pickParam(params, 'type', MEDIA_TYPES, notices);
  const product = pickParam(params, 'product', PRODUCT_TYPES, notices);
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
      ...(list ? { list } : {}),
      ...(type ? { type } : {}),
      ...(product ? { product } : {}),
      sort: pickParam(params, 'sort', MEDIA_SORTS, notices) ?? DEFAULT_MEDIA_LIST.sort,
      dir: pickParam(params, 'dir', ['asc', 'desc'] as const, notices) ?? DEFAULT_MEDIA_LIST.dir,
      view:
        pickParam(params, 'view', ['grid', 'table'] as const, notices) ?? DEFAULT_MEDIA_LIST.view,
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
  for (const key of ['list', 'type', 'product', 'sort', 'dir', 'view', 'pages'] as const) {
    const value = state[key];
    if (value === undefined || value === DEFAULT_MEDIA_LIST[key as keyof MediaListState])
      into.delete(key);
    else into.set(key, String(value));
  }
  return into;
}
