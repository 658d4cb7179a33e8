import { memo, useMemo } from 'react';
import type { InsightsResponse } from '../../../../graph/graph-types';
import { findAccountMetric } from '../../../../graph/metric-catalogue';
import { dailyValues } from '../../../api/get-account-insights';
import { ChartFrame } from '../../../components/ChartFrame';
import {
  ErrorPanel,
  MissingDaysNote,
  NotAvailable,
  Skeleton,
} from '../../../components/StatusPanels';
import {
  type ChartComparison,
  type ChartSeries,
  TimeSeriesChart,
} from '../../../components/TimeSeriesChart';
import { type ComparisonPlan, comparedDay } from '../../../lib/comparison-range';
import { cx } from '../../../lib/cx';
import { type DateRange, daysOf } from '../../../lib/date-range';
import {
  csvNumber,
  formatNormalised,
  type Normalisation,
  normaliseSeries,
} from '../../../lib/normalise';
import { goneReason } from '../lib/compare-rows';
import { COMPARE_METRICS, type CompareMetric } from '../lib/compare-stats';
import type { AccountsAnswers, CompareQueries } from '../lib/use-compare-queries';

export interface ComparedAccount {
  id: string;
  /** "@username", or the id when the profile has none. */
  label: string;
  /** The username without "@" (or the id): for file names and CSV headers. */
  name: string;
  followers: number | undefined;
  colorClass: string;
}

export const placeholderClass = 'opacity-70 transition-opacity';

/** Failures of one kind of request, one line per account, each with its retry. */
function Failures({
  accounts,
  answers,
}: {
  accounts: readonly ComparedAccount[];
  answers: AccountsAnswers;
}) {
  const failed = accounts.flatMap((a, i) => {
    const r = answers.results[i];
    return r?.isError ? [{ account: a, result: r }] : [];
  });
  if (failed.length === 0) return null;
  return (
    <div className="space-y-2">
      {failed.map(({ account, result }) => (
        <div key={account.id}>
          <p className="text-xs font-medium">{account.label}</p>
          <ErrorPanel error={result.error} onRetry={() => void result.refetch()} />
        </div>
      ))}
    </div>
  );
}

function valuesOf(data: InsightsResponse | undefined, metric: string) {
  return data ? dailyValues(data).get(metric) : undefined;
}

/** One metric, one line per account (and a dashed one per account for the comparison). */
const CompareChart = memo(function CompareChart({
  spec,
  accounts,
  answers,
  comparedAnswers,
  days,
  comparison,
  comparedDays,
  norm,
  unavailable,
}: {
  spec: CompareMetric;
  accounts: readonly ComparedAccount[];
  answers: AccountsAnswers;
  comparedAnswers: AccountsAnswers | undefined;
  days: readonly string[];
  comparison: ChartComparison | undefined;
  comparedDays: readonly string[] | undefined;
  norm: Normalisation;
  unavailable: string | undefined;
}) {
  const title = findAccountMetric(spec.metric)?.title ?? spec.title;
  const { data } = answers;
  const comparedData = comparedAnswers?.data;
  const comparedPlaceholder = comparedAnswers?.placeholder;

  const built = useMemo(() => {
    const series: ChartSeries[] = [];
    const problems: string[] = [];
    accounts.forEach((account, i) => {
      const raw = valuesOf(data[i], spec.metric);
      if (!raw) return;
      const own = normaliseSeries(raw, norm, { followers: account.followers, days });
      if (own.problem !== undefined) {
        problems.push(`${account.label}: ${own.problem}`);
        return;
      }
      series.push({
        key: account.id,
        label: account.label,
        csvLabel: account.name,
        colorClass: account.colorClass,
        values: own.values,
      });
    });
    if (comparison && comparedData && comparedDays) {
      accounts.forEach((account, i) => {
        if (comparedPlaceholder?.[i]) return;
        const raw = valuesOf(comparedData[i], spec.metric);
        if (!raw) return;
        const other = normaliseSeries(raw, norm, {
          followers: account.followers,
          days: comparedDays,
        });
        if (other.values === undefined) return;
        series.push({
          key: `${account.id}:compared`,
          label: `${account.label}, ${comparison.label}`,
          csvLabel: `${account.name}, ${comparison.label}`,
          colorClass: account.colorClass,
          values: other.values,
          comparison: true,
        });
      });
    }
    return { series, problems };
  }, [
    accounts,
    data,
    comparedData,
    comparedPlaceholder,
    comparison,
    comparedDays,
    days,
    norm,
    spec.metric,
  ]);

  const valueFormatter = useMemo(() => (v: number) => formatNormalised(v, norm), [norm]);
  const csvValue = useMemo(() => (v: number) => csvNumber(v, norm), [norm]);

  if (unavailable) {
    return (
      <ChartFrame title={title}>
        <NotAvailable reason={unavailable} />
      </ChartFrame>
    );
  }
  // Drawn once every account has answered: lines arriving one by one would rescale the axis
  // each time, and redrawing ten two-year lines per answer keeps the page busy.
  const loading =
    answers.results.some((r) => r.isPending) ||
    (comparedAnswers?.results.some((r) => r.isPending) ?? false);
  if (loading) {
    return (
      <ChartFrame title={title}>
        <Skeleton className="h-56" label={`Loading ${title}`} />
      </ChartFrame>
    );
  }
  const placeholder = answers.placeholder.some(Boolean);
  return (
    <TimeSeriesChart
      title={title}
      days={days}
      series={built.series}
      valueFormatter={valueFormatter}
      csvValue={csvValue}
      allowDecimals={norm !== 'absolute'}
      exportName={norm === 'absolute' ? spec.metric : `${spec.metric}-${norm}`}
      {...(comparison && built.series.some((s) => s.comparison) ? { comparison } : {})}
      {...(placeholder ? { className: placeholderClass } : {})}
    >
      {built.problems.length > 0 ? (
        <ul className="text-xs text-fg-muted">
          {built.problems.map((p) => (
            <li key={p}>
              <span className="font-semibold text-fg">Not available</span>: {p}
            </li>
          ))}
        </ul>
      ) : null}
      {/* Days an account's answer lacks (older than Instagram keeps and not stored): never 0. */}
      {accounts.map((account, i) => (
        <MissingDaysNote key={account.id} missing={data[i]?.missing_days} account={account.label} />
      ))}
      <Failures accounts={accounts} answers={answers} />
    </TimeSeriesChart>
  );
});

const NORM_NOTES: Record<Normalisation, (accounts: readonly ComparedAccount[]) => string> = {
  absolute: () => 'Values as Instagram gives them.',
  per1000: (accounts) =>
    `Per 1,000 followers: each day's value ÷ the account's follower count today (from its profile: ${accounts
      .map(
        (a) =>
          `${a.label} ${a.followers === undefined ? 'unknown' : a.followers.toLocaleString('en-US')}`,
      )
      .join(', ')}) × 1,000.`,
  index: () =>
    'Indexed: each line is 100 on its first day with a value above 0, so growth can be compared whatever the size; a dashed comparison line starts from its own first day.',
};

/** The charts of the compare page: one per metric, one line per account. */
export function CompareCharts({
  accounts,
  queries,
  range,
  comparison,
  norm,
}: {
  accounts: readonly ComparedAccount[];
  queries: CompareQueries;
  /** The days on the axis (the last range that answered, while a new one loads). */
  range: DateRange;
  /** Drawn only when the user chose a comparison. */
  comparison: ComparisonPlan;
  norm: Normalisation;
}) {
  const days = useMemo(() => daysOf(range), [range]);
  const shift = comparison.kind === 'compare' ? comparison.shift : undefined;
  const name = comparison.kind === 'compare' ? comparison.name : undefined;
  const chartComparison = useMemo<ChartComparison | undefined>(
    () =>
      shift !== undefined && name
        ? { label: name, dayFor: (day) => comparedDay(day, shift) }
        : undefined,
    [shift, name],
  );
  const comparedDays = useMemo(
    () => (shift !== undefined ? days.map((d) => comparedDay(d, shift)) : undefined),
    [days, shift],
  );
  return (
    <div className="space-y-3">
      <p className="text-sm text-fg-muted">{NORM_NOTES[norm](accounts)}</p>
      <div className={cx('grid gap-4 lg:grid-cols-2 print:grid-cols-2')}>
        {COMPARE_METRICS.map((spec) => {
          const reach = spec.source === 'reach';
          return (
            <CompareChart
              key={spec.metric}
              spec={spec}
              accounts={accounts}
              answers={reach ? queries.reach : queries.daily}
              comparedAnswers={
                chartComparison
                  ? reach
                    ? queries.compared.reach
                    : queries.compared.daily
                  : undefined
              }
              days={days}
              comparison={chartComparison}
              comparedDays={comparedDays}
              norm={norm}
              unavailable={
                (reach ? undefined : queries.dailyProblem) ?? goneReason(queries, spec.metric)
              }
            />
          );
        })}
      </div>
    </div>
  );
}
