import { expect, test } from '@playwright/test';
import { routeApi, waitForApiAnswer } from './api-mock';
import { expectNoHorizontalScroll, expectNoSeriousAxeViolations, trackErrors } from './support';

const DEMO_BANNER = 'Demo mode: the data shown is generated, not from Instagram.';
const HEALTH = (path: string) => path === '/api/health';

test.describe('home', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`shows accounts and the demo banner, accessibly (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      const errors = trackErrors(page);

      await page.goto('/');

      await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: DEMO_BANNER })).toBeVisible();
      await expect(page).toHaveTitle(/Instagram Insights/);
      await expect(page.getByRole('main')).toBeVisible();

      await expectNoSeriousAxeViolations(page);
      expect(errors).toEqual([]);
    });
  }

  test('the demo banner is there before /api/health answers, so nothing jumps when it does', async ({
    page,
  }) => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await routeApi(page, HEALTH, async () => {
      await held;
      return undefined;
    });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
    const banner = page.getByRole('status').filter({ hasText: DEMO_BANNER });
    await expect(banner).toBeVisible();
    // Where the page starts; its height still changes as the accounts load.
    const top = async () => {
      const box = await page.getByRole('main').boundingBox();
      return box && { x: box.x, y: box.y };
    };
    const before = await top();
    const answered = waitForApiAnswer(page, HEALTH);
    release();
    expect((await answered).status).toBe(200);
    await expect(banner).toBeVisible();
    expect(await top()).toEqual(before);
  });

  test('skip link moves focus to the main content', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();

    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
  });

  test('fits a 375px wide screen without horizontal scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: DEMO_BANNER })).toBeVisible();

    await expectNoHorizontalScroll(page);
  });

  test('shows an inline error when the server cannot be reached', async ({ page }) => {
    await routeApi(page, HEALTH, () => ({ status: 503, body: '{}' }));
    await page.goto('/');

    await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('Problem contacting the server', {
      timeout: 15_000,
    });
    await expect(page.getByText(DEMO_BANNER)).toHaveCount(0);
  });
});

test('an unknown path shows "Page not found" with a link home', async ({ page, baseURL }) => {
  const path = '/no/such/page';
  // The server may answer unknown paths with either 200 or 404 (plus the app).
  const errors = trackErrors(page, (_text, url) => url === new URL(path, baseURL).href);

  await page.goto(path);

  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
  expect(errors).toEqual([]);
});
