import { type ReactNode, useId } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { IsoDay } from '../../graph/pacific-days';
import { cx } from '../lib/cx';
import { formatAxisDay, formatCompact, formatDay, formatInteger } from '../lib/format';
import { MetricDescription } from './MetricDescription';

export interface ChartSeries {
  key: string;
  label: string;
  /** A text colour class: the line is drawn in `currentColor`. */
  colorClass: string;
  /** One value per day; days Instagram has no value for are absent. */
  values: ReadonlyMap<IsoDay, number>;
  dashed?: boolean;
}

export interface TimeSeriesChartProps {
  title: string;
  description?: string;
  days: readonly IsoDay[];
  series: readonly ChartSeries[];
  valueFormatter?: (value: number) => string;
  /** Whether axis ticks may fall between whole numbers; counts want `false`. */
  allowDecimals?: boolean;
  /** Shown under the chart, e.g. where stored history begins or why some days are missing. */
  note?: string;
  /** Extra status under the chart, e.g. a note that the data is stale. */
  children?: ReactNode;
  className?: string;
}

/**
 * A daily chart as a figure named by the metric's title, with its data as a real table. Days are
 * the US Pacific days the values cover.
 */
export function TimeSeriesChart({
  title,
  description,
  days,
  series,
  valueFormatter = formatInteger,
  allowDecimals = true,
  note,
  children,
  className,
}: TimeSeriesChartProps) {
  const captionId = useId();
  const rows = days.map((day) => {
    const row: Record<string, number | string | null> = { day };
    for (const s of series) row[s.key] = s.values.get(day) ?? null;
    return row;
  });
  const hasData = series.some((s) => s.values.size > 0);
  return (
    <figure
      aria-labelledby={captionId}
      className={cx(
        'flex flex-col gap-2 rounded-lg border border-border bg-surface-raised p-4 shadow-sm',
        className,
      )}
    >
      <figcaption id={captionId} className="text-base font-semibold">
        {title}
      </figcaption>
      {hasData ? (
        <div className="h-56 w-full" aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            {/* Hidden from assistive tech (the table carries the data), so not focusable either. */}
            <LineChart
              data={rows}
              margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
              accessibilityLayer={false}
            >
              <CartesianGrid
                vertical={false}
                className="stroke-chart-grid"
                stroke="currentColor"
                strokeOpacity={0.15}
              />
              <XAxis
                dataKey="day"
                tickFormatter={formatAxisDay}
                minTickGap={24}
                tick={{ fontSize: 12, fill: 'currentColor' }}
                className="text-fg-muted"
              />
              <YAxis
                width={48}
                allowDecimals={allowDecimals}
                tickFormatter={(v: number) => formatCompact(v)}
                tick={{ fontSize: 12, fill: 'currentColor' }}
                className="text-fg-muted"
              />
              <Tooltip
                labelFormatter={(day) => formatDay(String(day))}
                formatter={(value, name) => [
                  typeof value === 'number' ? valueFormatter(value) : 'no value',
                  name,
                ]}
                contentStyle={{
                  background: 'var(--app-surface-raised)',
                  border: '1px solid var(--app-border)',
                  color: 'var(--app-fg)',
                }}
              />
              {series.map((s) => (
                <Line
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  type="monotone"
                  stroke="currentColor"
                  className={s.colorClass}
                  strokeWidth={2}
                  strokeDasharray={s.dashed ? '5 4' : undefined}
                  dot={false}
                  isAnimationActive={false}
                  connectNulls={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      ) : (
        <p className="text-sm text-fg-muted">
          <span className="font-semibold text-fg">Not available</span>: Instagram has no values for
          these days yet.
        </p>
      )}
      {note ? <p className="text-xs text-fg-muted">{note}</p> : null}
      {children}
      <details className="text-sm">
        <summary className="cursor-pointer select-none rounded-sm text-fg-muted underline underline-offset-4">
          Show data table
        </summary>
        <section
          className="mt-2 max-h-72 overflow-auto rounded-sm"
          aria-label={`${title} by day`}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take focus to be scrolled by keyboard
          tabIndex={0}
        >
          <table className="w-full border-collapse text-left tabular-nums">
            <caption className="sr-only">{title}, by day (US Pacific)</caption>
            <thead>
              <tr>
                <th scope="col" className="border-b border-border py-1 pr-4 font-medium">
                  Day
                </th>
                {series.map((s) => (
                  <th
                    key={s.key}
                    scope="col"
                    className="border-b border-border py-1 pr-4 font-medium"
                  >
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((day) => (
                <tr key={day}>
                  <th scope="row" className="py-0.5 pr-4 font-normal">
                    {day}
                  </th>
                  {series.map((s) => {
                    const v = s.values.get(day);
                    return (
                      <td key={s.key} className="py-0.5 pr-4">
                        {v === undefined ? 'not available' : valueFormatter(v)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </details>
      {description ? <MetricDescription title={title} description={description} /> : null}
    </figure>
  );
}
