import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { ApiError, badRequest, forbidden, notFound } from '../api-errors';
import { LastOwnerError, type User, UserExistsError, UserNotFoundError } from '../store/user-store';
import { type Auth, SESSION_ABSOLUTE_MS, type Viewer } from './auth';

export type AuthEnv = { Variables: { viewer?: Viewer } };

export interface AuthHttpOptions {
  auth: Auth;
  mode: 'demo' | 'live';
  /** PUBLIC_URL: cookies are Secure (and `__Host-`) when it is https. */
  publicUrl?: string;
  trustProxy?: boolean;
}

const secure = (o: AuthHttpOptions) => o.publicUrl?.startsWith('https://') ?? false;
/** `__Host-` binds the cookie to this exact host, https only, path /. */
export const sessionCookieName = (o: AuthHttpOptions) => (secure(o) ? '__Host-session' : 'session');

/** The client's address: the socket's, or behind a trusted reverse proxy the last X-Forwarded-For. */
export function clientAddress(c: Context, trustProxy: boolean | undefined): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Who is asking: the session cookie's user, or (demo mode) the demo owner. */
export function viewerOf(o: AuthHttpOptions, c: Context): Viewer | undefined {
  return o.auth.viewerForSession(getCookie(c, sessionCookieName(o))) ?? o.auth.demoViewer();
}

export function identify(o: AuthHttpOptions): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const viewer = viewerOf(o, c);
    if (viewer) c.set('viewer', viewer);
    await next();
  };
}

const refused = (message: string) =>
  new ApiError(403, { message, type: 'CrossOriginRequest', code: 10 });

/**
 * Every state-changing request must come from the dashboard's own pages: its Origin is the
 * dashboard's, or (for browsers that leave Origin out) Sec-Fetch-Site says same-origin.
 */
export function sameOriginOnly(publicUrl: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const expected = publicUrl ? new URL(publicUrl).origin : new URL(c.req.url).origin;
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      if (origin !== expected)
        throw refused(`Requests that change something must come from ${expected} itself.`);
    } else if (c.req.header('sec-fetch-site') !== 'same-origin') {
      throw refused(
        'Requests that change something must come from the dashboard page (no Origin header was sent).',
      );
    }
    return next();
  };
}

/** 401 in the Graph error shape, for every route that needs a signed-in person. */
export const notSignedIn = () =>
  new ApiError(401, {
    message: 'Sign in first: this dashboard shows its accounts to signed-in people only.',
    type: 'NotSignedIn',
    code: 190,
  });

export function requireViewer(c: Context<AuthEnv>): Viewer {
  const viewer = c.get('viewer');
  if (!viewer) throw notSignedIn();
  return viewer;
}

const email = z
  .string({ error: 'email is required' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'email must be an email address, e.g. sam@example.com' }).max(254));
const password = z.string({ error: 'password is required' }).max(1024);
const token = z.string({ error: 'token is required' }).regex(/^[A-Za-z0-9_-]{20,100}$/, {
  error: 'token must be the part after # in the link you were sent',
});
const accountsSchema = z.union(
  [z.literal('all'), z.array(z.string().regex(/^\d{1,25}$/)).max(500)],
  {
    error: 'accounts must be "all" or a list of Instagram account ids',
  },
);
const roleSchema = z.enum(['owner', 'member'], { error: 'role must be owner or member' });

async function readBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const body = await c.req.json().catch(() => {
    throw badRequest('Send a JSON body (Content-Type: application/json).');
  });
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

const publicUser = (user: User) => ({
  id: user.id,
  email: user.email,
  role: user.role,
  accounts: user.accounts,
  has_password: user.hasPassword,
  created_at: user.createdAt,
});

/** Sign-in, sign-out, the set-up and invitation links, and password changes: `/auth/*`. */
export function createAuthRoutes(o: AuthHttpOptions): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();
  const cookie = sessionCookieName(o);
  const startSession = (c: Context, sessionId: string) =>
    setCookie(c, cookie, sessionId, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: secure(o),
      path: '/',
      maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
    });
  const signedIn = (c: Context, user: User) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ signed_in: true, mode: o.mode, user: publicUser(user) });
  };
  routes.use(
    '*',
    bodyLimit({
      maxSize: 16 * 1024,
      onError: () => {
        throw new ApiError(413, {
          message: 'The request body is too large.',
          type: 'InvalidParameter',
          code: 100,
        });
      },
    }),
  );

  routes.get('/session', (c) => {
    const viewer = c.get('viewer');
    if (viewer) return signedIn(c, viewer.user);
    c.header('Cache-Control', 'no-store');
    return c.json({
      signed_in: false,
      mode: o.mode,
      setup_needed: o.mode === 'live' && o.auth.users.count() === 0,
    });
  });

  routes.post('/sign-in', async (c) => {
    const body = await readBody(c, z.object({ email: z.string().max(254), password }));
    const { user, sessionId } = await o.auth.signIn(
      body.email,
      body.password,
      clientAddress(c, o.trustProxy),
    );
    // A session id the browser had before signing in is never kept (session fixation).
    o.auth.endSession(c.get('viewer'));
    startSession(c, sessionId);
    return signedIn(c, user);
  });

  routes.post('/sign-out', (c) => {
    o.auth.endSession(c.get('viewer'));
    deleteCookie(c, cookie, { path: '/', secure: secure(o) });
    c.header('Cache-Control', 'no-store');
    return c.json({ signed_in: false, mode: o.mode });
  });

  routes.post('/link', async (c) => {
    const body = await readBody(c, z.object({ token, purpose: z.enum(['setup', 'invitation']) }));
    const state = o.auth.linkState(body.token, body.purpose);
    c.header('Cache-Control', 'no-store');
    return c.json(
      state ? { usable: true, ...(state.email ? { email: state.email } : {}) } : { usable: false },
    );
  });

  routes.post('/setup', async (c) => {
    const body = await readBody(c, z.object({ token, email, password }));
    const { user, sessionId } = await o.auth.completeSetup(body.token, body.email, body.password);
    o.auth.endSession(c.get('viewer'));
    startSession(c, sessionId);
    return signedIn(c, user);
  });

  routes.post('/invitation', async (c) => {
    const body = await readBody(c, z.object({ token, password }));
    const { user, sessionId } = await o.auth.acceptInvitation(body.token, body.password);
    o.auth.endSession(c.get('viewer'));
    startSession(c, sessionId);
    return signedIn(c, user);
  });

  routes.post('/password', async (c) => {
    const viewer = requireViewer(c);
    if (!viewer.sessionHash) throw forbidden('The demo owner has no password to change.');
    const body = await readBody(
      c,
      z.object({ current_password: password, new_password: password }),
    );
    const sessionId = await o.auth.changePassword(viewer, body.current_password, body.new_password);
    startSession(c, sessionId);
    return signedIn(c, viewer.user);
  });

  routes.all('*', (c) => {
    throw notFound(`There is no route ${new URL(c.req.url).pathname.slice(0, 80)}.`);
  });
  return routes;
}

/** Managing the team (owners only): `/api/users`. */
export function createUserRoutes(o: AuthHttpOptions): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();
  routes.use('*', async (c, next) => {
    const viewer = requireViewer(c);
    if (viewer.user.role !== 'owner') throw forbidden('Only owners manage the people who sign in.');
    c.header('Cache-Control', 'no-store');
    await next();
  });
  const storeErrors = (error: unknown): never => {
    if (error instanceof UserExistsError)
      throw new ApiError(409, { message: error.message, type: 'Conflict', code: 100 });
    if (error instanceof UserNotFoundError) throw notFound(error.message);
    if (error instanceof LastOwnerError)
      throw new ApiError(409, { message: error.message, type: 'Conflict', code: 100 });
    throw error;
  };

  routes.get('/', (c) => c.json({ data: o.auth.users.list().map(publicUser) }));

  routes.post('/', async (c) => {
    const body = await readBody(
      c,
      z.object({ email, role: roleSchema, accounts: accountsSchema.default('all') }),
    );
    try {
      const { user, link } = o.auth.invite(body.email, body.role, body.accounts);
      return c.json({ user: publicUser(user), invitation_url: link }, 201);
    } catch (error) {
      return storeErrors(error);
    }
  });

  routes.patch('/:id', async (c) => {
    const body = await readBody(
      c,
      z.object({ role: roleSchema.optional(), accounts: accountsSchema.optional() }),
    );
    try {
      return c.json({ user: publicUser(o.auth.users.update(c.req.param('id'), body)) });
    } catch (error) {
      return storeErrors(error);
    }
  });

  routes.delete('/:id', (c) => {
    try {
      o.auth.users.remove(c.req.param('id'));
      return c.json({ success: true });
    } catch (error) {
      return storeErrors(error);
    }
  });

  routes.post('/:id/invitation', (c) => {
    const user = o.auth.users.find(c.req.param('id'));
    if (!user) throw notFound('There is no such user.');
    return c.json({ invitation_url: o.auth.newInvitation(user.id) }, 201);
  });
  return routes;
}
