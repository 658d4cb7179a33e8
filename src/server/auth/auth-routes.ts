import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { ApiError, badRequest, forbidden, notFound } from '../api-errors';
import type { ShareLink } from '../store/share-store';
import { LastOwnerError, type User, UserExistsError, UserNotFoundError } from '../store/user-store';
import { type Auth, SESSION_ABSOLUTE_MS, type UserViewer, type Viewer } from './auth';
import { readOwnCookie } from './read-cookie';
import type { Shares } from './shares';

export type AuthEnv = {
  Variables: { viewer?: Viewer; shareEnded?: 'expired' | 'revoked' };
};

export interface AuthHttpOptions {
  auth: Auth;
  shares: Shares;
  /** Shown to share viewers: "Shared by {workspaceName}". */
  workspaceName: string;
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

/** The share cookie: a browser session of a client link (never the link's token). */
export const shareCookieName = (o: AuthHttpOptions) => (secure(o) ? '__Host-share' : 'share');

/**
 * Who is asking. A browser that opened a share link is its viewer, even where it also has a
 * session (or is the demo owner): it sees what the link grants and nothing else, until it leaves.
 */
export function whoIsAsking(
  o: AuthHttpOptions,
  c: Context,
): { viewer?: Viewer; shareEnded?: 'expired' | 'revoked' } {
  const cookies = c.req.header('cookie');
  const share = o.shares.state(readOwnCookie(cookies, shareCookieName(o)));
  if (share.kind === 'viewer') return { viewer: share.viewer };
  if (share.kind === 'gone') return { shareEnded: share.reason };
  const viewer =
    o.auth.viewerForSession(readOwnCookie(cookies, sessionCookieName(o))) ?? o.auth.demoViewer();
  return viewer ? { viewer } : {};
}

export function identify(o: AuthHttpOptions): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const found = whoIsAsking(o, c);
    if (found.viewer) c.set('viewer', found.viewer);
    if (found.shareEnded) c.set('shareEnded', found.shareEnded);
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

/** A signed-in person (not a share viewer): for what changes or manages things. */
export function requireUser(c: Context<AuthEnv>): UserViewer {
  const viewer = requireViewer(c);
  if (viewer.kind !== 'user')
    throw forbidden('A shared view is read-only: this is not part of it.');
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
    c.header('Cache-Control', 'no-store');
    if (viewer?.kind === 'share') {
      const days = o.shares.allowedDays(viewer.link);
      return c.json({
        signed_in: false,
        mode: o.mode,
        share: {
          label: viewer.link.label,
          shared_by: o.workspaceName,
          expires_at: new Date(viewer.link.expiresAt).toISOString(),
          accounts: viewer.link.accounts,
          scope: viewer.link.scope,
          view_path: viewer.link.viewPath,
          range: viewer.link.range,
          allowed_days: days,
          csv: viewer.link.csv,
          locked: !viewer.unlocked,
        },
      });
    }
    if (viewer) return signedIn(c, viewer.user);
    const ended = c.get('shareEnded');
    if (ended) return c.json({ signed_in: false, mode: o.mode, share_ended: ended });
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
    const viewer = requireUser(c);
    if (!viewer.sessionHash) throw forbidden('The demo owner has no password to change.');
    const body = await readBody(
      c,
      z.object({ current_password: password, new_password: password }),
    );
    const sessionId = await o.auth.changePassword(viewer, body.current_password, body.new_password);
    startSession(c, sessionId);
    return signedIn(c, viewer.user);
  });

  routes.post('/share/unlock', async (c) => {
    const viewer = c.get('viewer');
    if (viewer?.kind !== 'share') throw forbidden('Open the shared link first.');
    const body = await readBody(c, z.object({ password }));
    await o.shares.unlock(viewer, body.password, clientAddress(c, o.trustProxy));
    c.header('Cache-Control', 'no-store');
    return c.json({ unlocked: true, view_path: viewer.link.viewPath });
  });

  routes.post('/share/leave', (c) => {
    const viewer = c.get('viewer');
    if (viewer?.kind === 'share') o.shares.leave(viewer);
    deleteCookie(c, shareCookieName(o), { path: '/', secure: secure(o) });
    c.header('Cache-Control', 'no-store');
    return c.json({ left: true });
  });

  routes.all('*', (c) => {
    throw notFound(`There is no route ${new URL(c.req.url).pathname.slice(0, 80)}.`);
  });
  return routes;
}

/** Sets the share cookie for a link's new browser session; it lasts as long as the link. */
export function setShareCookie(
  o: AuthHttpOptions,
  c: Context,
  sessionId: string,
  link: ShareLink,
  now: number,
) {
  setCookie(c, shareCookieName(o), sessionId, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secure(o),
    path: '/',
    maxAge: Math.max(60, Math.floor((link.expiresAt - now) / 1000)),
  });
}

const shareSchema = z.object({
  label: z.string({ error: 'label is required' }).max(200),
  accounts: z
    .array(z.string().regex(/^\d{1,25}$/), { error: 'accounts must list account ids' })
    .min(1)
    .max(20),
  scope: z.enum(['view', 'pages'], { error: 'scope must be view or pages' }),
  view_path: z.string({ error: 'view_path is required' }).max(2000).startsWith('/'),
  range: z.discriminatedUnion(
    'kind',
    [
      z.object({
        kind: z.literal('fixed'),
        from: z.string(),
        to: z.string(),
        earliest: z.string(),
      }),
      z.object({ kind: z.literal('recent'), days: z.number() }),
    ],
    { error: 'range must be {kind:"fixed",from,to,earliest} or {kind:"recent",days}' },
  ),
  expires_in_days: z.number().default(30),
  password: z.string().max(256).optional(),
  csv: z.boolean().default(false),
});

const publicShare = (link: ShareLink) => ({
  id: link.id,
  label: link.label,
  accounts: link.accounts,
  scope: link.scope,
  view_path: link.viewPath,
  range: link.range,
  csv: link.csv,
  has_password: link.hasPassword,
  created_by: link.creatorEmail,
  created_at: new Date(link.createdAt).toISOString(),
  expires_at: new Date(link.expiresAt).toISOString(),
  ...(link.revokedAt !== undefined ? { revoked_at: new Date(link.revokedAt).toISOString() } : {}),
  ...(link.lastOpenedAt !== undefined
    ? { last_opened_at: new Date(link.lastOpenedAt).toISOString() }
    : {}),
  open_count: link.openCount,
});

/** Share links, for signed-in people: `/api/shares`. */
export function createShareRoutes(o: AuthHttpOptions): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();
  routes.use('*', async (c, next) => {
    requireUser(c);
    c.header('Cache-Control', 'no-store');
    await next();
  });
  routes.get('/', (c) => {
    const viewer = requireUser(c);
    return c.json({ data: o.shares.list(viewer).map(publicShare) });
  });
  routes.get('/audit', (c) => {
    const viewer = requireUser(c);
    return c.json({
      data: o.shares.auditLog(viewer).map((e) => ({
        at: new Date(e.at).toISOString(),
        actor: e.actor,
        action: e.action,
        ...(e.linkId ? { link_id: e.linkId } : {}),
        detail: e.detail,
      })),
    });
  });
  routes.post('/', async (c) => {
    const viewer = requireUser(c);
    const body = await readBody(c, shareSchema);
    const { link, url } = await o.shares.create(viewer, {
      label: body.label,
      accounts: body.accounts,
      scope: body.scope,
      viewPath: body.view_path,
      range: body.range,
      expiresInDays: body.expires_in_days,
      ...(body.password ? { password: body.password } : {}),
      csv: body.csv,
    });
    return c.json({ share: publicShare(link), url }, 201);
  });
  routes.patch('/:id', async (c) => {
    const viewer = requireUser(c);
    const body = await readBody(c, z.object({ expires_on: z.string() }));
    return c.json({
      share: publicShare(o.shares.setExpiry(viewer, c.req.param('id'), body.expires_on)),
    });
  });
  routes.delete('/:id', (c) => {
    const viewer = requireUser(c);
    return c.json({ share: publicShare(o.shares.revoke(viewer, c.req.param('id'))) });
  });
  return routes;
}

/** Managing the team (owners only): `/api/users`. */
export function createUserRoutes(o: AuthHttpOptions): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();
  routes.use('*', async (c, next) => {
    const viewer = requireUser(c);
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
