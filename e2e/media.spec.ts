import { type APIRequestContext, expect, type Locator, type Page, test } from '@playwright/test';
import { DEFAULT_MEDIA_FIELDS } from '../src/graph/graph-fields';
import type { IgMedia, InsightsResponse, ListResponse } from '../src/graph/graph-types';
import { apiPathsOf, routeApi } from './api-mock';
import { expectNoHorizontalScroll, expectNoSeriousAxeViolations, trackErrors } from './support';

const NORTHWIND = '17841405822304914';
const MEDIA_PAGE = `/accounts/${NORTHWIND}/media`;
// The app's own list request, so the pages here end where the app's pages end.
const PAGE_SIZE = 24;

const integer = new Intl.NumberFormat('en-US');

/** The first `count` pages of the account's media, as the app asks for them. */
async function mediaPages(
  request: APIRequestContext,
  count: number,
  accountId = NORTHWIND,
): Promise<IgMedia[][]> {
  const pages: IgMedia[][] = [];
  let after: string | undefined;
  for (let i = 0; i < count; i++) {
    const response = await request.get(`/api/${accountId}/media`, {
      params: { fields: DEFAULT_MEDIA_FIELDS, limit: PAGE_SIZE, ...(after ? { after } : {}) },
    });
    expect(response.ok()).toBe(true);
    const body = (await response.json()) as ListResponse<IgMedia>;
    pages.push(body.data);
    after = body.paging?.next ? body.paging.cursors?.after : undefined;
    if (!after) break;
  }
  return pages;
}

const postList = (page: Page) => page.getByRole('list', { name: 'Posts' });
const postsTable = (page: Page) => page.getByRole('table');

/** The media ids the grid or table links to, in screen order. */
async function shownIds(container: Locator): Promise<string[]> {
  const hrefs = await container
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((h) => h.replace(/^\/media\//, ''));
}

/** Cell texts of one column of the posts table, by its header's name. */
async function columnTexts(page: Page, header: string): Promise<string[]> {
  const headers = await postsTable(page).getByRole('columnheader').allInnerTexts();
  const index = headers.findIndex((h) => h.replace(/[↑↓]/g, '').trim() === header);
  expect(index).toBeGreaterThanOrEqual(0);
  return postsTable(page)
    .locator('tbody tr')
    .evaluateAll(
      (rows, i) => rows.map((row) => (row.children[i]?.textContent ?? '').trim()),
      index,
    );
}

const parseCount = (text: string) => Number(text.replace(/,/g, ''));

test.describe('media list', () => {
  test("loads a post's picture once it comes near the screen, and every picture for printing", async ({
    page,
    request,
  }) => {
    const [first = []] = await mediaPages(request, 1);
    const withPicture = first.filter((m) => m.media_url || m.thumbnail_url);
    expect(withPicture.length).toBeGreaterThan(12);
    const asked = new Set<string>();
    page.on('request', (r) => {
      const match = /^\/api\/(\d+)\/picture/.exec(new URL(r.url()).pathname);
      if (match?.[1]) asked.add(match[1]);
    });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(MEDIA_PAGE);
    const last = withPicture.at(-1) as IgMedia;
    const cards = postList(page).getByRole('listitem');
    await expect(cards).toHaveCount(first.length);
    await expect(page.getByRole('img', { name: /./ }).first()).toBeVisible();
    // The first posts' pictures, not the last one's, far below.
    await expect.poll(() => asked.has(first[0]?.id ?? '')).toBe(true);
    expect(asked.has(last.id)).toBe(false);
    // Scrolled to the end: its picture is asked then.
    await cards.last().scrollIntoViewIfNeeded();
    await expect.poll(() => asked.has(last.id)).toBe(true);

    // Printing asks every picture at once.
    const other = await page.context().newPage();
    const printed = new Set<string>();
    other.on('request', (r) => {
      const match = /^\/api\/(\d+)\/picture/.exec(new URL(r.url()).pathname);
      if (match?.[1]) printed.add(match[1]);
    });
    await other.goto(MEDIA_PAGE);
    await expect(postList(other).getByRole('listitem')).toHaveCount(first.length);
    await other.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await expect.poll(() => withPicture.every((m) => printed.has(m.id))).toBe(true);
  });

  test('lists the posts newest first with their counts and lazily loaded insights', async ({
    page,
    request,
  }) => {
    const errors = trackErrors(page);
    const [first = []] = await mediaPages(request, 1);
    await page.goto(MEDIA_PAGE);

    await expect(page.getByRole('heading', { level: 1, name: 'Media' })).toBeVisible();
    await expect(postList(page).getByRole('listitem')).toHaveCount(PAGE_SIZE);
    expect(await shownIds(postList(page))).toEqual(first.map((m) => m.id));
    const times = first.map((m) => Date.parse((m.timestamp ?? '').replace('+0000', 'Z')));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // The first card: counts from the list, views and reach from its insights.
    const newest = first[0] as IgMedia;
    const insights = (await (
      await request.get(`/api/${newest.id}/insights`)
    ).json()) as InsightsResponse;
    const value = (name: string) =>
      insights.data.find((d) => d.name === name)?.values?.[0]?.value as number;
    const card = postList(page).getByRole('listitem').first();
    const term = (name: string) => card.locator(`dt:text-is("${name}") + dd`);
    await expect(term('Likes')).toHaveText(integer.format(newest.like_count ?? Number.NaN));
    await expect(term('Comments')).toHaveText(integer.format(newest.comments_count ?? Number.NaN));
    await expect(term('Views')).toHaveText(integer.format(value('views')));
    await expect(term('Reach')).toHaveText(integer.format(value('reach')));
    await expect(term('Saves')).toHaveText(integer.format(value('saved')));
    await expect(term('Shares')).toHaveText(integer.format(value('shares')));
    expect(errors).toEqual([]);
  });

  test('"Load more" adds the next page without duplicates and keeps pages=2 in the URL', async ({
    page,
    request,
  }) => {
    const errors = trackErrors(page);
    const [first = [], second = []] = await mediaPages(request, 2);
    await page.goto(MEDIA_PAGE);
    await expect(postList(page).getByRole('listitem')).toHaveCount(PAGE_SIZE);

    const more = page.getByRole('button', { name: 'Load more' });
    await more.click();
    await expect(postList(page).getByRole('listitem')).toHaveCount(PAGE_SIZE * 2);
    await expect(page).toHaveURL(/[?&]pages=2(&|$)/);
    const ids = await shownIds(postList(page));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...first, ...second].map((m) => m.id));
    await expect(more).toBeFocused();

    // The same two pages after a reload.
    await page.reload();
    await expect(postList(page).getByRole('listitem')).toHaveCount(PAGE_SIZE * 2);
    expect(await shownIds(postList(page))).toEqual(ids);
    expect(errors).toEqual([]);
  });

  test('filters by product type in the URL; Back and Forward walk through the filters', async ({
    page,
    request,
  }) => {
    const errors = trackErrors(page);
    const [first = []] = await mediaPages(request, 1);
    const reels = first.filter((m) => m.media_product_type === 'REELS');
    expect(reels.length).toBeGreaterThan(0);
    await page.goto(MEDIA_PAGE);
    await expect(postList(page).getByRole('listitem')).toHaveCount(PAGE_SIZE);

    await page.getByLabel('Product type').selectOption('REELS');
    await expect(page).toHaveURL(/[?&]product=REELS(&|$)/);
    await expect(postList(page).getByRole('listitem')).toHaveCount(reels.length);
    expect(await shownIds(postList(page))).toEqual(reels.map((m) => m.id));
    const kinds = await postList(page).locator('li > div > p > span:first-child').allInnerTexts();
    expect(kinds.map((k) => k.toLowerCase())).toEqual(reels.map(() => 'reel'));

    await page.getByLabel('Media type').selectOption('CAROUSEL_ALBUM');
    await expect(page).toHaveURL(/type=CAROUSEL_ALBUM/);
    await expect(page.getByText('None of the 24 loaded posts match these filters.')).toBeVisible();

    await page.goBack();
    await expect(page).not.toHaveURL(/type=/);
    await expect(postList(page).getByRole('listitem')).toHaveCount(reels.length);
    await expect(page.getByLabel('Product type')).toHaveValue('REELS');
    await page.goBack();
    await expect(page).not.toHaveURL(/product=/);
    await expect(postList(page).getByRole('listitem')).toHaveCount(PAGE_SIZE);
    await expect(page.getByLabel('Product type')).toHaveValue('');
    await page.goForward();
    await expect(postList(page).getByRole('listitem')).toHaveCount(reels.length);
    expect(errors).toEqual([]);
  });

  test('the table view is a real table, sorted by likes in the order of like_count', async ({
    page,
    request,
  }) => {
    const errors = trackErrors(page);
    const [first = []] = await mediaPages(request, 1);
    await page.goto(MEDIA_PAGE);
    await expect(postList(page).getByRole('listitem')).toHaveCount(PAGE_SIZE);

    await page.getByRole('button', { name: 'Table' }).click();
    await expect(page).toHaveURL(/[?&]view=table(&|$)/);
    await expect(page.getByRole('button', { name: 'Table' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(postsTable(page)).toBeVisible();
    const headers = (await postsTable(page).getByRole('columnheader').allInnerTexts()).map((h) =>
      h.replace(/[↑↓]/g, '').trim(),
    );
    expect(headers).toEqual([
      'Post',
      'Type',
      'Date',
      'Likes',
      'Comments',
      'All likes',
      'Views',
      'Reach',
      'Saves',
      'Shares',
    ]);
    await expect(postsTable(page).locator('tbody tr')).toHaveCount(PAGE_SIZE);
    expect(await shownIds(postsTable(page))).toEqual(first.map((m) => m.id));

    await page.getByLabel('Sort by').selectOption('like_count');
    await expect(page).toHaveURL(/[?&]sort=like_count(&|$)/);
    await expect(postsTable(page).getByRole('columnheader', { name: /Likes/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    const expected = first.map((m) => m.like_count as number).sort((a, b) => b - a);
    expect((await columnTexts(page, 'Likes')).map(parseCount)).toEqual(expected);

    // The header turns the order round.
    await postsTable(page).getByRole('button', { name: /Likes/ }).click();
    await expect(page).toHaveURL(/[?&]dir=asc(&|$)/);
    expect((await columnTexts(page, 'Likes')).map(parseCount)).toEqual([...expected].reverse());
    expect(errors).toEqual([]);
  });

  test("sorting by views uses each loaded post's insights", async ({ page, request }) => {
    const errors = trackErrors(page);
    const [first = []] = await mediaPages(request, 1);
    const views = await Promise.all(
      first.map(async (m) => {
        const body = (await (
          await request.get(`/api/${m.id}/insights`)
        ).json()) as InsightsResponse;
        return body.data.find((d) => d.name === 'views')?.values?.[0]?.value as number;
      }),
    );
    await page.goto(`${MEDIA_PAGE}?view=table&sort=views`);
    await expect(postsTable(page).locator('tbody tr')).toHaveCount(PAGE_SIZE);
    await expect(page.getByText(/^Loading views of/)).toHaveCount(0, { timeout: 15_000 });
    expect((await columnTexts(page, 'Views')).map(parseCount)).toEqual(
      [...views].sort((a, b) => b - a),
    );
    expect(errors).toEqual([]);
  });

  test('a shared link shows the same view in a new browser context', async ({ page, browser }) => {
    const errors = trackErrors(page);
    await page.goto(MEDIA_PAGE);
    await expect(postList(page).getByRole('listitem')).toHaveCount(PAGE_SIZE);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect(postList(page).getByRole('listitem')).toHaveCount(PAGE_SIZE * 2);
    await page.getByLabel('Media type').selectOption('IMAGE');
    await page.getByLabel('Sort by').selectOption('comments_count');
    await page.getByLabel('Order').selectOption('asc');
    await page.getByRole('button', { name: 'Table' }).click();
    await expect(page).toHaveURL(/view=table/);
    const rows = postsTable(page).locator('tbody tr');
    await expect(rows).not.toHaveCount(0);
    const ids = await shownIds(postsTable(page));
    const url = page.url();
    for (const part of ['type=IMAGE', 'sort=comments_count', 'dir=asc', 'view=table', 'pages=2'])
      expect(url).toContain(part);

    const context = await browser.newContext();
    const other = await context.newPage();
    const otherErrors = trackErrors(other);
    await other.goto(url);
    await expect(postsTable(other).locator('tbody tr')).toHaveCount(ids.length);
    expect(await shownIds(postsTable(other))).toEqual(ids);
    await expect(other.getByLabel('Media type')).toHaveValue('IMAGE');
    await expect(other.getByLabel('Sort by')).toHaveValue('comments_count');
    await expect(other.getByLabel('Order')).toHaveValue('asc');
    await context.close();
    expect(errors).toEqual([]);
    expect(otherErrors).toEqual([]);
  });

  test('invalid parameters show a notice and fall back to the defaults', async ({
    page,
    request,
  }) => {
    const errors = trackErrors(page);
    const [first = []] = await mediaPages(request, 1);
    await page.goto(`${MEDIA_PAGE}?view=mosaic&sort=impressions&product=STORY&pages=0`);

    const notice = page.getByRole('status').filter({ hasText: 'is not valid' });
    await expect(notice).toContainText('view=mosaic is not valid');
    await expect(notice).toContainText('sort=impressions is not valid');
    await expect(notice).toContainText('product=STORY is not valid');
    await expect(notice).toContainText('pages=0 is not valid');
    await expect(postList(page).getByRole('listitem')).toHaveCount(PAGE_SIZE);
    expect(await shownIds(postList(page))).toEqual(first.map((m) => m.id));
    await expect(page.getByLabel('Sort by')).toHaveValue('timestamp');
    await expect(page.getByRole('button', { name: 'Grid' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    // A valid choice writes a clean URL and the notice goes.
    await page.getByRole('button', { name: 'Table' }).click();
    await expect(notice).toHaveCount(0);
    await expect(page).not.toHaveURL(/mosaic|impressions|STORY|pages=0/);
    expect(errors).toEqual([]);
  });

  test('a post whose insights are not available shows n/a with the reason, never 0', async ({
    page,
    request,
  }) => {
    const [first = []] = await mediaPages(request, 1);
    const target = first[0] as IgMedia;
    const reason =
      'Instagram has no insights for media posted before the account became a business account.';
    // The list answer carries each post's insights: this one's, as Instagram refusing it.
    await routeApi(page, `/api/${NORTHWIND}/media?`, async (call) => {
      const response = await call.fetch();
      const body = response.body as ListResponse<IgMedia>;
      for (const media of body.data) {
        if (media.id !== target.id) continue;
        delete media.insights;
        media.insights_error = {
          message: reason,
          type: 'NotAvailable',
          code: 100,
          error_subcode: 2108006,
          error_user_title: 'Posted before business conversion',
          status: 422,
        };
      }
      return { status: response.status, headers: response.headers, json: body };
    });
    const errors = trackErrors(page);
    await page.goto(`${MEDIA_PAGE}?view=table`);
    const row = postsTable(page)
      .locator('tbody tr')
      .filter({
        has: page.locator(`a[href="/media/${target.id}"]`),
      });
    await expect(row.getByText('n/a')).toHaveCount(4);
    await expect(row.getByText('n/a').first()).toHaveAttribute('title', new RegExp(reason));
    await expect(row).toContainText('not available: Posted before business conversion');
    const cells = await columnTexts(page, 'Views');
    expect(cells[0]).toMatch(/^n\/a/);
    expect(errors).toEqual([]);
  });

  test('a page of posts is one request with their insights; a post then opens with its cards', async ({
    page,
    request,
  }) => {
    const errors = trackErrors(page);
    const [first = []] = await mediaPages(request, 1);
    const asked: string[] = [];
    page.on('request', (r) => {
      asked.push(...apiPathsOf(r));
    });
    await page.goto(`${MEDIA_PAGE}?view=table&sort=views`);
    await expect(postsTable(page).locator('tbody tr')).toHaveCount(PAGE_SIZE);
    await expect(page.getByText(/^Loading views of/)).toHaveCount(0);
    const views = await columnTexts(page, 'Views');
    expect(views.every((v) => /^\d/.test(v))).toBe(true);
    const lists = asked.filter((a) => a.startsWith(`/api/${NORTHWIND}/media?`));
    expect(lists).toHaveLength(1);
    expect(new URL(lists[0] as string, 'http://x').searchParams.get('insights')).toBe('lifetime');
    expect(asked.filter((a) => /^\/api\/\d+\/insights/.test(a))).toEqual([]);

    // The post's page reads the insights the list brought: its cards ask nothing more.
    const target = first[2] as IgMedia;
    await postsTable(page).locator(`a[href="/media/${target.id}"]`).click();
    await expect(page).toHaveURL(`/media/${target.id}`);
    await expect(page.getByRole('article', { name: 'Views', exact: true })).toContainText(/\d/);
    expect(asked).not.toContain(`/api/${target.id}/insights`);
    expect(errors).toEqual([]);
  });

  test('shows the live stories, each linking to its media page', async ({ page, request }) => {
    const errors = trackErrors(page);
    const stories = (await (
      await request.get(`/api/${NORTHWIND}/stories`)
    ).json()) as ListResponse<IgMedia>;
    await page.goto(MEDIA_PAGE);
    const section = page.getByRole('region', { name: 'Stories in the last 24 hours' });
    await expect(section).toBeVisible();
    if (stories.data.length === 0) {
      await expect(section).toContainText('No stories in the last 24 hours.');
    } else {
      await expect(section.getByRole('link')).toHaveCount(stories.data.length);
      expect(await shownIds(section)).toEqual(stories.data.map((s) => s.id));
      await expect(section.getByRole('link').first()).toHaveAccessibleName(/^Story from /);
    }
    expect(errors).toEqual([]);
  });

  test('an unknown account shows a clear message with a link back', async ({ page }) => {
    const errors = trackErrors(page, (_text, url) => url.includes('/api/'));
    await page.goto('/accounts/999999999/media');
    await expect(page.getByRole('heading', { level: 1, name: 'Account not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Go to the accounts' }).click();
    await expect(page).toHaveURL('/');
    expect(errors).toEqual([]);
  });

  test('clicking a post opens its media page', async ({ page, request }) => {
    const errors = trackErrors(page);
    const [first = []] = await mediaPages(request, 1);
    const target = first[1] as IgMedia;
    await page.goto(MEDIA_PAGE);
    await postList(page).locator(`a[href="/media/${target.id}"]`).click();
    await expect(page).toHaveURL(`/media/${target.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('article', { name: 'Views', exact: true })).toBeVisible();
    await page.getByRole('link', { name: /All posts of @northwind\.coffee/ }).click();
    await expect(page).toHaveURL(MEDIA_PAGE);
    expect(errors).toEqual([]);
  });
});

test.describe('media list accessibility', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const view of ['grid', 'table'] as const) {
      test(`has no serious axe violations (${view}, ${colorScheme})`, async ({ page }) => {
        await page.emulateMedia({ colorScheme });
        const errors = trackErrors(page);
        await page.goto(`${MEDIA_PAGE}${view === 'table' ? '?view=table' : ''}`);
        const items =
          view === 'table'
            ? postsTable(page).locator('tbody tr')
            : postList(page).getByRole('listitem');
        await expect(items).toHaveCount(PAGE_SIZE);
        await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0);
        await expectNoSeriousAxeViolations(page);
        expect(errors).toEqual([]);
      });
    }
  }

  for (const view of ['grid', 'table'] as const) {
    test(`fits a 375px wide screen without horizontal scrolling (${view})`, async ({ page }) => {
      await page.setViewportSize({ width: 375, height: 740 });
      await page.goto(`${MEDIA_PAGE}?view=${view}`);
      const items =
        view === 'table'
          ? postsTable(page).locator('tbody tr')
          : postList(page).getByRole('listitem');
      await expect(items).toHaveCount(PAGE_SIZE);
      await expectNoHorizontalScroll(page);
    });
  }

  test('Tab reaches the filters, the view switch and a post link', async ({ page }) => {
    await page.goto(MEDIA_PAGE);
    await expect(postList(page).getByRole('listitem')).toHaveCount(PAGE_SIZE);
    const targets = {
      filter: page.getByLabel('Media type'),
      view: page.getByRole('button', { name: 'Table' }),
      post: postList(page).getByRole('link').first(),
    };
    const reached = new Set<string>();
    for (let i = 0; i < 40 && reached.size < 3; i++) {
      await page.keyboard.press('Tab');
      for (const [name, locator] of Object.entries(targets))
        if (await locator.evaluate((el) => el === document.activeElement)) reached.add(name);
    }
    expect([...reached].sort()).toEqual(['filter', 'post', 'view']);

    // And Enter on the focused post link opens it.
    await expect(targets.post).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/media\/\d+$/);
  });
});
