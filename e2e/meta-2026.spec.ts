import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import type {
  IgMedia,
  InsightsMetricData,
  InsightsResponse,
  ListResponse,
} from '../src/graph/graph-types';
import { type ForkedStack, forkStack } from '../src/server/testing/fork-stack';
import { watchApiAnswers } from './api-mock';
import { expectNoSeriousAxeViolations, trackErrors } from './support';

/**
 * What Meta added since late 2025, in the pages: the new cards, where each number is counted
 * (Instagram only, or Instagram and Facebook), the collaborations view, and the card of a metric
 * Instagram stops providing (retired in a fake of this spec's own, the way Meta will do it).
 */

const LUMEN = '17841400118305523';
const MESA = '17841470045218861';
const NORTHWIND = '17841405822304914';
const integer = new Intl.NumberFormat('en-US');

const statCard = (page: Page, title: string) =>
  page.getByRole('article', { name: title, exact: true });
const cardValue = (page: Page, title: string) => statCard(page, title).locator('p.text-2xl');

async function listOf(
  request: APIRequestContext,
  path: string,
  fields = 'id,media_type,media_product_type,like_count,comments_count,total_like_count,total_comments_count',
): Promise<IgMedia[]> {
  const response = await request.get(path, { params: { fields, limit: 100 } });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as ListResponse<IgMedia>).data;
}

async function insightsOf(request: APIRequestContext, id: string): Promise<InsightsMetricData[]> {
  const response = await request.get(`/api/${id}/insights`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as InsightsResponse).data;
}

const metricOf = (entries: InsightsMetricData[], name: string) =>
  entries.find((e) => e.name === name)?.values?.[0]?.value as number;

/** A reel of the account whose insights `wanted` accepts, with those insights. */
async function findReel(
  request: APIRequestContext,
  accountId: string,
  wanted: (entries: InsightsMetricData[]) => boolean,
): Promise<{ id: string; entries: InsightsMetricData[] }> {
  const reels = (await listOf(request, `/api/${accountId}/media`)).filter(
    (m) => m.media_product_type === 'REELS',
  );
  for (const reel of reels.slice(3, 40)) {
    const entries = await insightsOf(request, reel.id);
    if (wanted(entries)) return { id: reel.id, entries };
  }
  throw new Error('no such reel among the latest 100 posts');
}

const shared = (entries: InsightsMetricData[]) => entries.some((e) => e.name === 'facebook_views');

test.describe('this year’s metrics in the pages', () => {
  test('a reel shared to Facebook shows the new cards, each saying where its number is counted', async ({
    page,
    request,
  }) => {
    const errors = trackErrors(page);
    const { id, entries } = await findReel(request, MESA, shared);
    await page.goto(`/media/${id}`);
    await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0, {
      timeout: 15_000,
    });
    const expected: [string, string, string][] = [
      ['views', 'Views', 'Instagram only'],
      ['crossposted_views', 'Views on Instagram and Facebook', 'Instagram and Facebook'],
      ['facebook_views', 'Facebook views', 'Facebook only'],
      ['total_views', 'Total views', 'Instagram, Facebook and ads'],
      ['reach', 'Accounts reached', 'Instagram only'],
      ['likes', 'Likes', 'Instagram only'],
      ['total_likes', 'Total likes', 'Instagram, Facebook and ads'],
      ['comments', 'Comments', 'Instagram only'],
      ['total_comments', 'Total comments', 'Instagram, Facebook and ads'],
    ];
    for (const [name, title, where] of expected) {
      const card = statCard(page, title);
      await expect(cardValue(page, title), name).toHaveText(
        integer.format(metricOf(entries, name)),
      );
      await expect(card, name).toContainText(where);
    }
    // Both sides where both exist: Instagram's own next to what the Instagram app shows.
    expect(metricOf(entries, 'total_likes')).toBeGreaterThanOrEqual(metricOf(entries, 'likes'));
    expect(metricOf(entries, 'crossposted_views')).toBe(
      metricOf(entries, 'views') + metricOf(entries, 'facebook_views'),
    );
    await expect(
      page.getByText('Shared to Facebook: each card says where its number is counted.'),
    ).toBeVisible();
    await expect(page.getByRole('article')).toHaveCount(entries.length);
    // Which media and logins have a metric, and since when.
    await statCard(page, 'Total views').getByText('About total views').click();
    await expect(statCard(page, 'Total views')).toContainText(
      'Videos only. In the Graph API since 2026-04-22.',
    );
    expect(errors).toEqual([]);
  });

  test('a reel not shared to Facebook says so and has no Facebook cards', async ({
    page,
    request,
  }) => {
    const errors = trackErrors(page);
    const { id, entries } = await findReel(request, LUMEN, (e) => !shared(e));
    await page.goto(`/media/${id}`);
    await expect(cardValue(page, 'Total likes')).toHaveText(
      integer.format(metricOf(entries, 'total_likes')),
    );
    await expect(
      page.getByText(
        "Not shared to Facebook: these numbers are Instagram's (the totals also count promoted media).",
      ),
    ).toBeVisible();
    await expect(statCard(page, 'Facebook views')).toHaveCount(0);
    await expect(statCard(page, 'Views on Instagram and Facebook')).toHaveCount(0);
    await expect(statCard(page, 'Accounts reached')).toContainText('Instagram only');
    expect(errors).toEqual([]);
  });

  test('the media list says its counts are Instagram’s and shows all likes beside them', async ({
    page,
    request,
  }) => {
    const errors = trackErrors(page);
    const posts = await listOf(request, `/api/${MESA}/media`);
    const first = posts.slice(0, 24);
    await page.goto(`/accounts/${MESA}/media`);
    const cards = page.getByRole('list', { name: 'Posts' }).getByRole('listitem');
    await expect(cards).toHaveCount(24);
    for (const [i, m] of first.entries()) {
      const note = cards.nth(i).getByText(/^Instagram only/);
      if (m.total_like_count !== m.like_count || m.total_comments_count !== m.comments_count)
        await expect(note).toHaveText(
          `Instagram only · with Facebook and ads: ${integer.format(m.total_like_count ?? 0)} likes, ${integer.format(m.total_comments_count ?? 0)} comments`,
        );
      else await expect(note).toHaveText('Instagram only');
    }
    expect(first.some((m) => (m.total_like_count ?? 0) > (m.like_count ?? 0))).toBe(true);

    await page.getByRole('button', { name: 'Table' }).click();
    await expect(page.getByText(/all likes also count Facebook and promoted posts/)).toBeVisible();
    const table = page.getByRole('table');
    const headers = (await table.getByRole('columnheader').allInnerTexts()).map((h) =>
      h.replace(/[↑↓]/g, '').trim(),
    );
    const all = headers.indexOf('All likes');
    expect(all).toBe(headers.indexOf('Comments') + 1);
    const cells = await table
      .locator('tbody tr')
      .evaluateAll((rows, i) => rows.map((r) => r.children[i]?.textContent?.trim() ?? ''), all);
    expect(cells).toEqual(first.map((m) => integer.format(m.total_like_count ?? 0)));
    expect(errors).toEqual([]);
  });
});

test.describe('collaborations', () => {
  test('the media list has a Collaborations view with the same metrics, in the URL', async ({
    page,
    request,
  }) => {
    const errors = trackErrors(page);
    const collabs = await listOf(
      request,
      `/api/${NORTHWIND}/collaborative_media`,
      'id,media_type,media_product_type,like_count,username',
    );
    expect(collabs.length).toBeGreaterThan(0);
    await page.goto(`/accounts/${NORTHWIND}/media`);
    await page.getByRole('button', { name: 'Collaborations', exact: true }).click();
    await expect(page).toHaveURL(/[?&]list=collaborations(&|$)/);
    await expect(page.getByRole('button', { name: 'Collaborations', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(page.getByRole('heading', { level: 2, name: 'Collaborations' })).toBeVisible();
    // Stories are the account's own: not in this view.
    await expect(page.getByRole('heading', { name: 'Stories in the last 24 hours' })).toHaveCount(
      0,
    );
    const list = page.getByRole('list', { name: 'Collaborations' });
    await expect(list.getByRole('listitem')).toHaveCount(Math.min(24, collabs.length));
    const first = collabs[0] as IgMedia & { username: string };
    const card = list.getByRole('listitem').first();
    await expect(card).toContainText(`by @${first.username}`);
    expect(first.username).not.toBe('northwind.coffee');
    const entries = await insightsOf(request, first.id);
    const term = (name: string) => card.locator(`dt:text-is("${name}") + dd`);
    await expect(term('Likes')).toHaveText(integer.format(first.like_count ?? Number.NaN));
    await expect(term('Views')).toHaveText(integer.format(metricOf(entries, 'views')));
    await expect(term('Reach')).toHaveText(integer.format(metricOf(entries, 'reach')));

    // A shared link opens the same view; its post opens with every card.
    await page.reload();
    await expect(list.getByRole('listitem').first()).toContainText(`by @${first.username}`);
    await list.getByRole('link').first().click();
    await expect(page).toHaveURL(`/media/${first.id}?collaborator=${NORTHWIND}`);
    await expect(cardValue(page, 'Accounts reached')).toHaveText(
      integer.format(metricOf(entries, 'reach')),
    );
    await page.goBack();
    await page.getByRole('button', { name: 'Own posts', exact: true }).click();
    await expect(page).not.toHaveURL(/list=/);
    await expect(page.getByRole('list', { name: 'Posts' })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('has no serious axe violations', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`/accounts/${NORTHWIND}/media?list=collaborations`);
    await expect(
      page.getByRole('list', { name: 'Collaborations' }).getByRole('listitem').first(),
    ).toBeVisible();
    await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0);
    await expectNoSeriousAxeViolations(page);
  });
});

test.describe('a metric Instagram stops providing', () => {
  test.describe.configure({ mode: 'serial', timeout: 90_000 });
  const TOKEN = 'EAAB-e2e-retired-SECRET-token-2026';
  let stack: ForkedStack;

  async function retire(metrics: string[]) {
    const response = await fetch(`${stack.fakeUrl}/__faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ retiredMetrics: metrics }),
    });
    expect(response.ok).toBe(true);
  }

  test.beforeAll(async () => {
    stack = await forkStack({ token: TOKEN, distDir: 'dist', logRequests: false });
  });
  test.afterAll(async () => {
    await stack?.close();
  });
  // Live mode: the stack's owner is signed in.
  test.beforeEach(async ({ context }) => {
    const [name = '', value = ''] = stack.sessionCookie.split('=');
    await context.addCookies([{ name, value, url: stack.proxyUrl }]);
  });

  test('costs its card, not the page: the card says so and the others show their numbers', async ({
    page,
    playwright,
  }) => {
    const errors = trackErrors(page);
    const request = await playwright.request.newContext({
      baseURL: stack.proxyUrl,
      extraHTTPHeaders: { cookie: stack.sessionCookie },
    });
    try {
      const reel = (await listOf(request, `/api/${LUMEN}/media`)).find(
        (m) => m.media_product_type === 'REELS',
      ) as IgMedia;
      await retire(['reels_skip_rate']);
      const entries = await insightsOf(request, reel.id);
      expect(entries.map((e) => e.name)).not.toContain('reels_skip_rate');

      await page.goto(`${stack.proxyUrl}/media/${reel.id}`);
      const skip = statCard(page, 'Skip rate');
      await expect(skip).toContainText(
        'Not available: Instagram no longer provides reels_skip_rate for reels.',
      );
      await expect(skip.locator('p.text-2xl')).toHaveCount(0);
      await expect(skip.getByRole('alert')).toHaveCount(0);
      for (const entry of entries)
        await expect(cardValue(page, entry.title), entry.name).toBeVisible();
      await expect(cardValue(page, 'Views')).toHaveText(integer.format(metricOf(entries, 'views')));
      await expect(page.getByRole('article')).toHaveCount(entries.length + 1);
      expect(errors).toEqual([]);
    } finally {
      await request.dispose();
    }
  });

  test('on the account page too: the Reposts card says so, the other totals stay', async ({
    page,
  }) => {
    const errors = trackErrors(page);
    await retire(['account:reposts']);
    await page.goto(`${stack.proxyUrl}/accounts/${NORTHWIND}`);
    const reposts = statCard(page, 'Reposts');
    await expect(reposts).toContainText(
      'Not available: Instagram no longer provides reposts for accounts.',
      { timeout: 20_000 },
    );
    await expect(cardValue(page, 'Views')).toHaveText(/^\d/);
    await expect(cardValue(page, 'Likes')).toHaveText(/^\d/);
    await expect(page.locator('main').getByRole('alert')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});

test.describe('a collaboration whose owner this server does not show', () => {
  test.describe.configure({ timeout: 90_000 });
  const TOKEN = 'EAAB-e2e-collab-SECRET-token-2026';
  let stack: ForkedStack;

  test.beforeAll(async () => {
    stack = await forkStack({
      token: TOKEN,
      accountIds: [NORTHWIND],
      distDir: 'dist',
      logRequests: false,
    });
  });
  test.afterAll(async () => {
    await stack?.close();
  });

  test('opens straight from its address, before the collaborations were listed', async ({
    context,
    page,
  }) => {
    const errors = trackErrors(page);
    const [name = '', value = ''] = stack.sessionCookie.split('=');
    await context.addCookies([{ name, value, url: stack.proxyUrl }]);
    // From Instagram (the fake) itself: the server has listed nothing yet.
    const upstream = await fetch(
      `${stack.fakeUrl}/v26.0/${NORTHWIND}/collaborative_media?fields=id,username&access_token=${TOKEN}`,
    );
    const collab = ((await upstream.json()) as ListResponse<IgMedia & { username: string }>)
      .data[0] as IgMedia & { username: string };
    expect(collab.username).not.toBe('northwind.coffee');
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 403) refused.push(r.url());
    });
    // And inside batches: each path's own answer.
    const answers = watchApiAnswers(page);
    await page.goto(`${stack.proxyUrl}/media/${collab.id}?collaborator=${NORTHWIND}`);
    await expect(cardValue(page, 'Accounts reached')).toHaveText(/^\d/, { timeout: 20_000 });
    await expect(
      page.getByRole('link', { name: 'Collaborations of @northwind.coffee' }),
    ).toBeVisible();
    expect(refused).toEqual([]);
    const refusedPaths = (await answers.all()).filter((a) => a.status === 403).map((a) => a.path);
    expect(refusedPaths).toEqual([]);
    expect(errors).toEqual([]);
  });
});
