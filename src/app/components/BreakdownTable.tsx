import type { BreakdownRow } from '../lib/breakdowns';
import { cx } from '../lib/cx';
import { formatInteger, formatShare } from '../lib/format';

/** A breakdown as a table of label, value and share, with a small bar for the share. */
export function BreakdownTable({
  caption,
  rows,
  labelHeader = 'Type',
  total,
  valueFormatter = formatInteger,
}: {
  caption: string;
  rows: readonly BreakdownRow[];
  labelHeader?: string;
  /** Shown as a last row when given. */
  total?: number;
  valueFormatter?: (value: number) => string;
}) {
  const cell = 'py-1.5 text-right align-top';
  return (
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
}
