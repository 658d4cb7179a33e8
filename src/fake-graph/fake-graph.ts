import { z } from 'zod';
import {
  type FieldSelection,
  GRAPH_DEFAULT_PAGE_SIZE,
  IG_USER_FIELDS,
  INSTAGRAM_LOGIN_USER_FIELDS,
  parseFields,
} from '../graph/graph-fields';
import type { IgUser } from '../graph/graph-types';
import { type LoginType, mediaFieldsOffered } from '../graph/metric-catalogue';
import { pacificDayOf, toGraphTimestamp } from '../graph/pacific-days';
import { parseGraphVersion } from '../graph/versions';
import { answerAccountInsights } from './account-insights';
import { type DemoMedia, mediaTotalsAsOf } from './demo-data/account-model';
import { CONNECTABLE_ACCOUNTS, PAGE_WITHOUT_INSTAGRAM } from './demo-data/demo-accounts';
import { DEFAULT_DEMO_SEED, DemoData } from './demo-data/demo-data';
import { FakeOAuth, type LoginKind } from './fake-oauth';
import { type FakeGraphError, graphErrors } from './graph-errors';
import { demoImageSvg } from './media-images';
import { answerMediaInsights } from './media-insights';
import { RateLimiter, type RateLimitOptions } from './rate-limits';

export const DEFAULT_FAKE_GRAPH_TOKEN = 'demo-token';
/** Unversioned calls run on the oldest live version, as the real API's do. */
const OLDEST_LIVE_VERSION = 22;
const MAX_BATCH = 50;
const MAX_PAGE_SIZE = 100;

const faultsSchema = z.object({
  /** Added to every Graph answer. */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  /**
   * Share of Graph calls that fail with code 1 or 2 (HTTP 500/503): plain calls, batch requests
   * as a whole, and each entry of a batch.
   */
  transientErrorRate: z.number().min(0).max(1).default(0),
  /** Force throttling: `app` answers code 4, `account` code 80002. */
  throttle: z.enum(['off', 'app', 'account']).default('off'),
  /** Every Graph call fails with code 2 (HTTP 503). */
  outage: z.boolean().default(false),
  /**
   * Metrics Instagram has stopped offering, as Meta retires them: asked, they fail the request
   * with `(#100) metric[i] must be one of …`, which no longer lists them. `reach` retires it
   * everywhere, `media:reach` or `account:reach` only there.
   */
  retiredMetrics: z
    .array(z.string().regex(/^((account|media):)?[a-z][a-z0-9_]{0,63}$/))
    .max(100)
    .default([]),
  /**
   * Calls whose path and query (after the version, without the token) contain `match` fail with
   * code 2 (HTTP 503), also as entries of a batch request: one call failing among others. Each
   * fails `times` times (default: always), then answers.
   */
  failingCalls: z
    .array(
      z.object({
        match: z.string().min(1).max(300),
        times: z.number().int().min(1).max(1_000).optional(),
      }),
    )
    .max(20)
    .default([]),
});
export type Faults = z.infer<typeof faultsSchema>;

/** Whether the faults retire a metric for account (`account`) or media (`media`) insights. */
export function isRetiredByFaults(
  faults: Faults,
  scope: 'account' | 'media',
  name: string,
): boolean {
  return faults.retiredMetrics.some((entry) => entry === name || entry === `${scope}:${name}`);
}

export interface FakeGraphOptions {
  /** Origin used in paging links and media URLs, e.g. `http://127.0.0.1:4010`. */
  baseUrl?: string;
  token?: string;
  seed?: number;
  now?: () => Date;
  faults?: Partial<Faults>;
  rateLimits?: Partial<RateLimitOptions>;
  /** (uncertain) hold total_value requests to 30 days too. */
  limitTotalValueRange?: boolean;
  /**
   * The login the configured token comes from (default `facebook`, graph.facebook.com). With
   * `instagram` it reads every demo account through graph.instagram.com, which does not know the
   * metrics and fields that come only with Facebook Login; people's tokens keep their own login.
   */
  login?: LoginType;
}

export interface FakeGraphStats {
  /** HTTP requests to Graph paths (a batch counts once here). */
  requests: number;
  /** Calls counted against rate limits (each batch entry counts). */
  calls: number;
  batchEntries: number;
  errors: number;
  byPath: Record<string, number>;
}

interface Route {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  accountId?: string;
}

/** What a token reaches: the configured token every demo account, a person's token what they chose. */
interface Grant {
  kind: LoginKind;
  accounts: ReadonlySet<string>;
  /** The configured token: `/me/accounts` lists the demo world's pages. */
  configured: boolean;
}

type Ctx = {
  grant: Grant;
  version: number;
  versionPath: string;
  query: URLSearchParams;
  token: string;
  now: Date;
  url: URL;
};

const USER_FIELDS = IG_USER_FIELDS;
/** The media node's fields each login offers (the catalogue says which need Facebook Login). */
const MEDIA_FIELDS: Record<LoginType, readonly string[]> = {
  facebook: mediaFieldsOffered('facebook'),
  instagram: mediaFieldsOffered('instagram'),
};
const PAGE_FIELDS = [
  'id',
  'name',
  'access_token',
  'category',
  'instagram_business_account',
] as const;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=UTF-8', ...headers },
  });

const encodeCursor = (id: string) => Buffer.from(`c:${id}`).toString('base64url');
const decodeCursor = (cursor: string) => {
  const text = Buffer.from(cursor, 'base64url').toString();
  return text.startsWith('c:') ? text.slice(2) : undefined;
};

export class FakeGraph {
  readonly data: DemoData;
  readonly token: string;
  readonly baseUrl: string;
  readonly rateLimiter: RateLimiter;
  /** Apps, consent pages, codes and the tokens people's sign-ins produce. */
  readonly oauth: FakeOAuth;
  /** The login the configured token comes from, and the host requests come to by default. */
  readonly login: LoginType;
  faults: Faults;
  private readonly clock: () => Date;
  private readonly limitTotalValueRange: boolean;
  private stats: FakeGraphStats = { requests: 0, calls: 0, batchEntries: 0, errors: 0, byPath: {} };
  private traceCounter = 0;
  private faultCounter = 0;
  /** How often each of `faults.failingCalls` has failed since the faults were set. */
  private failedCalls: number[] = [];

  constructor(options: FakeGraphOptions = {}) {
    this.data = new DemoData(options.seed ?? DEFAULT_DEMO_SEED);
    this.token = options.token ?? DEFAULT_FAKE_GRAPH_TOKEN;
    this.baseUrl = (options.baseUrl ?? 'https://graph.facebook.com').replace(/\/$/, '');
    this.clock = options.now ?? (() => new Date());
    this.faults = faultsSchema.parse(options.faults ?? {});
    this.rateLimiter = new RateLimiter({
      callsPerAccount: 4_800,
      callsPerApp: 20_000,
      windowMs: 3_600_000,
      ...options.rateLimits,
    });
    this.limitTotalValueRange = options.limitTotalValueRange ?? true;
    this.oauth = new FakeOAuth(this.clock, (kind) =>
      CONNECTABLE_ACCOUNTS.filter((a) => a.login === kind),
    );
    this.login = options.login ?? 'facebook';
  }

  /** The fake's clock. */
  now(): Date {
    return this.clock();
  }

  setFaults(faults: Partial<Faults>): Faults {
    this.faults = faultsSchema.parse({ ...this.faults, ...faults });
    this.failedCalls = [];
    return this.faults;
  }

  getStats(): FakeGraphStats {
    return structuredClone(this.stats);
  }

  resetStats(): void {
    this.stats = { requests: 0, calls: 0, batchEntries: 0, errors: 0, byPath: {} };
    this.rateLimiter.reset();
  }

  /**
   * Answers one HTTP request the way graph.facebook.com (and www.facebook.com's login dialog)
   * would, or with `host: 'instagram'` graph.instagram.com (and Instagram's login endpoints). The
   * host defaults to the one of the configured token's login.
   */
  async handle(request: Request, host: LoginKind = this.login): Promise<Response> {
    const url = new URL(request.url);
    const segments = url.pathname.split('/').filter(Boolean);
    if (segments[0]?.startsWith('__')) return this.control(request, url, segments);
    const signIn = await this.signInEndpoint(request, url, segments, host);
    if (signIn) return signIn;

    this.stats.requests++;
    this.stats.byPath[url.pathname] = (this.stats.byPath[url.pathname] ?? 0) + 1;
    const response = await this.graphCall(request, url, segments, false, host);
    if (response.status >= 400) this.stats.errors++;
    return response;
  }

  private async graphCall(
    request: Request,
    url: URL,
    segments: string[],
    inBatch: boolean,
    host: LoginKind = 'facebook',
  ): Promise<Response> {
    const now = this.clock();
    let version = OLDEST_LIVE_VERSION;
    let versionPath = `v${OLDEST_LIVE_VERSION}.0`;
    const first = segments[0] ?? '';
    const parsed = parseGraphVersion(first);
    if (parsed !== undefined) {
      version = parsed;
      versionPath = first;
      segments = segments.slice(1);
    }
    let body: URLSearchParams | undefined;
    if (request.method === 'POST') body = await readForm(request);
    const bearer = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    const token = url.searchParams.get('access_token') ?? body?.get('access_token') ?? bearer;

    if (!inBatch && this.faults.latencyMs > 0)
      await new Promise((r) => setTimeout(r, this.faults.latencyMs));
    if (!token) return this.error(graphErrors.missingToken(), undefined, now);
    let grant: Grant;
    if (token === this.token && host === this.login) {
      grant = {
        kind: this.login,
        accounts: new Set(this.data.accounts.map((a) => a.id)),
        configured: true,
      };
    } else {
      const checked = this.oauth.check(token);
      // A token of one login does not parse on the other's host.
      if (checked.ok && checked.token.kind !== host)
        return this.error(graphErrors.invalidToken(), undefined, now);
      if (!checked.ok) return this.error(checked.error, undefined, now);
      grant = { kind: host, accounts: new Set(checked.token.accounts), configured: false };
    }
    // graph.instagram.com: /me is the Instagram account itself.
    if (host === 'instagram' && segments[0] === 'me' && segments[1] !== undefined)
      segments = [[...grant.accounts][0] ?? 'me', ...segments.slice(1)];

    // Outages and app throttling fail a batch request as a whole; transient errors also strike
    // its entries one by one, as they do any Graph call.
    const fault = inBatch ? this.transientFault() : this.injectedFault();
    if (fault) return this.error(fault, undefined, now);
    const ctx: Ctx = { grant, version, versionPath, query: url.searchParams, token, now, url };
    if (request.method === 'POST' && segments.length === 0 && body) return this.batch(body, ctx);
    if (request.method !== 'GET')
      return this.error(graphErrors.unsupportedMethod(request.method), undefined, now);

    const accountId = this.accountOf(segments, now);
    this.stats.calls++;
    if (
      this.faults.throttle === 'account' ||
      this.rateLimiter.record(accountId, now.getTime()).throttled
    ) {
      if (this.faults.throttle === 'account' && accountId)
        this.rateLimiter.record(accountId, now.getTime());
      return this.error(graphErrors.accountThrottled(), accountId ?? segments[0], now);
    }
    if (this.failsThisCall(segments, url))
      return this.error(graphErrors.serviceError(), accountId, now);
    const route = this.route(segments, ctx);
    if ('error' in route) return this.error(route.error, accountId, now);
    return json(route.status, route.body, {
      ...this.rateLimiter.headers(accountId, now.getTime()),
      ...route.headers,
    });
  }

  /**
   * The login endpoints, which take no user token: Facebook's dialog, code and long-lived
   * exchanges and debug_token; Instagram's authorize page, code exchange, long-lived exchange and
   * refresh. Undefined for every other path.
   */
  private async signInEndpoint(
    request: Request,
    url: URL,
    segments: string[],
    host: LoginKind,
  ): Promise<Response | undefined> {
    const now = this.clock();
    const versioned = parseGraphVersion(segments[0] ?? '') !== undefined;
    const path = (versioned ? segments.slice(1) : segments).join('/');
    const q = url.searchParams;
    const answer = (
      result: { status: number; body: unknown } | { error: FakeGraphError },
    ): Response =>
      'error' in result
        ? this.error(result.error, undefined, now)
        : json(result.status, result.body);
    if (host === 'facebook') {
      if (path === 'dialog/oauth' && request.method === 'GET')
        return this.oauth.dialog('facebook', url);
      if (path === 'oauth/access_token' && request.method === 'GET')
        return answer(this.oauth.facebookAccessToken(q));
      if (path === 'debug_token' && request.method === 'GET') {
        const bearer = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
        return answer(this.oauth.debugToken(q, q.get('access_token') ?? bearer ?? ''));
      }
      return undefined;
    }
    if (path === 'oauth/authorize' && request.method === 'GET' && !versioned)
      return this.oauth.dialog('instagram', url);
    if (path === 'oauth/access_token' && request.method === 'POST' && !versioned)
      return this.oauth.instagramCodeExchange(await readForm(request));
    if ((path === 'access_token' || path === 'refresh_access_token') && request.method === 'GET') {
      const token = q.get('access_token') ?? '';
      return answer(
        path === 'access_token'
          ? this.oauth.instagramExchange(q, token)
          : this.oauth.instagramRefresh(q, token),
      );
    }
    return undefined;
  }

  /** Whether one of `faults.failingCalls` matches this call and has failures left. */
  private failsThisCall(segments: string[], url: URL): boolean {
    if (this.faults.failingCalls.length === 0) return false;
    const query = new URLSearchParams(url.searchParams);
    query.delete('access_token');
    const text = `${segments.join('/')}?${query}`;
    const i = this.faults.failingCalls.findIndex((f) => text.includes(f.match));
    const fault = this.faults.failingCalls[i];
    if (!fault) return false;
    const failed = this.failedCalls[i] ?? 0;
    if (fault.times !== undefined && failed >= fault.times) return false;
    this.failedCalls[i] = failed + 1;
    return true;
  }

  private injectedFault(): FakeGraphError | undefined {
    if (this.faults.outage) return graphErrors.serviceError();
    if (this.faults.throttle === 'app') return graphErrors.appThrottled();
    return this.transientFault();
  }

  private transientFault(): FakeGraphError | undefined {
    if (this.faults.transientErrorRate > 0) {
      const n = this.faultCounter++;
      if (this.data.noise.unit('transient', n) < this.faults.transientErrorRate) {
        return n % 2 === 0 ? graphErrors.unknownError() : graphErrors.serviceError();
      }
    }
    return undefined;
  }

  private error(error: FakeGraphError, accountId: string | undefined, now: Date): Response {
    const fbtrace_id = `A${(++this.traceCounter).toString(36).padStart(6, '0')}fake`;
    return json(
      error.status,
      { error: { ...error.body, fbtrace_id } },
      {
        ...this.rateLimiter.headers(accountId, now.getTime()),
        ...error.headers,
        'x-fb-trace-id': fbtrace_id,
      },
    );
  }

  /** The Instagram account a path is about, for rate limiting. */
  private accountOf(segments: string[], now: Date): string | undefined {
    const id = segments[0];
    if (!id || id === 'me') return undefined;
    if (this.data.findAccount(id)) return id;
    return this.data.findMedia(id, now)?.media.accountId;
  }

  private route(segments: string[], ctx: Ctx): Route | { error: FakeGraphError } {
    const [id = '', edge, ...rest] = segments;
    if (rest.length > 0) return { error: graphErrors.unknownPath(rest.join('/')) };
    if (id === 'me') {
      if (ctx.grant.kind === 'instagram') {
        const own = [...ctx.grant.accounts][0];
        if (edge === undefined && own) return this.user(own, ctx);
        return { error: graphErrors.nonexistingField(edge ?? '', 'User') };
      }
      if (edge === 'accounts') return this.pages(ctx);
      if (edge === undefined)
        return this.withFields(
          { id: '10160001234567890', name: 'Demo Manager' },
          ['id', 'name'],
          'User',
          ctx,
          ['id', 'name'],
        );
      return { error: graphErrors.unknownPath(edge) };
    }
    const account = ctx.grant.accounts.has(id) ? this.data.findAccount(id) : undefined;
    if (account) {
      if (edge === undefined) return this.user(id, ctx);
      if (edge === 'media') return this.mediaList(id, this.data.publishedMedia(id, ctx.now), ctx);
      if (edge === 'stories') return this.mediaList(id, this.data.liveStories(id, ctx.now), ctx);
      if (edge === 'collaborative_media')
        return this.mediaList(id, this.data.collaborativeMedia(id, ctx.now), ctx);
      if (edge === 'insights') {
        const model = this.data.model(id, ctx.now);
        if (!model) return { error: graphErrors.unknownObject(id) };
        const result = answerAccountInsights({
          accountId: id,
          version: ctx.version,
          query: ctx.query,
          now: ctx.now,
          model,
          noise: this.data.noise,
          limitTotalValueRange: this.limitTotalValueRange,
          retired: (name) => isRetiredByFaults(this.faults, 'account', name),
          pagingUrl: (since, until) =>
            this.link(ctx, `${id}/insights`, { since: String(since), until: String(until) }),
        });
        return result.ok ? { status: 200, body: result.body } : { error: result.error };
      }
      return { error: graphErrors.unknownPath(edge) };
    }
    const found = this.data.findMedia(id, ctx.now);
    if (!found || !ctx.grant.accounts.has(found.media.accountId))
      return { error: graphErrors.unknownObject(id) };
    if (edge === undefined) {
      if (found.child)
        return this.withFields(
          this.childObject(found.media, id),
          ['id', 'media_type', 'media_url', 'permalink', 'timestamp'],
          'ShadowIGMedia',
          ctx,
          ['id'],
        );
      return this.withFields(
        this.mediaObject(found.media, ctx),
        MEDIA_FIELDS[ctx.grant.kind],
        'ShadowIGMedia',
        ctx,
        ['id'],
      );
    }
    if (edge === 'insights') {
      if (found.child) return { error: graphErrors.carouselChild() };
      const result = answerMediaInsights(found.media, ctx.version, ctx.query, ctx.now, {
        login: ctx.grant.kind,
        retired: (name) => isRetiredByFaults(this.faults, 'media', name),
      });
      return result.ok ? { status: 200, body: result.body } : { error: result.error };
    }
    if (edge === 'children' && !found.child) {
      return {
        status: 200,
        body: { data: found.media.childIds.map((child) => this.childObject(found.media, child)) },
      };
    }
    return { error: graphErrors.unknownPath(edge) };
  }

  /** A Graph URL with the access token in it, as the real paging links have. */
  private link(
    ctx: Ctx,
    path: string,
    params: Record<string, string>,
    drop: string[] = [],
  ): string {
    const query = new URLSearchParams({ access_token: ctx.token });
    for (const [k, v] of ctx.query)
      if (k !== 'access_token' && !(k in params) && !drop.includes(k)) query.append(k, v);
    for (const [k, v] of Object.entries(params)) query.set(k, v);
    return `${this.baseUrl}/${ctx.versionPath}/${path}?${query}`;
  }

  private withFields(
    object: Record<string, unknown>,
    allowed: readonly string[],
    nodeType: string,
    ctx: Ctx,
    defaults: string[],
  ): Route | { error: FakeGraphError } {
    const param = ctx.query.get('fields');
    const fields = param ? parseFields(param) : defaults.map((name) => ({ name }));
    if (!fields) return { error: graphErrors.nonexistingField(param ?? '', nodeType) };
    const picked = pickFields(object, fields, allowed, nodeType);
    return 'error' in picked ? picked : { status: 200, body: picked.value };
  }

  private user(id: string, ctx: Ctx): Route | { error: FakeGraphError } {
    const profile = this.data.findAccount(id);
    const model = this.data.model(id, ctx.now);
    if (!profile || !model) return { error: graphErrors.unknownObject(id) };
    const user: IgUser = {
      id,
      ig_id: profile.igId,
      username: profile.username,
      name: profile.name,
      biography: profile.biography,
      ...(profile.website ? { website: profile.website } : {}),
      profile_picture_url: `${this.baseUrl}/__media/avatar-${id}.svg`,
      followers_count: model.daily.followers[model.indexOf(pacificDayOf(ctx.now))] ?? 0,
      follows_count: profile.followsCount,
      media_count: this.data.publishedMedia(id, ctx.now).length,
    };
    const search = this.collaborationSearch(id, ctx);
    if (search) return search;
    if (ctx.grant.kind === 'instagram') {
      return this.withFields(
        {
          ...(user as unknown as Record<string, unknown>),
          user_id: id,
          account_type: 'BUSINESS',
        },
        INSTAGRAM_LOGIN_USER_FIELDS,
        'User',
        ctx,
        ['id', 'username'],
      );
    }
    return this.withFields(
      user as unknown as Record<string, unknown>,
      USER_FIELDS,
      'ShadowIGUser',
      ctx,
      ['id'],
    );
  }

  /**
   * `?fields=collaborative_media_search.media_id({id}){fields}` on the user node (2026-04-22):
   * whether the account is an accepted collaborator on that media. (uncertain) The reference names
   * the field only; its answer is taken to be a list, as collaborative_media's, holding the media
   * or nothing.
   */
  private collaborationSearch(id: string, ctx: Ctx): Route | { error: FakeGraphError } | undefined {
    const param = ctx.query.get('fields') ?? '';
    if (!param.startsWith('collaborative_media_search')) return undefined;
    const match = /^collaborative_media_search\.media_id\((\d{1,25})\)(?:\{([^{}]*)\})?$/.exec(
      param,
    );
    if (!match) return { error: graphErrors.nonexistingField(param.slice(0, 60), 'ShadowIGUser') };
    const [, mediaId = '', subfields] = match;
    const fields = subfields ? parseFields(subfields) : [{ name: 'id' }];
    if (!fields) return { error: graphErrors.nonexistingField(subfields ?? '', 'ShadowIGMedia') };
    const found = this.data.collaborativeMedia(id, ctx.now).filter((m) => m.id === mediaId);
    const data: unknown[] = [];
    for (const m of found) {
      const picked = pickFields(
        this.mediaObject(m, ctx),
        fields,
        MEDIA_FIELDS[ctx.grant.kind],
        'ShadowIGMedia',
      );
      if ('error' in picked) return picked;
      data.push(picked.value);
    }
    return { status: 200, body: { collaborative_media_search: { data }, id } };
  }

  private mediaObject(m: DemoMedia, ctx: Ctx): Record<string, unknown> {
    const profile = this.data.findAccount(m.accountId);
    const totals = mediaTotalsAsOf(m, pacificDayOf(ctx.now));
    const story = m.productType === 'STORY';
    const permalink = story
      ? `https://www.instagram.com/stories/${profile?.username}/${m.id}/`
      : `https://www.instagram.com/${m.productType === 'REELS' ? 'reel' : 'p'}/${m.shortcode}/`;
    return {
      id: m.id,
      ...(story ? {} : { caption: m.caption }),
      media_type: m.mediaType,
      media_product_type: m.productType,
      media_url: `${this.baseUrl}/__media/${m.id}.svg`,
      ...(m.mediaType === 'VIDEO'
        ? { thumbnail_url: `${this.baseUrl}/__media/${m.id}-thumb.svg` }
        : {}),
      permalink,
      shortcode: m.shortcode,
      timestamp: toGraphTimestamp(m.timestamp),
      ...(story ? {} : { like_count: totals.likes, comments_count: totals.comments }),
      ...(story
        ? {}
        : {
            total_like_count: totals.likes + totals.facebook_likes + totals.promoted_likes,
            total_comments_count:
              totals.comments + totals.facebook_comments + totals.promoted_comments,
          }),
      ...(!story && m.mediaType === 'VIDEO'
        ? { total_views_count: totals.views + totals.facebook_views + totals.promoted_views }
        : {}),
      ...(story
        ? {}
        : {
            reposts_count: totals.reposts,
            saved_count: totals.saved,
            shares_count: totals.shares,
          }),
      ...(m.childIds.length
        ? { children: { data: m.childIds.map((id) => this.childObject(m, id)) } }
        : {}),
      owner: { id: m.accountId },
      username: profile?.username,
    };
  }

  private childObject(parent: DemoMedia, id: string): Record<string, unknown> {
    return {
      id,
      media_type: 'IMAGE',
      media_url: `${this.baseUrl}/__media/${id}.svg`,
      permalink: `https://www.instagram.com/p/${parent.shortcode}/`,
      timestamp: toGraphTimestamp(parent.timestamp),
    };
  }

  private mediaList(
    accountId: string,
    items: DemoMedia[],
    ctx: Ctx,
  ): Route | { error: FakeGraphError } {
    const limitParam = ctx.query.get('limit');
    const limit = limitParam === null ? GRAPH_DEFAULT_PAGE_SIZE : Number(limitParam);
    if (!/^\d+$/.test(limitParam ?? '25') || limit < 1 || limit > MAX_PAGE_SIZE)
      return { error: graphErrors.invalidLimit() };
    let start = 0;
    let end: number;
    const after = ctx.query.get('after');
    const before = ctx.query.get('before');
    if (after !== null) {
      const index = items.findIndex((m) => m.id === decodeCursor(after));
      if (index < 0) return { error: graphErrors.invalidCursor('after') };
      start = index + 1;
      end = Math.min(items.length, start + limit);
    } else if (before !== null) {
      const index = items.findIndex((m) => m.id === decodeCursor(before));
      if (index < 0) return { error: graphErrors.invalidCursor('before') };
      end = index;
      start = Math.max(0, end - limit);
    } else {
      end = Math.min(items.length, limit);
    }
    const page = items.slice(start, end);
    const param = ctx.query.get('fields');
    const fields = param ? parseFields(param) : [{ name: 'id' }];
    if (!fields) return { error: graphErrors.nonexistingField(param ?? '', 'ShadowIGMedia') };
    const data: unknown[] = [];
    for (const m of page) {
      const picked = pickFields(
        this.mediaObject(m, ctx),
        fields,
        MEDIA_FIELDS[ctx.grant.kind],
        'ShadowIGMedia',
      );
      if ('error' in picked) return picked;
      data.push(picked.value);
    }
    const edge = ctx.url.pathname.split('/').filter(Boolean).at(-1) ?? 'media';
    const paging: Record<string, unknown> = {};
    const firstItem = page[0];
    const lastItem = page[page.length - 1];
    if (firstItem && lastItem) {
      paging.cursors = { before: encodeCursor(firstItem.id), after: encodeCursor(lastItem.id) };
      if (end < items.length)
        paging.next = this.link(
          ctx,
          `${accountId}/${edge}`,
          { limit: String(limit), after: encodeCursor(lastItem.id) },
          ['before'],
        );
      if (start > 0)
        paging.previous = this.link(
          ctx,
          `${accountId}/${edge}`,
          { limit: String(limit), before: encodeCursor(firstItem.id) },
          ['after'],
        );
    }
    return { status: 200, body: { data, paging } };
  }

  private pages(ctx: Ctx): Route | { error: FakeGraphError } {
    const pageOf = (a: (typeof CONNECTABLE_ACCOUNTS)[number]) => ({
      id: a.pageId,
      name: a.pageName,
      access_token: `EAAGdemoPageToken${a.pageId}`,
      category: 'Brand',
      instagram_business_account: { id: a.id, username: a.username },
    });
    if (!ctx.grant.configured) {
      // A person's token lists the Pages they chose on the consent page.
      const chosen = CONNECTABLE_ACCOUNTS.filter((a) => ctx.grant.accounts.has(a.id)).map(pageOf);
      const param = ctx.query.get('fields');
      const fields = param ? parseFields(param) : [{ name: 'id' }, { name: 'name' }];
      if (!fields) return { error: graphErrors.nonexistingField(param ?? '', 'Page') };
      const data: unknown[] = [];
      for (const page of chosen) {
        const picked = pickFields(page, fields, PAGE_FIELDS, 'Page');
        if ('error' in picked) return picked;
        data.push(picked.value);
      }
      const first = chosen[0];
      const last = chosen[chosen.length - 1];
      return {
        status: 200,
        body: {
          data,
          ...(first && last
            ? {
                paging: {
                  cursors: { before: encodeCursor(first.id), after: encodeCursor(last.id) },
                },
              }
            : {}),
        },
      };
    }
    const pages = [
      ...this.data.accounts.map((a) => ({
        id: a.pageId,
        name: a.pageName,
        access_token: `EAAGdemoPageToken${a.pageId}`,
        category: 'Brand',
        instagram_business_account: { id: a.id, username: a.username },
      })),
      {
        ...PAGE_WITHOUT_INSTAGRAM,
        access_token: `EAAGdemoPageToken${PAGE_WITHOUT_INSTAGRAM.id}`,
        category: 'Event',
      },
    ];
    const param = ctx.query.get('fields');
    const fields = param
      ? parseFields(param)
      : ['access_token', 'category', 'name', 'id'].map((name) => ({ name }));
    if (!fields) return { error: graphErrors.nonexistingField(param ?? '', 'Page') };
    const data: unknown[] = [];
    for (const page of pages) {
      const picked = pickFields(page, fields, PAGE_FIELDS, 'Page');
      if ('error' in picked) return picked;
      data.push(picked.value);
    }
    const first = pages[0] as { id: string };
    const last = pages[pages.length - 1] as { id: string };
    return {
      status: 200,
      body: {
        data,
        paging: { cursors: { before: encodeCursor(first.id), after: encodeCursor(last.id) } },
      },
    };
  }

  private async batch(body: URLSearchParams, ctx: Ctx): Promise<Response> {
    let entries: unknown;
    try {
      entries = JSON.parse(body.get('batch') ?? '');
    } catch {
      return this.error(graphErrors.batchInvalid(), undefined, ctx.now);
    }
    const entrySchema = z.array(
      z.object({ method: z.string().default('GET'), relative_url: z.string() }),
    );
    const parsed = entrySchema.safeParse(entries);
    if (!parsed.success) return this.error(graphErrors.batchInvalid(), undefined, ctx.now);
    if (parsed.data.length > MAX_BATCH)
      return this.error(graphErrors.batchTooLarge(), undefined, ctx.now);
    // As on Graph: each entry carries its own headers (usage figures among them) unless told not to.
    const includeHeaders = body.get('include_headers') !== 'false';
    const answers = [];
    for (const entry of parsed.data) {
      this.stats.batchEntries++;
      const inner = new URL(
        `${ctx.url.origin}/${ctx.versionPath}/${entry.relative_url.replace(/^\//, '')}`,
      );
      if (!inner.searchParams.has('access_token'))
        inner.searchParams.set('access_token', ctx.token);
      const segments = inner.pathname.split('/').filter(Boolean);
      const response = await this.graphCall(
        new Request(inner, { method: entry.method.toUpperCase() }),
        inner,
        segments,
        true,
        ctx.grant.kind,
      );
      const headers = [...response.headers].map(([name, value]) => ({ name, value }));
      answers.push(
        includeHeaders
          ? { code: response.status, headers, body: await response.text() }
          : { code: response.status, body: await response.text() },
      );
    }
    return json(200, answers, this.rateLimiter.headers(undefined, ctx.now.getTime()));
  }

  private control(request: Request, url: URL, segments: string[]): Response | Promise<Response> {
    const [name, file] = segments;
    if (name === '__oauth' && file === 'consent' && request.method === 'POST')
      return readForm(request).then((form) => this.oauth.consent(form));
    // Tests (and the end-to-end specs) revoke or expire people's tokens, as Meta would when
    // someone removes the app or the 60 days pass: {account} or {token}, and for revoke a reason.
    if (
      name === '__oauth' &&
      (file === 'revoke' || file === 'expire') &&
      request.method === 'POST'
    ) {
      return request.json().then(
        (body: { account?: string; token?: string; reason?: 'user' | 'password' }) => {
          const match = {
            ...(typeof body.account === 'string' ? { account: body.account } : {}),
            ...(typeof body.token === 'string' ? { token: body.token } : {}),
          };
          const count =
            file === 'revoke'
              ? this.oauth.revoke(match, body.reason === 'password' ? 'password' : 'user')
              : this.oauth.expire(match);
          return json(200, { tokens: count });
        },
        () => json(400, { error: { message: 'Send {account} or {token} as JSON' } }),
      );
    }
    if (name === '__stats' && request.method === 'GET') return json(200, this.getStats());
    if (name === '__stats' && request.method === 'DELETE') {
      this.resetStats();
      return json(200, this.getStats());
    }
    if (name === '__faults' && request.method === 'GET') return json(200, this.faults);
    if (name === '__faults' && request.method === 'PUT') {
      return request.json().then(
        (body) => {
          const parsed = faultsSchema.partial().safeParse(body);
          return parsed.success
            ? json(200, this.setFaults(parsed.data))
            : json(400, { error: { message: parsed.error.message } });
        },
        () => json(400, { error: { message: 'Send the faults as a JSON object' } }),
      );
    }
    if (name === '__media' && file?.endsWith('.svg')) {
      const key = file.slice(0, -4);
      const id = key.replace(/^avatar-/, '').replace(/-thumb$/, '');
      const account =
        this.data.findAccount(id) ??
        this.data.findAccount(
          // A page opened before a story expired still shows its picture, as Instagram's CDN does.
          this.data.findMedia(id, this.clock(), { expiredStories: true })?.media.accountId ?? '',
        );
      if (!account) return json(404, { error: { message: `No demo image ${file}` } });
      const label = key.startsWith('avatar-') ? account.username : '';
      return new Response(demoImageSvg(this.data.noise, key, account.palette, label), {
        headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' },
      });
    }
    return json(404, { error: { message: `Unknown control path ${url.pathname}` } });
  }
}

async function readForm(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get('content-type') ?? '';
  const text = await request.text();
  if (type.includes('application/json')) {
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      return new URLSearchParams(
        Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
      );
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(text);
}

function pickFields(
  object: Record<string, unknown>,
  fields: FieldSelection[],
  allowed: readonly string[],
  nodeType: string,
): { value: Record<string, unknown> } | { error: FakeGraphError } {
  const value: Record<string, unknown> = {};
  for (const field of fields) {
    if (!allowed.includes(field.name))
      return { error: graphErrors.nonexistingField(field.name, nodeType) };
    const v = object[field.name];
    if (v === undefined) continue;
    if (field.fields && v && typeof v === 'object') {
      const pick = (o: Record<string, unknown>) =>
        pickFields(o, field.fields ?? [], Object.keys(o), nodeType);
      const list = (v as { data?: Record<string, unknown>[] }).data;
      if (Array.isArray(list)) {
        const picked = list.map(pick);
        const bad = picked.find((p) => 'error' in p);
        if (bad) return bad;
        value[field.name] = { data: picked.map((p) => (p as { value: unknown }).value) };
      } else {
        const picked = pick(v as Record<string, unknown>);
        if ('error' in picked) return picked;
        value[field.name] = picked.value;
      }
    } else {
      value[field.name] = v;
    }
  }
  if (object.id !== undefined && value.id === undefined && fields.length > 0) value.id = object.id;
  return { value };
}
