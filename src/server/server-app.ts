import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { BATCH_PATH } from '../graph/api-batch';
import { batchRoute } from './api-batch';
import { ApiError, forbidden, serverFailed } from './api-errors';
import { type ApiDeps, type ApiEnv, createApiRoutes } from './api-routes';
import type { Auth } from './auth/auth';
import {
  clientAddress,
  createAuthRoutes,
  createShareRoutes,
  createUserRoutes,
  identify,
  notSignedIn,
  sameOriginOnly,
  setShareCookie,
  whoIsAsking,
} from './auth/auth-routes';
import { type Shares, shareGone } from './auth/shares';
import {
  type ConnectHttpOptions,
  connectCallback,
  createConnectionRoutes,
} from './connect/connect-routes';
import type { Redactor } from './redact';
import type { InsightsStore } from './store/insights-store';
import { createStoredRoutes } from './stored-routes';
import { createWebhookRoutes } from './webhooks';

export interface AppOptions extends ApiDeps {
  redact: Redactor;
  /** One line per request; never given a secret. */
  log: (line: string) => void;
  /** The built app; without it only /api answers. */
  distDir?: string;
  /** The store behind /api/{id}/stored/… and /api/{id}/stories/archive, and the webhooks' secrets. */
  storage?: { store: InsightsStore; webhookVerifyToken?: string; appSecret?: string };
  /** Sign-in and sessions: who is asking, and what they may see. */
  auth: Auth;
  /** Client share links. */
  shares: Shares;
  /** Shown to share viewers as "Shared by …". */
  workspaceName: string;
  /** PUBLIC_URL: the origin state-changing requests must come from; https makes cookies Secure. */
  publicUrl?: string;
  trustProxy?: boolean;
  /** TEST_NOW: the page tells the app the server's instant, so that the browser's today is the server's. */
  pageNow?: () => string;
  /** Connecting accounts with Facebook Login and Instagram Login. */
  connect?: ConnectHttpOptions;
}

const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * The page with `<meta name="dashboard-mode">` (and, when the clock is pinned,
 * `<meta name="dashboard-now">`) in its head, or at its top if it has none.
 */
function withServerFacts(
  html: string,
  mode: string,
  pinnedNow: string | undefined,
  viewer: 'team' | 'share' = 'team',
): string {
  const meta = [
    `<meta name="dashboard-mode" content="${mode}" />`,
    // Which frame the app draws on its first paint: the team's, or a share link's (it then waits
    // for /auth/session, so that nothing of the team's shows to a client).
    ...(viewer === 'share' ? ['<meta name="dashboard-viewer" content="share" />'] : []),
    ...(pinnedNow ? [`<meta name="dashboard-now" content="${pinnedNow}" />`] : []),
  ].join('\n  ');
  if (html.includes('</head>')) return html.replace('</head>', `${meta}\n  </head>`);
  return html.replace(/^(<!doctype html>)?/i, (doctype) => `${doctype}${meta}`);
}

/** Pages anyone may open in live mode: they are how people sign in. */
const PUBLIC_PAGES = new Set(['/sign-in', '/setup', '/invitation', '/shared/unlock']);

/** The whole server: security headers, request log, error shape, /api and the built app. */
export function createServerApp(options: AppOptions): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      crossOriginResourcePolicy: 'same-origin',
      strictTransportSecurity: false,
      // Obsolete headers that today's browsers ignore: every answer is lighter without them.
      xXssProtection: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xDnsPrefetchControl: false,
      originAgentCluster: false,
    }),
  );
  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('meter', { calls: 0 });
    await next();
    const webhook = c.req.path.startsWith('/webhooks/');
    if (!c.req.path.startsWith('/api/') && !webhook) return;
    const url = new URL(c.req.url);
    options.log(
      JSON.stringify({
        method: c.req.method,
        // A webhook's query holds the verify token: only its path is logged.
        path: options.redact(webhook ? url.pathname : url.pathname + url.search).slice(0, 300),
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        cache: c.get('cacheStatus') ?? 'none',
        upstream: c.get('meter').calls,
      }),
    );
  });
  // Meta's webhook posts come from Meta, signed; everything else that changes state comes from
  // the dashboard's own pages.
  const sameOrigin = sameOriginOnly(options.publicUrl);
  app.use('*', (c, next) => (c.req.path.startsWith('/webhooks/') ? next() : sameOrigin(c, next)));
  const authHttp = {
    auth: options.auth,
    shares: options.shares,
    workspaceName: options.workspaceName,
    mode: options.mode,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
  };
  const identifyViewer = identify(authHttp);
  app.use('/api/*', identifyViewer);
  app.use('/auth/*', identifyViewer);
  // Every /api route needs a signed-in person or an open share link, except the bare health check.
  app.use('/api/*', async (c, next) => {
    const viewer = c.get('viewer');
    const health = c.req.path === '/api/health';
    if (!viewer && !health) {
      const ended = c.get('shareEnded');
      throw ended ? shareGone(ended) : notSignedIn();
    }
    if (viewer?.kind === 'share') {
      // A shared view is read-only, and a protected one opens with its password.
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD')
        throw forbidden('A shared view is read-only.');
      if (!viewer.unlocked && !health)
        throw forbidden('This shared view needs its password first.');
    }
    await next();
  });
  app.onError((error, c) => {
    const apiError = error instanceof ApiError ? error : serverFailed();
    if (!(error instanceof ApiError))
      options.log(JSON.stringify({ error: options.redact(String(error)).slice(0, 500) }));
    const body = JSON.parse(options.redact(JSON.stringify(apiError.toJSON())));
    for (const [k, v] of Object.entries(apiError.headers)) c.header(k, v);
    c.header('Cache-Control', 'no-store');
    return c.json(body, apiError.status as 400);
  });
  const storage = options.storage;
  if (options.connect) {
    // Before /auth's own routes, whose catch-all answers 404.
    app.get('/auth/connect/:kind/callback', connectCallback(options.connect));
    app.route('/api/connections', createConnectionRoutes(options.connect));
  }
  app.route('/auth', createAuthRoutes(authHttp));
  app.route('/api/users', createUserRoutes(authHttp));
  app.route('/api/shares', createShareRoutes(authHttp));

  // A client share link: the token is checked and swapped for a cookie of the browser's own, and
  // the browser goes on to the view, so that the token leaves the address bar and the history.
  app.get('/s/:token', (c) => {
    c.header('Cache-Control', 'no-store');
    const opened = options.shares.open(c.req.param('token'), clientAddress(c, options.trustProxy));
    if (!opened.ok) {
      const reason = { 404: 'unknown', 410: 'ended', 429: 'too-many' }[opened.status];
      if (opened.retryAfter) c.header('Retry-After', String(opened.retryAfter));
      return c.redirect(`/shared/ended?reason=${reason}`, 303);
    }
    setShareCookie(authHttp, c, opened.sessionId, opened.link, options.now().getTime());
    return c.redirect(opened.link.hasPassword ? '/shared/unlock' : opened.link.viewPath, 303);
  });
  // Before the API's own routes, whose /api/{id} would take "batch" for an id.
  app.get(
    BATCH_PATH,
    batchRoute((request, env) => app.fetch(request, env as object)),
  );
  app.route(
    '/api',
    createApiRoutes({
      ...options,
      ...(storage
        ? {
            extraRoutes: createStoredRoutes({
              store: storage.store,
              directory: options.directory,
              graphVersion: options.graphVersion,
              now: options.now,
            }),
          }
        : {}),
    }),
  );
  if (storage) {
    app.route(
      '/webhooks',
      createWebhookRoutes({
        store: storage.store,
        directory: options.directory,
        now: options.now,
        ...(storage.webhookVerifyToken ? { verifyToken: storage.webhookVerifyToken } : {}),
        ...(storage.appSecret ? { appSecret: storage.appSecret } : {}),
      }),
    );
  }

  const dist = options.distDir ? resolve(options.distDir) : undefined;
  if (dist && existsSync(join(dist, 'index.html'))) {
    // The mode goes into the page itself, so that the demo banner is there on the first paint
    // instead of pushing the page down when /api/health answers.
    const built = readFileSync(join(dist, 'index.html'), 'utf8');
    const teamHtml = withServerFacts(built, options.mode, undefined);
    const shareHtml = withServerFacts(built, options.mode, undefined, 'share');
    const pageNow = options.pageNow;
    const serveIndex = (c: Context<ApiEnv>) => {
      const { viewer, shareEnded } = whoIsAsking(authHttp, c);
      const kind = viewer?.kind === 'share' || shareEnded ? 'share' : 'team';
      const indexHtml = pageNow
        ? withServerFacts(built, options.mode, pageNow(), kind)
        : kind === 'share'
          ? shareHtml
          : teamHtml;
      // Live mode: a page shown to a signed-in person (or a link's viewer) is not kept for Back.
      c.header('Cache-Control', options.mode === 'live' ? 'no-store' : 'no-cache');
      const path = c.req.path;
      if (path === '/shared/ended') {
        const reason = new URL(c.req.url).searchParams.get('reason');
        return c.html(shareHtml, reason === 'unknown' ? 404 : reason === 'too-many' ? 429 : 410);
      }
      // A browser whose share link ended sees that, on whatever page (never the team's sign-in).
      if (shareEnded) return c.html(indexHtml, 410);
      if (viewer?.kind === 'share') {
        if (!viewer.unlocked)
          return path === '/shared/unlock' ? c.html(indexHtml) : c.redirect('/shared/unlock', 303);
        const elsewhere = options.shares.pageFor(viewer, path);
        return elsewhere ? c.redirect(elsewhere, 303) : c.html(indexHtml);
      }
      // Live mode: a page is for a signed-in person, except the pages that sign people in.
      if (options.mode === 'live' && !PUBLIC_PAGES.has(path) && !viewer) {
        const url = new URL(c.req.url);
        const next = url.pathname + url.search;
        return c.redirect(
          next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`,
          303,
        );
      }
      return c.html(indexHtml);
    };
    app.get('/', serveIndex);
    app.get('/index.html', serveIndex);
    app.use(
      '/assets/*',
      serveStatic({
        root: dist,
        onFound: (_path, c) => {
          c.header('Cache-Control', 'public, max-age=31536000, immutable');
        },
      }),
    );
    app.use('*', serveStatic({ root: dist }));
    // Client-side routes: any other GET without a file extension is the app.
    app.get('*', (c) => {
      if (/\.[a-z0-9]+$/i.test(c.req.path)) return c.text('Not found', 404);
      return serveIndex(c);
    });
  }
  return app;
}
