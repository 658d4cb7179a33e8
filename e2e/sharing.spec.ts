import { readFileSync } from 'node:fs';
import {
  type APIRequestContext,
  type Browser,
  expect as baseExpect,
  type Page,
  test,
} from '@playwright/test';
import { addDays } from '../src/graph/pacific-days';
import { forkStack } from '../src/server/testing/fork-stack';
import {
  expectNoHorizontalScroll,
  expectNoSeriousAxeViolations,
  serverToday,
  trackErrors,
} from './support';

// A page asks a dozen requests at once; on a busy machine the defaults are tight.
const expect = baseExpect.configure({ timeout: 15_000 });

const NORTHWIND = '17841405822304914';
const LUMEN = '17841400118305523';
const TINY = '17841452007713306';
const TOKEN_URL = /\/s\/([A-Za-z0-9_-]{20,100})$/;

interface NewShare {
  label: string;
  accounts?: string[];
  scope?: 'view' | 'pages';
  view_path?: string;
  range?:
    | { kind: 'recent'; days: number }
    | { kind: 'fixed'; from: string; to: string; earliest: string };
  expires_in_days?: number;
  password?: string;
  csv?: boolean;
}

/** Creates a link as the demo owner, the way the dialog does (the server wants the page's Origin). */
async function createShare(request: APIRequestContext, origin: string, share: NewShare) {
  const response = await request.post('/api/shares', {
    headers: { Origin: origin },
    data: {
      accounts: [NORTHWIND],
      scope: 'view',
      view_path: `/accounts/${NORTHWIND}?v=1&range=7d`,
      range: { kind: 'recent', days: 28 },
      csv: false,
      ...share,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { share: { id: string }; url: string };
}

async function expectLoaded(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByText('Updating…')).toHaveCount(0, { timeout: 20_000 });
}

/** A browser of the client's own: nothing of the team's (demo owner's) browser carries over. */
async function clientBrowser(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  return { context, page };
}

const sharedByLine = (page: Page) =>
  page.getByText(/^Shared by .+ · until [A-Z][a-z]{2} \d{1,2}, \d{4}$/);

/** What a client's page must never show: the team's navigation, settings and menus. */
async function expectReadOnlyFrame(page: Page): Promise<void> {
  await expect(sharedByLine(page)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Share…' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Copy link' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Keyboard shortcuts' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Signed in as/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Accounts|Compare|Users|Share links/ })).toHaveCount(
    0,
  );
}

/**
 * Every in-app link on the page leads to one of `accounts`' pages (or stays on the page), or with
 * `posts` to a post's page (the account's own: the server answers no other).
 */
async function expectLinksOnlyTo(page: Page, accounts: string[], posts = false): Promise<void> {
  const hrefs = await page
    .locator('a[href]')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  const origin = new URL(page.url()).origin;
  for (const href of hrefs) {
    const url = new URL(href);
    if (url.origin !== origin) continue;
    if (url.pathname === new URL(page.url()).pathname) continue;
    if (posts && /^\/media\/\d+$/.test(url.pathname)) continue;
    const account = /^\/accounts\/(\d+)/.exec(url.pathname)?.[1];
    expect(account && accounts.includes(account), `a link to ${url.pathname}`).toBe(true);
  }
}

test.describe('share links', () => {
  test('a link made for one account opens its view in a fresh browser: no token left, nothing else reachable', async ({
    page,
    context,
    browser,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const today = await serverToday(page.request);
    await page.goto(`/accounts/${NORTHWIND}?v=1&range=28d&compare=previous`);
    await expect(page.getByRole('heading', { level: 1, name: /^@/ })).toBeVisible();

    const share = page.getByRole('button', { name: 'Share…' });
    await share.click();
    const dialog = page.getByRole('dialog', { name: 'Share with a client' });
    await expect(dialog).toBeVisible();
    // Pre-filled from the page: its account (which cannot be left out), this view, its days.
    await expect(dialog.getByRole('checkbox', { name: /\(this page\)/ })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: /\(this page\)/ })).toBeDisabled();
    await expect(dialog.getByRole('radio', { name: /^This view only/ })).toBeChecked();
    const from = addDays(today, -28);
    const to = addDays(today, -1);
    await expect(dialog.getByRole('radio', { name: /^These days only/ })).toBeChecked();
    await expect(dialog.getByRole('radio', { name: /^These days only/ })).toHaveAccessibleName(
      new RegExp(
        `${from} to ${to}.*previous period \\(${addDays(from, -28)} to ${addDays(from, -1)}\\)`,
      ),
    );
    await expect(dialog.getByRole('spinbutton', { name: 'Expires after (days)' })).toHaveValue(
      '30',
    );
    await expect(dialog.getByRole('checkbox', { name: /^Allow CSV export/ })).not.toBeChecked();

    // Nothing is made without a label.
    await dialog.getByRole('button', { name: 'Create link' }).click();
    await expect(dialog.getByText('Name who the link is for')).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'Who it is for' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await dialog.getByRole('textbox', { name: 'Who it is for' }).fill('Northwind Coffee (e2e)');
    await dialog.getByRole('button', { name: 'Create link' }).click();

    const link = dialog.getByRole('textbox', { name: 'Link' });
    await expect(link).toHaveValue(TOKEN_URL);
    const url = await link.inputValue();
    expect(url.startsWith(`${baseURL}/s/`)).toBe(true);
    const token = TOKEN_URL.exec(url)?.[1] ?? '';
    await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText('Link copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    // Escape closes the dialog; focus goes back to the button that opened it.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(share).toBeFocused();

    // The client, in a browser of their own.
    const client = await clientBrowser(browser, baseURL ?? '');
    const errors = trackErrors(client.page);
    const seen: string[] = [];
    client.page.on('framenavigated', (frame) => {
      if (frame === client.page.mainFrame()) seen.push(frame.url());
    });
    const requested: string[] = [];
    client.page.on('request', (request) => {
      requested.push(`${request.url()} ${request.headers().referer ?? ''}`);
    });
    try {
      const viewer = client.page;
      await viewer.goto(url);
      const view = `/accounts/${NORTHWIND}?v=1&range=custom&from=${from}&to=${to}&compare=previous`;
      await expect(viewer).toHaveURL(view);
      await expect(viewer.getByRole('heading', { level: 1, name: /^@/ })).toBeVisible();
      await expectReadOnlyFrame(viewer);
      // The view's own days and comparison, said rather than chosen.
      await expect(viewer.getByRole('combobox', { name: 'Date range' })).toHaveCount(0);
      await expect(viewer.getByRole('combobox', { name: 'Compare with' })).toHaveCount(0);
      await expect(viewer.getByText(`${from} to ${to} (US Pacific days).`)).toBeVisible();
      await expectLoaded(viewer);
      // Exports are off: no CSV, no print.
      await expect(viewer.getByRole('button', { name: /^Export CSV/ })).toHaveCount(0);
      await expect(viewer.getByRole('button', { name: 'Print / PDF' })).toHaveCount(0);

      // No token in the address bar, in the history, or in anything asked after it was opened.
      expect(viewer.url()).not.toContain(token);
      // Back through every entry of the history: the view, then the fresh tab's blank page.
      const entries = [viewer.url()];
      const length = await viewer.evaluate(() => history.length);
      for (let i = 1; i < length; i++) {
        await viewer.goBack();
        entries.push(viewer.url());
      }
      expect(entries).toEqual([`${baseURL}${view}`, 'about:blank']);
      await viewer.goForward();
      await expect(viewer).toHaveURL(view);
      expect(seen.length).toBeGreaterThan(0);
      for (const address of seen) {
        expect(address).not.toContain(token);
        expect(address).not.toContain('/s/');
      }
      expect(requested[0]).toContain(`/s/${token}`);
      for (const line of requested.slice(1)) expect(line).not.toContain(token);

      // Nothing of another account, by clicking...
      await expectLinksOnlyTo(viewer, [NORTHWIND]);
      await expect(viewer.getByRole('link', { name: 'Media' })).toHaveCount(0);
      // ...or by typing its address: the link's view instead, and 404 from the API.
      for (const elsewhere of [
        `/accounts/${LUMEN}`,
        `/accounts/${LUMEN}/media`,
        `/accounts/${NORTHWIND}/media`,
        `/compare?accounts=${NORTHWIND},${LUMEN}`,
        '/',
        '/settings/sharing',
      ]) {
        await viewer.goto(elsewhere);
        await expect(viewer).toHaveURL(view);
      }
      await expect(viewer.getByRole('heading', { level: 1, name: /^@/ })).toBeVisible();
      expect((await viewer.request.get(`/api/${LUMEN}`)).status()).toBe(404);
      expect((await viewer.request.get(`/api/${LUMEN}/insights?metric=reach`)).status()).toBe(404);
      expect((await viewer.request.get(`/api/${NORTHWIND}`)).status()).toBe(200);
      const listed = (await (await viewer.request.get('/api/accounts')).json()) as {
        data: { id: string }[];
      };
      expect(listed.data.map((a) => a.id)).toEqual([NORTHWIND]);
      expect(errors).toEqual([]);
    } finally {
      await client.context.close();
    }
  });

  test('a link to every page of its accounts lets the client move between them, and no further', async ({
    request,
    browser,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const { url } = await createShare(request, baseURL ?? '', {
      label: 'Pages (e2e)',
      scope: 'pages',
      view_path: `/accounts/${NORTHWIND}?v=1&range=7d`,
    });
    const client = await clientBrowser(browser, baseURL ?? '');
    const errors = trackErrors(client.page);
    try {
      const viewer = client.page;
      await viewer.goto(url);
      await expect(viewer).toHaveURL(`/accounts/${NORTHWIND}?v=1&range=7d`);
      await expectReadOnlyFrame(viewer);
      await expectLoaded(viewer);
      // Any range within the last 28 days: the presets that fit, and comparisons that fit.
      const range = viewer.getByRole('combobox', { name: 'Date range' });
      const presets = await range.locator('option').allTextContents();
      expect(presets).toEqual(
        expect.arrayContaining(['Last 7 days', 'Last 14 days', 'Last 28 days', 'Custom range']),
      );
      expect(presets).not.toContain('Last 90 days');
      const compare = viewer.getByRole('combobox', { name: 'Compare with' });
      expect(await compare.locator('option').allTextContents()).toEqual(['Off', 'Previous period']);
      // A longer range has no room for its comparison: the comparison goes.
      await compare.selectOption('previous');
      await expect(viewer).toHaveURL(/compare=previous/);
      await range.selectOption('28d');
      // The default range is left out of the URL.
      await expect(viewer).toHaveURL(`/accounts/${NORTHWIND}?v=1`);
      await expect(range).toHaveValue('28d');
      await expect(compare).toHaveValue('off');
      // Days outside the link, typed in the address: the allowed ones instead.
      await viewer.goto(`/accounts/${NORTHWIND}?v=1&range=90d`);
      await expect(viewer).not.toHaveURL(/range=90d/);
      await expectLoaded(viewer);

      // The account's other pages are open to the client; nothing else is linked.
      await viewer.getByRole('link', { name: 'Media', exact: true }).click();
      await expect(viewer).toHaveURL(`/accounts/${NORTHWIND}/media`);
      await expect(viewer.getByRole('heading', { level: 1, name: 'Media' })).toBeVisible();
      await expectReadOnlyFrame(viewer);
      await expectLinksOnlyTo(viewer, [NORTHWIND], true);
      const post = viewer.locator('main a[href^="/media/"]').first();
      await post.click();
      await expect(viewer).toHaveURL(/\/media\/\d+$/);
      await expect(viewer.getByRole('heading', { level: 1 })).toBeVisible();
      await expectLinksOnlyTo(viewer, [NORTHWIND], true);
      // Another account's post is as unknown to the client as the account itself.
      const theirs = (await (
        await request.get(`/api/${LUMEN}/media`, { params: { limit: '1', fields: 'id' } })
      ).json()) as { data: { id: string }[] };
      const lumenPost = theirs.data[0]?.id ?? '';
      expect((await viewer.request.get(`/api/${lumenPost}`)).status()).toBe(404);
      await viewer.goto(`/accounts/${TINY}/audience`);
      await expect(viewer).toHaveURL(`/accounts/${NORTHWIND}?v=1&range=7d`);
      expect(errors).toEqual([]);

      // A team member who opened their own link can leave it: on a demo server, the demo owner again.
      await viewer.getByRole('button', { name: 'Leave this shared view' }).click();
      await expect(viewer).toHaveURL('/');
      await expect(viewer.getByRole('navigation', { name: 'Main' })).toBeVisible();
      await expect(sharedByLine(viewer)).toHaveCount(0);
    } finally {
      await client.context.close();
    }
  });

  test('a password-protected link asks for its password before anything is shown', async ({
    request,
    browser,
    baseURL,
  }) => {
    const { url } = await createShare(request, baseURL ?? '', {
      label: 'Protected (e2e)',
      password: 'correct horse battery staple',
    });
    const client = await clientBrowser(browser, baseURL ?? '');
    // The wrong password's 403 is expected.
    const errors = trackErrors(client.page, (text) => text.includes('403'));
    try {
      const viewer = client.page;
      await viewer.goto(url);
      await expect(viewer).toHaveURL('/shared/unlock');
      await expect(
        viewer.getByRole('heading', { level: 1, name: 'This shared view has a password' }),
      ).toBeVisible();
      await expect(sharedByLine(viewer)).toBeVisible();
      await expect(viewer.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
      // Nothing is answered before the password, whatever the address.
      expect((await viewer.request.get(`/api/${NORTHWIND}`)).status()).toBe(403);
      await viewer.goto(`/accounts/${NORTHWIND}?v=1&range=7d`);
      await expect(viewer).toHaveURL('/shared/unlock');
      await expectNoSeriousAxeViolations(viewer);

      const field = viewer.getByLabel('Password', { exact: true });
      await field.fill('not the password at all');
      await viewer.getByRole('button', { name: 'Open' }).click();
      await expect(viewer.getByRole('alert')).toHaveText('That is not the password of this link.');
      await expect(field).toHaveAttribute('aria-invalid', 'true');

      await field.fill('correct horse battery staple');
      await viewer.getByRole('button', { name: 'Open' }).click();
      await expect(viewer).toHaveURL(`/accounts/${NORTHWIND}?v=1&range=7d`);
      await expect(viewer.getByRole('heading', { level: 1, name: /^@/ })).toBeVisible();
      await expectReadOnlyFrame(viewer);
      expect(viewer.url()).not.toContain('/s/');
      expect(errors).toEqual([]);
    } finally {
      await client.context.close();
    }
  });

  test('a revoked link shows the 410 page at once, never the sign-in page', async ({
    request,
    browser,
    baseURL,
  }) => {
    const { url, share } = await createShare(request, baseURL ?? '', { label: 'Revoked (e2e)' });
    const client = await clientBrowser(browser, baseURL ?? '');
    const later = await clientBrowser(browser, baseURL ?? '');
    try {
      const viewer = client.page;
      await viewer.goto(url);
      await expect(viewer.getByRole('heading', { level: 1, name: /^@/ })).toBeVisible();

      const revoked = await request.delete(`/api/shares/${share.id}`, {
        headers: { Origin: baseURL ?? '' },
      });
      expect(revoked.ok()).toBe(true);
      const reloaded = await viewer.reload();
      expect(reloaded?.status()).toBe(410);
      await expect(
        viewer.getByRole('heading', { level: 1, name: 'This shared view was revoked' }),
      ).toBeVisible();
      await expect(viewer.getByRole('heading', { name: /^@/ })).toHaveCount(0);
      await expect(viewer.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
      await expect(viewer.getByText(/sign in/i)).toHaveCount(0);
      expect((await viewer.request.get(`/api/${NORTHWIND}`)).status()).toBe(410);

      // Opened afresh, the link ends on the same page.
      const opened = await later.page.goto(url);
      expect(opened?.status()).toBe(410);
      await expect(later.page).toHaveURL('/shared/ended?reason=ended');
      await expect(
        later.page.getByRole('heading', { level: 1, name: 'This shared view has ended' }),
      ).toBeVisible();
      await expectNoSeriousAxeViolations(later.page);
    } finally {
      await client.context.close();
      await later.context.close();
    }
  });

  test('an expired link shows the 410 page, on a server whose clock moved past its end', async ({
    browser,
    playwright,
  }) => {
    test.setTimeout(180_000);
    const stack = await forkStack(
      { mode: 'demo', distDir: 'dist', movableClock: true, logRequests: false },
      { readyTimeoutMs: 120_000 },
    );
    const owner = await playwright.request.newContext({ baseURL: stack.proxyUrl });
    const client = await clientBrowser(browser, stack.proxyUrl);
    const later = await clientBrowser(browser, stack.proxyUrl);
    try {
      const { url } = await createShare(owner, stack.proxyUrl, {
        label: 'One day (e2e)',
        expires_in_days: 1,
      });
      const viewer = client.page;
      await viewer.goto(url);
      await expect(viewer.getByRole('heading', { level: 1, name: /^@/ })).toBeVisible({
        timeout: 30_000,
      });

      await stack.moveClock(2 * 86_400_000);
      const reloaded = await viewer.reload();
      expect(reloaded?.status()).toBe(410);
      await expect(
        viewer.getByRole('heading', { level: 1, name: 'This shared view has expired' }),
      ).toBeVisible();
      await expect(viewer.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

      const opened = await later.page.goto(url);
      expect(opened?.status()).toBe(410);
      await expect(
        later.page.getByRole('heading', { level: 1, name: 'This shared view has ended' }),
      ).toBeVisible();
    } finally {
      await client.context.close();
      await later.context.close();
      await owner.dispose();
      await stack.close();
    }
  });

  test('CSV export and printing follow the link', async ({ request, browser, baseURL }) => {
    test.setTimeout(90_000);
    const withCsv = await createShare(request, baseURL ?? '', { label: 'CSV (e2e)', csv: true });
    const withoutCsv = await createShare(request, baseURL ?? '', { label: 'No CSV (e2e)' });

    const allowed = await clientBrowser(browser, baseURL ?? '');
    try {
      await allowed.page.goto(withCsv.url);
      await expectLoaded(allowed.page);
      const buttons = allowed.page.getByRole('button', { name: /^Export CSV/ });
      await expect(buttons.first()).toBeVisible();
      await expect(allowed.page.getByRole('button', { name: 'Print / PDF' })).toBeVisible();
      const [file] = await Promise.all([
        allowed.page.waitForEvent('download'),
        buttons.first().click(),
      ]);
      expect(file.suggestedFilename()).toMatch(/\.csv$/);
      expect(readFileSync(await file.path(), 'utf8').length).toBeGreaterThan(10);
    } finally {
      await allowed.context.close();
    }

    const refused = await clientBrowser(browser, baseURL ?? '');
    try {
      await refused.page.goto(withoutCsv.url);
      await expectLoaded(refused.page);
      await expect(refused.page.getByRole('heading', { name: 'Totals over 7 days' })).toBeVisible();
      await expect(refused.page.getByRole('button', { name: /^Export CSV/ })).toHaveCount(0);
      await expect(refused.page.getByRole('button', { name: 'Print / PDF' })).toHaveCount(0);
      // Printed anyway (Ctrl+P): the page says it cannot be.
      await refused.page.emulateMedia({ media: 'print' });
      await expect(refused.page.getByText('This shared view cannot be printed.')).toBeVisible();
      await expect(refused.page.getByRole('heading', { name: 'Totals over 7 days' })).toBeHidden();
    } finally {
      await refused.context.close();
    }
  });

  test('/settings/sharing lists the links, moves an expiry, revokes for good and keeps an audit log', async ({
    page,
    request,
    baseURL,
  }) => {
    const today = await serverToday(request);
    const label = `Settings ${Date.now()} (e2e)`;
    await createShare(request, baseURL ?? '', { label, password: 'correct horse battery staple' });
    // Reached from the user menu.
    await page.goto('/');
    await page.getByRole('button', { name: /^Signed in as/ }).click();
    await page
      .getByRole('dialog', { name: 'Your account' })
      .getByRole('link', { name: 'Share links' })
      .click();
    await expect(page).toHaveURL('/settings/sharing');
    await expect(page.getByRole('heading', { level: 1, name: 'Share links' })).toBeVisible();
    const item = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: label }) });
    await expect(item).toContainText('Active');
    await expect(item).toContainText('Times opened0');
    await expect(item).toContainText('Any range within the last 28 days');
    await expect(item).toContainText('demo-owner@example.com');

    const later = addDays(today, 90);
    await item.getByLabel('Works through').fill(later);
    await item.getByRole('button', { name: /^Change expiry/ }).click();
    await expect(item.getByRole('status')).toHaveText('Saved.');

    await item.getByRole('button', { name: /^Revoke/ }).click();
    await expect(item.getByRole('button', { name: 'Keep it' })).toBeFocused();
    await item.getByRole('button', { name: 'Revoke for good' }).click();
    await expect(item).toContainText('Revoked');
    // A revoked link cannot be turned back on: nothing left to change.
    await expect(item.getByRole('button')).toHaveCount(0);

    const log = page.getByRole('region', { name: 'Audit log of share links' });
    for (const action of ['created', 'expiry changed', 'revoked'])
      await expect(
        log.getByRole('row').filter({ hasText: label }).filter({ hasText: action }),
      ).toHaveCount(1);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the dialog, the settings page and the client's frame are accessible (${colorScheme})`, async ({
      page,
      request,
      browser,
      baseURL,
    }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme });
      await page.goto(`/compare?v=1&range=14d&accounts=${NORTHWIND},${LUMEN}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Compare accounts' })).toBeVisible();
      await page.getByRole('button', { name: 'Share…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Share with a client' });
      await expect(dialog.getByRole('checkbox', { name: '@northwind.coffee' })).toBeChecked();
      await expectNoSeriousAxeViolations(page);
      // Shown with its problems too.
      await dialog.getByRole('radio', { name: /^Any range within/ }).check();
      await dialog.getByRole('spinbutton', { name: 'Days back' }).fill('3');
      await dialog.getByRole('button', { name: 'Create link' }).click();
      await expect(dialog.getByText(/This view needs the last 14 days/)).toBeVisible();
      await expectNoSeriousAxeViolations(page);
      await page.setViewportSize({ width: 375, height: 740 });
      await expectNoHorizontalScroll(page);
      await page.keyboard.press('Escape');

      await createShare(request, baseURL ?? '', { label: `Axe ${colorScheme} (e2e)`, csv: true });
      await page.goto('/settings/sharing');
      await expect(page.getByRole('heading', { name: `Axe ${colorScheme} (e2e)` })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Audit log of share links' })).toBeVisible();
      await expectNoHorizontalScroll(page);
      await page.setViewportSize({ width: 1280, height: 800 });
      await expectNoSeriousAxeViolations(page);

      const { url } = await createShare(request, baseURL ?? '', {
        label: `Frame ${colorScheme} (e2e)`,
        accounts: [NORTHWIND, LUMEN],
        scope: 'pages',
        view_path: `/compare?v=1&range=14d&accounts=${NORTHWIND},${LUMEN}`,
        csv: true,
      });
      const client = await clientBrowser(browser, baseURL ?? '');
      try {
        const viewer = client.page;
        await viewer.emulateMedia({ colorScheme });
        await viewer.goto(url);
        await expect(
          viewer.getByRole('heading', { level: 1, name: 'Compare accounts' }),
        ).toBeVisible();
        await expectReadOnlyFrame(viewer);
        await expectLoaded(viewer);
        await expectNoSeriousAxeViolations(viewer);
        await viewer.setViewportSize({ width: 375, height: 740 });
        await expectNoHorizontalScroll(viewer);
      } finally {
        await client.context.close();
      }
    });
  }
});
