import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { IsoDay } from '../../graph/pacific-days';
import type { AxisTicks } from '../lib/axis-ticks';
import { formatCompact, formatDay } from '../lib/format';
import { ChartSwatch } from './ChartSwatch';
import type { ChartComparison, ChartRow, ChartSeries } from './TimeSeriesChart';

/** No vertical grid lines; given, so that recharts does not lay out every day's tick for them. */
const noGridColumns = () => [];

const tooltipStyle =
  'rounded-md border border-border bg-surface-raised p-2 text-sm text-fg shadow-md';

/** The tooltip: each value with the day it belongs to, comparison values under their own day. */
function ChartTooltip({
  day,
  row,
  series,
  comparison,
  valueFormatter,
}: {
  day: IsoDay;
  row: ChartRow | undefined;
  series: readonly ChartSeries[];
  comparison: ChartComparison | undefined;
  valueFormatter: (value: number) => string;
}) {
  const own = series.filter((s) => !s.comparison);
  const compared = series.filter((s) => s.comparison);
  const list = (items: readonly ChartSeries[]) => (
    <ul className="space-y-0.5">
      {items.map((s) => {
        const v = row?.[s.key];
        return (
          <li key={s.key} className="flex items-center gap-2">
            <ChartSwatch series={s} />
            <span className="min-w-0 flex-1">{s.label}</span>
            <span className="font-semibold tabular-nums">
              {typeof v === 'number' ? valueFormatter(v) : 'no value'}
            </span>
          </li>
        );
      })}
    </ul>
  );
  return (
    <div className={tooltipStyle}>
      <p className="mb-1 font-medium">{formatDay(day)}</p>
      {list(own)}
      {comparison && compared.length > 0 ? (
        <>
          <p className="mt-2 mb-1 font-medium">
            {formatDay(comparison.dayFor(day))}{' '}
            <span className="font-normal text-fg-muted">({comparison.label})</span>
          </p>
          {list(compared)}
        </>
      ) : null}
    </div>
  );
}

export interface TimeSeriesPlotProps {
  days: readonly IsoDay[];
  rows: ChartRow[];
  rowByDay: ReadonlyMap<string, ChartRow>;
  series: readonly ChartSeries[];
  comparison: ChartComparison | undefined;
  valueFormatter: (value: number) => string;
  allowDecimals: boolean;
  axis: AxisTicks;
  marker: { day: IsoDay; label: string } | undefined;
  /** The size the plot will have, so that its first render is its real one. */
  size: { width: number; height: number } | undefined;
}

/**
 * The drawing of a daily chart (recharts), in a module of its own: pages load it only when a chart
 * comes into view, so that what is above the fold does not wait for it.
 */
export default function TimeSeriesPlot({
  days,
  rows,
  rowByDay,
  series,
  comparison,
  valueFormatter,
  allowDecimals,
  axis,
  marker,
  size,
}: TimeSeriesPlotProps) {
  return (
    <ResponsiveContainer width="100%" height="100%" {...(size ? { initialDimension: size } : {})}>
      {/* Hidden from assistive tech (the table carries the data), so not focusable either. */}
      <LineChart
        data={rows}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid
          vertical={false}
          verticalCoordinatesGenerator={noGridColumns}
          className="stroke-chart-grid"
          stroke="currentColor"
          strokeOpacity={0.15}
        />
        <XAxis
          dataKey="day"
          ticks={axis.ticks}
          tickFormatter={axis.format}
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
          isAnimationActive={false}
          content={({ active, label }) =>
            active && label !== undefined ? (
              <ChartTooltip
                day={String(label)}
                row={rowByDay.get(String(label))}
                series={series}
                comparison={comparison}
                valueFormatter={valueFormatter}
              />
            ) : null
          }
        />
        {marker && days.includes(marker.day) ? (
          <ReferenceLine
            x={marker.day}
            stroke="currentColor"
            strokeDasharray="2 3"
            className="text-fg-muted"
            label={{
              value: marker.label,
              position: 'insideTopLeft',
              fontSize: 11,
              fill: 'currentColor',
            }}
          />
        ) : null}
        {series.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.label}
            type="monotone"
            stroke="currentColor"
            className={s.colorClass}
            strokeWidth={s.comparison ? 1.5 : 2}
            strokeDasharray={s.dashed || s.comparison ? '5 4' : undefined}
            dot={false}
            activeDot={{ r: 3 }}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
