import { useId, useMemo } from 'react';
import { ExportCsvButton } from '../../../components/ExportCsvButton';
import { Card } from '../../../components/ui';
import type { ComparisonPlan } from '../../../lib/comparison-range';
import { csvFileName } from '../../../lib/csv';
import { cx } from '../../../lib/cx';
import { type DateRange, rangeLength } from '../../../lib/date-range';
import { formatChange, formatInteger } from '../../../lib/format';
import {
  type CompareCell,
  compareCsv,
  compareNotes,
  compareRows,
  rowsLoaded,
} from '../lib/compare-rows';
import { formatAverage, formatRate } from '../lib/compare-stats';
import { ENGAGEMENT_BASES, type EngagementBase } from '../lib/compare-url-state';
import type { CompareQueries } from '../lib/use-compare-queries';
import type { ComparedAccount } from './CompareCharts';

/** A cell's text on screen; `formula` is the row's, shown beside an engagement rate. */
function CellText({ cell, formula }: { cell: CompareCell; formula: string | undefined }) {
  switch (cell.kind) {
    case 'count':
      return formatInteger(cell.value);
    case 'average':
      return formatAverage(cell.value);
    case 'change': {
      const up = cell.value > 0;
      const down = cell.value < 0;
      return (
        <span
          className={cx(
            'whitespace-nowrap',
            up ? 'text-success' : down ? 'text-danger' : 'text-fg-muted',
          )}
        >
          <span aria-hidden="true">{up ? '▲ ' : down ? '▼ ' : '= '}</span>
          {formatChange(cell.value)}
          {cell.basis === 'daily average' ? (
            <span className="text-xs text-fg-muted"> (daily avg.)</span>
          ) : null}
        </span>
      );
    }
    case 'rate':
      return (
        <span className="whitespace-nowrap">
          {formatRate(cell.value)} <span className="text-xs text-fg-muted">({formula})</span>
        </span>
      );
    case 'pending':
      return <span className="text-fg-muted">…</span>;
    case 'failed':
      return <span className="text-danger">Did not load</span>;
    case 'not-available':
      // The notes under the table say why, once per metric.
      if (cell.reason) return <span className="text-fg-muted">No longer provided</span>;
      return formula ? (
        <span className="text-fg-muted">
          Not available <span className="text-xs">({formula})</span>
        </span>
      ) : (
        <span className="text-fg-muted">Not available</span>
      );
  }
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
  const rows = useMemo(
    () => compareRows({ accounts, queries, days, compared, er }),
    [accounts, queries, days, compared, er],
  );
  const loaded = rowsLoaded(rows);
  const csv = () =>
    compareCsv(
      accounts.map((a) => a.name),
      rows,
    );
  const notes = compareNotes(queries, compared);

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
                    <CellText cell={c} formula={r.formula} />
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
