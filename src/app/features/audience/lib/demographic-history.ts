import type { Breakdown } from '../../../../graph/graph-types';
import { dayOfEndTime, type IsoDay } from '../../../../graph/pacific-days';
import { daysOf } from '../../../lib/date-range';
import type { StoredDemographicsResponse } from '../api/get-stored-demographics';
import { type DemographicBreakdown, demographicRows, demographicTotal } from './demographics';

/** Countries and cities are many: the history follows the largest few. */
const HISTORY_TOP = 5;

export interface ShareHistory {
  /** Every day from the first to the last stored one; days without a snapshot have no values. */
  days: IsoDay[];
  /** Days with a snapshot. */
  storedDays: number;
  /** One line per group (all ages and genders; the top countries or cities of the last day). */
  series: { key: string; label: string; values: Map<IsoDay, number> }[];
}

function byDay(response: StoredDemographicsResponse | undefined): Map<IsoDay, Breakdown> {
  const out = new Map<IsoDay, Breakdown>();
  for (const v of response?.data[0]?.values ?? []) {
    const breakdown = v.total_value?.breakdowns?.[0];
    if (breakdown) out.set(dayOfEndTime(v.end_time), breakdown);
  }
  return out;
}

/**
 * Each group's share of the audience on each stored day, as the live figure computes it: ages and
 * genders of their own sum, countries and cities of everyone (the gender breakdown's sum, when the
 * gender history has that day).
 */
export function demographicShareHistory(
  breakdown: DemographicBreakdown,
  own: StoredDemographicsResponse | undefined,
  gender: StoredDemographicsResponse | undefined,
): ShareHistory {
  const days = byDay(own);
  const genders = byDay(gender);
  const stored = [...days.keys()].sort();
  const first = stored[0];
  const last = stored[stored.length - 1];
  if (!first || !last) return { days: [], storedDays: 0, series: [] };

  const rowsOf = (day: IsoDay) => {
    const results = days.get(day);
    return demographicRows(
      breakdown,
      results,
      demographicTotal(breakdown, results, genders.get(day)),
    );
  };
  const latest = rowsOf(last);
  const groups =
    breakdown === 'age' || breakdown === 'gender'
      ? latest
      : [...latest].sort((a, b) => b.value - a.value).slice(0, HISTORY_TOP);
  const series = groups.map((g) => ({
    key: g.key,
    label: g.label,
    values: new Map<IsoDay, number>(),
  }));
  for (const day of stored) {
    for (const row of rowsOf(day)) {
      const line = series.find((s) => s.key === row.key);
      if (line && row.share !== undefined) line.values.set(day, row.share);
    }
  }
  return { days: daysOf({ from: first, to: last }), storedDays: stored.length, series };
}
