import type { InsightsResponse } from '../../../../graph/graph-types';
import { dailyValues, totals } from '../../../api/get-account-insights';
import type { ComparisonPlan } from '../../../lib/comparison-range';
import { type CsvCell, toCsv } from '../../../lib/csv';
import { noLongerProvided } from '../../../lib/no-longer-provided';
import {
  COMPARE_METRICS,
  csvPercent,
  type EngagementRate,
  engagementRate,
  type MetricStat,
  metricStat,
} from './compare-stats';
import { ENGAGEMENT_BASES, type EngagementBase } from './compare-url-state';

/** A cell of the side-by-side table as values: the table words and colours them. */
export type CompareCell =
  | { kind: 'count'; value: number }
  | { kind: 'average'; value: number }
  /** A ratio (0.1 = +10 %) of the totals, or of the daily averages where there are no totals. */
  | { kind: 'change'; value: number; basis: 'total' | 'daily average' }
  /** An engagement rate, a ratio (0.05 = 5 %). */
  | { kind: 'rate'; value: number }
  | { kind: 'pending' }
  | { kind: 'failed' }
  /** With `reason` when Instagram no longer provides the metric. */
  | { kind: 'not-available'; reason?: string };

export interface CompareRow {
  key: string;
  label: string;
  /** The row's label in the CSV file, with its unit. */
  csvLabel: string;
  /** How the row's value is worked out, shown beside each cell (the engagement rate). */
  formula?: string;
  /** Why some of its cells are empty: Instagram no longer provides the metric. */
  note?: string;
  cells: CompareCell[];
}

/** What the rows read of one kind of request: per account, its state and its answer. */
export interface RowAnswers {
  results: readonly ({ isError: boolean; isPending: boolean; error?: unknown } | undefined)[];
  data: readonly (InsightsResponse | undefined)[];
}

/** The compare page's requests, as the table reads them (see use-compare-queries.ts). */
export interface RowQueries {
  reach: RowAnswers;
  daily: RowAnswers;
  sums: RowAnswers;
  unique: RowAnswers;
  compared: {
    reach: RowAnswers;
    daily: RowAnswers;
    sums: RowAnswers;
    unique: RowAnswers;
    uniqueProblem: string | undefined;
  };
  dailyProblem: string | undefined;
  uniqueProblem: string | undefined;
}

const NOT_AVAILABLE: CompareCell = { kind: 'not-available' };
const PENDING: CompareCell = { kind: 'pending' };
const FAILED: CompareCell = { kind: 'failed' };

type AnswerState = 'ok' | 'pending' | 'error' | 'off';

function stateOf(answers: RowAnswers, i: number, enabled = true): AnswerState {
  if (!enabled) return 'off';
  const r = answers.results[i];
  if (!r) return 'off';
  if (r.isError) return 'error';
  if (r.isPending) return 'pending';
  return 'ok';
}

/** Pending while any source is; failed if one failed; else what there is. */
function combinedState(states: AnswerState[]): AnswerState {
  if (states.includes('pending')) return 'pending';
  if (states.includes('error')) return 'error';
  return states.includes('ok') ? 'ok' : 'off';
}

/** The cell of a value that is not there: still loading, failed, or not available. */
const missing = (state: AnswerState): CompareCell =>
  state === 'pending' ? PENDING : state === 'error' ? FAILED : NOT_AVAILABLE;

function changeCell(stat: MetricStat, state: AnswerState): CompareCell {
  if (stat.change === undefined) return missing(state);
  return { kind: 'change', value: stat.change, basis: stat.changeBasis ?? 'total' };
}

/**
 * Why Instagram no longer provides a metric for account `i` (or any account), if one of the page's
 * answers says so.
 */
export function goneReason(queries: RowQueries, metric: string, i?: number): string | undefined {
  const kinds = [queries.reach, queries.daily, queries.sums, queries.unique];
  const { compared } = queries;
  for (const answers of [
    ...kinds,
    compared.reach,
    compared.daily,
    compared.sums,
    compared.unique,
  ]) {
    const indexes = i === undefined ? answers.data.map((_, j) => j) : [i];
    for (const j of indexes) {
      const reason = noLongerProvided(answers.data[j], metric, answers.results[j]?.error);
      if (reason) return reason;
    }
  }
  return undefined;
}

/** What the change compares with, e.g. "previous period". */
export function comparedWith(compared: ComparisonPlan): string {
  return compared.kind === 'off' ? 'previous period' : compared.name;
}

/**
 * The rows of the side-by-side table: the follower count; per metric the total, the daily average
 * and the change against the comparison period; and the engagement rate.
 */
export function compareRows({
  accounts,
  queries,
  days,
  compared,
  er,
}: {
  accounts: readonly { followers: number | undefined }[];
  queries: RowQueries;
  /** Days in the range. */
  days: number;
  /** What the change compares with: the chosen comparison, or the previous period. */
  compared: ComparisonPlan;
  er: EngagementBase;
}): CompareRow[] {
  const base = ENGAGEMENT_BASES.find((b) => b.key === er) ?? ENGAGEMENT_BASES[0];
  const against = comparedWith(compared);
  const comparing = compared.kind === 'compare';
  const out: CompareRow[] = [];
  out.push({
    key: 'followers',
    label: 'Followers (today)',
    csvLabel: 'Followers (today)',
    cells: accounts.map((a) =>
      a.followers === undefined ? NOT_AVAILABLE : { kind: 'count', value: a.followers },
    ),
  });
  const sumsData = queries.sums.data.map((d) => (d ? totals(d) : undefined));
  const sumsCompared = queries.compared.sums.data.map((d) => (d ? totals(d) : undefined));
  const uniqueData = queries.unique.data.map((d) => (d ? totals(d) : undefined));
  const uniqueCompared = queries.compared.unique.data.map((d) => (d ? totals(d) : undefined));
  const stats = new Map<string, MetricStat[]>();
  for (const spec of COMPARE_METRICS) {
    const fromReach = spec.source === 'reach';
    const dailyAnswers = fromReach ? queries.reach : queries.daily;
    const dailyCompared = fromReach ? queries.compared.reach : queries.compared.daily;
    const statsOf = accounts.map((_, i) => {
      const total = (spec.unique ? uniqueData : sumsData)[i]?.get(spec.metric)?.value;
      const comparedTotal = comparing
        ? (spec.unique ? uniqueCompared : sumsCompared)[i]?.get(spec.metric)?.value
        : undefined;
      const dailyData = dailyAnswers.data[i];
      const comparedDailyData = comparing ? dailyCompared.data[i] : undefined;
      return metricStat({
        unique: spec.unique,
        days,
        total,
        comparedTotal,
        daily: dailyData ? dailyValues(dailyData).get(spec.metric) : undefined,
        comparedDaily: comparedDailyData
          ? dailyValues(comparedDailyData).get(spec.metric)
          : undefined,
      });
    });
    stats.set(spec.metric, statsOf);
    // A metric Instagram no longer provides: its cells say so instead of loading or failing.
    const reasons = accounts.map((_, i) => goneReason(queries, spec.metric, i));
    const gone = (i: number): CompareCell | undefined => {
      const reason = reasons[i];
      return reason ? { kind: 'not-available', reason } : undefined;
    };
    const note = reasons.find(Boolean);
    const noted = note ? { note } : {};
    const totalAnswers = spec.unique ? queries.unique : queries.sums;
    const totalEnabled = !spec.unique || !queries.uniqueProblem;
    out.push({
      key: `${spec.metric}-total`,
      label: `${spec.title}, total`,
      csvLabel: `${spec.title}, total`,
      ...noted,
      cells: statsOf.map((s, i) =>
        s.total !== undefined
          ? { kind: 'count', value: s.total }
          : (gone(i) ?? missing(stateOf(totalAnswers, i, totalEnabled))),
      ),
    });
    const dailyEnabled = fromReach || !queries.dailyProblem;
    out.push({
      key: `${spec.metric}-average`,
      label: `${spec.title}, daily average`,
      csvLabel: `${spec.title}, daily average`,
      ...noted,
      cells: statsOf.map((s, i) => {
        if (s.average !== undefined) return { kind: 'average', value: s.average };
        const reason = gone(i);
        if (reason) return reason;
        return missing(
          spec.unique ? stateOf(dailyAnswers, i, dailyEnabled) : stateOf(totalAnswers, i),
        );
      }),
    });
    out.push({
      key: `${spec.metric}-change`,
      label: `${spec.title}, change vs ${against}`,
      csvLabel: `${spec.title}, change vs ${against} (%)`,
      ...noted,
      cells: statsOf.map((s, i) => {
        const reason = s.change === undefined ? gone(i) : undefined;
        if (reason) return reason;
        if (!comparing) return changeCell(s, 'off');
        // A change comes from the totals of both periods, or (unique counts without totals)
        // from their daily averages: it waits for whichever of those were asked.
        const uniqueTotals = !queries.uniqueProblem && !queries.compared.uniqueProblem;
        const sources = spec.unique
          ? [
              stateOf(queries.unique, i, uniqueTotals),
              stateOf(queries.compared.unique, i, uniqueTotals),
              stateOf(dailyAnswers, i, dailyEnabled),
              stateOf(dailyCompared, i, dailyEnabled),
            ]
          : [stateOf(queries.sums, i), stateOf(queries.compared.sums, i)];
        return changeCell(s, combinedState(sources));
      }),
    });
  }
  const rates: EngagementRate[] = accounts.map((a, i) =>
    engagementRate({
      base: er,
      interactions: stats.get('total_interactions')?.[i]?.total,
      reach: stats.get('reach')?.[i]?.total,
      followers: a.followers,
      reachProblem: queries.uniqueProblem,
    }),
  );
  out.push({
    key: 'engagement-rate',
    label: 'Engagement rate',
    csvLabel: `Engagement rate (%) = ${base.formula}`,
    formula: base.formula,
    cells: rates.map((r, i) => {
      if (r.value !== undefined) return { kind: 'rate', value: r.value };
      const pending =
        stateOf(queries.sums, i) === 'pending' ||
        (er === 'reach' && stateOf(queries.unique, i, !queries.uniqueProblem) === 'pending');
      return pending ? PENDING : NOT_AVAILABLE;
    }),
  });
  return out;
}

/** Whether every cell has its answer (none still loading). */
export const rowsLoaded = (rows: readonly CompareRow[]): boolean =>
  rows.every((r) => r.cells.every((c) => c.kind !== 'pending'));

/** The number a cell stands for in the CSV file: percentages as 3.25, averages to 2 decimals. */
export function csvValue(cell: CompareCell): CsvCell {
  switch (cell.kind) {
    case 'count':
      return cell.value;
    case 'average':
      return Math.round(cell.value * 100) / 100;
    case 'change':
    case 'rate':
      return csvPercent(cell.value);
    default:
      return undefined;
  }
}

/**
 * The table as a CSV file: a row per metric, a column per account (named by `names`). A metric
 * Instagram no longer provides has empty cells, and its label says why.
 */
export const compareCsv = (names: readonly string[], rows: readonly CompareRow[]): string =>
  toCsv(
    ['metric', ...names],
    rows.map((r) => [
      r.note ? `${r.csvLabel} (${r.note.replace(/\.$/, '')})` : r.csvLabel,
      ...r.cells.map(csvValue),
    ]),
  );

/** What the notes under the table say about missing totals, averages and changes. */
export function compareNotes(queries: RowQueries, compared: ComparisonPlan): string[] {
  const notes: string[] = [];
  for (const spec of COMPARE_METRICS) {
    const reason = goneReason(queries, spec.metric);
    if (reason) notes.push(`${spec.title}: ${reason}`);
  }
  if (queries.uniqueProblem)
    notes.push(
      `Accounts reached and accounts engaged have no totals here: ${queries.uniqueProblem}`,
    );
  if (queries.dailyProblem)
    notes.push(`Accounts engaged has no daily average here: ${queries.dailyProblem}`);
  if (compared.kind === 'unavailable') notes.push(`No change: ${compared.reason}`);
  else if (queries.compared.uniqueProblem)
    notes.push(
      `Unique-account totals of the ${comparedWith(compared)} cannot be compared: ${queries.compared.uniqueProblem}`,
    );
  return notes;
}
