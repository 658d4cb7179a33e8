import type { IsoDay } from '../../../../graph/pacific-days';
import {
  type ComparisonMode,
  type ComparisonPlan,
  planComparison,
} from '../../../lib/comparison-range';
import type { DateRange } from '../../../lib/date-range';

/**
 * The comparison the side-by-side table uses: the one picked in the controls, or the previous
 * period when comparison is off (the table always shows a change).
 */
export function tableComparison(
  mode: ComparisonMode,
  range: DateRange,
  /** The comparison picked in the controls (planned for `mode`). */
  chosen: ComparisonPlan,
  today: IsoDay,
): ComparisonPlan {
  return mode === 'off' ? planComparison(range, 'previous', today) : chosen;
}

/**
 * The accounts whose insights the page asks: the URL's while the account list is loading (so that
 * they start at once; an id the server does not show is answered 403 and never shown), then the
 * compared ones. None while fewer than two would be compared.
 */
export function queriedAccounts(
  urlAccounts: readonly string[],
  compared: readonly string[] | undefined,
): readonly string[] {
  const ids = compared ?? urlAccounts;
  return ids.length >= 2 ? ids : [];
}
