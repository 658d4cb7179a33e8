import { useMemo, useState } from 'react';
import { ExportScope } from '../../../components/ExportCsvButton';
import { ErrorPanel, NotAvailable, Skeleton } from '../../../components/StatusPanels';
import { type ChartSeries, TimeSeriesChart } from '../../../components/TimeSeriesChart';
import { DisclosureSummary } from '../../../components/ui';
import { CHART_COLORS, chartColorAt } from '../../../lib/chart-colors';
import { formatDay } from '../../../lib/format';
import { useStoredDemographics } from '../api/get-stored-demographics';
import type { AudienceTimeframe } from '../lib/audience-url-state';
import { demographicShareHistory } from '../lib/demographic-history';
import type { DemographicBreakdown, DemographicMetric } from '../lib/demographics';

const percent = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const formatPercent = (v: number) => `${percent.format(v)} %`;
const twoDecimals = (v: number) => Math.round(v * 100) / 100;

interface HistoryProps {
  accountId: string;
  /** The username, for the CSV file name. */
  account: string;
  metric: DemographicMetric;
  breakdown: DemographicBreakdown;
  timeframe: AudienceTimeframe;
  title: string;
  noun: string;
}

/** The stored answers, day by day, as each group's share: asked only once opened. */
function HistoryChart({
  accountId,
  account,
  metric,
  breakdown,
  timeframe,
  title,
  noun,
}: HistoryProps) {
  const apiTimeframe = timeframe === 'this-week' ? 'this_week' : 'this_month';
  // Countries and cities are shares of everyone, whom the gender breakdown lists.
  const needsGender = breakdown === 'country' || breakdown === 'city';
  const list = useMemo(
    () => [
      { metric, breakdown, timeframe: apiTimeframe } as const,
      ...(needsGender ? [{ metric, breakdown: 'gender', timeframe: apiTimeframe } as const] : []),
    ],
    [metric, breakdown, apiTimeframe, needsGender],
  );
  const [own, gender] = useStoredDemographics(accountId, list);
  const history = useMemo(
    () => demographicShareHistory(breakdown, own?.data?.data, gender?.data?.data),
    [breakdown, own?.data?.data, gender?.data?.data],
  );
  const series = useMemo<ChartSeries[]>(
    () =>
      history.series.map((s, i) => ({
        key: s.key,
        label: s.label,
        colorClass: chartColorAt(i),
        ...(i >= CHART_COLORS.length ? { dashed: true } : {}),
        values: new Map([...s.values].map(([day, share]) => [day, share * 100])),
      })),
    [history],
  );
  const scope = useMemo(() => ({ accounts: [account] }), [account]);

  if (own?.isError) return <ErrorPanel error={own.error} onRetry={() => void own.refetch()} />;
  if (!own?.data || (needsGender && gender?.isPending))
    return <Skeleton className="h-40" label={`Loading the history of ${title.toLowerCase()}`} />;
  const since = own.data.data.stored_since;
  if (history.storedDays < 2) {
    return (
      <NotAvailable
        reason={
          since
            ? `this server has stored this breakdown on one day so far (${formatDay(since)}). It stores one a day, so the change shows from the second day.`
            : 'this server has not stored this breakdown yet. It stores one a day, so the change shows from the second day.'
        }
      />
    );
  }
  const first = history.days[0] as string;
  const last = history.days[history.days.length - 1] as string;
  return (
    <ExportScope.Provider value={scope}>
      <TimeSeriesChart
        title={`${title}, share by day (%)`}
        days={history.days}
        series={series}
        valueFormatter={formatPercent}
        csvValue={twoDecimals}
        exportName={`${metric}-by-${breakdown}-${timeframe}-history`}
        note={`Each group's share of all ${noun}, on each of the ${history.storedDays} days this server stored, ${first} to ${last} (US Pacific days)${needsGender ? '; the five largest of the last day' : ''}. Instagram itself gives only the present.`}
      />
    </ExportScope.Provider>
  );
}

/** "Change over time": the stored history of one breakdown, behind a disclosure. */
export function DemographicHistory(props: HistoryProps) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="text-sm print:hidden"
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <DisclosureSummary>Change over time</DisclosureSummary>
      {open ? (
        <div className="mt-2">
          <HistoryChart {...props} />
        </div>
      ) : null}
    </details>
  );
}
