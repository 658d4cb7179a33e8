import {
  memo,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { IsoDay } from '../../graph/pacific-days';
import { axisTicks } from '../lib/axis-ticks';
import { type CsvCell, csvFileName, toCsv } from '../lib/csv';
import { cx } from '../lib/cx';
import { formatInteger } from '../lib/format';
import { useDrawWhenVisible } from '../lib/use-draw-when-visible';
import { ChartSwatch } from './ChartSwatch';
import { ExportCsvButton, useExportScope } from './ExportCsvButton';
import { MetricDescription } from './MetricDescription';
import { ErrorPanel } from './StatusPanels';
import { Card, DisclosureSummary } from './ui';

// The drawing (recharts) is a module of its own, loaded when the first chart is about to be drawn
// or when the page is idle: what is above the fold does not wait for it.
type PlotModule = typeof import('./TimeSeriesPlot');
let plotModule: PlotModule | undefined;
let plotLoading: Promise<PlotModule> | undefined;
function loadPlot(): Promise<PlotModule> {
  plotLoading ??= import('./TimeSeriesPlot').then(
    (m) => {
      plotModule = m;
      return m;
    },
    (error: unknown) => {
      plotLoading = undefined; // a later chart tries again
      throw error;
    },
  );
  return plotLoading;
}

/**
 * The plot component once loaded; asks for it when `wanted` (e.g. printing before it came), and
 * says when it could not be loaded, with a way to try again.
 */
function usePlot(wanted: boolean): {
  Plot: PlotModule['default'] | undefined;
  failed: boolean;
  retry: () => void;
} {
  const [, loaded] = useState(0);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (plotModule) return;
    let active = true;
    const load = () =>
      void loadPlot().then(
        () => active && loaded((n) => n + 1),
        () => active && wanted && setFailed(true),
      );
    if (wanted || attempt > 0) load();
    else if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(load, { timeout: 5_000 });
      return () => {
        active = false;
        cancelIdleCallback(id);
      };
    }
    return () => {
      active = false;
    };
  }, [wanted, attempt]);
  const retry = useCallback(() => {
    setFailed(false);
    setAttempt((n) => n + 1);
  }, []);
  return { Plot: plotModule?.default, failed: failed && !plotModule, retry };
}

const PLOT_LOAD_ERROR = new Error(
  'Not drawn: the chart could not be loaded (is the server still running?). The data table below has every value.',
);

export interface ChartSeries {
  key: string;
  label: string;
  /** A text colour class: the line is drawn in `currentColor`. */
  colorClass: string;
  /** One value per day; days Instagram has no value for are absent. */
  values: ReadonlyMap<IsoDay, number>;
  dashed?: boolean;
  /** The column header in the CSV file; the label by default. */
  csvLabel?: string;
  /**
   * A comparison series: its values are keyed by its own days, and drawn at the axis day that
   * `comparison.dayFor` maps to them (drawn dashed).
   */
  comparison?: boolean;
}

/** How the days of comparison series line up with the axis. */
export interface ChartComparison {
  /** Short name, e.g. "previous period". */
  label: string;
  /** The comparison's day for a day on the axis. */
  dayFor: (axisDay: IsoDay) => IsoDay;
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
  /** Needed when a series is a comparison series. */
  comparison?: ChartComparison;
  /** What the CSV file is named for (e.g. the metric name); the title by default. */
  exportName?: string;
  /** A value as written to the CSV file (e.g. rounded); as it is by default. */
  csvValue?: (value: number) => number;
  /** A vertical marker on a day, e.g. where stored history begins; say the same in `note`. */
  marker?: { day: IsoDay; label: string };
}

export type ChartRow = Record<string, number | string | null>;

const cellClass = 'py-0.5 pr-4';
const headClass = 'border-b border-border py-1 pr-4 font-medium';

/** The chart's data as a table: rendered only when opened, which keeps long ranges fast. */
function DataTable({
  title,
  days,
  series,
  comparison,
  valueFormatter,
}: {
  title: string;
  days: readonly IsoDay[];
  series: readonly ChartSeries[];
  comparison: ChartComparison | undefined;
  valueFormatter: (value: number) => string;
}) {
  const own = series.filter((s) => !s.comparison);
  const compared = comparison ? series.filter((s) => s.comparison) : [];
  const value = (s: ChartSeries, day: IsoDay) => {
    const v = s.values.get(day);
    return v === undefined ? 'not available' : valueFormatter(v);
  };
  return (
    <table className="w-full border-collapse text-left tabular-nums">
      <caption className="sr-only">{title}, by day (US Pacific)</caption>
      <thead>
        <tr>
          <th scope="col" className={headClass}>
            Day
          </th>
          {own.map((s) => (
            <th key={s.key} scope="col" className={headClass}>
              {s.label}
            </th>
          ))}
          {comparison && compared.length > 0 ? (
            <th scope="col" className={headClass}>
              Day ({comparison.label})
            </th>
          ) : null}
          {compared.map((s) => (
            <th key={s.key} scope="col" className={headClass}>
              {s.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {days.map((day) => {
          const other = comparison?.dayFor(day);
          return (
            <tr key={day}>
              <th scope="row" className={cx(cellClass, 'font-normal')}>
                {day}
              </th>
              {own.map((s) => (
                <td key={s.key} className={cellClass}>
                  {value(s, day)}
                </td>
              ))}
              {other && compared.length > 0 ? <td className={cellClass}>{other}</td> : null}
              {other
                ? compared.map((s) => (
                    <td key={s.key} className={cellClass}>
                      {value(s, other)}
                    </td>
                  ))
                : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The CSV of a chart: a day column, one column per series, comparison days before their series. */
export function chartCsv(
  days: readonly IsoDay[],
  series: readonly ChartSeries[],
  comparison: ChartComparison | undefined,
  csvValue: (value: number) => number = (v) => v,
): string {
  const own = series.filter((s) => !s.comparison);
  const compared = comparison ? series.filter((s) => s.comparison) : [];
  const header = [
    'day',
    ...own.map((s) => s.csvLabel ?? s.label),
    ...(comparison && compared.length > 0 ? [`day (${comparison.label})`] : []),
    ...compared.map((s) => s.csvLabel ?? s.label),
  ];
  const rows = days.map((day): CsvCell[] => {
    const other = comparison?.dayFor(day);
    const cell = (s: ChartSeries, d: IsoDay) => {
      const v = s.values.get(d);
      return v === undefined ? undefined : csvValue(v);
    };
    return [
      day,
      ...own.map((s) => cell(s, day)),
      ...(other && compared.length > 0 ? [other] : []),
      ...(other ? compared.map((s) => cell(s, other)) : []),
    ];
  });
  return toCsv(header, rows);
}

/**
 * A daily chart as a figure named by the metric's title, with its data as a real table and as a
 * CSV file. Days are the US Pacific days the values cover. Comparison series are dashed; the
 * tooltip and the table give their values with their own days.
 */
export const TimeSeriesChart = memo(function TimeSeriesChart({
  title,
  description,
  days,
  series,
  valueFormatter = formatInteger,
  allowDecimals = true,
  note,
  children,
  className,
  comparison,
  exportName,
  csvValue,
  marker,
}: TimeSeriesChartProps) {
  const captionId = useId();
  const [tableOpen, setTableOpen] = useState(false);
  const plotRef = useRef<HTMLDivElement>(null);
  const { draw, size } = useDrawWhenVisible(plotRef, loadPlot);
  const plot = usePlot(draw);
  const TimeSeriesPlot = plot.Plot;
  const { accounts } = useExportScope();
  const rows = useMemo(
    () =>
      days.map((day) => {
        const row: ChartRow = { day };
        const other = comparison?.dayFor(day);
        for (const s of series) {
          const valueDay = s.comparison ? other : day;
          row[s.key] = valueDay === undefined ? null : (s.values.get(valueDay) ?? null);
        }
        return row;
      }),
    [days, series, comparison],
  );
  const axis = useMemo(() => axisTicks(days), [days]);
  const rowByDay = useMemo(() => new Map(rows.map((r) => [r.day as string, r])), [rows]);
  const hasData = series.some((s) => s.values.size > 0);
  const csv = useCallback(
    () => chartCsv(days, series, comparison, csvValue),
    [days, series, comparison, csvValue],
  );
  const first = days[0];
  const last = days[days.length - 1];
  const fileName = csvFileName({
    accounts,
    what: exportName ?? title,
    ...(first && last ? { range: { from: first, to: last } } : {}),
  });

  return (
    <Card
      as="figure"
      aria-labelledby={captionId}
      className={cx(
        'flex min-w-0 flex-col gap-2 print:break-inside-avoid print:shadow-none',
        className,
      )}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <figcaption id={captionId} className="text-base font-semibold">
          {title}
        </figcaption>
        {hasData ? <ExportCsvButton fileName={fileName} csv={csv} what={title} /> : null}
      </div>
      {hasData && draw && plot.failed ? (
        <div className="flex h-56 w-full items-center print:h-48">
          <ErrorPanel error={PLOT_LOAD_ERROR} onRetry={plot.retry} className="w-full" />
        </div>
      ) : hasData ? (
        <div ref={plotRef} className="h-56 w-full print:h-48" aria-hidden="true">
          {draw && TimeSeriesPlot ? (
            <TimeSeriesPlot
              days={days}
              rows={rows}
              rowByDay={rowByDay}
              series={series}
              comparison={comparison}
              valueFormatter={valueFormatter}
              allowDecimals={allowDecimals}
              axis={axis}
              marker={marker}
              size={size}
            />
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-fg-muted">
          <span className="font-semibold text-fg">Not available</span>: Instagram has no values for
          these days yet.
        </p>
      )}
      {series.length > 1 && hasData ? (
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-fg-muted" aria-hidden="true">
          {series.map((s) => (
            <li key={s.key} className="flex items-center gap-1.5">
              <ChartSwatch series={s} />
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      {note ? <p className="text-xs text-fg-muted">{note}</p> : null}
      {children}
      <details
        className="text-sm print:hidden"
        onToggle={(e) => setTableOpen((e.target as HTMLDetailsElement).open)}
      >
        <DisclosureSummary>Show data table</DisclosureSummary>
        {/* Rendered only when opened: a long range makes thousands of cells. */}
        {tableOpen ? (
          <section
            className="mt-2 max-h-72 overflow-auto rounded-sm"
            aria-label={`${title} by day`}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take focus to be scrolled by keyboard
            tabIndex={0}
          >
            <DataTable
              title={title}
              days={days}
              series={series}
              comparison={comparison}
              valueFormatter={valueFormatter}
            />
          </section>
        ) : null}
      </details>
      {description ? <MetricDescription title={title} description={description} /> : null}
    </Card>
  );
});
