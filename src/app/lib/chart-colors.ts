/** The chart palette as whole class names (Tailwind sees them), one per line of a chart. */
export const CHART_COLORS = [
  'text-chart-1',
  'text-chart-2',
  'text-chart-3',
  'text-chart-4',
  'text-chart-5',
] as const;

/** The colour of the i-th line; after five they repeat (draw those dashed to tell them apart). */
export const chartColorAt = (i: number): string => CHART_COLORS[i % CHART_COLORS.length] as string;
