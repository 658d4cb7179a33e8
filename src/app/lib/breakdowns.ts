import type { Breakdown } from '../../graph/graph-types';

/** Readable names for the Graph API's breakdown values. */
const BREAKDOWN_LABELS: Readonly<Record<string, string>> = {
  POST: 'Posts',
  REEL: 'Reels',
  CAROUSEL_CONTAINER: 'Carousels',
  STORY: 'Stories',
  AD: 'Ads',
  FOLLOWER: 'Followers',
  NON_FOLLOWER: 'Non-followers',
  UNKNOWN: 'Unknown',
  tap_forward: 'Taps forward',
  tap_back: 'Taps back',
  tap_exit: 'Exits',
  swipe_forward: 'Swipes forward',
  bio_link_clicked: 'Bio link taps',
  call: 'Calls',
  direction: 'Directions',
  email: 'Emails',
  text: 'Texts',
  other: 'Other',
};

/** A breakdown value as people say it; unknown values are shown as sent. */
export const breakdownLabel = (key: string): string => BREAKDOWN_LABELS[key] ?? key;

export interface BreakdownRow {
  key: string;
  label: string;
  value: number;
  /** Part of the total (0..1); undefined when there is no total to divide by. */
  share?: number;
}

/**
 * One breakdown as rows, largest first. Shares are of `total` (the API's total_value) when it is
 * given, else of the sum of the rows.
 */
export function breakdownRows(
  breakdown: Breakdown | undefined,
  total?: number,
  labels: Readonly<Record<string, string>> = {},
): BreakdownRow[] {
  const results = breakdown?.results ?? [];
  const sum = results.reduce((s, r) => s + r.value, 0);
  const base = total !== undefined && total > 0 ? total : sum;
  return results
    .map((r) => {
      const key = r.dimension_values.join(', ');
      return {
        key,
        label: labels[key] ?? r.dimension_values.map(breakdownLabel).join(', '),
        value: r.value,
        ...(base > 0 ? { share: r.value / base } : {}),
      };
    })
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
}
