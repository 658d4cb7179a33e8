import { type ReactNode, useId, useMemo } from 'react';
import { dailyValues, totals } from '../../../api/get-account-insights';
import { ExportCsvButton } from '../../../components/ExportCsvButton';
import { Card } from '../../../components/ui';
import type { ComparisonPlan } from '../../../lib/comparison-range';
import { type CsvCell, csvFileName, toCsv } from '../../../lib/csv';
import { cx } from '../../../lib/cx';
import { type DateRange, rangeLength } from '../../../lib/date-range';
import { formatChange, formatInteger } from '../../../lib/format';
import { ENGAGEMENT_BASES, type EngagementBase } from '../../../lib/url-state';
import {
  COMPARE_METRICS,
  csvPercent,
  type EngagementRate,
  engagementRate,
  formatAverage,
  formatRate,
  type MetricStat,
  metricStat,
} from '../lib/compare-stats';
import type { AccountsAnswers, CompareQueries } from '../lib/use-compare-queries';
import type { ComparedAccount } from './CompareCharts';

/** A cell: its text on screen, its number in the CSV file, and whether it is still loading. */
interface Cell {
  text: ReactNode;
  csv: CsvCell;
  pending?: boolean;
}

interface Row {
  key: string;
  label: string;
  /** The row's label in the CSV file, with its unit. */
  csvLabel: string;
  cells: Cell[];
}

const NOT_AVAILABLE: Cell = {
  text: <span className="text-fg-muted">Not available</span>,
  csv: undefined,
};
const PENDING: Cell = {
  text: <span className="text-fg-muted">…</span>,
  csv: undefined,
  pending: true,
};
const FAILED: Cell = { text: <span className="text-danger">Did not load</span>, csv: undefined };

function stateOf(
  answers: AccountsAnswers,
  i: number,
  enabled = true,
): 'ok' | 'pending' | 'error' | 'off' {
  if (!enabled) return 'off';
  const r = answers.results[i];
  if (!r) return 'off';
  if (r.isError) return 'error';
  if (r.isPending) return 'pending';
  return 'ok';
}

type AnswerState = ReturnType<typeof stateOf>;

/** Pending while any source is; failed if one failed; else what there is. */
function combinedState(states: AnswerState[]): AnswerState {
  if (states.includes('pending')) return 'pending';
  if (states.includes('error')) return 'error';
  return states.includes('ok') ? 'ok' : 'off';
}

function changeCell(stat: MetricStat, state: AnswerState): Cell {
  if (stat.change === undefined) {
    if (state === 'pending') return PENDING;
    if (state === 'error') return FAILED;
    return NOT_AVAILABLE;
  }
  const up = stat.change > 0;
  const down = stat.change < 0;
  return {
    text: (
      <span
        className={cx(
          'whitespace-nowrap',
          up ? 'text-success' : down ? 'text-danger' : 'text-fg-muted',
        )}
      >
        <span aria-hidden="true">{up ? '▲ ' : down ? '▼ ' : '= '}</span>
        {formatChange(stat.change)}
        {stat.changeBasis === 'daily average' ? (
          <span className="text-xs text-fg-muted"> (daily avg.)</span>
        ) : null}
      </span>
    ),
    csv: csvPercent(stat.change),
  };
}

/**
 * The accounts side by side: per metric the total, the daily average and the change against the
 * comparison period; the follower count; and the engagement rate with its formula beside it.
 */
export function CompareTable({
  accounts,
  queries,
  range,
  compared,
  er,
  onErChange,
}: {
  accounts: readonly ComparedAccount[];
  queries: CompareQueries;
  range: DateRange;
  /** What the change compares with: the chosen comparison, or the previous period. */
  compared: ComparisonPlan;
  er: EngagementBase;
  onErChange: (next: EngagementBase) => void;
}) {
  const id = useId();
  const days = rangeLength(range);
  const base = ENGAGEMENT_BASES.find((b) => b.key === er) ?? ENGAGEMENT_BASES[0];
  const against =
    compared.kind === 'compare'
      ? compared.name
      : compared.kind === 'unavailable'
        ? compared.name
        : 'previous period';
  const comparing = compared.kind === 'compare';

  const rows = useMemo<Row[]>(() => {
    const out: Row[] = [];
    out.push({
      key: 'followers',
      label: 'Followers (today)',
      csvLabel: 'Followers (today)',
      cells: accounts.map((a) =>
        a.followers === undefined
          ? NOT_AVAILABLE
          : { text: formatInteger(a.followers), csv: a.followers },
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
      const totalAnswers = spec.unique ? queries.unique : queries.sums;
      const totalEnabled = !spec.unique || !queries.uniqueProblem;
      out.push({
        key: `${spec.metric}-total`,
        label: `${spec.title}, total`,
        csvLabel: `${spec.title}, total`,
        cells: statsOf.map((s, i) => {
          if (s.total !== undefined) return { text: formatInteger(s.total), csv: s.total };
          const state = stateOf(totalAnswers, i, totalEnabled);
          return state === 'pending' ? PENDING : state === 'error' ? FAILED : NOT_AVAILABLE;
        }),
      });
      const dailyEnabled = fromReach || !queries.dailyProblem;
      out.push({
        key: `${spec.metric}-average`,
        label: `${spec.title}, daily average`,
        csvLabel: `${spec.title}, daily average`,
        cells: statsOf.map((s, i) => {
          if (s.average !== undefined)
            return { text: formatAverage(s.average), csv: Math.round(s.average * 100) / 100 };
          const state = spec.unique
            ? stateOf(dailyAnswers, i, dailyEnabled)
            : stateOf(totalAnswers, i);
          return state === 'pending' ? PENDING : state === 'error' ? FAILED : NOT_AVAILABLE;
        }),
      });
      out.push({
        key: `${spec.metric}-change`,
        label: `${spec.title}, change vs ${against}`,
        csvLabel: `${spec.title}, change vs ${against} (%)`,
        cells: statsOf.map((s, i) => {
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
      cells: rates.map((r, i) => {
        if (r.value !== undefined)
          return {
            text: (
              <span className="whitespace-nowrap">
                {formatRate(r.value)}{' '}
                <span className="text-xs text-fg-muted">({base.formula})</span>
              </span>
            ),
            csv: csvPercent(r.value),
          };
        const state = stateOf(queries.sums, i);
        if (
          state === 'pending' ||
          (er === 'reach' && stateOf(queries.unique, i, !queries.uniqueProblem) === 'pending')
        )
          return PENDING;
        return {
          text: (
            <span className="text-fg-muted">
              Not available <span className="text-xs">({base.formula})</span>
            </span>
          ),
          csv: undefined,
        };
      }),
    });
    return out;
  }, [accounts, queries, days, comparing, against, er, base.formula]);

  const loaded = rows.every((r) => r.cells.every((c) => !c.pending));
  const csv = () =>
    toCsv(
      ['metric', ...accounts.map((a) => a.name)],
      rows.map((r) => [r.csvLabel, ...r.cells.map((c) => c.csv)]),
    );

  const notes: string[] = [];
  if (queries.uniqueProblem)
    notes.push(
      `Accounts reached and accounts engaged have no totals here: ${queries.uniqueProblem}`,
    );
  if (queries.dailyProblem)
    notes.push(`Accounts engaged has no daily average here: ${queries.dailyProblem}`);
  if (compared.kind === 'unavailable') notes.push(`No change: ${compared.reason}`);
  else if (queries.compared.uniqueProblem)
    notes.push(
      `Unique-account totals of the ${against} cannot be compared: ${queries.compared.uniqueProblem}`,
    );

  return (
    <div className="space-y-3">
      <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 print:hidden">
        <legend className="mb-1 text-sm font-medium">Engagement rate</legend>
        {ENGAGEMENT_BASES.map((b) => (
          <label key={b.key} className="flex items-center gap-1.5 text-sm">
            <input
              type="radio"
              name={`${id}-er`}
              value={b.key}
              checked={er === b.key}
              onChange={() => onErChange(b.key)}
            />
            {b.label}
          </label>
        ))}
      </fieldset>
      <Card
        as="section"
        aria-label="Accounts side by side"
        // Focusable: a scrollable region must be reachable by keyboard.
        tabIndex={0}
        className="relative overflow-x-auto p-0 print:overflow-visible print:shadow-none"
      >
        <table className="w-full border-collapse text-sm tabular-nums">
          <caption className="sr-only">
            Accounts side by side, {range.from} to {range.to} (US Pacific days)
          </caption>
          <thead className="bg-surface-sunken">
            <tr>
              <th
                scope="col"
                className="sticky left-0 border-b border-border bg-surface-sunken px-3 py-2 text-left font-semibold"
              >
                Metric
              </th>
              {accounts.map((a) => (
                <th
                  key={a.id}
                  scope="col"
                  className="border-b border-border px-3 py-2 text-right font-semibold whitespace-nowrap"
                >
                  <span
                    aria-hidden="true"
                    className={cx(
                      'mr-1.5 inline-block size-2.5 rounded-full bg-current align-middle',
                      a.colorClass,
                    )}
                  />
                  {a.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className="border-b border-border last:border-0">
                <th
                  scope="row"
                  className="sticky left-0 min-w-40 bg-surface-raised px-3 py-1.5 text-left font-normal sm:min-w-56"
                >
                  {r.label}
                </th>
                {r.cells.map((c, i) => (
                  <td
                    key={accounts[i]?.id ?? i}
                    className="px-3 py-1.5 text-right whitespace-nowrap"
                  >
                    {c.text}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <ul className="space-y-1 text-xs text-fg-muted">
          <li>
            Daily average: the total ÷ {days} days; for accounts reached and accounts engaged
            (unique accounts, which do not add up) the mean of the daily counts. Changes compare
            totals, or daily averages where Instagram gives no total.
          </li>
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
        {loaded ? (
          <ExportCsvButton
            fileName={csvFileName({
              accounts: accounts.map((a) => a.name),
              what: 'comparison',
              range,
            })}
            csv={csv}
            what="Accounts side by side"
          />
        ) : null}
      </div>
    </div>
  );
}
