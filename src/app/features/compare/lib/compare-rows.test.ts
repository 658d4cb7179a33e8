import { describe, expect, it } from 'vitest';
import type { InsightsResponse } from '../../../../graph/graph-types';
import { ApiRequestError } from '../../../lib/api-client';
import { planComparison } from '../../../lib/comparison-range';
import {
  type CompareRow,
  compareCsv,
  compareNotes,
  compareRows,
  type RowAnswers,
  type RowQueries,
  rowsLoaded,
} from './compare-rows';

const TODAY = '2026-11-28';
const WEEK = { from: '2026-11-01', to: '2026-11-07' };

type State = 'ok' | 'pending' | 'failed';
const result = (state: State) => ({ isError: state === 'failed', isPending: state === 'pending' });

const totals = (values: Record<string, number>): InsightsResponse => ({
  data: Object.entries(values).map(([name, value]) => ({
    name,
    period: 'day',
    title: name,
    description: '',
    id: name,
    total_value: { value },
  })),
});

const daily = (values: Record<string, number[]>): InsightsResponse => ({
  data: Object.entries(values).map(([name, series]) => ({
    name,
    period: 'day',
    title: name,
    description: '',
    id: name,
    values: series.map((value, i) => ({
      value,
      end_time: `2026-11-${String(i + 2).padStart(2, '0')}T08:00:00+0000`,
    })),
  })),
});

/** One kind of request for each account: its state and its answer. */
const answers = (...each: [State, InsightsResponse?][]): RowAnswers => ({
  results: each.map(([state]) => result(state)),
  data: each.map(([, answer]) => answer),
});

const none = (n: number): RowAnswers => ({
  results: Array.from({ length: n }, () => undefined),
  data: Array.from({ length: n }, () => undefined),
});

/** Account A: every answer, for the week and the week before. */
const A = {
  sums: totals({ views: 700, total_interactions: 70 }),
  unique: totals({ reach: 500, accounts_engaged: 50 }),
  reach: daily({ reach: [10, 20, 30] }),
  daily: daily({ views: [100], total_interactions: [10], accounts_engaged: [5, 15] }),
  before: {
    sums: totals({ views: 350, total_interactions: 70 }),
    unique: totals({ reach: 400, accounts_engaged: 50 }),
    reach: daily({ reach: [20] }),
    daily: daily({ accounts_engaged: [10] }),
  },
};

const oneAccount = (): RowQueries => ({
  reach: answers(['ok', A.reach]),
  daily: answers(['ok', A.daily]),
  sums: answers(['ok', A.sums]),
  unique: answers(['ok', A.unique]),
  compared: {
    reach: answers(['ok', A.before.reach]),
    daily: answers(['ok', A.before.daily]),
    sums: answers(['ok', A.before.sums]),
    unique: answers(['ok', A.before.unique]),
    uniqueProblem: undefined,
  },
  dailyProblem: undefined,
  uniqueProblem: undefined,
});

const previous = planComparison(WEEK, 'previous', TODAY);
const cellsOf = (rows: CompareRow[], key: string) => rows.find((r) => r.key === key)?.cells;

describe('compareRows', () => {
  const rows = compareRows({
    accounts: [{ followers: 1000 }],
    queries: oneAccount(),
    days: 7,
    compared: previous,
    er: 'reach',
  });

  it('a row for followers, three per metric, and the engagement rate', () => {
    expect(rows.map((r) => r.label)).toEqual([
      'Followers (today)',
      'Accounts reached, total',
      'Accounts reached, daily average',
      'Accounts reached, change vs previous period',
      'Views, total',
      'Views, daily average',
      'Views, change vs previous period',
      'Content interactions, total',
      'Content interactions, daily average',
      'Content interactions, change vs previous period',
      'Accounts engaged, total',
      'Accounts engaged, daily average',
      'Accounts engaged, change vs previous period',
      'Engagement rate',
    ]);
    expect(rows.at(-1)).toMatchObject({
      csvLabel: 'Engagement rate (%) = interactions ÷ reach',
      formula: 'interactions ÷ reach',
    });
  });

  it('counts that add up average over the days; unique counts average their daily values', () => {
    expect(cellsOf(rows, 'followers')).toEqual([{ kind: 'count', value: 1000 }]);
    expect(cellsOf(rows, 'views-total')).toEqual([{ kind: 'count', value: 700 }]);
    expect(cellsOf(rows, 'views-average')).toEqual([{ kind: 'average', value: 100 }]);
    expect(cellsOf(rows, 'views-change')).toEqual([{ kind: 'change', value: 1, basis: 'total' }]);
    expect(cellsOf(rows, 'reach-average')).toEqual([{ kind: 'average', value: 20 }]);
    expect(cellsOf(rows, 'reach-change')).toEqual([
      { kind: 'change', value: 0.25, basis: 'total' },
    ]);
    expect(cellsOf(rows, 'accounts_engaged-average')).toEqual([{ kind: 'average', value: 10 }]);
    expect(cellsOf(rows, 'engagement-rate')).toEqual([{ kind: 'rate', value: 0.14 }]);
    expect(rowsLoaded(rows)).toBe(true);
  });

  it('writes the CSV file with units in the labels and percentages as numbers', () => {
    const lines = compareCsv(['northwind'], rows).split('\r\n');
    expect(lines).toEqual([
      'metric,northwind',
      'Followers (today),1000',
      '"Accounts reached, total",500',
      '"Accounts reached, daily average",20',
      '"Accounts reached, change vs previous period (%)",25',
      '"Views, total",700',
      '"Views, daily average",100',
      '"Views, change vs previous period (%)",100',
      '"Content interactions, total",70',
      '"Content interactions, daily average",10',
      '"Content interactions, change vs previous period (%)",0',
      '"Accounts engaged, total",50',
      '"Accounts engaged, daily average",10',
      '"Accounts engaged, change vs previous period (%)",0',
      'Engagement rate (%) = interactions ÷ reach,14',
      '',
    ]);
  });

  it('rounds averages to two decimals in the CSV file, and leaves missing values empty', () => {
    const csv = compareCsv(
      ['a', 'b'],
      compareRows({
        accounts: [{ followers: 3 }, { followers: undefined }],
        queries: { ...oneAccount(), sums: answers(['ok', A.sums], ['ok', undefined]) },
        days: 3,
        compared: { kind: 'off' },
        er: 'followers',
      }),
    );
    expect(csv).toContain('\r\nFollowers (today),3,\r\n');
    expect(csv).toContain('\r\n"Views, daily average",233.33,\r\n');
    expect(csv).toContain('\r\nEngagement rate (%) = interactions ÷ followers,2333.33,\r\n');
  });

  it('without a comparison the changes are not available, against the previous period', () => {
    const off = compareRows({
      accounts: [{ followers: 1000 }],
      queries: oneAccount(),
      days: 7,
      compared: { kind: 'off' },
      er: 'reach',
    });
    expect(off.find((r) => r.key === 'views-change')).toMatchObject({
      label: 'Views, change vs previous period',
      cells: [{ kind: 'not-available' }],
    });
  });

  it('a year-earlier comparison names itself in the labels', () => {
    const year = planComparison(WEEK, 'year', TODAY);
    const labelled = compareRows({
      accounts: [{ followers: 1 }],
      queries: oneAccount(),
      days: 7,
      compared: year,
      er: 'reach',
    });
    expect(labelled.find((r) => r.key === 'views-change')?.csvLabel).toBe(
      `Views, change vs ${year.kind === 'off' ? '' : year.name} (%)`,
    );
  });
});

describe('cells still loading, failed or not asked', () => {
  const base = oneAccount();
  const queries: RowQueries = {
    ...base,
    reach: answers(['ok', A.reach], ['pending']),
    daily: answers(['ok', A.daily], ['failed']),
    sums: answers(['ok', A.sums], ['pending']),
    unique: answers(['ok', A.unique], ['failed']),
    compared: {
      ...base.compared,
      reach: answers(['ok', A.before.reach], ['ok']),
      daily: answers(['ok', A.before.daily], ['ok']),
      sums: answers(['ok', A.before.sums], ['ok']),
      unique: answers(['ok', A.before.unique], ['ok']),
    },
  };
  const rows = compareRows({
    accounts: [{ followers: 1000 }, { followers: undefined }],
    queries,
    days: 7,
    compared: previous,
    er: 'reach',
  });
  const second = (key: string) => cellsOf(rows, key)?.[1];

  it('says which', () => {
    expect(second('followers')).toEqual({ kind: 'not-available' });
    expect(second('views-total')).toEqual({ kind: 'pending' });
    expect(second('reach-total')).toEqual({ kind: 'failed' });
    expect(second('reach-average')).toEqual({ kind: 'pending' });
    expect(second('accounts_engaged-average')).toEqual({ kind: 'failed' });
    // A unique change waits for its daily values too.
    expect(second('reach-change')).toEqual({ kind: 'pending' });
    expect(second('accounts_engaged-change')).toEqual({ kind: 'failed' });
    expect(second('engagement-rate')).toEqual({ kind: 'pending' });
    expect(rowsLoaded(rows)).toBe(false);
  });

  it('a failed rate is not available (with its formula beside it)', () => {
    const failedSums = compareRows({
      accounts: [{ followers: 10 }],
      queries: { ...base, sums: answers(['failed']) },
      days: 7,
      compared: previous,
      er: 'followers',
    });
    expect(cellsOf(failedSums, 'engagement-rate')).toEqual([{ kind: 'not-available' }]);
    expect(failedSums.at(-1)?.formula).toBe('interactions ÷ followers');
  });

  it('totals not asked for (over 30 days) are not available, not loading', () => {
    const long = compareRows({
      accounts: [{ followers: 10 }],
      queries: {
        ...base,
        unique: answers(['pending']),
        uniqueProblem: 'Over 30 days.',
        compared: { ...base.compared, unique: none(1) },
      },
      days: 60,
      compared: previous,
      er: 'reach',
    });
    expect(cellsOf(long, 'reach-total')).toEqual([{ kind: 'not-available' }]);
    expect(cellsOf(long, 'engagement-rate')).toEqual([{ kind: 'not-available' }]);
  });
});

describe('compareNotes', () => {
  it('says why totals, averages or changes are missing', () => {
    const queries = {
      ...oneAccount(),
      uniqueProblem: 'Too long.',
      dailyProblem: 'Too many days.',
    };
    expect(compareNotes(queries, previous)).toEqual([
      'Accounts reached and accounts engaged have no totals here: Too long.',
      'Accounts engaged has no daily average here: Too many days.',
    ]);
    const compared = { ...oneAccount().compared, uniqueProblem: 'Earlier too long.' };
    expect(compareNotes({ ...oneAccount(), compared }, previous)).toEqual([
      'Unique-account totals of the previous period cannot be compared: Earlier too long.',
    ]);
    expect(compareNotes(oneAccount(), { kind: 'off' })).toEqual([]);
  });
});

describe('a metric Instagram no longer provides', () => {
  const gone = (name: string) => ({
    name,
    title: name,
    description: '',
    message: `Instagram no longer provides ${name} for accounts.`,
  });
  const withoutViews = (answer: InsightsResponse): InsightsResponse => ({
    data: answer.data.filter((d) => d.name !== 'views'),
    missing_metrics: [gone('views')],
  });
  // Reach was all its series request asked: that request answers 422 instead.
  const reachGone = {
    isError: true,
    isPending: false,
    error: new ApiRequestError(
      'Instagram no longer provides reach for accounts.',
      422,
      100,
      undefined,
      'No longer provided',
    ),
  };
  const base = oneAccount();
  const queries: RowQueries = {
    ...base,
    sums: answers(['ok', withoutViews(A.sums)]),
    daily: answers(['ok', withoutViews(A.daily)]),
    reach: { results: [reachGone], data: [undefined] },
    unique: answers(['ok', { data: A.unique.data.filter((d) => d.name !== 'reach') }]),
    compared: {
      ...base.compared,
      sums: answers(['ok', withoutViews(A.before.sums)]),
      reach: { results: [reachGone], data: [undefined] },
      unique: answers(['ok', { data: A.before.unique.data.filter((d) => d.name !== 'reach') }]),
    },
  };
  const rows = compareRows({
    accounts: [{ followers: 1000 }],
    queries,
    days: 7,
    compared: previous,
    er: 'followers',
  });

  it('empties its cells with the reason, never 0, and keeps the other metrics', () => {
    const reason = {
      kind: 'not-available',
      reason: 'Instagram no longer provides views for accounts.',
    };
    expect(cellsOf(rows, 'views-total')).toEqual([reason]);
    expect(cellsOf(rows, 'views-average')).toEqual([reason]);
    expect(cellsOf(rows, 'views-change')).toEqual([reason]);
    // Unique counts read their daily values from a request that failed with 422: said, not failed.
    expect(cellsOf(rows, 'reach-average')).toEqual([
      { kind: 'not-available', reason: 'Instagram no longer provides reach for accounts.' },
    ]);
    expect(cellsOf(rows, 'total_interactions-total')).toEqual([{ kind: 'count', value: 70 }]);
    expect(rowsLoaded(rows)).toBe(true);
  });

  it('says why in the notes and in the CSV labels', () => {
    expect(compareNotes(queries, previous)).toEqual([
      'Accounts reached: Instagram no longer provides reach for accounts.',
      'Views: Instagram no longer provides views for accounts.',
    ]);
    const csv = compareCsv(['northwind'], rows);
    expect(csv).toContain(
      '\r\n"Views, total (Instagram no longer provides views for accounts)",\r\n',
    );
    expect(csv).toContain(
      '\r\n"Views, change vs previous period (%) (Instagram no longer provides views for accounts)",\r\n',
    );
    expect(csv).toContain('\r\n"Content interactions, total",70\r\n');
  });
});
