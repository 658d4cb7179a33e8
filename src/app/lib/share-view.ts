import { createContext, useCallback, useContext } from 'react';
import { z } from 'zod';
import { addDays, daysBetween, type IsoDay } from '../../graph/pacific-days';
import {
  COMPARISON_MODES,
  type ComparisonMode,
  type ComparisonPlan,
  comparisonRange,
  planComparison,
} from './comparison-range';
import { type DateRange, RANGE_PRESETS, type RangeKey, resolveRange } from './date-range';
import type { PeriodState } from './url-state';

/*
 * A client share link, as its viewer's browser sees it. The server is the protection (it answers
 * only the link's accounts, days and pages); the app shows the same limits, so that the viewer is
 * never offered what the server would refuse.
 */

/** The days a link grants: the view's own (and those its comparison needs), or the last N days. */
export const rangePolicySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), from: z.string(), to: z.string(), earliest: z.string() }),
  z.object({ kind: z.literal('recent'), days: z.number() }),
]);
export type RangePolicy = z.infer<typeof rangePolicySchema>;

/** `share` in a share viewer's `GET /auth/session`. */
export const shareViewSchema = z.object({
  label: z.string(),
  shared_by: z.string(),
  expires_at: z.string(),
  accounts: z.array(z.string()),
  scope: z.enum(['view', 'pages']),
  /** The page (path and query) the link opens. */
  view_path: z.string(),
  range: rangePolicySchema,
  /** The US Pacific days the viewer may ask about, both included. */
  allowed_days: z.object({ first: z.string(), last: z.string() }),
  /** CSV export and printing. */
  csv: z.boolean(),
  /** A protected link whose password was not given yet. */
  locked: z.boolean(),
});
export type ShareView = z.infer<typeof shareViewSchema>;
export type AllowedDays = ShareView['allowed_days'];

/** The share link of a session (`/auth/session`'s `share`), or undefined: the team, or unreadable. */
export function shareViewOf(
  session: { signed_in: boolean; share?: unknown } | undefined,
): ShareView | undefined {
  if (!session || session.signed_in || session.share === undefined) return undefined;
  const parsed = shareViewSchema.safeParse(session.share);
  return parsed.success ? parsed.data : undefined;
}

/** The share link this browser views the app through; undefined for the team. */
export const ShareViewContext = createContext<ShareView | undefined>(undefined);
export const useShareView = () => useContext(ShareViewContext);

const within = (days: DateRange, allowed: AllowedDays) =>
  daysBetween(allowed.first, days.from) >= 0 && daysBetween(days.to, allowed.last) >= 0;

/**
 * Whether a range, and the days its comparison needs, lie within the allowed days. `stored`: the
 * oldest day the dashboard's history holds of the account, where the page knows it.
 */
export function periodFits(
  period: PeriodState,
  allowed: AllowedDays,
  today: IsoDay,
  stored?: IsoDay,
): boolean {
  const range = resolveRange(period.selection, today);
  if (!within(range, allowed)) return false;
  const comparison = planComparison(range, period.compare, today, stored);
  return comparison.kind !== 'compare' || within(comparison.range, allowed);
}

/**
 * A comparison as a share viewer may see it: not available when its days lie outside the link's.
 * The URL's period is fitted to the link before the page knows the account's stored history
 * (sharedPeriod), and a comparison that history allows may reach beyond the link's days.
 */
export function sharedComparison(plan: ComparisonPlan, allowed: AllowedDays): ComparisonPlan {
  if (plan.kind !== 'compare' || within(plan.range, allowed)) return plan;
  return {
    kind: 'unavailable',
    mode: plan.mode,
    range: plan.range,
    name: plan.name,
    reason: `This shared view covers ${allowed.first} to ${allowed.last}: the ${plan.name} would start on ${plan.range.from}.`,
  };
}

/** The range menu's presets a viewer may pick (custom dates are checked as they are typed). */
export function allowedRangeKeys(allowed: AllowedDays, today: IsoDay): RangeKey[] {
  return RANGE_PRESETS.filter(
    (p) => p.key === 'custom' || within(resolveRange({ range: p.key }, today), allowed),
  ).map((p) => p.key);
}

/** The comparisons a viewer may pick for a range: off, and those whose days are allowed. */
export function allowedComparisons(
  range: DateRange,
  allowed: AllowedDays,
  today: IsoDay,
  stored?: IsoDay,
): ComparisonMode[] {
  return COMPARISON_MODES.filter((m) => {
    const plan = planComparison(range, m.key, today, stored);
    return plan.kind !== 'compare' || within(plan.range, allowed);
  }).map((m) => m.key);
}

/** Why custom dates are outside a shared view, or undefined. */
export function sharedDaysProblem(range: DateRange, allowed: AllowedDays): string | undefined {
  return within(range, allowed)
    ? undefined
    : `This shared view covers ${allowed.first} to ${allowed.last}: choose days within them.`;
}

const COMPARED_MODES = ['previous', 'year'] as const;

/** A fixed link's period: its days, and the comparison whose first day is its earliest. */
export function fixedPeriod(policy: Extract<RangePolicy, { kind: 'fixed' }>): PeriodState {
  const range = { from: policy.from, to: policy.to };
  const compare =
    policy.earliest === policy.from
      ? 'off'
      : (COMPARED_MODES.find((mode) => comparisonRange(range, mode).from === policy.earliest) ??
        'off');
  return { selection: { range: 'custom', from: policy.from, to: policy.to }, compare };
}

/**
 * The period a page with a date range shows a share viewer: a fixed link's own; otherwise the
 * URL's when its days are allowed, without the comparison when only that is not, or else the
 * allowed days up to yesterday.
 */
export function sharedPeriod(period: PeriodState, share: ShareView, today: IsoDay): PeriodState {
  if (share.range.kind === 'fixed') return fixedPeriod(share.range);
  const allowed = share.allowed_days;
  if (periodFits(period, allowed, today)) return period;
  const uncompared: PeriodState = { ...period, compare: 'off' };
  if (periodFits(uncompared, allowed, today)) return uncompared;
  // A recent link's days end today: up to yesterday, as the presets end.
  const to =
    daysBetween(allowed.first, allowed.last) >= 1 ? addDays(allowed.last, -1) : allowed.last;
  return { selection: { range: 'custom', from: allowed.first, to }, compare: 'off' };
}

/** The pages a link lets its viewer open, as the server decides them (`Shares.pageFor`). */
export function sharePageAllowed(share: ShareView, path: string): boolean {
  const viewPath = share.view_path.split('?')[0];
  if (share.scope === 'view') return path === viewPath;
  const account = /^\/accounts\/(\d{1,25})/.exec(path)?.[1];
  if (account) return share.accounts.includes(account);
  if (/^\/media\/\d{1,25}$/.test(path)) return true;
  return path === '/compare' && share.accounts.length > 1;
}

/** Whether a link to a page of the app may be shown: always for the team, within a share link. */
export function useCanOpen(): (path: string) => boolean {
  const share = useShareView();
  return useCallback(
    (path: string) => !share || sharePageAllowed(share, path.split('?')[0] ?? path),
    [share],
  );
}

/** The server wrote `<meta name="dashboard-viewer" content="share">`: this browser opened a share link. */
export const PAGE_FOR_SHARE_VIEWER =
  typeof document !== 'undefined' &&
  document.querySelector<HTMLMetaElement>('meta[name="dashboard-viewer"]')?.content === 'share';
