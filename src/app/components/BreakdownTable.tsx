import type { BreakdownRow } from '../lib/breakdowns';
import { toCsv } from '../lib/csv';
import { cx } from '../lib/cx';
import { formatInteger, formatShare } from '../lib/format';
import { ExportCsvButton } from './ExportCsvButton';

/** A breakdown as CSV: label, value and share in % (of the total), and the total last. */
export function breakdownCsv(
  rows: readonly BreakdownRow[],
  labelHeader: string,
  total?: number,
): string {
  return toCsv(
    [labelHeader, 'value', 'share (%)'],
    [
      ...rows.map((r) => [
        r.label,
        r.value,
        r.share === undefined ? undefined : Math.round(r.share * 10_000) / 100,
      ]),
      ...(total !== undefined ? [['Total', total, undefined]] : []),
    ],
  );
}

/** A breakdown as a table of label, value and share, with a small bar for the share. */
export function BreakdownTable({
  caption,
  rows,
  labelHeader = 'Type',
  total,
  valueFormatter = formatInteger,
  exportFileName,
}: {
  caption: string;
  rows: readonly BreakdownRow[];
  labelHeader?: string;
  /** Shown as a last row when given. */
  total?: number;
  valueFormatter?: (value: number) => string;
  /** With a file name, an "Export CSV" button under the table. */
  exportFileName?: string;
}) {
  const cell = 'py-1.5 text-right align-top';
  const table = (
    <table className="w-full border-collapse text-left text-sm tabular-nums">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-border text-fg-muted">
          <th scope="col" className="py-1 pr-2 font-medium">
            {labelHeader}
          </th>
          <th scope="col" className="py-1 pl-2 text-right font-medium">
            Value
          </th>
          <th scope="col" className="py-1 pl-2 text-right font-medium">
            Share
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" className="py-1.5 pr-2 align-top font-normal">
              {row.label}
              <div className="mt-1 h-1.5 rounded-full bg-surface-sunken" aria-hidden="true">
                <div
                  className="h-full rounded-full bg-chart-2"
                  style={{ width: `${Math.min(1, Math.max(0, row.share ?? 0)) * 100}%` }}
                />
              </div>
            </th>
            <td className={cx(cell, 'pl-2')}>{valueFormatter(row.value)}</td>
            <td className={cx(cell, 'pl-2 text-fg-muted')}>
              {row.share === undefined ? 'not available' : formatShare(row.share)}
            </td>
          </tr>
        ))}
      </tbody>
      {total !== undefined ? (
        <tfoot>
          <tr className="border-t border-border font-medium">
            <th scope="row" className="py-1.5 pr-2">
              Total
            </th>
            <td className={cx(cell, 'pl-2')}>{valueFormatter(total)}</td>
            <td className={cx(cell, 'pl-2')} />
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
  if (!exportFileName) return table;
  return (
    <div className="space-y-2">
      {table}
      <ExportCsvButton
        fileName={exportFileName}
        what={caption}
        csv={() => breakdownCsv(rows, labelHeader, total)}
      />
    </div>
  );
}
