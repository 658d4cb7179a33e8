import { expect as baseExpect, test } from '@playwright/test';
import type { ForkedStack } from '../src/server/testing/fork-stack';
import { contextFor, NORTHWIND, sessionCookieIn, startLiveStack } from './live-stack';
import { expectNoSeriousAxeViolations } from './support';

/**
 * The first start of a live server: nobody has an account, and the server prints a one-time
 * set-up link (`npm start` does); opening it makes the first owner. A server of this spec's own.
 */
test.describe.configure({ mode: 'default', timeout: 60_000 });

const expect = baseExpect.configure({ timeout: 10_000 });

let stack: ForkedStack;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startLiveStack({ owner: 'none' });
});

test.afterAll(async () => {
  await stack?.close();
});

const OWNER = { email: 'first.owner@example.com', password: 'the very first passphrase' };

test('the set-up link makes the first owner, once', async ({ browser }) => {
  const link = stack.setupLink ?? '';
  expect(link).toMatch(/\/setup#[\w-]{20,}$/);

  const context = await contextFor(browser, stack);
  const page = await context.newPage();
  // Before set-up, the sign-in page says where the first account comes from.
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByText('Nobody can sign in yet')).toBeVisible();

  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up the dashboard' })).toBeVisible();
  // The token is read, then taken out of the address bar (and so out of the history).
  await expect(page).toHaveURL(`${stack.proxyUrl}/setup`);

  const email = page.getByLabel('Email');
  const password = page.getByLabel('New password', { exact: true });
  const confirm = page.getByLabel('Type the new password again');
  const create = page.getByRole('button', { name: 'Create my account' });
  // What the browser can tell, it says before sending anything, under the field concerned.
  await email.fill(OWNER.email);
  await password.fill(OWNER.password);
  await confirm.fill('something else');
  await create.click();
  await expect(confirm).toHaveAccessibleDescription(/The two passwords differ/);
  await expect(confirm).toBeFocused();
  // What only the server knows (too short) comes back under the password.
  await password.fill('short');
  await confirm.fill('short');
  await create.click();
  await expect(password).toHaveAccessibleDescription(/at least 10 characters/);
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  // The form, with its errors showing, in light and dark.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoSeriousAxeViolations(page);
  }

  await password.fill(OWNER.password);
  await confirm.fill(OWNER.password);
  await create.click();
  await expect(page).toHaveURL(`${stack.proxyUrl}/`);
  await expect(page.getByRole('article', { name: `@${NORTHWIND.username}` })).toBeVisible();
  await expect(page.getByRole('button', { name: `Signed in as ${OWNER.email}` })).toBeVisible();
  expect(await sessionCookieIn(context)).toBeDefined();

  // The same link, again, in another browser: used.
  const again = await contextFor(browser, stack);
  const second = await again.newPage();
  await second.goto(link);
  await expect(
    second.getByRole('heading', { level: 1, name: 'This set-up link does not work' }),
  ).toBeVisible();
  await expect(second.getByText('restart the server in live mode')).toBeVisible();
  await expect(second.getByLabel('Email')).toHaveCount(0);
  expect(await sessionCookieIn(again)).toBeUndefined();
  await expectNoSeriousAxeViolations(second);

  // The owner signs in with what they chose.
  await second.getByRole('link', { name: 'Sign in' }).click();
  await second.getByLabel('Email').fill(OWNER.email);
  await second.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await second.getByRole('button', { name: 'Sign in' }).click();
  await expect(second.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
  await context.close();
  await again.close();
});

test('a link that does not work says why, and passes axe in light and dark', async ({
  browser,
}) => {
  // A made-up token: the page a used or expired link shows.
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ baseURL: stack.proxyUrl, colorScheme });
    const page = await context.newPage();
    await page.goto('/setup#abcdefghijklmnopqrstuvwxyz0123456789');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'This set-up link does not work',
    );
    await expectNoSeriousAxeViolations(page);
    await context.close();
  }
});
