import { useCallback, useMemo, useState } from 'react';
import type { IsoDay } from '../../graph/pacific-days';
import { planComparison } from './comparison-range';
import { pacificToday, resolveRange } from './date-range';
import { sharedComparison, useShareView } from './share-view';
import { type Parsed, type PeriodState, useUrlState } from './url-state';

/**
 * The URL state of a page with a date range and a period comparison (the account and compare
 * pages), with the days it shows and the days it compares them with. `stored`: the oldest day the
 * dashboard's history holds of the page's account, where the page knows it (the comparison may
 * reach back to it); for a share viewer, the comparison stays within the link's days.
 */
export function usePeriodState<T extends PeriodState>(
  parse: (params: URLSearchParams, today: string) => Parsed<T>,
  write: (state: T, into: URLSearchParams) => URLSearchParams,
  stored?: IsoDay,
) {
  // Fixed for the page's life, so that a page left open over midnight keeps a consistent range.
  const [today] = useState(pacificToday);
  const share = useShareView();
  const parseToday = useCallback((params: URLSearchParams) => parse(params, today), [parse, today]);
  const [state, setState, notices] = useUrlState(parseToday, write);
  const range = useMemo(() => resolveRange(state.selection, today), [state.selection, today]);
  const allowed = share?.allowed_days;
  const comparison = useMemo(() => {
    const plan = planComparison(range, state.compare, today, stored);
    return allowed ? sharedComparison(plan, allowed) : plan;
  }, [range, state.compare, today, stored, allowed]);
  return { today, state, setState, notices, range, comparison };
}
