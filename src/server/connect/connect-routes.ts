import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AccountDirectory } from '../account-directory';
import { badRequest, forbidden, notFound } from '../api-errors';
import { type AuthEnv, notSignedIn, requireUser } from '../auth/auth-routes';
import type { Clock } from '../clock';
import { ConnectError, type Connections, type LoginKind, WARN_BEFORE_MS } from './connections';

/** The cookie that binds a connect attempt's state to the browser that started it. */
const BINDING_COOKIE = 'connect_binding';
const BINDING_PATH = '/auth/connect';

export interface ConnectHttpOptions {
  connections: Connections;
  directory: AccountDirectory;
  now: Clock;
  mode: 'demo' | 'live';
  publicUrl?: string;
  /** The configured tokens' accounts (listed "from configuration", not removable). */
  configuredAccounts: () => Promise<string[]>;
}

const secure = (o: ConnectHttpOptions) => o.publicUrl?.startsWith('https://') ?? false;
const isLogin = (v: string): v is LoginKind => v === 'facebook' || v === 'instagram';

function publicConnection(
  c: ReturnType<Connections['list']>[number],
  now: number,
): Record<string, unknown> {
  const iso = (ms: number | undefined) =>
    ms === undefined ? undefined : new Date(ms).toISOString();
  // Facebook Login tokens cannot be refreshed by the server: owners are told to reconnect first.
  const reconnectBefore =
    c.login === 'facebook' && c.expiresAt !== undefined && c.expiresAt - now < WARN_BEFORE_MS
      ? iso(c.expiresAt)
      : undefined;
  return {
    id: c.id,
    login: c.login,
    accounts: c.accounts,
    scopes: c.scopes,
    connected_at: iso(c.createdAt),
    ...(c.expiresAt !== undefined ? { expires_at: iso(c.expiresAt) } : {}),
    ...(c.refreshedAt !== undefined ? { refreshed_at: iso(c.refreshedAt) } : {}),
    ...(c.problem ? { problem: c.problem } : {}),
    ...(reconnectBefore && !c.problem ? { reconnect_before: reconnectBefore } : {}),
  };
}

/** Connected accounts, for owners: `/api/connections`. */
export function createConnectionRoutes(o: ConnectHttpOptions): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();
  routes.use('*', async (c, next) => {
    const viewer = requireUser(c);
    if (viewer.user.role !== 'owner')
      throw forbidden('Only owners connect, list or disconnect Instagram accounts.');
    c.header('Cache-Control', 'no-store');
    await next();
  });

  routes.get('/', async (c) => {
    const now = o.now().getTime();
    return c.json({
      available: o.connections.available,
      redirect_uris: Object.fromEntries(
        o.connections.available.map((k) => [k, o.connections.redirectUri(k)]),
      ),
      configured_accounts: await o.configuredAccounts(),
      data: o.connections.list().map((conn) => publicConnection(conn, now)),
    });
  });

  routes.post('/start', async (c) => {
    const viewer = requireUser(c);
    const body = z
      .object({ login: z.enum(['facebook', 'instagram']) })
      .safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) throw badRequest('Send {"login":"facebook"} or {"login":"instagram"}.');
    if (!o.connections.available.includes(body.data.login))
      throw notFound(
        body.data.login === 'facebook'
          ? 'Facebook Login is not set up on this server: set META_APP_ID and META_APP_SECRET.'
          : 'Instagram Login is not set up on this server: set INSTAGRAM_APP_ID and INSTAGRAM_APP_SECRET.',
      );
    const { url, binding } = o.connections.start(body.data.login, viewer.user.id);
    setCookie(c, BINDING_COOKIE, binding, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: secure(o),
      path: BINDING_PATH,
      maxAge: 600,
    });
    return c.json({ authorize_url: url });
  });

  routes.delete('/:id', (c) => {
    if (!o.connections.disconnect(c.req.param('id')))
      throw notFound('There is no such connection (it may have been disconnected already).');
    return c.json({ success: true });
  });
  return routes;
}

/**
 * `GET /auth/connect/{facebook|instagram}/callback`: where Meta's dialog sends the browser back.
 * The answer is always a redirect to the settings page, with the connection or a reason; the
 * code never reaches a page or a log.
 */
export function connectCallback(o: ConnectHttpOptions) {
  return async (c: Context<AuthEnv>) => {
    c.header('Cache-Control', 'no-store');
    const kind = c.req.param('kind') ?? '';
    if (!isLogin(kind)) throw notFound('There is no such sign-in.');
    const viewer = c.get('viewer');
    if (!viewer) {
      if (o.mode === 'live') return c.redirect('/sign-in?next=%2Fsettings%2Faccounts', 303);
      throw notSignedIn();
    }
    const binding = getCookie(c, BINDING_COOKIE);
    deleteCookie(c, BINDING_COOKIE, { path: BINDING_PATH, secure: secure(o) });
    if (viewer.kind !== 'user' || viewer.user.role !== 'owner')
      return c.redirect('/settings/accounts?connect_error=state', 303);
    try {
      const connection = await o.connections.finish(
        kind,
        new URL(c.req.url).searchParams,
        binding,
        viewer.user.id,
      );
      return c.redirect(`/settings/accounts?connected=${connection.id}`, 303);
    } catch (error) {
      if (!(error instanceof ConnectError)) throw error;
      return c.redirect(`/settings/accounts?connect_error=${error.reason}`, 303);
    }
  };
}
