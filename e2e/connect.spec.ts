import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect as baseExpect, type Page, test } from '@playwright/test';
import { loadServerConfig } from '../src/server/config';
import { type RunningServer, startServer } from '../src/server/start-server';
import { trackErrors } from './support';

/**
 * Connecting accounts in demo mode, both logins end to end against the built-in fake over HTTP.
 * The spec runs its own demo server: connecting adds accounts to the overview, which the other
 * specs (sharing the suite's server) count.
 */
const expect = baseExpect.configure({ timeout: 10_000 });
const JUNIPER = '17841481234500017';
const FJORD = '17841492345600028';

let server: RunningServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const config = loadServerConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'insights-connect-e2e-')),
    LOG_REQUESTS: 'false',
  });
  server = await startServer(config, {
    distDir: 'dist',
    autoSnapshots: false,
    demoWebhooks: false,
  });
});

test.afterAll(async () => {
  await server?.close();
});

/** Browser errors other than the refusals these tests cause on purpose (401 and 403 answers). */
const unexpectedErrors = (page: Page) => trackErrors(page, (text) => /status of 40[13]/.test(text));

async function connectWith(
  page: Page,
  login: 'Facebook' | 'Instagram',
  decision: 'Allow' | 'Cancel',
) {
  await page.goto(`${server.url}/settings/accounts`);
  await page.getByRole('button', { name: `Connect with ${login}` }).click();
  await expect(page.getByRole('heading', { name: `Log in with ${login}` })).toBeVisible();
  // The consent page is the fake's, not the dashboard's.
  expect(new URL(page.url()).origin).not.toBe(server.url);
  await page.getByRole('button', { name: decision }).click();
  await page.waitForURL(/\/settings\/accounts\?/);
}

/** Nothing the browser ends up on carries a code, a token or a secret. */
function expectCleanUrl(page: Page) {
  const url = new URL(page.url());
  for (const key of ['code', 'access_token', 'client_secret', 'state'])
    expect(url.searchParams.has(key), key).toBe(false);
}

test('connect with Facebook: the account appears with its data', async ({ page }) => {
  const errors = unexpectedErrors(page);
  await connectWith(page, 'Facebook', 'Allow');
  expectCleanUrl(page);
  const added = page.getByRole('status').filter({ hasText: 'Added:' });
  await expect(added).toContainText('@juniper.books');
  await expect(added).toContainText('instagram_manage_insights');
  await expect(page.getByRole('listitem', { name: /Connection @juniper\.books/ })).toContainText(
    'through Facebook Login',
  );
  await expect(page.getByText('@northwind.coffee (from configuration)')).toBeVisible();

  await page.goto(`${server.url}/`);
  const card = page.getByRole('article', { name: '@juniper.books' });
  await expect(card).toBeVisible();
  await expect(card.getByText(/Accounts reached|Reach/).first()).toBeVisible();
  await page.goto(`${server.url}/accounts/${JUNIPER}`);
  await expect(page.getByRole('heading', { level: 1, name: '@juniper.books' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('connect with Instagram, and cancel at the consent page', async ({ page }) => {
  await connectWith(page, 'Instagram', 'Cancel');
  await expect(page.getByRole('alert')).toContainText('cancelled');
  await connectWith(page, 'Instagram', 'Allow');
  expectCleanUrl(page);
  await expect(page.getByRole('status').filter({ hasText: 'Added:' })).toContainText('@fjord.surf');
  await page.goto(`${server.url}/accounts/${FJORD}/media`);
  await expect(page.getByText('@fjord.surf').first()).toBeVisible();
});

test('a redirect with a wrong state is refused', async ({ page }) => {
  const before = await (await page.request.get(`${server.url}/api/connections`)).json();
  await page.goto(
    `${server.url}/auth/connect/facebook/callback?code=forged-code&state=wrong-state`,
  );
  await page.waitForURL(/connect_error=state/);
  await expect(page.getByRole('alert')).toContainText('refused');
  const after = await (await page.request.get(`${server.url}/api/connections`)).json();
  expect(after.data.length).toBe(before.data.length);
});

test('a token revoked upstream turns into Reconnect needed; reconnecting mends it', async ({
  page,
}) => {
  const revoked = await page.request.post(`${server.fake?.url}/__oauth/revoke`, {
    data: { account: JUNIPER },
  });
  expect((await revoked.json()).tokens).toBeGreaterThan(0);
  // The next question to Instagram about the account learns of it.
  await page.goto(`${server.url}/accounts/${JUNIPER}/media`);
  await expect(page.getByRole('heading', { level: 1, name: 'Reconnect needed' })).toBeVisible();
  await page.goto(`${server.url}/accounts/${JUNIPER}`);
  await expect(page.getByRole('alert').first()).toContainText('Reconnect needed');
  await page.goto(`${server.url}/`);
  const card = page.getByRole('article', { name: '@juniper.books' });
  await expect(card).toContainText('Reconnect needed');
  await expect(card).toContainText('removed');

  await page.goto(`${server.url}/settings/accounts`);
  const connection = page.getByRole('listitem', { name: /Connection @juniper\.books/ });
  await expect(connection).toContainText('Reconnect needed');
  await connection.getByRole('button', { name: 'Reconnect @juniper.books' }).click();
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL(/connected=/);
  await expect(
    page.getByRole('listitem', { name: /Connection @juniper\.books/ }),
  ).not.toContainText('Reconnect needed');
  await page.goto(`${server.url}/accounts/${JUNIPER}`);
  await expect(page.getByRole('heading', { level: 1, name: '@juniper.books' })).toBeVisible();
});

test('disconnecting removes the account', async ({ page }) => {
  await page.goto(`${server.url}/settings/accounts`);
  for (const name of ['@juniper.books', '@fjord.surf']) {
    await page.getByRole('button', { name: `Disconnect ${name}` }).click();
    await expect(page.getByRole('listitem', { name: `Connection ${name}` })).toHaveCount(0);
  }
  await expect(page.getByText('No account has been connected in the app yet.')).toBeVisible();
  await page.goto(`${server.url}/`);
  await expect(page.getByRole('article', { name: '@northwind.coffee' })).toBeVisible();
  await expect(page.getByRole('article', { name: '@juniper.books' })).toHaveCount(0);
});
