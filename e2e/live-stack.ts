import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';
import {
  type ForkedStack,
  forkStack,
  type StackProcessOptions,
} from '../src/server/testing/fork-stack';

/**
 * A live-mode server of a spec's own (src/server/testing/stack-process.ts in a child process: the
 * proxy serving the built app, in front of the fake Graph API), for the sign-in tests. The demo
 * server the rest of the suite uses signs every visitor in as its owner.
 */
export const OWNER = { email: 'owner@example.com', password: 'owner passphrase 4 tests' };

export const NORTHWIND = { id: '17841405822304914', username: 'northwind.coffee' };
export const LUMEN = { id: '17841400118305523', username: 'lumen.studio' };
export const ALL_ACCOUNTS = 5;

export const DAY_MS = 86_400_000;

export const startLiveStack = (options: StackProcessOptions = {}): Promise<ForkedStack> =>
  forkStack({ distDir: 'dist', logRequests: false, owner: OWNER, ...options });

/** A request to the stack as the dashboard's page would send it (its Origin), with a cookie. */
export async function send(
  stack: ForkedStack,
  method: string,
  path: string,
  { cookie, body }: { cookie?: string; body?: unknown } = {},
): Promise<Response> {
  return fetch(`${stack.proxyUrl}${path}`, {
    method,
    headers: {
      Origin: stack.proxyUrl,
      ...(cookie ? { Cookie: cookie } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(15_000),
  });
}

const cookieOf = (response: Response) => {
  const session = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('session='))
    ?.split(';')[0];
  if (!session) throw new Error('The answer set no session cookie.');
  return session;
};

/** The owner's session cookie, by signing in over HTTP. */
export async function ownerCookie(stack: ForkedStack): Promise<string> {
  const response = await send(stack, 'POST', '/auth/sign-in', { body: OWNER });
  expect(response.status).toBe(200);
  return cookieOf(response);
}

/**
 * A person the owner added and who accepted the invitation, over HTTP (the users page and the
 * invitation page have tests of their own): their id, password and session cookie.
 */
export async function addMember(
  stack: ForkedStack,
  email: string,
  accounts: 'all' | string[],
): Promise<{ id: string; email: string; password: string; cookie: string }> {
  const owner = await ownerCookie(stack);
  const added = await send(stack, 'POST', '/api/users', {
    cookie: owner,
    body: { email, role: 'member', accounts },
  });
  expect(added.status).toBe(201);
  const { user, invitation_url } = (await added.json()) as {
    user: { id: string };
    invitation_url: string;
  };
  const password = `${email} has a passphrase`;
  const accepted = await send(stack, 'POST', '/auth/invitation', {
    body: { token: new URL(invitation_url).hash.slice(1), password },
  });
  expect(accepted.status).toBe(200);
  return { id: user.id, email, password, cookie: cookieOf(accepted) };
}

/** A fresh browser context whose relative addresses go to the stack, signed in with `cookie` if given. */
export async function contextFor(
  browser: Browser,
  stack: ForkedStack,
  cookie?: string,
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: stack.proxyUrl });
  if (cookie) {
    const [name = '', value = ''] = cookie.split('=');
    await context.addCookies([{ name, value, url: stack.proxyUrl }]);
  }
  return context;
}

/** Fills in and sends the sign-in form the page shows. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The status of a request the page itself makes (its cookies, its Origin). */
export const statusFromPage = (page: Page, path: string): Promise<number> =>
  page.evaluate(async (p) => (await fetch(p)).status, path);

/** The session cookie this context holds, if any. */
export async function sessionCookieIn(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies()).find((c) => c.name === 'session')?.value;
}
