import {
  type APIRequestContext,
  expect as baseExpect,
  type Locator,
  type Page,
  test,
} from '@playwright/test';
import { addDays, dayOfEndTime } from '../src/graph/pacific-days';
import { apiPathsOf } from './api-mock';
import { serverToday, trackErrors } from './support';

/**
 * #17: a view's data in a few browser requests. The app sends the GETs a view starts together as
 * one /api/batch; the overview of five accounts and five accounts compared over 90 days each make
 * at most 12 /api requests, and show what /api answers for each request alone.
 */

const expect = baseExpect.configure({ timeout: 15_000 });
const MAX_API_REQUESTS = 12;

const FIVE = [
  ['17841405822304914', 'northwind.coffee'],
  ['17841400118305523', 'lumen.studio'],
  ['17841452007713306', 'tiny.pottery'],
  ['17841463390127748', 'harbor.cycles'],
  ['17841470045218861', 'mesa.kitchen'],
] as const;
const integer = new Intl.NumberFormat('en-US');

/** The browser's /api requests from now on, each with the paths it asked (several for a batch). */
function countApiRequests(page: Page): string[][] {
  const requests: string[][] = [];
  page.on('request', (request) => {
    const paths = apiPathsOf(request);
    if (paths.length > 0) requests.push(paths);
  });
  return requests;
}

/** No placeholder left, and no request in flight for half a second. */
async function expectSettled(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByText('Updating…')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
}

interface InsightsAnswer {
  data: {
    name: string;
    total_value?: { value: number };
    values?: { value: number; end_time: string }[];
  }[];
}

/** One request to /api alone, as the browser would send it without batches. */
async function insights(request: APIRequestContext, id: string, params: Record<string, string>) {
  const response = await request.get(`/api/${id}/insights`, { params });
  expect(response.ok()).toBe(true);
  return (await response.json()) as InsightsAnswer;
}

async function totals(
  request: APIRequestContext,
  id: string,
  metric: string,
  since: string,
  until: string,
) {
  const answer = await insights(request, id, {
    metric,
    metric_type: 'total_value',
    since,
    until,
  });
  return Object.fromEntries(answer.data.map((d) => [d.name, d.total_value?.value as number]));
}

async function followers(request: APIRequestContext): Promise<Map<string, number>> {
  const response = await request.get('/api/accounts');
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { data: { id: string; followers_count: number }[] };
  return new Map(body.data.map((a) => [a.id, a.followers_count]));
}

/** The text of a table's cell in the row whose header is `row` and the column headed `column`. */
async function cell(table: Locator, row: string, column: string): Promise<string> {
  const headers = await table.locator('thead th').allTextContents();
  const index = headers.findIndex((h) => h.trim() === column);
  expect(index, `column ${column} in ${headers.join(' | ')}`).toBeGreaterThan(0);
  const tr = table
    .locator('tbody tr')
    .filter({ has: table.page().getByRole('rowheader', { name: row, exact: true }) });
  return (await tr.locator('th, td').nth(index).textContent()) ?? '';
}

test('the overview of five accounts: at most 12 /api requests, the numbers /api gives', async ({
  page,
  request,
}) => {
  const errors = trackErrors(page);
  const today = await serverToday(request);
  const requests = countApiRequests(page);
  await page.goto('/');
  await expect(page.getByRole('article')).toHaveCount(FIVE.length);
  await expectSettled(page);

  expect(requests.length, JSON.stringify(requests, null, 1)).toBeLessThanOrEqual(MAX_API_REQUESTS);
  // The view's GETs went in batches: more paths than requests.
  expect(requests.flat().length).toBeGreaterThan(requests.length);

  const counts = await followers(request);
  for (const [id, username] of FIVE) {
    const card = page.getByRole('article', { name: `@${username}`, exact: true });
    const now = await totals(request, id, 'reach,views', addDays(today, -28), addDays(today, -1));
    await expect(card).toContainText(`${integer.format(counts.get(id) as number)} followers`);
    await expect(card).toContainText(`Accounts reached${integer.format(now.reach as number)}`);
    await expect(card).toContainText(`Views${integer.format(now.views as number)}`);
  }
  expect(errors).toEqual([]);
});

test('five accounts compared over 90 days: at most 12 /api requests, the numbers /api gives', async ({
  page,
  request,
}) => {
  const errors = trackErrors(page);
  const today = await serverToday(request);
  const from = addDays(today, -90);
  const to = addDays(today, -1);
  const requests = countApiRequests(page);
  await page.goto(`/compare?v=1&range=90d&accounts=${FIVE.map(([id]) => id).join(',')}`);
  const reach = page.getByRole('figure', { name: 'Accounts reached', exact: true });
  await expect(reach.locator('path.recharts-line-curve')).toHaveCount(5, { timeout: 30_000 });
  const side = page.getByRole('region', { name: 'Accounts side by side' });
  await expect(side.getByText('…', { exact: true })).toHaveCount(0, { timeout: 20_000 });
  await expectSettled(page);

  expect(requests.length, JSON.stringify(requests, null, 1)).toBeLessThanOrEqual(MAX_API_REQUESTS);
  expect(requests.flat().length).toBeGreaterThan(requests.length);

  await reach.getByText('Show data table').click();
  const daily = reach.getByRole('table');
  await expect(daily.getByRole('rowheader')).toHaveCount(90);
  const sideTable = side.getByRole('table');
  for (const [id, username] of FIVE) {
    const answer = await insights(request, id, {
      metric: 'reach',
      period: 'day',
      metric_type: 'time_series',
      since: from,
      until: to,
    });
    const byDay = new Map(
      (answer.data[0]?.values ?? []).map((v) => [dayOfEndTime(v.end_time), v.value]),
    );
    for (const day of [from, addDays(from, 45), to])
      expect(await cell(daily, day, `@${username}`), `${username} ${day}`).toBe(
        integer.format(byDay.get(day) as number),
      );
    // Unique accounts are not totalled over 90 days; views add up across windows.
    const { views } = await totals(request, id, 'views', from, to);
    expect(await cell(sideTable, 'Views, total', `@${username}`)).toBe(
      integer.format(views as number),
    );
  }
  expect(errors).toEqual([]);
});
