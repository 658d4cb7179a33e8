import { useCallback, useId, useMemo, useState } from 'react';
import { useAccounts } from '../../../api/get-accounts';
import { ComparisonControl } from '../../../components/ComparisonControl';
import { ExportScope } from '../../../components/ExportCsvButton';
import { PrintButton } from '../../../components/PrintButton';
import { RangeControl } from '../../../components/RangeControl';
import { ErrorPanel, Skeleton, UrlNotices } from '../../../components/StatusPanels';
import { PageHeader, Section } from '../../../components/ui';
import { chartColorAt } from '../../../lib/chart-colors';
import { planComparison } from '../../../lib/comparison-range';
import { pacificToday, rangeLabel, resolveRange } from '../../../lib/date-range';
import { NORMALISATIONS, type Normalisation } from '../../../lib/normalise';
import {
  type CompareState,
  parseCompareState,
  useUrlState,
  writeCompareState,
} from '../../../lib/url-state';
import { useLastSettled } from '../../../lib/use-last-settled';
import { usePageTitle } from '../../../lib/use-page-title';
import { AccountPicker } from '../components/AccountPicker';
import { CompareCharts, type ComparedAccount } from '../components/CompareCharts';
import { CompareTable } from '../components/CompareTable';
import { useCompareQueries } from '../lib/use-compare-queries';

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
  today,
}: {
  state: CompareState;
  setState: (next: CompareState) => void;
  accounts: readonly ComparedAccount[];
  today: string;
}) {
  const range = useMemo(() => resolveRange(state.selection, today), [state.selection, today]);
  const ids = useMemo(() => accounts.map((a) => a.id), [accounts]);
  const chosen = useMemo(
    () => planComparison(range, state.compare, today),
    [range, state.compare, today],
  );
  // The table always shows a change: against the chosen comparison, or the previous period.
  const tableComparison = useMemo(
    () => (state.compare === 'off' ? planComparison(range, 'previous', today) : chosen),
    [state.compare, chosen, range, today],
  );
  const queries = useCompareQueries(ids, range, tableComparison);
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
      <div className="relative flex flex-wrap items-end gap-x-6 gap-y-3 print:hidden">
        <RangeControl
          key={`${state.selection.range}|${state.selection.from ?? ''}|${state.selection.to ?? ''}`}
          selection={state.selection}
          range={range}
          today={today}
          onChange={(next) => setState({ ...state, selection: next })}
        />
        <ComparisonControl
          mode={state.compare}
          plan={chosen}
          onChange={(next) => setState({ ...state, compare: next })}
        />
        <NormalisationControl
          value={state.norm}
          onChange={(next) => setState({ ...state, norm: next })}
        />
        <div className="ml-auto pb-0.5">
          <PrintButton />
        </div>
        <p role="status" className="absolute top-0 right-0 text-sm text-fg-muted">
          {queries.updating ? 'Updating…' : ''}
        </p>
      </div>
      <p className="hidden text-sm print:block">
        {state.selection.range === 'custom' ? '' : `${rangeLabel(state.selection, range)}, `}US
        Pacific days {range.from} – {range.to}.{' '}
        {NORMALISATIONS.find((n) => n.key === state.norm)?.label}.
        {chosen.kind === 'compare'
          ? ` Compared with the ${chosen.name}: ${chosen.range.from} – ${chosen.range.to}.`
          : ''}
      </p>

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
          compared={tableComparison}
          er={state.er}
          onErChange={(next) => setState({ ...state, er: next })}
        />
      </Section>
    </>
  );
}

export function ComparePage() {
  usePageTitle('Compare accounts');
  const [today] = useState(pacificToday);
  const parse = useCallback((params: URLSearchParams) => parseCompareState(params, today), [today]);
  const [state, setState, notices] = useUrlState(parse, writeCompareState);
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
          <Comparison state={state} setState={setState} accounts={compared} today={today} />
        ) : null}
      </div>
    </ExportScope.Provider>
  );
}
