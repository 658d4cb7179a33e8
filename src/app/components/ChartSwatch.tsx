import { cx } from '../lib/cx';
import type { ChartSeries } from './TimeSeriesChart';

/** A series' line as a short sample: solid, or dashed for comparisons. */
export function ChartSwatch({ series }: { series: ChartSeries }) {
  return (
    <span
      aria-hidden="true"
      className={cx(
        'inline-block w-4 shrink-0 border-t-2 align-middle',
        (series.dashed || series.comparison) && 'border-dashed',
        series.colorClass,
      )}
      style={{ borderColor: 'currentColor' }}
    />
  );
}
