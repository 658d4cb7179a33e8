import { expect as baseExpect, type Page, test } from '@playwright/test';
import type { ForkedStack } from '../src/server/testing/fork-stack';
import {
  addMember,
  contextFor,
  DAY_MS,
  NORTHWIND,
  OWNER,
  send,
  sessionCookieIn,
  signIn,
  startLiveStack,
  statusFromPage,
} from './live-stack';
import { expectNoHorizontalScroll, expectNoSeriousAxeViolations } from './support';

/**
 * Signing in and out on a live server of this spec's own, whose clock the tests can move (past a
 * session's expiry, past the sign-in lockout). Its owner has a password; members are added over
 * HTTP. The tests run in order in one worker, so that they share one server.
 */
test.describe.configure({ mode: 'default', timeout: 60_000 });

// A page asks a dozen requests at once; on a busy machine the defaults are tight.
const expect = baseExpect.configure({ timeout: 10_000 });

let stack: ForkedStack;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startLiveStack({ movableClock: true });
});

test.afterAll(async () => {
  await stack?.close();
});

const accountHeading = (page: Page) =>
  page.getByRole('heading', { level: 1, name: `@${NORTHWIND.username}` });
const userMenuButton = (page: Page) => page.getByRole('button', { name: /^Signed in as / });

test('the right password opens the dashboard, with who is signed in in the header', async ({
  browser,
}) => {
  const context = await contextFor(browser, stack);
  const page = await context.newPage();
  // Signed out, the dashboard's address answers with the sign-in page.
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(userMenuButton(page)).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

  await signIn(page, OWNER.email, OWNER.password);
  await expect(page).toHaveURL(`${stack.proxyUrl}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
  await expect(page.getByRole('article', { name: `@${NORTHWIND.username}` })).toBeVisible();
  await expect(userMenuButton(page)).toHaveAccessibleName(`Signed in as ${OWNER.email}`);
  const cookie = (await context.cookies()).find((c) => c.name === 'session');
  expect(cookie?.httpOnly).toBe(true);
  await context.close();
});

test('a wrong password says so, tied to the fields, and sets no cookie', async ({ browser }) => {
  const context = await contextFor(browser, stack);
  const page = await context.newPage();
  await page.goto('/sign-in');
  await signIn(page, OWNER.email, 'not the password at all');
  const alert = page.getByRole('alert').filter({ hasText: 'not right' });
  await expect(alert).toHaveText('The email or the password is not right.');
  const password = page.getByLabel('Password', { exact: true });
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription('The email or the password is not right.');
  await expect(page).toHaveURL(/\/sign-in$/);
  expect(await sessionCookieIn(context)).toBeUndefined();

  // Empty fields are caught before anything is sent, each under its field.
  await page.getByLabel('Email').fill('');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription(/Enter your email address/);
  await expect(page.getByLabel('Email')).toBeFocused();
  await context.close();
});

test('signing in goes back to the page asked for, and never to another site', async ({
  browser,
}) => {
  const context = await contextFor(browser, stack);
  const page = await context.newPage();
  const asked = `/accounts/${NORTHWIND.id}?range=14d`;
  await page.goto(asked);
  await expect(page).toHaveURL(`${stack.proxyUrl}/sign-in?next=${encodeURIComponent(asked)}`);
  await signIn(page, OWNER.email, OWNER.password);
  await expect(page).toHaveURL(`${stack.proxyUrl}${asked}`);
  await expect(accountHeading(page)).toBeVisible();

  await page.getByRole('button', { name: /^Signed in as / }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/sign-in?next=//example.org/phish');
  await signIn(page, OWNER.email, OWNER.password);
  await expect(page).toHaveURL(`${stack.proxyUrl}/`);
  await context.close();
});

test('signing out ends the session: Back brings no data back, and /api answers 401', async ({
  browser,
}) => {
  const context = await contextFor(browser, stack);
  const page = await context.newPage();
  await page.goto('/sign-in');
  await signIn(page, OWNER.email, OWNER.password);
  await page
    .getByRole('article', { name: `@${NORTHWIND.username}` })
    .getByRole('link')
    .click();
  await expect(accountHeading(page)).toBeVisible();
  const cookie = await sessionCookieIn(context);
  expect(cookie).toBeDefined();

  await userMenuButton(page).click();
  const menu = page.getByRole('dialog', { name: 'Your account' });
  await expect(menu).toContainText(OWNER.email);
  await expect(menu).toContainText('Owner');
  await menu.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect(await sessionCookieIn(context)).toBeUndefined();

  await page.goBack();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faccounts%2F/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByText(`@${NORTHWIND.username}`)).toHaveCount(0);
  expect(await statusFromPage(page, '/api/accounts')).toBe(401);
  // The old cookie, sent again, opens nothing either.
  const replayed = await send(stack, 'GET', '/api/accounts', { cookie: `session=${cookie}` });
  expect(replayed.status).toBe(401);
  await context.close();
});

test('a person who changes their password stays signed in here, and only the new one works', async ({
  browser,
}) => {
  const member = await addMember(stack, 'changes@example.com', 'all');
  const context = await contextFor(browser, stack, member.cookie);
  const page = await context.newPage();
  await page.goto('/');
  await userMenuButton(page).click();
  await page.getByRole('link', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Change password' })).toBeVisible();

  const current = page.getByLabel('Current password');
  const next = 'a brand new passphrase';
  await current.fill('this is not it at all');
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('Type the new password again').fill(next);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(current).toHaveAccessibleDescription('The current password is not right.');

  await current.fill(member.password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'password is changed' })).toBeVisible();
  // The session it had before ended; this browser got a new one.
  expect((await send(stack, 'GET', '/api/accounts', { cookie: member.cookie })).status).toBe(401);
  expect(await statusFromPage(page, '/api/accounts')).toBe(200);

  await userMenuButton(page).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, member.email, member.password);
  await expect(page.getByRole('alert').filter({ hasText: 'not right' })).toBeVisible();
  await signIn(page, member.email, next);
  await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
  await context.close();
});

test('after ten wrong passwords the page says how long to wait', async ({ browser }) => {
  const context = await contextFor(browser, stack);
  const page = await context.newPage();
  try {
    // Wrong guesses until the server stops listening: ten at most (other tests had a few).
    const statuses: number[] = [];
    for (let i = 0; i < 11 && statuses.at(-1) !== 429; i++) {
      const response = await send(stack, 'POST', '/auth/sign-in', {
        body: { email: 'guess@example.com', password: `guess number ${i}` },
      });
      statuses.push(response.status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    await page.goto('/sign-in');
    await signIn(page, OWNER.email, OWNER.password);
    await expect(page.getByRole('alert').filter({ hasText: 'Too many' })).toHaveText(
      /^Too many attempts, try again in 1[45] minutes\.$/,
    );
    await expect(page).toHaveURL(/\/sign-in$/);
  } finally {
    // The other tests sign in from the same address.
    await stack.moveClock(16 * 60_000);
    await context.close();
  }
});

test('an expired session leads to the sign-in page, and signing in comes back to the page', async ({
  browser,
}) => {
  const context = await contextFor(browser, stack);
  const page = await context.newPage();
  await page.goto(`/accounts/${NORTHWIND.id}`);
  await signIn(page, OWNER.email, OWNER.password);
  await expect(accountHeading(page)).toBeVisible();

  // Two weeks without a request: the session has expired on the server.
  await stack.moveClock(15 * DAY_MS);
  await page.getByRole('combobox', { name: 'Date range' }).selectOption('7d');
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  // The page to come back to is the one that was open, with its range.
  const back = new URL(page.url()).searchParams.get('next') ?? '';
  expect(back).toMatch(new RegExp(`^/accounts/${NORTHWIND.id}\\?(.+&)?range=7d(&|$)`));
  await signIn(page, OWNER.email, OWNER.password);
  await expect(page).toHaveURL(`${stack.proxyUrl}${back}`);
  await expect(accountHeading(page)).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Date range' })).toHaveValue('7d');
  await context.close();
});

test('the sign-in page passes axe in light and dark, and fits 375 px without sideways scrolling', async ({
  browser,
}) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({
      baseURL: stack.proxyUrl,
      colorScheme,
      viewport: { width: 375, height: 740 },
    });
    const page = await context.newPage();
    await page.goto('/sign-in?next=%2Fcompare');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectNoSeriousAxeViolations(page);
    // With its error showing too.
    await signIn(page, OWNER.email, 'wrong password here');
    await expect(page.getByRole('alert').filter({ hasText: 'not right' })).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectNoSeriousAxeViolations(page);
    await context.close();
  }
});

test.describe('on the demo server', () => {
  test('everyone is the demo owner: the menu says so and offers no sign-out', async ({ page }) => {
    await page.goto('/');
    await expect(userMenuButton(page)).toHaveAccessibleName('Signed in as Demo owner');
    await userMenuButton(page).click();
    const menu = page.getByRole('dialog', { name: 'Your account' });
    await expect(menu).toContainText('Everyone who opens the demo is its owner');
    await expect(menu.getByRole('link', { name: 'Users' })).toBeVisible();
    await expect(menu.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    await expect(menu.getByRole('link', { name: 'Change password' })).toHaveCount(0);
    // The sign-in page has nothing to do: on to the page asked for.
    await page.goto('/sign-in?next=%2Fcompare');
    await expect(page).toHaveURL(/\/compare/);
  });
});
