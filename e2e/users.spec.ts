import { expect as baseExpect, type Page, test } from '@playwright/test';
import type { ForkedStack } from '../src/server/testing/fork-stack';
import {
  ALL_ACCOUNTS,
  addMember,
  contextFor,
  LUMEN,
  NORTHWIND,
  OWNER,
  ownerCookie,
  send,
  signIn,
  startLiveStack,
  statusFromPage,
} from './live-stack';
import { expectNoSeriousAxeViolations } from './support';

/**
 * Owners manage who signs in, on `/settings/users`; members see only their accounts. A live
 * server of this spec's own, whose owner has a password.
 */
test.describe.configure({ mode: 'default', timeout: 60_000 });

const expect = baseExpect.configure({ timeout: 10_000 });

let stack: ForkedStack;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startLiveStack();
});

test.afterAll(async () => {
  await stack?.close();
});

const accountCards = (page: Page) => page.locator('main').getByRole('article');
const person = (page: Page, email: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: email }) });

/** The owner, signed in, on the users page (through the menu). */
async function ownerOnUsersPage(page: Page) {
  await page.goto('/sign-in');
  await signIn(page, OWNER.email, OWNER.password);
  await page.getByRole('button', { name: /^Signed in as / }).click();
  await page.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(person(page, OWNER.email)).toBeVisible();
}

test('an owner adds a member, who sets a password with the link in another browser and signs in', async ({
  browser,
}) => {
  const context = await contextFor(browser, stack);
  const page = await context.newPage();
  await ownerOnUsersPage(page);

  const form = page.getByRole('region', { name: 'Add a person' });
  await form.getByLabel('Email').fill('sam@example.com');
  await form.getByRole('radio', { name: /^Member/ }).check();
  await form.getByRole('radio', { name: 'Only the accounts ticked below' }).check();
  // None ticked: said under the accounts before anything is sent.
  await form.getByRole('button', { name: 'Add and make an invitation link' }).click();
  await expect(form.getByRole('group', { name: 'Accounts' })).toHaveAccessibleDescription(
    /Choose at least one account/,
  );
  await form.getByRole('checkbox', { name: new RegExp(`@${LUMEN.username}`) }).check();
  await form.getByRole('button', { name: 'Add and make an invitation link' }).click();

  const link = form.getByRole('textbox', { name: 'Invitation link' });
  await expect(link).toHaveValue(new RegExp(`^${stack.proxyUrl}/invitation#[\\w-]{20,}$`));
  await expect(link).toHaveAccessibleDescription(/works once, for 7 days/);
  const url = await link.inputValue();
  await form.getByRole('button', { name: 'Copy' }).click();
  await expect(form.getByRole('status')).toHaveText(/Link copied|the link is selected/);

  const sam = person(page, 'sam@example.com');
  await expect(sam).toContainText('Member');
  await expect(sam).toContainText(`@${LUMEN.username}`);
  await expect(sam).toContainText('Not set yet');
  await form.getByRole('button', { name: 'Done' }).click();
  await expect(link).toHaveCount(0);

  // Sam, in a browser of their own.
  const samContext = await contextFor(browser, stack);
  const samPage = await samContext.newPage();
  await samPage.goto(url);
  await expect(samPage.getByRole('heading', { level: 1, name: 'Set your password' })).toBeVisible();
  await expect(samPage).toHaveURL(`${stack.proxyUrl}/invitation`);
  await expect(samPage.getByLabel('Email')).toHaveValue('sam@example.com');
  const password = 'sams own passphrase';
  await samPage.getByLabel('New password', { exact: true }).fill(password);
  await samPage.getByLabel('Type the new password again').fill(password);
  await samPage.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(samPage).toHaveURL(`${stack.proxyUrl}/`);
  await expect(accountCards(samPage)).toHaveCount(1);
  await expect(samPage.getByRole('article', { name: `@${LUMEN.username}` })).toBeVisible();

  // Out, and back in with the new password.
  await samPage.getByRole('button', { name: 'Signed in as sam@example.com' }).click();
  await samPage.getByRole('button', { name: 'Sign out' }).click();
  await signIn(samPage, 'sam@example.com', password);
  await expect(samPage.getByRole('article', { name: `@${LUMEN.username}` })).toBeVisible();

  // The link worked once.
  await samPage.goto(url);
  await expect(samPage.getByRole('heading', { level: 1 })).toHaveText(
    'This invitation does not work',
  );

  await page.reload();
  await expect(person(page, 'sam@example.com')).toContainText('Password');
  await expect(person(page, 'sam@example.com')).not.toContainText('Not set yet');
  await context.close();
  await samContext.close();
});

test('a member sees only their account: not another by its address, nor through /api', async ({
  browser,
}) => {
  const member = await addMember(stack, 'one.account@example.com', [LUMEN.id]);
  const context = await contextFor(browser, stack, member.cookie);
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('article', { name: `@${LUMEN.username}` })).toBeVisible();
  await expect(accountCards(page)).toHaveCount(1);

  // Another account's pages, by their address: the answer an unknown account gets.
  await page.goto(`/accounts/${NORTHWIND.id}`);
  await expect(page.locator('main').getByRole('alert')).toContainText(
    `There is no Instagram account or media ${NORTHWIND.id} among those you may see`,
  );
  await expect(page.getByText(NORTHWIND.username)).toHaveCount(0);
  await page.goto(`/accounts/${NORTHWIND.id}/media`);
  await expect(page.getByRole('heading', { level: 1, name: 'Account not found' })).toBeVisible();
  await expect(page.getByText(NORTHWIND.username)).toHaveCount(0);
  expect(await statusFromPage(page, `/api/${NORTHWIND.id}`)).toBe(404);
  expect(await statusFromPage(page, `/api/${NORTHWIND.id}/media`)).toBe(404);
  expect(await statusFromPage(page, `/api/${LUMEN.id}`)).toBe(200);
  expect(await statusFromPage(page, '/api/users')).toBe(403);

  // No Users in the menu, and the page itself says who manages users.
  await page.getByRole('button', { name: /^Signed in as / }).click();
  const menu = page.getByRole('dialog', { name: 'Your account' });
  await expect(menu).toContainText('Member: sees 1 account');
  await expect(menu.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await page.goto('/settings/users');
  await expect(page.getByText('Only owners manage users.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Add a person' })).toHaveCount(0);
  await context.close();
});

test("an owner changes a member's access, and the member sees the new accounts", async ({
  browser,
}) => {
  const member = await addMember(stack, 'grows@example.com', [LUMEN.id]);
  const context = await contextFor(browser, stack);
  const page = await context.newPage();
  await ownerOnUsersPage(page);
  const item = person(page, member.email);
  await item.getByRole('button', { name: `Change access of ${member.email}` }).click();
  const editor = item.getByRole('form', { name: `Access of ${member.email}` });
  await editor.getByRole('radio', { name: 'All accounts, also those added later' }).check();
  await editor.getByRole('button', { name: 'Save access' }).click();
  await expect(editor).toHaveCount(0);
  await expect(item).toContainText('All accounts');

  const memberContext = await contextFor(browser, stack, member.cookie);
  const memberPage = await memberContext.newPage();
  await memberPage.goto('/');
  await expect(accountCards(memberPage)).toHaveCount(ALL_ACCOUNTS);
  await context.close();
  await memberContext.close();
});

test("an owner removes someone, and that person's session stops working at once", async ({
  browser,
}) => {
  const member = await addMember(stack, 'leaving@example.com', [LUMEN.id]);
  const memberContext = await contextFor(browser, stack, member.cookie);
  const memberPage = await memberContext.newPage();
  await memberPage.goto('/');
  await expect(memberPage.getByRole('article', { name: `@${LUMEN.username}` })).toBeVisible();

  const context = await contextFor(browser, stack);
  const page = await context.newPage();
  await ownerOnUsersPage(page);
  const item = person(page, member.email);
  await item.getByRole('button', { name: `Remove ${member.email}` }).click();
  const dialog = page.getByRole('dialog', { name: `Remove ${member.email}?` });
  // Cancel first: nothing happens.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(item).toBeVisible();
  await item.getByRole('button', { name: `Remove ${member.email}` }).click();
  await expectNoSeriousAxeViolations(page);
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(person(page, member.email)).toHaveCount(0);

  expect(await statusFromPage(memberPage, '/api/accounts')).toBe(401);
  // The member's next request in the app takes them to the sign-in page, where they cannot.
  await memberPage
    .getByRole('article', { name: `@${LUMEN.username}` })
    .getByRole('link')
    .click();
  await expect(memberPage).toHaveURL(/\/sign-in\?next=%2Faccounts%2F/);
  await signIn(memberPage, member.email, member.password);
  await expect(memberPage.getByRole('alert').filter({ hasText: 'not right' })).toBeVisible();
  await context.close();
  await memberContext.close();
});

test('a new link replaces the old one, for someone who lost theirs or forgot their password', async ({
  browser,
}) => {
  const owner = await ownerCookie(stack);
  const added = await send(stack, 'POST', '/api/users', {
    cookie: owner,
    body: { email: 'forgetful@example.com', role: 'member', accounts: 'all' },
  });
  const { invitation_url: first } = (await added.json()) as { invitation_url: string };
  const context = await contextFor(browser, stack);
  const page = await context.newPage();
  await ownerOnUsersPage(page);
  const item = person(page, 'forgetful@example.com');
  await item.getByRole('button', { name: 'New link for forgetful@example.com' }).click();
  const link = item.getByRole('textbox', { name: 'Invitation link' });
  await expect(link).toHaveValue(/\/invitation#/);
  expect(await link.inputValue()).not.toBe(first);
  await expect(link).toHaveAccessibleDescription(/links sent before no longer work/);

  const check = async (url: string) => {
    const response = await send(stack, 'POST', '/auth/link', {
      body: { token: new URL(url).hash.slice(1), purpose: 'invitation' },
    });
    return ((await response.json()) as { usable: boolean }).usable;
  };
  expect(await check(first)).toBe(false);
  expect(await check(await link.inputValue())).toBe(true);
  await context.close();
});

test('the users page passes axe in light and dark, with a link showing', async ({ browser }) => {
  const context = await contextFor(browser, stack);
  const page = await context.newPage();
  await ownerOnUsersPage(page);
  const form = page.getByRole('region', { name: 'Add a person' });
  await form.getByLabel('Email').fill('axe@example.com');
  await form.getByRole('radio', { name: 'Only the accounts ticked below' }).check();
  await expect(form.getByRole('checkbox')).toHaveCount(ALL_ACCOUNTS);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoSeriousAxeViolations(page);
  }
  await form.getByRole('checkbox', { name: new RegExp(`@${NORTHWIND.username}`) }).check();
  await form.getByRole('button', { name: 'Add and make an invitation link' }).click();
  await expect(form.getByRole('textbox', { name: 'Invitation link' })).toBeVisible();
  await person(page, 'axe@example.com')
    .getByRole('button', { name: /^Change access/ })
    .click();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoSeriousAxeViolations(page);
  }
  await context.close();
});
