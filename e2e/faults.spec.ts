import { expect as baseExpect, type Page, test } from '@playwright/test';
import { type ForkedStack, forkStack } from '../src/server/testing/fork-stack';

/**
 * The account page while Instagram misbehaves. A stack of its own (src/server/testing/stack-process.ts in a
 * child process): the proxy in live mode, serving the built app, in front of the fake Graph API
 * whose faults this spec switches through the fake's `PUT /__faults`. Both on 127.0.0.1.
 *
 * Every card (an <article>, or a breakdown's <section>) and every chart (a <figure>) must end up
 * either with its data or with its own error and a "Try again" button, never stuck loading nor
 * blank, and retrying after the upstream recovers must bring the data.
 */

const expect = baseExpect.configure({ timeout: 30_000 });
const NORTHWIND = '17841405822304914';
const TOKEN = 'EAAB-e2e-faults-SECRET-token-789';

let stack: ForkedStack;

async function setFaults(faults: Record<string, unknown>) {
  const response = await fetch(`${stack.fakeUrl}/__faults`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(faults),
  });
  expect(response.ok).toBe(true);
}

const NO_FAULTS = { latencyMs: 0, transientErrorRate: 0, throttle: 'off', outage: false };

/** Every answer the browser gets from the proxy, checked for the token. */
function watchForToken(page: Page): string[] {
  const found: string[] = [];
  page.on('response', async (response) => {
    const headers = JSON.stringify(await response.allHeaders());
    const body = await response.text().catch(() => '');
    if (headers.includes(TOKEN) || body.includes(TOKEN)) found.push(response.url());
  });
  return found;
}

/** Waits until nothing is loading, then checks each card and chart: data, or its own retry. */
async function expectEachCardSettled(page: Page) {
  await expect(page.locator('main article').first()).toBeVisible();
  await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0);
  await expect(page.getByText('Updating…')).toHaveCount(0);
  // Stat cards are <article>s, charts <figure>s, breakdown cards <section>s within a section.
  const cards = page.locator('main article, main figure, main section section');
  const count = await cards.count();
  expect(count).toBeGreaterThan(5);
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const card = cards.nth(i);
    const alert = card.getByRole('alert');
    if ((await alert.count()) > 0) {
      failed++;
      await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
    } else {
      // With data: a value, a chart, a table, or Instagram's own "not available" reason.
      await expect(card).not.toHaveText(/^\s*$/);
    }
  }
  // Any other error on the page (such as the totals that share one request) has its retry too.
  for (const alert of await page.locator('main').getByRole('alert').all())
    await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
  return { count, failed };
}

/** Presses "Try again" until no error is left (one press may mend several cards sharing a request). */
async function retryAll(page: Page) {
  const buttons = page.locator('main').getByRole('button', { name: 'Try again' });
  for (let i = 0; i < 30 && (await buttons.count()) > 0; i++) {
    await buttons
      .first()
      .click({ timeout: 2_000 })
      .catch(() => {});
    await page.waitForTimeout(100);
  }
  await expect(page.locator('main').getByRole('alert')).toHaveCount(0);
}

test.describe('account page with a failing Instagram', () => {
  test.describe.configure({ mode: 'serial', timeout: 90_000 });

  test.beforeAll(async () => {
    stack = await forkStack({
      token: TOKEN,
      distDir: 'dist',
      logRequests: false,
      retry: { attempts: 2, baseDelayMs: 50 },
    });
  });

  test.afterAll(async () => {
    await stack?.close();
  });

  // Live mode: the stack's owner is signed in.
  test.beforeEach(async ({ context }) => {
    const [name = '', value = ''] = stack.sessionCookie.split('=');
    await context.addCookies([{ name, value, url: stack.proxyUrl }]);
  });

  test('latency and 20 % transient errors: every card shows data or its own error with a retry', async ({
    page,
  }) => {
    const leaked = watchForToken(page);
    await setFaults({ ...NO_FAULTS, latencyMs: 200, transientErrorRate: 0.2 });
    await page.goto(`${stack.proxyUrl}/accounts/${NORTHWIND}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const { failed } = await expectEachCardSettled(page);
    // Whatever failed comes back once Instagram does.
    await setFaults(NO_FAULTS);
    if (failed > 0) await retryAll(page);
    expect(leaked).toEqual([]);
  });

  test('full outage, nothing cached: each card fails on its own with a retry that brings the data', async ({
    page,
  }) => {
    const leaked = watchForToken(page);
    // The account's profile is cached from the test above; a range not asked yet is not.
    await setFaults({ ...NO_FAULTS, outage: true });
    await page.goto(`${stack.proxyUrl}/accounts/${NORTHWIND}?range=14d`);
    const { count, failed } = await expectEachCardSettled(page);
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThanOrEqual(count);
    await setFaults(NO_FAULTS);
    await retryAll(page);
    const after = await expectEachCardSettled(page);
    expect(after.failed).toBe(0);
    expect(leaked).toEqual([]);
  });
});
