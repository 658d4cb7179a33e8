import { useId, useMemo } from 'react';
import { useAccounts } from '../../../api/get-accounts';
import { ExportScope } from '../../../components/ExportCsvButton';
import { PeriodControls } from '../../../components/PeriodControls';
import { ErrorPanel, Skeleton, UrlNotices } from '../../../components/StatusPanels';
import { PageHeader, Section } from '../../../components/ui';
import { chartColorAt } from '../../../lib/chart-colors';
import { type ComparisonPlan, planComparison } from '../../../lib/comparison-range';
import type { DateRange } from '../../../lib/date-range';
import { NORMALISATIONS, type Normalisation } from '../../../lib/normalise';
import { useLastSettled } from '../../../lib/use-last-settled';
import { usePageTitle } from '../../../lib/use-page-title';
import { usePeriodState } from '../../../lib/use-period-state';
import { AccountPicker } from '../components/AccountPicker';
import { CompareCharts, type ComparedAccount } from '../components/CompareCharts';
import { CompareTable } from '../components/CompareTable';
import { type CompareState, parseCompareState, writeCompareState } from '../lib/compare-url-state';
import { queriedAccounts, tableComparison } from '../lib/table-comparison';
import { type CompareQueries, useCompareQueries } from '../lib/use-compare-queries';

function NormalisationControl({
  value,
  onChange,
}: {
  value: Normalisation;
  onChange: (next: Normalisation) => void;
}) {
  const id = useId();
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 text-sm font-medium">Values</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {NORMALISATIONS.map((n) => (
          <label key={n.key} className="flex items-center gap-1.5 text-sm">
            <input
              type="radio"
              name={`${id}-norm`}
              value={n.key}
              checked={value === n.key}
              onChange={() => onChange(n.key)}
            />
            {n.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The compared accounts' charts and table; mounted once two or more accounts are picked. */
function Comparison({
  state,
  setState,
  accounts,
  queries,
  today,
  range,
  chosen,
  compared,
}: {
  state: CompareState;
  setState: (next: CompareState) => void;
  accounts: readonly ComparedAccount[];
  /** The insights of `accounts`, in their order. */
  queries: CompareQueries;
  today: string;
  range: DateRange;
  /** The comparison picked in the controls. */
  chosen: ComparisonPlan;
  /** The comparison the table uses. */
  compared: ComparisonPlan;
}) {
  const settled = !queries.reach.placeholder.some(Boolean);
  const shown = useLastSettled(`${range.from}/${range.to}`, settled);
  const shownRange = useMemo(() => {
    const [from = range.from, to = range.to] = shown.split('/');
    return { from, to };
  }, [shown, range.from, range.to]);
  const shownComparison = useMemo(
    () => planComparison(shownRange, state.compare, today),
    [shownRange, state.compare, today],
  );

  return (
    <>
      <PeriodControls
        period={state}
        range={range}
        comparison={chosen}
        today={today}
        onChange={(next) => setState({ ...state, ...next })}
        updating={queries.updating}
        printNote={`${NORMALISATIONS.find((n) => n.key === state.norm)?.label}.`}
      >
        <NormalisationControl
          value={state.norm}
          onChange={(next) => setState({ ...state, norm: next })}
        />
      </PeriodControls>

      <Section headingId="compare-charts-heading" title="Day by day">
        <CompareCharts
          accounts={accounts}
          queries={queries}
          range={shownRange}
          comparison={shownComparison}
          norm={state.norm}
        />
      </Section>

      <Section headingId="compare-table-heading" title="Side by side">
        <CompareTable
          accounts={accounts}
          queries={queries}
          range={range}
          compared={compared}
          er={state.er}
          onErChange={(next) => setState({ ...state, er: next })}
        />
      </Section>
    </>
  );
}

export function ComparePage() {
  usePageTitle('Compare accounts');
  const { today, state, setState, notices, range, comparison } = usePeriodState(
    parseCompareState,
    writeCompareState,
  );
  const list = useAccounts();
  const known = list.data?.data.data;

  // The URL's accounts this server shows, in the URL's order, each with its colour.
  const pickedKey = state.accounts.join(',');
  const compared = useMemo<ComparedAccount[]>(() => {
    if (!known) return [];
    const ids = pickedKey ? pickedKey.split(',') : [];
    return ids
      .flatMap((id) => {
        const account = known.find((a) => a.id === id);
        return account
          ? [
              {
                id,
                label: account.username ? `@${account.username}` : id,
                name: account.username ?? id,
                followers: account.followers_count,
                colorClass: '',
              },
            ]
          : [];
      })
      .map((a, i) => ({ ...a, colorClass: chartColorAt(i) }));
  }, [known, pickedKey]);
  const missing = known ? state.accounts.filter((id) => !known.some((a) => a.id === id)) : [];
  const allNotices = [
    ...notices,
    ...missing.map(
      (id) => `This server does not show account ${id.slice(0, 30)}; it was left out.`,
    ),
  ];
  // Asked here, before the list answers: the URL's accounts start at once, and the charts and
  // table read the same queries once the list says which of them this server shows.
  const tableCompared = useMemo(
    () => tableComparison(state.compare, range, comparison, today),
    [state.compare, range, comparison, today],
  );
  const comparedIds = useMemo(
    () => (known ? compared.map((a) => a.id) : undefined),
    [known, compared],
  );
  const queries = useCompareQueries(
    queriedAccounts(state.accounts, comparedIds),
    range,
    tableCompared,
    today,
  );
  const exportScope = useMemo(() => ({ accounts: compared.map((a) => a.name) }), [compared]);

  return (
    <ExportScope.Provider value={exportScope}>
      <div className="space-y-8 print:space-y-5">
        <PageHeader title="Compare accounts">
          <p className="text-fg-muted">
            {compared.length >= 2
              ? compared.map((a) => a.label).join(', ')
              : 'Pick two or more accounts to see them side by side.'}
          </p>
        </PageHeader>
        <UrlNotices notices={allNotices} />
        {list.isPending ? (
          <Skeleton className="h-10" label="Loading accounts" />
        ) : list.isError ? (
          <ErrorPanel error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <AccountPicker
            accounts={known ?? []}
            picked={compared.map((a) => a.id)}
            colorOf={(id) => compared.find((a) => a.id === id)?.colorClass}
            onChange={(next) => setState({ ...state, accounts: next })}
          />
        )}
        {compared.length >= 2 ? (
          <Comparison
            state={state}
            setState={setState}
            accounts={compared}
            queries={queries}
            today={today}
            range={range}
            chosen={comparison}
            compared={tableCompared}
          />
        ) : null}
      </div>
    </ExportScope.Provider>
  );
}
