import type { UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import type { InsightsResponse } from '../../../../graph/graph-types';
import { BreakdownTable } from '../../../components/BreakdownTable';
import { ChartFrame } from '../../../components/ChartFrame';
import { MetricDescription } from '../../../components/MetricDescription';
import { ErrorPanel, NotAvailable, Skeleton, StaleNote } from '../../../components/StatusPanels';
import { TextButton } from '../../../components/ui';
import type { ApiAnswer } from '../../../lib/api-client';
import { csvFileName } from '../../../lib/csv';
import { cx } from '../../../lib/cx';
import { formatInteger, formatShare } from '../../../lib/format';
import type { AudienceTimeframe } from '../lib/audience-url-state';
import {
  DEMOGRAPHIC_BREAKDOWNS,
  type DemographicBreakdown,
  type DemographicMetric,
  demographicBreakdown,
  demographicRows,
  demographicTotal,
  TIMEFRAME_LABELS,
  TOP_LIST_LIMIT,
} from '../lib/demographics';
import { DemographicHistory } from './DemographicHistory';

type Query = UseQueryResult<ApiAnswer<InsightsResponse>>;

/** Rows shown before "Show all": long lists of countries and cities stay readable. */
const FIRST_ROWS = 10;

/**
 * One demographic breakdown as a horizontal bar list: each value with its share of the total, in a
 * table (BreakdownTable) inside a figure named by its title.
 */
export function DemographicFigure({
  title,
  metric,
  breakdown,
  noun,
  timeframe,
  query,
  gender,
  account,
  accountId,
}: {
  title: string;
  metric: DemographicMetric;
  breakdown: DemographicBreakdown;
  /** What is counted: "followers". */
  noun: string;
  timeframe: AudienceTimeframe;
  query: Query;
  /** The same audience by gender, which lists everyone: the total for countries and cities. */
  gender: Query;
  /** For the CSV file name. */
  account: string;
  accountId: string;
}) {
  const [showAll, setShowAll] = useState(false);
  const spec = DEMOGRAPHIC_BREAKDOWNS.find((b) => b.breakdown === breakdown);
  const entry = query.data?.data.data[0];
  const own = demographicBreakdown(query.data?.data);
  const total = demographicTotal(breakdown, own, demographicBreakdown(gender.data?.data));
  const rows = demographicRows(breakdown, own, total);
  const listed = rows.reduce((sum, r) => sum + r.value, 0);
  const shown = showAll ? rows : rows.slice(0, FIRST_ROWS);
  const caption = `${title}, ${TIMEFRAME_LABELS[timeframe].toLowerCase()}`;

  let body: ReactNode;
  if (query.isError) body = <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />;
  else if (!query.data)
    body = <Skeleton className="h-40" label={`Loading ${title.toLowerCase()}`} />;
  else if (rows.length === 0)
    body = <NotAvailable reason={`Instagram gave no ${spec?.by ?? breakdown} breakdown.`} />;
  else
    body = (
      <>
        <BreakdownTable
          caption={caption}
          rows={shown}
          labelHeader={spec?.labelHeader ?? 'Value'}
          total={total}
          exportFileName={csvFileName({
            accounts: [account],
            what: `${metric}-by-${breakdown}-${timeframe}`,
          })}
        />
        {rows.length > FIRST_ROWS ? (
          <TextButton
            aria-expanded={showAll}
            onClick={() => setShowAll(!showAll)}
            className="self-start text-sm"
          >
            {showAll
              ? `Show the first ${FIRST_ROWS}`
              : `Show all ${rows.length} ${spec?.by === 'city' ? 'cities' : 'countries'}`}
          </TextButton>
        ) : null}
        {total > listed ? (
          <p className="text-xs text-fg-muted">
            Instagram lists at most its top {TOP_LIST_LIMIT}{' '}
            {spec?.by === 'city' ? 'cities' : 'countries'}; the other{' '}
            {formatInteger(total - listed)} {noun} ({formatShare((total - listed) / total)}) are
            elsewhere. Shares are of all {formatInteger(total)}.
          </p>
        ) : null}
      </>
    );

  return (
    <ChartFrame
      title={title}
      className={cx(query.isPlaceholderData && 'opacity-60 transition-opacity')}
    >
      {body}
      {query.data ? <StaleNote stale={query.data.stale} fetchedAt={query.data.fetchedAt} /> : null}
      {rows.length > 0 ? (
        <DemographicHistory
          accountId={accountId}
          account={account}
          metric={metric}
          breakdown={breakdown}
          timeframe={timeframe}
          title={title}
          noun={noun}
        />
      ) : null}
      {entry?.description && breakdown === 'age' ? (
        <MetricDescription title={entry.title} description={entry.description} />
      ) : null}
    </ChartFrame>
  );
}
