import { MAX_HISTORY_DAYS } from '../../../../graph/date-windows';
import { daysBetween, type IsoDay } from '../../../../graph/pacific-days';
import { type ComparisonPlan, planComparison } from '../../../lib/comparison-range';
import { type DateRange, resolveRange } from '../../../lib/date-range';
import type { RangePolicy } from '../../../lib/share-view';
import { type PeriodState, parsePeriodState, shareableSearch } from '../../../lib/url-state';

export const DEFAULT_EXPIRY_DAYS = 30;
export const MAX_EXPIRY_DAYS = 365;

const ACCOUNT_PAGE = /^\/accounts\/(\d{1,25})(\/(media|audience|stories))?$/;

/** The page a Share… button is on: its accounts, and whether its URL holds a date range. */
export interface SharedPage {
  pathname: string;
  search: string;
  /** The accounts the page shows (the compare page's may be none yet). */
  accounts: string[];
  /** The account a page of one account is about: it cannot be left out of the link. */
  account?: string;
  hasRange: boolean;
}

/** The pages that can be shared (an account's four pages, and compare), or undefined. */
export function sharedPage(pathname: string, search: string): SharedPage | undefined {
  const match = ACCOUNT_PAGE.exec(pathname);
  if (match?.[1]) {
    return {
      pathname,
      search,
      accounts: [match[1]],
      account: match[1],
      hasRange: match[2] === undefined,
    };
  }
  if (pathname !== '/compare') return undefined;
  const listed = new URLSearchParams(search).get('accounts')?.split(',') ?? [];
  const accounts = [...new Set(listed.filter((id) => /^\d{1,25}$/.test(id)))];
  return { pathname, search, accounts, hasRange: true };
}

/** The days a view shows (pages without a range: the account page's default), and its comparison. */
export interface ViewDays {
  period: PeriodState;
  range: DateRange;
  comparison: ComparisonPlan;
  /** The first day the view needs: its comparison's, when it compares; else its own. */
  earliest: IsoDay;
  /** How many days back a "recent" link must reach to show the view. */
  daysBack: number;
}

export function viewDays(page: SharedPage, today: IsoDay): ViewDays {
  const params = new URLSearchParams(page.hasRange ? page.search : '');
  const period = parsePeriodState(params, today).state;
  const range = resolveRange(period.selection, today);
  const comparison = planComparison(range, period.compare, today);
  const earliest = comparison.kind === 'compare' ? comparison.range.from : range.from;
  return { period, range, comparison, earliest, daysBack: daysBetween(earliest, today) };
}

/** What the Share… dialog asks. */
export interface ShareForm {
  label: string;
  accounts: string[];
  scope: 'view' | 'pages';
  /** The view's own days (fixed), or any days within the last `recentDays`. */
  dates: 'fixed' | 'recent';
  recentDays: number;
  expiresInDays: number;
  /** Empty: no password. */
  password: string;
  csv: boolean;
}

/** `POST /api/shares`'s body. */
export interface ShareRequest {
  label: string;
  accounts: string[];
  scope: 'view' | 'pages';
  view_path: string;
  range: RangePolicy;
  expires_in_days: number;
  password?: string;
  csv: boolean;
}

export function defaultShareForm(page: SharedPage, today: IsoDay): ShareForm {
  return {
    label: '',
    accounts: page.accounts,
    scope: 'view',
    dates: 'fixed',
    recentDays: Math.max(1, viewDays(page, today).daysBack),
    expiresInDays: DEFAULT_EXPIRY_DAYS,
    password: '',
    csv: false,
  };
}

const wholeNumber = (n: number, min: number, max: number) =>
  Number.isInteger(n) && n >= min && n <= max;

/** What keeps the form from making a link, field by field; empty when it can. */
export function shareFormProblems(
  form: ShareForm,
  page: SharedPage,
  today: IsoDay,
): Partial<Record<'label' | 'accounts' | 'recentDays' | 'expiresInDays', string>> {
  const problems: Partial<Record<'label' | 'accounts' | 'recentDays' | 'expiresInDays', string>> =
    {};
  if (!form.label.trim()) problems.label = 'Name who the link is for, e.g. "Northwind Coffee".';
  if (form.accounts.length === 0) problems.accounts = 'Choose at least one account.';
  else if (page.account && !form.accounts.includes(page.account))
    problems.accounts = 'The account this page shows must be part of the link.';
  if (form.dates === 'recent') {
    const needed = page.hasRange ? Math.max(1, viewDays(page, today).daysBack) : 1;
    if (!wholeNumber(form.recentDays, 1, MAX_HISTORY_DAYS))
      problems.recentDays = `Give a whole number of days from 1 to ${MAX_HISTORY_DAYS}.`;
    else if (form.recentDays < needed)
      problems.recentDays = `This view needs the last ${needed} days: give ${needed} or more.`;
  }
  if (!wholeNumber(form.expiresInDays, 1, MAX_EXPIRY_DAYS))
    problems.expiresInDays = `A link lasts from 1 to ${MAX_EXPIRY_DAYS} days.`;
  return problems;
}

/**
 * The link to create. A fixed link opens the view's days as dates (`range=custom&from=…&to=…`),
 * so that it shows them whenever it is opened; a recent one keeps a moving range ("last 28 days").
 */
export function shareRequest(form: ShareForm, page: SharedPage, today: IsoDay): ShareRequest {
  const days = viewDays(page, today);
  const search = shareableSearch(page.search, {
    today,
    hasRange: page.hasRange,
    dates: form.dates === 'fixed' ? 'fixed' : 'moving',
  });
  const password = form.password;
  return {
    label: form.label.trim(),
    accounts: form.accounts,
    scope: form.scope,
    view_path: `${page.pathname}?${search}`,
    range:
      form.dates === 'fixed'
        ? { kind: 'fixed', from: days.range.from, to: days.range.to, earliest: days.earliest }
        : { kind: 'recent', days: form.recentDays },
    expires_in_days: form.expiresInDays,
    ...(password ? { password } : {}),
    csv: form.csv,
  };
}
