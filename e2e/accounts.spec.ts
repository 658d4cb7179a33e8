import { type APIRequestContext, expect as baseExpect, type Page, test } from '@playwright/test';
import { addDays } from '../src/graph/pacific-days';
import { routeApi } from './api-mock';
import { expectNoSeriousAxeViolations, serverToday, trackErrors } from './support';

// A page asks a dozen requests at once; on a busy machine the defaults are tight.
const expect = baseExpect.configure({ timeout: 10_000 });

const ACCOUNTS = [
  { id: '17841405822304914', username: 'northwind.coffee' },
  { id: '17841400118305523', username: 'lumen.studio' },
  { id: '17841452007713306', username: 'tiny.pottery' },
  { id: '17841463390127748', username: 'harbor.cycles' },
  { id: '17841470045218861', username: 'mesa.kitchen' },
] as const;

const integer = new Intl.NumberFormat('en-US');
const percent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});

/** Waits until no skeleton is left on the page. */
async function expectLoaded(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0, { timeout: 15_000 });
}

/** The two periods the overview compares, computed like the app does: Pacific days, today out. */
async function periods(request: APIRequestContext) {
  const today = await serverToday(request);
  return {
    current: { since: addDays(today, -28), until: addDays(today, -1) },
    previous: { since: addDays(today, -56), until: addDays(today, -29) },
  };
}

async function totalsFromApi(
  request: APIRequestContext,
  id: string,
  span: { since: string; until: string },
): Promise<Record<string, number>> {
  const response = await request.get(`/api/${id}/insights`, {
    params: { metric: 'reach,views', metric_type: 'total_value', ...span },
  });
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as {
    data: { name: string; total_value: { value: number } }[];
  };
  return Object.fromEntries(body.data.map((d) => [d.name, d.total_value.value]));
}

const card = (page: Page, username: string) =>
  page.getByRole('article', { name: `@${username}`, exact: true });

test.describe('accounts overview', () => {
  test('shows every account with followers, reach and views of the last 28 days and their change', async ({
    page,
    request,
  }) => {
    const errors = trackErrors(page);
    const { current, previous } = await periods(page.request);
    await page.goto('/');

    await expect(page.getByRole('article')).toHaveCount(ACCOUNTS.length);
    const accounts = (await (await request.get('/api/accounts')).json()) as {
      data: { id: string; followers_count: number }[];
    };
    for (const { id, username } of ACCOUNTS) {
      const now = await totalsFromApi(request, id, current);
      const before = await totalsFromApi(request, id, previous);
      const followers = accounts.data.find((a) => a.id === id)?.followers_count as number;
      const item = card(page, username);

      await expect(item).toContainText(`${integer.format(followers)} followers`);
      for (const [metric, title] of [
        ['reach', 'Accounts reached'],
        ['views', 'Views'],
      ] as const) {
        const value = now[metric] as number;
        const earlier = before[metric] as number;
        const change = percent.format((value - earlier) / earlier);
        await expect(item).toContainText(`${title}${integer.format(value)}`);
        await expect(item).toContainText(`${change} compared with the previous 28 days`);
      }
      await expect(item.getByRole('link', { name: `@${username}` })).toHaveAttribute(
        'href',
        `/accounts/${id}`,
      );
    }
    expect(errors).toEqual([]);
  });

  test('a card links to its account page', async ({ page }) => {
    await page.goto('/');
    await card(page, 'lumen.studio').getByRole('link', { name: '@lumen.studio' }).click();
    await expect(page).toHaveURL(`/accounts/${ACCOUNTS[1].id}`);
    await expect(page.getByRole('heading', { level: 1, name: '@lumen.studio' })).toBeVisible();
  });

  test('each card fails on its own, and a failed comparison shows no change', async ({ page }) => {
    const broken = ACCOUNTS[0];
    const { previous } = await periods(page.request);
    // northwind's totals fail with a transient error; lumen's earlier period is not available.
    let fail = true;
    await routeApi(page, `/api/${broken.id}/insights?`, ({ url }) =>
      fail && url.searchParams.get('metric_type') === 'total_value'
        ? {
            status: 503,
            json: {
              error: { message: 'Instagram is not answering; try again shortly.', code: 2 },
            },
          }
        : undefined,
    );
    await routeApi(page, `/api/${ACCOUNTS[1].id}/insights?`, ({ url }) =>
      url.searchParams.get('since') === previous.since
        ? { status: 422, json: { error: { message: 'No data for those days.', code: 100 } } }
        : undefined,
    );
    await page.goto('/');

    const failed = card(page, broken.username);
    const alert = failed.getByRole('alert');
    await expect(alert).toContainText('Instagram is not answering; try again shortly.', {
      timeout: 15_000,
    });
    // The other cards are unaffected.
    await expect(card(page, 'tiny.pottery')).toContainText('compared with the previous 28 days');
    // Without the earlier period there is no change to show, and none is made up.
    const lumen = card(page, 'lumen.studio');
    await expect(lumen).toContainText(/Views[\d,]+/);
    await expect(lumen.getByText('No comparison')).toHaveCount(2);
    await expect(lumen).not.toContainText('compared with the previous 28 days');

    fail = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(failed).toContainText(/Accounts reached[\d,]+/);
    await expect(failed.getByRole('alert')).toHaveCount(0);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`has no serious accessibility problems (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto('/');
      await expect(page.getByRole('article')).toHaveCount(ACCOUNTS.length);
      await expectLoaded(page);
      await expectNoSeriousAxeViolations(page);
    });
  }

  test('fits a 375px wide screen without horizontal scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('/');
    await expect(page.getByRole('article')).toHaveCount(ACCOUNTS.length);
    await expectLoaded(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
