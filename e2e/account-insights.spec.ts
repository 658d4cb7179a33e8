import {
  type APIRequestContext,
  expect as baseExpect,
  type Locator,
  type Page,
  test,
} from '@playwright/test';
import { MAX_HISTORY_DAYS, MAX_WINDOW_DAYS, RECENT_ONLY_DAYS } from '../src/graph/date-windows';
import { addDays, dayOfEndTime } from '../src/graph/pacific-days';
import { routeApi } from './api-mock';
import { expectNoSeriousAxeViolations, serverToday, trackErrors } from './support';

// A page asks a dozen requests at once; on a busy machine the defaults are tight.
const expect = baseExpect.configure({ timeout: 10_000 });

const NORTHWIND = '17841405822304914';
const TINY = '17841452007713306';
const integer = new Intl.NumberFormat('en-US');

/** Waits until no skeleton and no "Updating…" is left on the page. */
async function expectLoaded(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByText('Updating…')).toHaveCount(0, { timeout: 15_000 });
}

const rangeSelect = (page: Page) => page.getByRole('combobox', { name: 'Date range' });
const figure = (page: Page, name: string) => page.getByRole('figure', { name, exact: true });

/** The rows of a chart's data table, opened if needed: the first column holds the day. */
async function tableOf(chart: Locator): Promise<{ days: Locator; rows: Locator }> {
  const table = chart.getByRole('table');
  if (!(await table.isVisible())) await chart.getByText('Show data table').click();
  await expect(table).toBeVisible();
  return { days: table.getByRole('rowheader'), rows: table.locator('tbody tr') };
}

async function expectDays(chart: Locator, from: string, to: string, count: number) {
  const { days } = await tableOf(chart);
  await expect(days).toHaveCount(count);
  await expect(days.first()).toHaveText(from);
  await expect(days.last()).toHaveText(to);
  for (const text of await days.allTextContents()) expect(text).toMatch(/^\d{4}-\d{2}-\d{2}$/);
}

async function apiInsights(request: APIRequestContext, params: Record<string, string>) {
  const response = await request.get(`/api/${NORTHWIND}/insights`, { params });
  expect(response.ok()).toBe(true);
  return (await response.json()) as {
    data: {
      name: string;
      title: string;
      description: string;
      total_value?: { value: number };
      values?: { value: number; end_time: string }[];
    }[];
  };
}

test.describe('account insights', () => {
  test('shows the account, and daily reach for exactly the days of the default range', async ({
    page,
    request,
  }) => {
    const errors = trackErrors(page);
    const today = await serverToday(page.request);
    const from = addDays(today, -28);
    const to = addDays(today, -1);
    await page.goto(`/accounts/${NORTHWIND}`);

    await expect(page.getByRole('heading', { level: 1, name: '@northwind.coffee' })).toBeVisible();
    const profile = await request.get(`/api/${NORTHWIND}`, {
      params: { fields: 'followers_count' },
    });
    const { followers_count } = (await profile.json()) as { followers_count: number };
    await expect(page.getByText(integer.format(followers_count), { exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Media' })).toHaveAttribute(
      'href',
      `/accounts/${NORTHWIND}/media`,
    );
    await expect(rangeSelect(page)).toHaveValue('28d');
    await expect(page.getByText(`${from} to ${to} (US Pacific days)`)).toBeVisible();

    const reach = figure(page, 'Accounts reached');
    await expectDays(reach, from, to, 28);
    // The values are the API's, each on the Pacific day its end_time closes.
    const api = await apiInsights(request, {
      metric: 'reach',
      period: 'day',
      metric_type: 'time_series',
      since: from,
      until: to,
    });
    const { rows } = await tableOf(reach);
    for (const v of api.data[0]?.values ?? []) {
      await expect(rows.filter({ hasText: dayOfEndTime(v.end_time) })).toContainText(
        integer.format(v.value),
      );
    }
    await expectLoaded(page);
    expect(errors).toEqual([]);
  });

  test('"Last 7 days" updates the URL and the table; Back returns; the link opens the same view elsewhere', async ({
    page,
    browser,
  }) => {
    const today = await serverToday(page.request);
    await page.goto(`/accounts/${NORTHWIND}`);
    const reach = figure(page, 'Accounts reached');
    await expectDays(reach, addDays(today, -28), addDays(today, -1), 28);

    await rangeSelect(page).selectOption({ label: 'Last 7 days' });
    await expect(page).toHaveURL(/[?&]range=7d(&|$)/);
    await expectDays(reach, addDays(today, -7), addDays(today, -1), 7);
    await expectLoaded(page);
    const url = page.url();
    const rows = await (await tableOf(reach)).rows.allTextContents();
    const views = await page.getByRole('article', { name: 'Views', exact: true }).textContent();

    await page.goBack();
    await expect(page).not.toHaveURL(/range=7d/);
    await expect(rangeSelect(page)).toHaveValue('28d');
    await expectDays(reach, addDays(today, -28), addDays(today, -1), 28);

    // A colleague opening the copied link sees the same range and the same numbers.
    const context = await browser.newContext();
    try {
      const other = await context.newPage();
      await other.goto(url);
      await expect(rangeSelect(other)).toHaveValue('7d');
      const otherReach = figure(other, 'Accounts reached');
      await expectDays(otherReach, addDays(today, -7), addDays(today, -1), 7);
      expect(await (await tableOf(otherReach)).rows.allTextContents()).toEqual(rows);
      await expect(other.getByRole('article', { name: 'Views', exact: true })).toHaveText(
        views ?? '',
      );
    } finally {
      await context.close();
    }
  });

  test('keeps the previous chart on screen, marked as updating, while a new range loads', async ({
    page,
  }) => {
    const today = await serverToday(page.request);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await routeApi(page, `/api/${NORTHWIND}/insights?`, async ({ url }) => {
      if (url.searchParams.get('since') === addDays(today, -14)) await held;
      return undefined;
    });
    await page.goto(`/accounts/${NORTHWIND}`);
    const reach = figure(page, 'Accounts reached');
    await expectDays(reach, addDays(today, -28), addDays(today, -1), 28);

    await rangeSelect(page).selectOption('14d');
    await expect(page.getByRole('status').filter({ hasText: 'Updating…' })).toBeVisible();
    const { days } = await tableOf(reach);
    await expect(days).toHaveCount(28);
    release();
    await expectDays(reach, addDays(today, -14), addDays(today, -1), 14);
    await expect(page.getByText('Updating…')).toHaveCount(0);
  });

  test('an invalid range in the URL shows a notice and the default range', async ({ page }) => {
    const today = await serverToday(page.request);
    await page.goto(`/accounts/${NORTHWIND}?range=bogus`);

    await expect(
      page.getByRole('status').filter({ hasText: '"bogus" is not a date range' }),
    ).toBeVisible();
    await expect(rangeSelect(page)).toHaveValue('28d');
    await expectDays(figure(page, 'Accounts reached'), addDays(today, -28), addDays(today, -1), 28);
  });

  test('stat cards are named by the metric title and show the API totals', async ({
    page,
    request,
  }) => {
    const today = await serverToday(page.request);
    const span = { since: addDays(today, -28), until: addDays(today, -1) };
    const api = await apiInsights(request, {
      metric: 'views,likes,follows_and_unfollows',
      metric_type: 'total_value',
      ...span,
    });
    await page.goto(`/accounts/${NORTHWIND}`);

    for (const metric of api.data) {
      const card = page.getByRole('article', { name: metric.title, exact: true });
      await expect(card).toContainText(integer.format(metric.total_value?.value as number));
      await card.getByText(`About ${metric.title.toLowerCase()}`).click();
      await expect(card.getByText(metric.description)).toBeVisible();
    }
    await expect(
      page.getByRole('article', { name: 'Accounts reached', exact: true }),
    ).toContainText(/\d{1,3}(,\d{3})*/);

    // Follows and unfollows, broken down with their own labels and shares.
    const follows = page.getByRole('region', { name: 'Follows and unfollows', exact: true });
    await expect(follows.getByRole('rowheader', { name: 'Follows', exact: true })).toBeVisible();
    await expect(follows.getByRole('rowheader', { name: 'Unfollows', exact: true })).toBeVisible();
    await expect(follows.getByRole('table')).toContainText('%');
  });

  test('a custom range over 30 days shows the reach total as not available, not 0', async ({
    page,
  }) => {
    const today = await serverToday(page.request);
    const from = addDays(today, -45);
    const to = addDays(today, -1);
    await page.goto(`/accounts/${NORTHWIND}`);
    await expect(figure(page, 'Accounts reached')).toBeVisible();

    await rangeSelect(page).selectOption('custom');
    const form = page.getByRole('form', { name: 'Custom date range' });
    await form.getByLabel('From').fill(from);
    await form.getByLabel('To').fill(to);
    await form.getByRole('button', { name: 'Apply' }).click();

    await expect(page).toHaveURL(new RegExp(`range=custom&from=${from}&to=${to}`));
    const reachTotal = page.getByRole('article', { name: 'Accounts reached', exact: true });
    await expect(reachTotal).toContainText(
      `Not available: Instagram counts unique accounts over at most ${MAX_WINDOW_DAYS} days`,
    );
    await expect(reachTotal).not.toContainText(/Accounts reached\s*[\d,]+/);
    await expect(
      page.getByRole('region', { name: 'Accounts reached by follower status' }),
    ).toContainText('Not available');
    // Totals that add up over windows are still there, and the daily chart spans the range.
    await expect(page.getByRole('article', { name: 'Views', exact: true })).toContainText(
      /\d{1,3}(,\d{3})+/,
    );
    await expectDays(figure(page, 'Accounts reached'), from, to, 45);
    // Instagram keeps daily follower counts for 30 days; older days come from the server's
    // snapshots. This run's store began today, so those days have no value, never a 0.
    const apiFrom = addDays(today, -RECENT_ONLY_DAYS);
    const followers = figure(page, 'Follower count');
    await expect(followers).toContainText(
      `Instagram keeps daily follower counts for ${RECENT_ONLY_DAYS} days; days before ${apiFrom} come from the snapshots this server takes every day, stored since ${apiFrom}.`,
    );
    await expectDays(followers, from, to, 45);
    const { rows } = await tableOf(followers);
    for (let i = 0; i < 45; i++) {
      const cell = rows.nth(i).getByRole('cell').first();
      if (i < 45 - RECENT_ONLY_DAYS) await expect(cell).toHaveText('not available');
      else await expect(cell).toHaveText(/^\d[\d,]*$/);
    }
  });

  test('a range over 120 days draws daily activity from the stored history, with the same numbers as /api', async ({
    page,
    request,
  }) => {
    // The demo's backfill stores two years of history shortly after the server starts.
    await expect
      .poll(
        async () => {
          const response = await request.get(`/api/${NORTHWIND}/history`);
          return ((await response.json()) as { state?: string }).state;
        },
        { timeout: 60_000 },
      )
      .toBe('done');
    const history = (await (await request.get(`/api/${NORTHWIND}/history`)).json()) as {
      settled_days: number;
    };
    const today = await serverToday(page.request);
    const from = addDays(today, -150);
    const to = addDays(today, -1);
    await page.goto(`/accounts/${NORTHWIND}?v=1&range=custom&from=${from}&to=${to}`);

    await expect(page.getByTestId('history-note')).toHaveText(
      new RegExp(
        `^History stored: all ${integer.format(history.settled_days)} settled days since `,
      ),
    );
    const activity = page.getByRole('region', { name: 'Activity, day by day' });
    await expect(activity).not.toContainText('Not available');
    const views = figure(page, 'Views');
    await expectDays(views, from, to, 150);
    const api = await apiInsights(request, {
      metric: 'views,accounts_engaged,total_interactions,profile_views,website_clicks',
      metric_type: 'total_value',
      split: 'day',
      since: from,
      until: to,
    });
    const expected = api.data.find((d) => d.name === 'views')?.values ?? [];
    expect(expected).toHaveLength(150);
    const { rows } = await tableOf(views);
    for (const i of [0, 75, 149]) {
      const value = expected[i];
      await expect(rows.nth(i).getByRole('cell').first()).toHaveText(
        integer.format(value?.value ?? Number.NaN),
      );
    }
    await expectDays(figure(page, 'Accounts reached'), from, to, 150);
  });

  test('a link older than two years that the store does not hold: kept, and each chart says why it has no data', async ({
    page,
  }) => {
    // The server refuses these days (400); the browser logs each refusal.
    const errors = trackErrors(page, (text) => text.includes('400'));
    const today = await serverToday(page.request);
    const from = addDays(today, -3 * 365);
    const to = addDays(from, 29);
    await page.goto(`/accounts/${NORTHWIND}?v=1&range=custom&from=${from}&to=${to}`);

    await expect(page.getByRole('heading', { level: 1, name: '@northwind.coffee' })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`range=custom&from=${from}&to=${to}$`));
    const oldest = addDays(today, -(MAX_HISTORY_DAYS - 1));
    const reach = figure(page, 'Accounts reached');
    await expect(reach.getByRole('alert')).toContainText(
      `Instagram keeps account insights for two years: use since=${oldest} or later.`,
    );
    await expect(reach.getByRole('table')).toHaveCount(0);
    // Unique accounts are not asked for at all: only Instagram counts them, for two years.
    await expect(page.getByRole('article', { name: 'Accounts reached' })).toContainText(
      `Not available: Instagram keeps two years of insights, and only Instagram counts unique accounts over a range: start on ${oldest} or later for these totals.`,
    );
    // This store holds no older days: the picker keeps Instagram's two years.
    const form = page.getByRole('form', { name: 'Custom date range' });
    await expect(form.getByLabel('From')).toHaveAttribute('min', oldest);
    await expect(form).toContainText(
      `Instagram keeps two years of insights: start on ${oldest} or later.`,
    );
    await expectLoaded(page);
    expect(errors).toEqual([]);
  });

  test("tiny.pottery's follower count is not available below 100 followers, not 0", async ({
    page,
  }) => {
    // The 422 answer is expected; the browser logs every non-2xx response.
    const errors = trackErrors(
      page,
      (text, url) => text.includes('422') && url.includes('metric=follower_count'),
    );
    await page.goto(`/accounts/${TINY}`);

    await expect(page.getByRole('heading', { level: 1, name: '@tiny.pottery' })).toBeVisible();
    const followers = figure(page, 'Follower count');
    await expect(followers).toContainText(
      'Not available: Instagram gives this metric only for accounts with 100 or more followers.',
    );
    await expect(followers.getByRole('table')).toHaveCount(0);
    await expect(followers.getByText('Show data table')).toHaveCount(0);
    await expectLoaded(page);
    expect(errors).toEqual([]);
  });

  test('a failing card fails on its own, with a retry', async ({ page }) => {
    let fail = true;
    await routeApi(page, `/api/${NORTHWIND}/insights?`, ({ url }) => {
      const params = url.searchParams;
      // Views by follower status (asked together with follows and unfollows) fails.
      const metrics = params.get('metric')?.split(',') ?? [];
      return fail && params.get('breakdown') === 'follow_type' && metrics.includes('views')
        ? { status: 503, json: { error: { message: 'Instagram is busy; try again.', code: 2 } } }
        : undefined;
    });
    await page.goto(`/accounts/${NORTHWIND}`);

    const card = page.getByRole('region', { name: 'Views by follower status' });
    await expect(card.getByRole('alert')).toContainText('Instagram is busy; try again.', {
      timeout: 15_000,
    });
    await expect(page.getByRole('region', { name: 'Views by content type' })).toContainText(
      'Reels',
    );
    fail = false;
    await card.getByRole('button', { name: 'Try again' }).click();
    await expect(card.getByRole('rowheader', { name: 'Followers', exact: true })).toBeVisible();
  });

  test('a chart whose drawing code cannot be loaded says so, keeps its table, and can try again', async ({
    page,
  }) => {
    let refuse = true;
    await page.route('**/assets/TimeSeriesPlot-*.js', (route) =>
      refuse ? route.abort() : route.continue(),
    );
    await page.goto(`/accounts/${NORTHWIND}`);
    const reach = figure(page, 'Accounts reached');
    await expect(reach.getByRole('button', { name: /^Export CSV/ })).toBeVisible();
    await reach.scrollIntoViewIfNeeded();
    await expect(reach.getByText(/the chart could not be loaded/)).toBeVisible();
    // The values are still there, as a table.
    await reach.getByText('Show data table').click();
    await expect(reach.getByRole('table').getByRole('rowheader')).toHaveCount(28);
    refuse = false;
    await reach.getByRole('button', { name: 'Try again' }).click();
    // Off the chart, so that no tooltip cursor is drawn where the button was.
    await page.mouse.move(0, 0);
    await expect(reach.locator('path.recharts-curve')).toHaveCount(1);
    await expect(reach.getByText(/the chart could not be loaded/)).toHaveCount(0);
  });

  test('links back to all accounts', async ({ page }) => {
    await page.goto(`/accounts/${NORTHWIND}`);
    await page.getByRole('link', { name: 'All accounts' }).click();
    await expect(page).toHaveURL('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`has no serious accessibility problems (${colorScheme})`, async ({ page }) => {
      test.slow(); // axe over a page of charts and tables takes a while on a busy machine
      await page.emulateMedia({ colorScheme });
      await page.goto(`/accounts/${NORTHWIND}`);
      await expect(figure(page, 'Accounts reached')).toBeVisible();
      await expectLoaded(page);
      // With a data table and a description open: they are part of what people use.
      await tableOf(figure(page, 'Accounts reached'));
      await page
        .getByRole('article', { name: 'Views', exact: true })
        .getByText('About views')
        .click();
      await expectNoSeriousAxeViolations(page);
    });
  }

  test('fits a 375px wide screen without horizontal scrolling, tables open', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`/accounts/${NORTHWIND}`);
    await expectLoaded(page);
    await tableOf(figure(page, 'Accounts reached'));
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
