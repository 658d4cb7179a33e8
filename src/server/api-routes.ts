import { type Context, Hono } from 'hono';
import { LRUCache } from 'lru-cache';
import { oldestGraphDay } from '../graph/account-history';
import {
  CHILD_MEDIA_FIELDS,
  DEFAULT_MEDIA_FIELDS,
  type FieldSelection,
  GRAPH_DEFAULT_PAGE_SIZE,
  IG_MEDIA_FIELDS,
  IG_USER_FIELDS,
  INSTAGRAM_LOGIN_USER_FIELDS,
  parseFields,
} from '../graph/graph-fields';
import type { IgMedia, IgUser, ListResponse } from '../graph/graph-types';
import { type LoginType, mediaFieldsOffered } from '../graph/metric-catalogue';
import { type IsoDay, pacificDayOf } from '../graph/pacific-days';
import { CATALOGUE_CHECKED_VERSION, parseGraphVersion } from '../graph/versions';
import type { AccountDirectory, MediaOwner } from './account-directory';
import { ApiError, badRequest, methodNotAllowed, notFound } from './api-errors';
import { assertCanSee, assertDaysAllowed } from './auth/access';
import { canSeeAccount, type Viewer } from './auth/auth';
import type { GraphClient, UpstreamMeter } from './graph-client';
import { answerWithHistory, historyCanAnswer } from './history-answers';
import type { HistoryBackfill } from './history-backfill';
import {
  cachedGet,
  combine,
  type FetchContext,
  type Fetched,
  fetchAccountInsights,
  fetchDailyTotals,
  fetchMediaInsights,
  isFreshInCache,
  mediaInsightsCached,
} from './insights-fetch';
import {
  ACCOUNT_INSIGHTS_PARAMS,
  MEDIA_INSIGHTS_PARAMS,
  planAccountInsights,
  planMediaInsights,
} from './insights-plan';
import { PictureCache } from './picture-cache';
import { readQuery } from './query-params';
import type { CachedResult, ResponseCache } from './response-cache';
import type { HistoryStore } from './store/history-store';

export const USER_FIELDS: string[] = [...IG_USER_FIELDS];
/** `owner` is left out: the browser has no use for it, and ownership is the server's check. */
export const MEDIA_FIELDS: string[] = IG_MEDIA_FIELDS.filter((f) => f !== 'owner');
/** Listing these lets the server remember which account a media belongs to. */
const OWNERSHIP_FIELDS = ['id', 'media_type', 'media_product_type', 'timestamp'];
const PROFILE_TTL_MS = 5 * 60_000;
const MEDIA_LIST_TTL_MS = 5 * 60_000;
const MEDIA_OBJECT_TTL_MS = 15 * 60_000;

export interface ApiDeps {
  mode: 'demo' | 'live';
  graphVersion: string;
  client: GraphClient;
  cache: ResponseCache;
  directory: AccountDirectory;
  now: () => Date;
  /** More GET routes (the store's), tried before the catch-all 404. */
  extraRoutes?: Hono<ApiEnv>;
  /** The dashboard's own daily history: settled days are answered from it. */
  history?: { store: HistoryStore; backfill?: HistoryBackfill };
}

export type ApiEnv = {
  Variables: {
    meter: UpstreamMeter;
    cacheStatus?: string;
    viewer?: Viewer;
    shareEnded?: 'expired' | 'revoked';
  };
};

function readFieldList(value: string | undefined, allowed: string[], fallback: string): string {
  const text = value ?? fallback;
  const fields = parseFields(text);
  if (!fields) throw badRequest(`fields must be a comma-separated list such as ${fallback}.`);
  const check = (list: FieldSelection[], names: readonly string[]) => {
    for (const f of list) {
      if (!names.includes(f.name))
        throw badRequest(`Unknown field "${f.name}". Use: ${names.join(', ')}.`);
      if (f.fields) {
        if (f.name !== 'children')
          throw badRequest(`Only children takes sub-fields, e.g. children{id,media_url}.`);
        check(f.fields, CHILD_MEDIA_FIELDS);
      }
    }
  };
  check(fields, allowed);
  return text;
}

/**
 * `collaborative_media_search.media_id({id})` on an account (Graph's, 2026-04-22): whether the
 * account is an accepted collaborator on that media. The media's id, or undefined for other fields.
 */
function readCollaborationSearch(fields: string | undefined): string | undefined {
  if (!fields?.startsWith('collaborative_media_search')) return undefined;
  const match = /^collaborative_media_search\.media_id\((\d{1,25})\)(\{([a-z_,]{1,100})\})?$/.exec(
    fields,
  );
  const asked = match?.[3]?.split(',') ?? [];
  if (!match || asked.some((f) => !OWNERSHIP_FIELDS.includes(f)))
    throw badRequest(
      `Ask collaborative_media_search on its own, as collaborative_media_search.media_id({media-id}){${OWNERSHIP_FIELDS.join(',')}}.`,
    );
  return match[1];
}

function readId(id: string): string {
  if (!/^\d{1,25}$/.test(id))
    throw notFound(`There is no route /api/${id.slice(0, 40)}: Instagram ids are numbers.`);
  return id;
}

/**
 * A media may be seen by whoever may see the account it belongs to, or, for a collaboration,
 * an account that is an accepted collaborator on it.
 */
function assertCanSeeMedia(c: { get(key: 'viewer'): Viewer | undefined }, owner: MediaOwner): void {
  const viewer = c.get('viewer');
  const via = [owner.accountId, ...(owner.collaborators ?? [])].find(
    (id) => viewer && canSeeAccount(viewer, id),
  );
  assertCanSee(c, via ?? owner.accountId);
}

/** The routes of the Graph API that the dashboard needs, and nothing else. */
export function createApiRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>();
  const version = parseGraphVersion(deps.graphVersion) ?? CATALOGUE_CHECKED_VERSION;
  // Instagram Login has no reposts_count, saved_count or shares_count.
  const mediaFieldsOf = (login: LoginType) =>
    mediaFieldsOffered(login).filter((f) => MEDIA_FIELDS.includes(f));
  const mediaFields = {
    facebook: mediaFieldsOf('facebook'),
    instagram: mediaFieldsOf('instagram'),
  };
  /** Picture URLs by id (and size), with the account they belong to: who may see them. */
  const pictures = new LRUCache<string, { url: string; accountId: string }>({ max: 20_000 });
  const pictureBytes = new PictureCache();

  const serialised = new WeakMap<object, string>();
  /**
   * What a route makes of a cached Graph answer (pictures pointed here, paging links rewritten),
   * made once per answer and variant: a cache hit then allocates nothing new and is serialised once.
   */
  const prepared = new WeakMap<object, Map<string, unknown>>();
  const prepare = <T>(cached: object, variant: string, make: () => T): T => {
    let variants = prepared.get(cached);
    if (!variants) {
      variants = new Map();
      prepared.set(cached, variants);
    }
    if (!variants.has(variant)) variants.set(variant, make());
    return variants.get(variant) as T;
  };
  const respond = <T>(
    c: {
      header: (k: string, v: string) => void;
      set: (k: 'cacheStatus', v: string) => void;
      body: (b: string) => Response;
    },
    fetched: Fetched<T>,
  ) => {
    c.set('cacheStatus', fetched.cache);
    c.header('X-Cache', fetched.cache.toUpperCase());
    if (fetched.cache === 'stale') {
      c.header('X-Data-Stale', 'true');
      c.header('X-Data-Fetched-At', new Date(fetched.storedAt).toISOString());
    }
    // The same answer object (a cache hit) is serialised once.
    let json = serialised.get(fetched.body as object);
    if (json === undefined) {
      json = JSON.stringify(fetched.body);
      serialised.set(fetched.body as object, json);
    }
    c.header('Content-Type', 'application/json');
    return c.body(json);
  };

  /** What fetching an account's data needs. */
  const ctxFor = async (c: Context<ApiEnv>, accountId: string): Promise<FetchContext> => {
    const meter = c.get('meter');
    return {
      client: deps.client,
      cache: deps.cache,
      token: await deps.directory.tokenFor(accountId, meter),
      accountKey: accountId,
      meter,
      now: deps.now(),
    };
  };

  /** Points picture URLs at this server: the browser loads nothing from other origins. */
  const rewritePictures = (object: Record<string, unknown>, id: string, accountId: string) => {
    for (const [field, suffix] of [
      ['media_url', ''],
      ['thumbnail_url', '?size=thumbnail'],
      ['profile_picture_url', ''],
    ] as const) {
      const url = object[field];
      if (typeof url === 'string') {
        pictures.set(`${id}${suffix}`, { url, accountId });
        object[field] = `/api/${id}/picture${suffix}`;
      }
    }
    const children = (object.children as ListResponse<Record<string, unknown>> | undefined)?.data;
    for (const child of children ?? [])
      if (typeof child.id === 'string') rewritePictures(child, child.id, accountId);
  };

  const profile = async (c: Context<ApiEnv>, id: string, asked: string) => {
    const fields =
      deps.directory.loginOf(id) === 'instagram'
        ? asked
            .split(',')
            .filter((f) => (INSTAGRAM_LOGIN_USER_FIELDS as readonly string[]).includes(f))
            .join(',')
        : asked;
    const result = await cachedGet<IgUser>(await ctxFor(c, id), id, { fields }, PROFILE_TTL_MS);
    const body = prepare(result.value, id, () => {
      const copy = structuredClone(result.value) as IgUser & Record<string, unknown>;
      rewritePictures(copy, id, id);
      return copy;
    });
    return combine([result], body);
  };

  api.get('/health', (c) => {
    // Anyone may ask whether the server is up; the rest is for people who signed in (not share
    // viewers: the usage figures name every account).
    if (c.get('viewer')?.kind !== 'user') return c.json({ status: 'ok', mode: deps.mode });
    const usage = Object.fromEntries(deps.client.usage);
    return c.json({
      status: 'ok',
      mode: deps.mode,
      graphApiVersion: deps.graphVersion,
      // The US Pacific day the server calls today: what "last 28 days" and the like end before.
      today: pacificDayOf(deps.now()),
      cacheEntries: deps.cache.size,
      usage,
      ...(deps.client.appUsage ? { appUsage: deps.client.appUsage } : {}),
    });
  });

  api.get('/accounts', async (c) => {
    const query = readQuery(new URL(c.req.url), ['fields']);
    // Only the ids: what a page needs to start asking each account's numbers, answered from what
    // the directory knows, without asking Instagram for every profile.
    if (query.fields !== undefined && query.fields !== 'id') {
      throw badRequest(
        'This route takes no parameters but fields=id (the ids alone); leave fields out for whole profiles.',
      );
    }
    const meter = c.get('meter');
    const viewer = c.get('viewer');
    const ids = [...(await deps.directory.accounts(meter)).keys()].filter(
      (id) => viewer && canSeeAccount(viewer, id),
    );
    if (query.fields === 'id') {
      return respond(c, {
        body: { data: ids.map((id) => ({ id })) },
        cache: 'hit',
        storedAt: deps.now().getTime(),
      });
    }
    const parts = await Promise.all(
      ids.map(async (id) => {
        // An account whose connection needs reconnecting is listed from what the store knows,
        // with the reason, and Instagram is not asked.
        const problem = await deps.directory.problemFor(id, meter);
        if (!problem) return profile(c, id, USER_FIELDS.join(','));
        const body = {
          id,
          username: problem.username,
          reconnect_needed: problem.problem,
        } as unknown as IgUser;
        return { body, cache: 'hit' as const, storedAt: deps.now().getTime() };
      }),
    );
    // The least fresh profile decides, as for any combined answer (coalesced counts as such);
    // the last entry keeps storedAt on the server's clock when no account is listed.
    const fetched: Fetched<ListResponse<IgUser>> = combine(
      [
        ...parts.map((p) => ({ value: p.body, status: p.cache, storedAt: p.storedAt })),
        { value: null, status: 'hit' as const, storedAt: deps.now().getTime() },
      ],
      { data: parts.map((p) => p.body) },
    );
    return respond(c, fetched);
  });

  /**
   * Whether an account collaborates on a media, asked of Instagram and remembered: a collaboration
   * then opens before the account's collaborations were listed, whoever its owner is.
   */
  const collaborationSearch = async (c: Context<ApiEnv>, accountId: string, mediaId: string) => {
    const result = await cachedGet<{ collaborative_media_search?: ListResponse<IgMedia> }>(
      await ctxFor(c, accountId),
      accountId,
      { fields: `collaborative_media_search.media_id(${mediaId}){${OWNERSHIP_FIELDS.join(',')}}` },
      MEDIA_LIST_TTL_MS,
    );
    const found = (result.value.collaborative_media_search?.data ?? []).filter(
      (m) => m.id === mediaId,
    );
    deps.directory.remember(accountId, found, { collaborations: true });
    return combine([result], { collaborative_media_search: { data: found }, id: accountId });
  };

  api.get('/:id', async (c) => {
    const id = readId(c.req.param('id'));
    const query = readQuery(new URL(c.req.url), ['fields']);
    const meter = c.get('meter');
    if (await deps.directory.isAccount(id, meter)) {
      assertCanSee(c, id);
      const collaboration = readCollaborationSearch(query.fields);
      if (collaboration) return respond(c, await collaborationSearch(c, id, collaboration));
      return respond(
        c,
        await profile(c, id, readFieldList(query.fields, USER_FIELDS, USER_FIELDS.join(','))),
      );
    }
    const owner = await deps.directory.mediaOwner(id, meter);
    assertCanSeeMedia(c, owner);
    const fields = readFieldList(
      query.fields,
      mediaFields[deps.directory.loginOf(owner.accountId)],
      DEFAULT_MEDIA_FIELDS,
    );
    const result = await cachedGet<IgMedia>(
      await ctxFor(c, owner.accountId),
      id,
      { fields },
      MEDIA_OBJECT_TTL_MS,
    );
    const body = prepare(result.value, id, () => {
      const copy = structuredClone(result.value) as IgMedia & Record<string, unknown>;
      rewritePictures(copy, id, owner.accountId);
      return copy;
    });
    return respond(c, combine([result], body));
  });

  /** What a list answer with `insights=lifetime` was last made of: a warm repeat reuses it. */
  const withInsights = new WeakMap<object, { parts: unknown[]; answer: unknown }>();

  /**
   * Each item's lifetime insights, as `/api/{media-id}/insights` answers them (same plan, same
   * cache keys), embedded in Graph's field-expansion shape: `insights: {data}`, or
   * `insights_error` for an item Instagram refuses. Those not cached go out in batch requests,
   * one per account (a collaboration is asked with its owner's token, as on its own page).
   */
  const embedLifetimeInsights = async <L extends ListResponse<IgMedia & Record<string, unknown>>>(
    c: Context<ApiEnv>,
    list: L,
  ): Promise<{ body: L; parts: CachedResult<unknown>[] }> => {
    const meter = c.get('meter');
    const owners = await Promise.all(list.data.map((m) => deps.directory.mediaOwner(m.id, meter)));
    const accounts = [...new Set(owners.map((o) => o.accountId))];
    const contexts = new Map(
      await Promise.all(
        accounts.map(async (accountId) => [accountId, await ctxFor(c, accountId)] as const),
      ),
    );
    // Every GET is started in this turn of the event loop: the client gathers each account's into
    // batch requests.
    const answers = await Promise.all(
      owners.map((owner) => {
        const login = deps.directory.loginOf(owner.accountId);
        const plan = planMediaInsights({}, version, owner, login);
        const ctx = contexts.get(owner.accountId) as FetchContext;
        return fetchMediaInsights(ctx, owner.id, plan, owner).then(
          (fetched) => ({ fetched }),
          (error: unknown) => {
            if (!(error instanceof ApiError)) throw error;
            return { error };
          },
        );
      }),
    );
    const parts = answers.map((a) => ('fetched' in a ? a.fetched.body : a.error));
    const fetchedParts = answers.flatMap((a) =>
      'fetched' in a
        ? [{ value: a.fetched.body, status: a.fetched.cache, storedAt: a.fetched.storedAt }]
        : [],
    );
    const last = withInsights.get(list);
    if (last?.parts.every((p, i) => p === parts[i]))
      return { body: last.answer as L, parts: fetchedParts };
    const body = {
      ...list,
      data: list.data.map((item, i) => {
        const answer = answers[i] as (typeof answers)[number];
        if ('fetched' in answer) return { ...item, insights: answer.fetched.body };
        const { fbtrace_id: _trace, ...error } = answer.error.body;
        // The status the post's own /insights answers: 422 not available, 429 or 5xx worth a retry.
        return { ...item, insights_error: { ...error, status: answer.error.status } };
      }),
    };
    withInsights.set(list, { parts, answer: body });
    return { body, parts: fetchedParts };
  };

  /**
   * A first page of media with its insights costs two round trips: the list, then the insights of
   * what it lists. When the list must be asked of Instagram, the insights of the posts the store
   * remembers as the account's newest are asked beside it: they are what the page will most
   * likely list, and embedLifetimeInsights then finds them in flight or cached (same keys).
   */
  const readAheadFirstPageInsights = (
    ctx: FetchContext,
    accountId: string,
    listPath: string,
    params: Record<string, string>,
  ) => {
    if (isFreshInCache(ctx, listPath, params)) return;
    const limit = Number(params.limit ?? GRAPH_DEFAULT_PAGE_SIZE);
    const login = deps.directory.loginOf(accountId);
    for (const owner of deps.directory.rememberedNewestMedia(accountId, limit)) {
      const plan = planMediaInsights({}, version, owner, login);
      // The list's own answer reports any error; this only warms the cache.
      fetchMediaInsights(ctx, owner.id, plan, owner).catch(() => {});
    }
  };

  // collaborative_media: other accounts' posts on which this account is an accepted collaborator.
  for (const edge of ['media', 'stories', 'collaborative_media'] as const) {
    api.get(`/:id/${edge}`, async (c) => {
      const id = readId(c.req.param('id'));
      const query = readQuery(new URL(c.req.url), [
        'fields',
        'limit',
        'after',
        'before',
        'insights',
      ]);
      assertCanSee(c, id);
      if (query.insights !== undefined && query.insights !== 'lifetime')
        throw badRequest(
          `insights may only be lifetime: insights=lifetime adds each item's lifetime insights as /api/{media-id}/insights answers them. Leave it out for the list alone.`,
        );
      const ctx = await ctxFor(c, id);
      const asked = readFieldList(
        query.fields,
        mediaFields[deps.directory.loginOf(id)],
        DEFAULT_MEDIA_FIELDS,
      );
      const top = (parseFields(asked) ?? []).map((f) => f.name);
      const fields = [asked, ...OWNERSHIP_FIELDS.filter((f) => !top.includes(f))].join(',');
      if (query.limit !== undefined && !/^(100|[1-9]\d?)$/.test(query.limit))
        throw badRequest('limit must be a whole number from 1 to 100.');
      for (const cursor of ['after', 'before'] as const) {
        if (query[cursor] !== undefined && !/^[A-Za-z0-9_-]{1,200}={0,2}$/.test(query[cursor])) {
          throw badRequest(
            `${cursor} must be a cursor taken from paging.cursors of an earlier answer.`,
          );
        }
      }
      if (query.after && query.before) throw badRequest('Give after or before, not both.');
      const params: Record<string, string> = {
        fields,
        ...(query.limit ? { limit: query.limit } : {}),
      };
      if (query.after) params.after = query.after;
      if (query.before) params.before = query.before;
      if (edge === 'media' && query.insights === 'lifetime' && !query.after && !query.before)
        readAheadFirstPageInsights(ctx, id, `${id}/${edge}`, params);
      const result = await cachedGet<ListResponse<IgMedia & Record<string, unknown>>>(
        ctx,
        `${id}/${edge}`,
        params,
        edge === 'stories' ? 60_000 : MEDIA_LIST_TTL_MS,
      );
      // Paging links carry the fields as asked: the variant of one cached answer.
      const body = prepare(
        result.value,
        `${id}|${asked}|${query.limit ?? ''}|${query.insights ?? ''}`,
        () => {
          const copy = structuredClone(result.value);
          deps.directory.remember(id, copy.data, {
            collaborations: edge === 'collaborative_media',
          });
          for (const item of copy.data) rewritePictures(item, item.id, id);
          // Paging links point at this server and carry no token.
          const link = (cursor: 'after' | 'before', value: string | undefined) => {
            if (!value) return undefined;
            const q = new URLSearchParams({
              fields: asked,
              ...(query.limit ? { limit: query.limit } : {}),
              ...(query.insights ? { insights: query.insights } : {}),
              [cursor]: value,
            });
            return `/api/${id}/${edge}?${q}`;
          };
          const cursors = copy.paging?.cursors;
          const next = copy.paging?.next ? link('after', cursors?.after) : undefined;
          const previous = copy.paging?.previous ? link('before', cursors?.before) : undefined;
          copy.paging = {
            ...(cursors ? { cursors } : {}),
            ...(next ? { next } : {}),
            ...(previous ? { previous } : {}),
          };
          return copy;
        },
      );
      if (!query.insights) return respond(c, combine([result], body));
      const embedded = await embedLifetimeInsights(c, body);
      return respond(c, combine([result, ...embedded.parts], embedded.body));
    });
  }

  // Planning is Pacific-day arithmetic: a cached request would spend a quarter of its time on it.
  // Plans (and refusals) are reused within the minute, which is never across a Pacific midnight.
  const plans = new LRUCache<string, ReturnType<typeof planAccountInsights> | ApiError>({
    max: 2_000,
  });
  const planFor = (url: URL, accountId: string) => {
    const now = deps.now();
    const historyFrom = deps.history?.store.oldestDay(accountId);
    const key = `${Math.floor(now.getTime() / 60_000)}|${historyFrom ?? ''}|${url.search}`;
    let plan = plans.get(key);
    if (!plan) {
      try {
        plan = planAccountInsights(
          readQuery(url, ACCOUNT_INSIGHTS_PARAMS),
          version,
          now,
          historyFrom,
        );
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        plan = error;
      }
      plans.set(key, plan);
    }
    if (plan instanceof ApiError) throw plan;
    return plan;
  };

  api.get('/:id/insights', async (c) => {
    const id = readId(c.req.param('id'));
    const url = new URL(c.req.url);
    const meter = c.get('meter');
    if (await deps.directory.isAccount(id, meter)) {
      assertCanSee(c, id);
      const plan = planFor(url, id);
      for (const window of plan.windows) assertDaysAllowed(c, window.first, window.last);
      for (const day of plan.splitDays ?? []) assertDaysAllowed(c, day, day);
      const ctx = await ctxFor(c, id);
      if (deps.history && historyCanAnswer(plan))
        return respond(c, await answerWithHistory(ctx, id, plan, deps.history.store));
      const first = plan.splitDays?.[0] ?? plan.windows[0]?.first;
      const oldestGraph = oldestGraphDay(pacificDayOf(deps.now()));
      if (first && first < oldestGraph)
        throw badRequest(
          `Instagram keeps two years of account insights, and the dashboard's history holds daily values without breakdowns only: use since=${oldestGraph} or later for this request.`,
        );
      if (plan.splitDays) return respond(c, await fetchDailyTotals(ctx, id, plan, plan.splitDays));
      return respond(c, await fetchAccountInsights(ctx, id, plan));
    }
    const query = readQuery(url, MEDIA_INSIGHTS_PARAMS);
    const owner = await deps.directory.mediaOwner(id, meter);
    assertCanSeeMedia(c, owner);
    const plan = planMediaInsights(query, version, owner, deps.directory.loginOf(owner.accountId));
    const ctx = await ctxFor(c, owner.accountId);
    // The post page asks each metric's breakdown once this answer shows the metric: when this
    // answer must be asked of Instagram, its breakdowns are asked beside it, so that the page's
    // next request finds them ready instead of waiting another round trip.
    const asked = query.metric === undefined && query.breakdown === undefined;
    if (asked && !mediaInsightsCached(ctx, id, plan)) {
      for (const metric of plan.metrics) {
        if (!metric.breakdown) continue;
        const breakdownPlan = { metrics: [metric], breakdown: metric.breakdown };
        // Its own request reports any error; this one only warms the cache.
        fetchMediaInsights(ctx, id, breakdownPlan, owner).catch(() => {});
      }
    }
    return respond(c, await fetchMediaInsights(ctx, id, plan, owner));
  });

  api.get('/:id/history', async (c) => {
    const id = readId(c.req.param('id'));
    readQuery(new URL(c.req.url), []);
    const meter = c.get('meter');
    const notKept = { kept: false, reason: 'This server keeps no history (no DATA_DIR store).' };
    if (await deps.directory.isAccount(id, meter)) {
      assertCanSee(c, id);
      const status = deps.history?.backfill?.status(id);
      if (!status) return c.json(notKept);
      return c.json({
        kept: true,
        stored_days: status.storedDays,
        settled_days: status.settledDays,
        older_days: status.olderDays,
        ...(status.oldestDay ? { oldest_day: status.oldestDay } : {}),
        state: status.state,
      });
    }
    // A post: its lifetime metrics as stored day by day (daily at first, weekly after).
    const owner = await deps.directory.mediaOwner(id, meter);
    assertCanSee(c, owner.accountId);
    if (!deps.history) return c.json(notKept);
    const viewer = c.get('viewer');
    const allowed = (day: IsoDay) =>
      viewer?.kind !== 'share' || (day >= viewer.days.first && day <= viewer.days.last);
    const series = deps.history.store.mediaSeries(id);
    return c.json({
      kept: true,
      data: [...series].map(([name, points]) => ({
        name,
        // A day Instagram gave no number for is left out, never drawn as zero.
        values: points.flatMap((p) =>
          p.value !== null && allowed(p.day) ? [{ value: p.value, day: p.day }] : [],
        ),
      })),
    });
  });

  api.get('/:id/picture', async (c) => {
    const id = readId(c.req.param('id'));
    const query = readQuery(new URL(c.req.url), ['size']);
    if (query.size !== undefined && query.size !== 'thumbnail')
      throw badRequest('size may only be thumbnail.');
    const meter = c.get('meter');
    const key = `${id}${query.size ? '?size=thumbnail' : ''}`;
    if (!pictures.has(key)) {
      if (await deps.directory.isAccount(id, meter)) {
        assertCanSee(c, id);
        await profile(c, id, 'id,profile_picture_url');
      } else {
        const owner = await deps.directory.mediaOwner(id, meter);
        assertCanSeeMedia(c, owner);
        const result = await cachedGet<IgMedia & Record<string, unknown>>(
          await ctxFor(c, owner.accountId),
          id,
          { fields: 'id,media_url,thumbnail_url' },
          MEDIA_OBJECT_TTL_MS,
        );
        rewritePictures(structuredClone(result.value), id, owner.accountId);
      }
    }
    const picture = pictures.get(key) ?? (query.size ? pictures.get(id) : undefined);
    if (!picture) throw notFound(`Instagram gives no picture for ${id}.`);
    // A picture the server already knows is checked too: it belongs to one account.
    assertCanSee(c, picture.accountId);
    const { bytes, type } = await pictureBytes.get(picture.url);
    return c.body(bytes, 200, { 'Content-Type': type, 'Cache-Control': 'private, max-age=3600' });
  });

  if (deps.extraRoutes) api.route('/', deps.extraRoutes);

  api.all('*', (c) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      throw methodNotAllowed(
        `${c.req.method} is not supported: this API only answers GET requests.`,
        'GET',
      );
    }
    throw notFound(
      `There is no route ${new URL(c.req.url).pathname.slice(0, 80)}. Routes: /api/health, /api/accounts, /api/{id}, /api/{id}/media, /api/{id}/stories, /api/{id}/collaborative_media, /api/{id}/insights.`,
    );
  });
  return api;
}
