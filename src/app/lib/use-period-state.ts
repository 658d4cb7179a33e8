import { useCallback, useMemo, useState } from 'react';
import { planComparison } from './comparison-range';
import { pacificToday, resolveRange } from './date-range';
import { type Parsed, type PeriodState, useUrlState } from './url-state';

/**
 * The URL state of a page with a date range and a period comparison (the account and compare
 * pages), with the days it shows and the days it compares them with.
 */
export function usePeriodState<T extends PeriodState>(
  parse: (params: URLSearchParams, today: string) => Parsed<T>,
  write: (state: T, into: URLSearchParams) => URLSearchParams,
) {
  // Fixed for the page's life, so that a page left open over midnight keeps a consistent range.
  const [today] = useState(pacificToday);
  const parseToday = useCallback((params: URLSearchParams) => parse(params, today), [parse, today]);
  const [state, setState, notices] = useUrlState(parseToday, write);
  const range = useMemo(() => resolveRange(state.selection, today), [state.selection, today]);
  const comparison = useMemo(
    () => planComparison(range, state.compare, today),
    [range, state.compare, today],
  );
  return { today, state, setState, notices, range, comparison };
}
