import AxeBuilder from '@axe-core/playwright';
import {
  type APIRequestContext,
  expect as baseExpect,
  type Locator,
  type Page,
  test,
} from '@playwright/test';
import { MAX_HISTORY_DAYS, MAX_SPLIT_DAYS } from '../src/graph/date-windows';
import { addDays, dayOfEndTime } from '../src/graph/pacific-days';
import { apiPathsOf } from './api-mock';
import { serverToday } from './support';

// The compare page asks about a dozen requests per account; on a busy machine defaults are tight.
const expect = baseExpect.configure({ timeout: 15_000 });

const NORTHWIND = '17841405822304914';
const LUMEN = '17841400118305523';
const TINY = '17841452007713306';
const ALL = [NORTHWIND, LUMEN, TINY];
const FIVE_NAMES = [
  [NORTHWIND, 'northwind.coffee'],
  [LUMEN, 'lumen.studio'],
  [TINY, 'tiny.pottery'],
  ['17841463390127748', 'harbor.cycles'],
  ['17841470045218861', 'mesa.kitchen'],
] as const;
const FIVE = FIVE_NAMES.map(([id]) => id);
const integer = new Intl.NumberFormat('en-US');
const twoDecimals = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

const figure = (page: Page, name: string) => page.getByRole('figure', { name, exact: true });
const sideBySide = (page: Page) => page.getByRole('region', { name: 'Accounts side by side' });
const compareSelect = (page: Page) => page.getByRole('combobox', { name: 'Compare with' });
/** `accounts=a,b` as the URL writes it (the comma may be encoded). */
const accountsParam = (...ids: string[]) => new RegExp(`accounts=${ids.join('(,|%2C)')}(&|$)`);

interface InsightsAnswer {
  data: {
    name: string;
    total_value?: { value: number };
    values?: { value: number; end_time: string }[];
  }[];
}

async function api(request: APIRequestContext, id: string, params: Record<string, string>) {
  const response = await request.get(`/api/${id}/insights`, { params });
  expect(response.ok()).toBe(true);
  return (await response.json()) as InsightsAnswer;
}

async function dailyReach(request: APIRequestContext, id: string, since: string, until: string) {
  const answer = await api(request, id, {
    metric: 'reach',
    period: 'day',
    metric_type: 'time_series',
    since,
    until,
  });
  return new Map((answer.data[0]?.values ?? []).map((v) => [dayOfEndTime(v.end_time), v.value]));
}

async function followers(request: APIRequestContext): Promise<Map<string, number>> {
  const response = await request.get('/api/accounts');
  const body = (await response.json()) as { data: { id: string; followers_count: number }[] };
  return new Map(body.data.map((a) => [a.id, a.followers_count]));
}

/** The data table of a chart, opened if needed. */
async function tableOf(chart: Locator): Promise<Locator> {
  const table = chart.getByRole('table');
  if (!(await table.isVisible())) await chart.getByText('Show data table').click();
  await expect(table).toBeVisible();
  return table;
}

/** The text of a table's cell in the row whose header is `row` and the column headed `column`. */
async function cell(table: Locator, row: string, column: string): Promise<string> {
  // Comparison columns appear once their data has arrived.
  await expect(table.locator('thead th').filter({ hasText: column }).first()).toBeVisible();
  const headers = await table.locator('thead th').allTextContents();
  const index = headers.findIndex((h) => h.trim().endsWith(column));
  expect(index, `column ${column} in ${headers.join(' | ')}`).toBeGreaterThan(0);
  const tr = table
    .locator('tbody tr')
    .filter({ has: table.page().getByRole('rowheader', { name: row, exact: true }) });
  return (await tr.locator('th, td').nth(index).textContent()) ?? '';
}

async function expectLoaded(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByText('Updating…')).toHaveCount(0, { timeout: 20_000 });
  await expect(sideBySide(page).getByText('…', { exact: true })).toHaveCount(0, {
    timeout: 20_000,
  });
}

test.describe('compare accounts', () => {
  test('picks three demo accounts from the nav, with a line and a column per account', async ({
    page,
    request,
  }) => {
    const today = await serverToday(page.request);
    const from = addDays(today, -28);
    const to = addDays(today, -1);
    await page.goto('/');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Compare' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Compare accounts' })).toBeVisible();
    await expect(page.getByText('Pick two or more accounts')).toBeVisible();

    for (const name of ['@northwind.coffee', '@lumen.studio', '@tiny.pottery'])
      await page.getByRole('checkbox', { name: new RegExp(name.replace('.', '\\.')) }).click();
    await expect(page).toHaveURL(accountsParam(...ALL));

    // One chart per metric, one line (table column) per account, days of the default range.
    const reach = figure(page, 'Accounts reached');
    const table = await tableOf(reach);
    await expect(table.locator('thead th')).toHaveText([
      'Day',
      '@northwind.coffee',
      '@lumen.studio',
      '@tiny.pottery',
    ]);
    await expect(table.getByRole('rowheader')).toHaveCount(28);
    await expect(table.getByRole('rowheader').first()).toHaveText(from);
    const lumen = await dailyReach(request, LUMEN, from, to);
    for (const day of [from, addDays(from, 13), to]) {
      expect(await cell(table, day, '@lumen.studio')).toBe(
        integer.format(lumen.get(day) as number),
      );
    }
    for (const title of ['Views', 'Content interactions', 'Accounts engaged'])
      await expect(figure(page, title)).toBeVisible();

    // Side by side: totals from the API, and the engagement rate with its formula beside it.
    await expectLoaded(page);
    const totals = await api(request, NORTHWIND, {
      metric: 'views,total_interactions',
      metric_type: 'total_value',
      since: from,
      until: to,
    });
    const reachTotal = await api(request, NORTHWIND, {
      metric: 'reach',
      metric_type: 'total_value',
      since: from,
      until: to,
    });
    const views = totals.data.find((d) => d.name === 'views')?.total_value?.value as number;
    const interactions = totals.data.find((d) => d.name === 'total_interactions')?.total_value
      ?.value as number;
    const reached = reachTotal.data[0]?.total_value?.value as number;
    const side = sideBySide(page).getByRole('table');
    expect(await cell(side, 'Views, total', '@northwind.coffee')).toBe(integer.format(views));
    expect(await cell(side, 'Views, daily average', '@northwind.coffee')).toBe(
      new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(views / 28),
    );
    expect(await cell(side, 'Engagement rate', '@northwind.coffee')).toBe(
      `${twoDecimals.format((interactions / reached) * 100)}% (interactions ÷ reach)`,
    );
    await expect(
      side.getByRole('rowheader', { name: 'Views, change vs previous period' }),
    ).toBeVisible();

    await page.getByRole('radio', { name: 'Interactions ÷ followers' }).click();
    await expect(page).toHaveURL(/[?&]er=followers/);
    const count = (await followers(request)).get(NORTHWIND) as number;
    expect(await cell(side, 'Engagement rate', '@northwind.coffee')).toBe(
      `${twoDecimals.format((interactions / count) * 100)}% (interactions ÷ followers)`,
    );
  });

  test('switches between absolute values, per 1,000 followers and an index', async ({
    page,
    request,
  }) => {
    const today = await serverToday(page.request);
    const from = addDays(today, -7);
    const to = addDays(today, -1);
    await page.goto(`/compare?v=1&range=7d&accounts=${NORTHWIND},${TINY}`);
    const reach = figure(page, 'Accounts reached');
    const table = await tableOf(reach);
    const northwind = await dailyReach(request, NORTHWIND, from, to);
    const tiny = await dailyReach(request, TINY, from, to);
    expect(await cell(table, from, '@northwind.coffee')).toBe(
      integer.format(northwind.get(from) as number),
    );

    await page.getByRole('radio', { name: 'Per 1,000 followers' }).click();
    await expect(page).toHaveURL(/[?&]norm=per1000/);
    const counts = await followers(request);
    await expect(
      page.getByText(/Per 1,000 followers: each day's value ÷ the account's follower count/),
    ).toContainText(`@northwind.coffee ${integer.format(counts.get(NORTHWIND) as number)}`);
    for (const day of [from, to]) {
      expect(await cell(table, day, '@northwind.coffee')).toBe(
        twoDecimals.format(
          ((northwind.get(day) as number) / (counts.get(NORTHWIND) as number)) * 1000,
        ),
      );
      expect(await cell(table, day, '@tiny.pottery')).toBe(
        twoDecimals.format(((tiny.get(day) as number) / (counts.get(TINY) as number)) * 1000),
      );
    }

    await page.getByRole('radio', { name: 'Indexed (start = 100)' }).click();
    await expect(page).toHaveURL(/[?&]norm=index/);
    const base = northwind.get(from) as number;
    expect(await cell(table, from, '@northwind.coffee')).toBe('100');
    expect(await cell(table, to, '@northwind.coffee')).toBe(
      new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(
        ((northwind.get(to) as number) / base) * 100,
      ),
    );

    await page.getByRole('radio', { name: 'Absolute values' }).click();
    await expect(page).not.toHaveURL(/norm=/);
    expect(await cell(table, to, '@northwind.coffee')).toBe(
      integer.format(northwind.get(to) as number),
    );
  });

  test('compares with the previous period and a year earlier: dashed lines, both days', async ({
    page,
    request,
  }) => {
    const today = await serverToday(page.request);
    const from = addDays(today, -7);
    const to = addDays(today, -1);
    await page.goto(`/compare?v=1&range=7d&accounts=${NORTHWIND},${LUMEN}`);
    await expect(figure(page, 'Accounts reached')).toBeVisible();

    await compareSelect(page).selectOption('previous');
    await expect(page).toHaveURL(/[?&]compare=previous/);
    await expect(
      page.getByText(
        `Compared with the previous 7 days, ${addDays(from, -7)} to ${addDays(to, -7)}.`,
      ),
    ).toBeVisible();
    const reach = figure(page, 'Accounts reached');
    const table = await tableOf(reach);
    await expect(table.locator('thead th')).toHaveText([
      'Day',
      '@northwind.coffee',
      '@lumen.studio',
      'Day (previous period)',
      '@northwind.coffee, previous period',
      '@lumen.studio, previous period',
    ]);
    const previous = await dailyReach(request, NORTHWIND, addDays(from, -7), addDays(to, -7));
    expect(await cell(table, from, 'Day (previous period)')).toBe(addDays(from, -7));
    expect(await cell(table, from, '@northwind.coffee, previous period')).toBe(
      integer.format(previous.get(addDays(from, -7)) as number),
    );
    await expect(reach.locator('path.recharts-curve[stroke-dasharray]')).toHaveCount(2);

    // The tooltip gives each value with its own day.
    const plot = reach.locator('.recharts-wrapper');
    const box = await plot.boundingBox();
    if (!box) throw new Error('no chart');
    await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
    const tooltip = reach.locator('.recharts-tooltip-wrapper');
    await expect(tooltip).toContainText('(previous period)');
    await expect(tooltip).toContainText('@northwind.coffee, previous period');
    const dates = (await tooltip.textContent())?.match(
      /[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}, \d{4}/g,
    );
    expect(dates).toHaveLength(2);

    // A year earlier: 364 days back, the same weekday.
    await compareSelect(page).selectOption('year');
    await expect(page).toHaveURL(/[?&]compare=year/);
    await expect(page.getByText('52 weeks earlier, so weekdays match')).toBeVisible();
    const yearTable = await tableOf(reach);
    expect(await cell(yearTable, from, 'Day (same period a year earlier)')).toBe(
      addDays(from, -364),
    );
    await expect(
      sideBySide(page).getByRole('rowheader', {
        name: 'Views, change vs same period a year earlier',
      }),
    ).toBeVisible();

    // The comparison shortcut cycles back to off.
    await page.locator('body').press('x');
    await expect(page).not.toHaveURL(/compare=/);
    await expect(compareSelect(page)).toHaveValue('off');
  });

  test('a comparison older than the two years Instagram keeps says why', async ({ page }) => {
    const today = await serverToday(page.request);
    const from = addDays(today, -700);
    const to = addDays(today, -680);
    await page.goto(
      `/compare?v=1&range=custom&from=${from}&to=${to}&compare=year&accounts=${NORTHWIND},${LUMEN}`,
    );
    await expect(
      page.getByText(
        /Not available: Instagram keeps two years of insights: the same period a year earlier would start on/,
      ),
    ).toBeVisible();
    await expect(figure(page, 'Accounts reached').getByRole('table')).toHaveCount(0);
  });

  test('an id the server does not show: asked at once with the others, then left out with its notice and nothing else of it', async ({
    page,
  }) => {
    const UNKNOWN = '17841499999999999';
    const asked: string[] = [];
    page.on('request', (r) => {
      asked.push(...apiPathsOf(r));
    });
    await page.goto(`/compare?v=1&accounts=${NORTHWIND},${UNKNOWN},${LUMEN}`);
    await expect(
      page.getByText(`This server does not show account ${UNKNOWN}; it was left out.`),
    ).toBeVisible();
    await expect(figure(page, 'Accounts reached').locator('path.recharts-line-curve')).toHaveCount(
      2,
    );
    await expectLoaded(page);
    // Its insights were asked before the list said it is not shown: nothing of them is shown.
    expect(asked.some((p) => p.startsWith(`/api/${UNKNOWN}/insights?`))).toBe(true);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByRole('main')).not.toContainText(
      new RegExp(`${UNKNOWN}(?!; it was left out)`),
    );
    await expect(sideBySide(page).locator('thead th')).toHaveText([
      'Metric',
      '@northwind.coffee',
      '@lumen.studio',
    ]);
  });

  test('five accounts over two years: a line each, the values of /api, a few requests per account', async ({
    page,
    request,
  }) => {
    test.slow();
    const today = await serverToday(page.request);
    // The earliest day Instagram keeps.
    const from = addDays(today, -(MAX_HISTORY_DAYS - 1));
    const to = addDays(today, -1);
    const insightRequests: string[] = [];
    page.on('request', (r) => {
      insightRequests.push(...apiPathsOf(r).filter((p) => p.includes('/insights?')));
    });
    await page.goto(`/compare?v=1&range=custom&from=${from}&to=${to}&accounts=${FIVE.join(',')}`);
    const reach = figure(page, 'Accounts reached');
    await expect(reach.locator('path.recharts-line-curve')).toHaveCount(5, { timeout: 30_000 });
    await expectLoaded(page);
    await expect(page.getByRole('main').getByRole('status').getByRole('listitem')).toHaveCount(0);
    // Per account: daily reach and the range totals; never one request per day.
    expect(insightRequests.length).toBeLessThanOrEqual(FIVE.length * 2);
    // Two years are labelled by month, not by hundreds of days.
    const labels = await reach
      .locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')
      .allTextContents();
    expect(labels.length).toBeGreaterThan(3);
    for (const label of labels) expect(label).toMatch(/^[A-Z][a-z]{2} \d{4}$/);
    await expect(figure(page, 'Views')).toContainText(
      `daily curves cover at most ${MAX_SPLIT_DAYS} days`,
    );

    const table = await tableOf(reach);
    await expect(table.getByRole('rowheader')).toHaveCount(MAX_HISTORY_DAYS - 1);
    await expect(table.locator('thead th')).toHaveText([
      'Day',
      ...FIVE_NAMES.map(([, name]) => `@${name}`),
    ]);
    for (const [id, name] of FIVE_NAMES) {
      const own = await dailyReach(request, id, from, to);
      for (const day of [from, addDays(from, 365), to])
        expect(await cell(table, day, `@${name}`)).toBe(integer.format(own.get(day) as number));
    }
  });

  test('five accounts over a year against the previous year: ten lines, both days in the table', async ({
    page,
    request,
  }) => {
    test.slow();
    const today = await serverToday(page.request);
    // A year whose previous period still starts within the two years Instagram keeps.
    const from = addDays(today, -364);
    const to = addDays(today, -1);
    await page.goto(
      `/compare?v=1&range=custom&from=${from}&to=${to}&compare=previous&accounts=${FIVE.join(',')}`,
    );
    const reach = figure(page, 'Accounts reached');
    // A line per account, and a dashed one per account for the year before.
    await expect(reach.locator('path.recharts-line-curve')).toHaveCount(10, { timeout: 30_000 });
    await expect(reach.locator('path.recharts-line-curve[stroke-dasharray]')).toHaveCount(5);
    await expectLoaded(page);
    const table = await tableOf(reach);
    await expect(table.getByRole('rowheader')).toHaveCount(364);
    const previousFrom = addDays(from, -364);
    for (const [id, name] of FIVE_NAMES) {
      const before = await dailyReach(request, id, previousFrom, addDays(from, -1));
      for (const offset of [0, 363]) {
        const value = before.get(addDays(previousFrom, offset));
        expect(await cell(table, addDays(from, offset), `@${name}, previous period`)).toBe(
          value === undefined ? 'not available' : integer.format(value),
        );
      }
    }
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`has no serious accessibility problems (${colorScheme})`, async ({ page }) => {
      test.slow();
      await page.emulateMedia({ colorScheme });
      await page.goto(`/compare?v=1&range=14d&compare=previous&accounts=${ALL.join(',')}`);
      await expectLoaded(page);
      await tableOf(figure(page, 'Accounts reached'));
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target) }));
      expect(serious).toEqual([]);
    });
  }

  test('fits a 375px wide screen with five accounts, without sideways scrolling of the page', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`/compare?v=1&compare=previous&accounts=${FIVE.join(',')}`);
    await expectLoaded(page);
    await tableOf(figure(page, 'Accounts reached'));
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    // The wide side-by-side table scrolls in its own region, which the keyboard can reach.
    const sides = sideBySide(page);
    await expect(sides.getByRole('columnheader', { name: '@mesa.kitchen' })).toBeAttached();
    expect(await sides.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await expect(sides).toHaveAttribute('tabindex', '0');
  });
});
