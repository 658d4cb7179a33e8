import { expect as baseExpect, test } from '@playwright/test';
import {
  daysBetween,
  type IsoDay,
  pacificDayOf,
  parseGraphTimestamp,
} from '../src/graph/pacific-days';
import { forkStack } from '../src/server/testing/fork-stack';
import { expectNoSeriousAxeViolations, trackErrors } from './support';

const expect = baseExpect.configure({ timeout: 15_000 });
const NORTHWIND = '17841405822304914';
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
});
