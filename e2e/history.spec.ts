import { expect as baseExpect, test } from '@playwright/test';
import { formatDay } from '../src/app/lib/format';
import { MAX_HISTORY_DAYS } from '../src/graph/date-windows';
import {
  addDays,
  dayOfEndTime,
  daysBetween,
  type IsoDay,
  pacificDayOf,
  parseGraphTimestamp,
} from '../src/graph/pacific-days';
import { forkStack } from '../src/server/testing/fork-stack';
import { expectNoSeriousAxeViolations, trackErrors } from './support';

const expect = baseExpect.configure({ timeout: 15_000 });
const NORTHWIND = '17841405822304914';
const LUMEN = '17841400118305523';
const DAY = 86_400_000;
const integer = new Intl.NumberFormat('en-US');

test.describe('stored history', () => {
  test("a post's page draws how its numbers grew, from the snapshots the server kept each day", async ({
    browser,
    playwright,
  }) => {
    test.setTimeout(180_000);
    // A demo with a store of its own, whose clock the test moves on a day at a time.
    const stack = await forkStack({
      mode: 'demo',
      distDir: 'dist',
      storage: true,
      movableClock: true,
      logRequests: false,
    });
    const request = await playwright.request.newContext({ baseURL: stack.proxyUrl });
    const context = await browser.newContext({ baseURL: stack.proxyUrl });
    try {
      await stack.runHistory();
      const health = (await (await request.get('/api/health')).json()) as { today: IsoDay };
      const list = (await (
        await request.get(`/api/${NORTHWIND}/media`, {
          params: { fields: 'id,timestamp,media_product_type', limit: '50' },
        })
      ).json()) as { data: { id: string; timestamp: string; media_product_type: string }[] };
      const post = list.data.find(
        (p) =>
          p.media_product_type !== 'STORY' &&
          daysBetween(pacificDayOf(parseGraphTimestamp(p.timestamp)), health.today) < 20,
      );
      if (!post) throw new Error('the demo has no post younger than 20 days');
      for (let day = 0; day < 2; day++) {
        await stack.moveClock(DAY);
        await stack.runHistory();
      }
      const history = (await (await request.get(`/api/${post.id}/history`)).json()) as {
        data: { name: string; values: { value: number; day: IsoDay }[] }[];
      };
      const reach = history.data.find((m) => m.name === 'reach')?.values ?? [];
      expect(reach).toHaveLength(3);

      const page = await context.newPage();
      const errors = trackErrors(page);
      await page.goto(`/media/${post.id}`);
      const growth = page.getByRole('region', { name: 'How it grew' });
      const chart = growth.getByRole('figure', { name: 'Accounts reached, total as of each day' });
      await expect(chart).toBeVisible();
      await chart.getByText('Show data table').click();
      const rows = chart.getByRole('table').locator('tbody tr');
      await expect(rows).toHaveCount(3);
      for (const [i, point] of reach.entries()) {
        await expect(rows.nth(i).getByRole('rowheader')).toHaveText(point.day);
        await expect(rows.nth(i).getByRole('cell').first()).toHaveText(integer.format(point.value));
      }
      await expectNoSeriousAxeViolations(page);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await request.dispose();
      await stack.close();
    }
  });

  test("an account's days older than Instagram's two years: a link keeps them, the charts draw the stored ones and mark the others, the picker reaches back to them", async ({
    browser,
    playwright,
  }) => {
    test.setTimeout(240_000);
    // The store fills two years of history, then the clock moves on 40 days and the backfill
    // stores them too: the oldest 40 days stored are older than Instagram keeps. The clock ends
    // near the real one, and the page is told it (a pinned base clock).
    const moved = 40;
    const stack = await forkStack({
      mode: 'demo',
      distDir: 'dist',
      storage: true,
      movableClock: true,
      now: new Date(Date.now() - moved * DAY).toISOString(),
      logRequests: false,
    });
    const request = await playwright.request.newContext({ baseURL: stack.proxyUrl });
    const context = await browser.newContext({ baseURL: stack.proxyUrl });
    try {
      await stack.runHistory();
      await stack.moveClock(moved * DAY);
      await stack.runHistory();
      const today = ((await (await request.get('/api/health')).json()) as { today: IsoDay }).today;
      const history = (await (await request.get(`/api/${NORTHWIND}/history`)).json()) as {
        oldest_day: IsoDay;
        older_days: number;
        state: string;
      };
      expect(history.state).toBe('done');
      // 40 days, or 39 when the move crosses the end of daylight saving time near midnight.
      expect(history.older_days).toBeGreaterThanOrEqual(moved - 1);
      const instagramOldest = addDays(today, -(MAX_HISTORY_DAYS - 1));
      const stored = history.oldest_day;
      expect(daysBetween(stored, instagramOldest)).toBe(history.older_days);

      // 30 days, the first 5 before the oldest day stored, all before Instagram's two years.
      const from = addDays(stored, -5);
      const to = addDays(stored, 24);
      const api = (await (
        await request.get(`/api/${NORTHWIND}/insights`, {
          params: {
            metric: 'reach',
            period: 'day',
            metric_type: 'time_series',
            since: from,
            until: to,
          },
        })
      ).json()) as {
        data: { name: string; values: { value: number; end_time: string }[] }[];
        missing_days: { first: IsoDay; last: IsoDay; reason: string }[];
      };
      const reach = new Map(
        (api.data.find((d) => d.name === 'reach')?.values ?? []).map((v) => [
          dayOfEndTime(v.end_time),
          v.value,
        ]),
      );
      expect(reach.size).toBe(25);
      expect(api.missing_days).toHaveLength(1);
      const missing = api.missing_days[0];
      expect(missing).toMatchObject({ first: from, last: addDays(stored, -1) });

      const page = await context.newPage();
      // Totals need every day of their range: the server refuses them here (400), and says why.
      const errors = trackErrors(page, (text) => text.includes('400'));
      const link = `/accounts/${NORTHWIND}?v=1&range=custom&from=${from}&to=${to}`;
      await page.goto(link);
      await expect(
        page.getByRole('heading', { level: 1, name: '@northwind.coffee' }),
      ).toBeVisible();
      // The link is kept as written, without a notice.
      await expect(page).toHaveURL(new RegExp(`range=custom&from=${from}&to=${to}$`));
      await expect(page.getByText('Showing the last 28 days instead')).toHaveCount(0);

      const chart = page.getByRole('figure', { name: 'Accounts reached', exact: true });
      await expect(chart).toContainText(
        `Not available for ${formatDay(from)} – ${formatDay(missing?.last ?? from)}: ${missing?.reason}`,
      );
      await chart.getByText('Show data table').click();
      const rows = chart.getByRole('table').locator('tbody tr');
      await expect(rows).toHaveCount(30);
      for (let i = 0; i < 30; i++) {
        const day = addDays(from, i);
        await expect(rows.nth(i).getByRole('rowheader')).toHaveText(day);
        const value = reach.get(day);
        await expect(rows.nth(i).getByRole('cell').first()).toHaveText(
          value === undefined ? 'not available' : integer.format(value),
        );
      }
      expect([...reach.keys()].every((day) => day >= stored)).toBe(true);
      // A total over days the store lacks: the server's reason, in its card.
      const totals = page.getByRole('region', { name: 'Totals over 30 days' });
      await expect(totals).toContainText(
        `the dashboard's history holds none before ${stored}: use since=${stored} or later.`,
      );

      // The picker starts on the oldest day stored, and names it for an earlier start.
      const form = page.getByRole('form', { name: 'Custom date range' });
      const start = form.getByLabel('From');
      await expect(start).toHaveAttribute('min', stored);
      const tooOld = `This dashboard holds this account's days from ${stored}: start then or later.`;
      await expect(form).toContainText(tooOld);
      await expect(form.getByRole('button', { name: 'Apply' })).toBeDisabled();
      await start.fill(stored);
      await expect(form).not.toContainText(tooOld);
      await form.getByRole('button', { name: 'Apply' }).click();
      await expect(page).toHaveURL(new RegExp(`range=custom&from=${stored}&to=${to}$`));
      await expect(chart.getByRole('table').locator('tbody tr')).toHaveCount(25);
      await expect(chart.getByText('not available')).toHaveCount(0);
      const newTotals = page.getByRole('region', { name: 'Totals over 25 days' });
      await expect(newTotals).not.toContainText('holds none before');
      await expect(newTotals.getByRole('alert')).toHaveCount(0);
      const restarted = page.getByRole('form', { name: 'Custom date range' });
      await restarted.getByLabel('From').fill(addDays(stored, -1));
      await expect(restarted).toContainText(tooOld);
      await expect(restarted.getByRole('button', { name: 'Apply' })).toBeDisabled();

      await expectNoSeriousAxeViolations(page);

      // The compare page draws the same days, and says whose days are missing.
      await page.goto(
        `/compare?v=1&range=custom&from=${from}&to=${to}&accounts=${NORTHWIND},${LUMEN}`,
      );
      await expect(page).toHaveURL(new RegExp(`range=custom&from=${from}&to=${to}&`));
      const compared = page.getByRole('figure', { name: 'Accounts reached', exact: true });
      await expect(compared).toContainText(
        `@northwind.coffee: Not available for ${formatDay(from)} – ${formatDay(missing?.last ?? from)}: ${missing?.reason}`,
      );
      await compared.getByText('Show data table').click();
      const comparedRows = compared.getByRole('table').locator('tbody tr');
      await expect(comparedRows).toHaveCount(30);
      for (const i of [0, 4, 5, 29]) {
        const value = reach.get(addDays(from, i));
        await expect(comparedRows.nth(i).getByRole('cell').first()).toHaveText(
          value === undefined ? 'not available' : integer.format(value),
        );
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await request.dispose();
      await stack.close();
    }
  });
});
