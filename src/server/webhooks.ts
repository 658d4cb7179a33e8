import { createHmac, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { AccountDirectory } from './account-directory';
import { ApiError, badRequest, forbidden, methodNotAllowed, notFound } from './api-errors';
import type { ApiEnv } from './api-routes';
import { type InsightsStore, StoreConflictError } from './store/insights-store';

/** Meta's notifications are small; anything larger is refused before it is read. */
export const WEBHOOK_MAX_BYTES = 1024 * 1024;

export interface WebhookOptions {
  /** Both set, or the routes answer 404 (webhooks not configured). */
  verifyToken?: string;
  appSecret?: string;
  store: InsightsStore;
  directory: AccountDirectory;
  now: () => Date;
}

/** `sha256=<hex>`: the X-Hub-Signature-256 of a body, an HMAC-SHA256 with the app secret. */
export function webhookSignature(body: Uint8Array | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** Whether a signature header fits the raw body, compared in constant time. */
export function verifyWebhookSignature(
  body: Uint8Array,
  header: string | undefined,
  appSecret: string,
): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1], 'hex');
  const expected = createHmac('sha256', appSecret).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Story metrics are counts; Meta sends -1 for a count under 5. */
const metricValue = z.number().int().min(-1).max(1e15);

const storyInsightsValue = z
  .object({ media_id: z.string().regex(/^\d{1,25}$/, 'media_id must be a numeric id') })
  .catchall(metricValue)
  .refine((v) => Object.keys(v).length <= 50, 'too many metrics')
  .refine(
    (v) => Object.keys(v).every((k) => /^[a-z][a-z0-9_]{0,63}$/.test(k)),
    'metric names must be lower-case identifiers',
  );

const notificationSchema = z.object({
  object: z.literal('instagram'),
  entry: z
    .array(
      z.object({
        id: z.string().regex(/^\d{1,25}$/, 'entry id must be a numeric Instagram account id'),
        time: z.number().int().nonnegative(),
        changes: z.array(z.object({ field: z.string().max(100), value: z.unknown() })).max(1_000),
      }),
    )
    .min(1)
    .max(1_000),
});

const unauthorized = (message: string) =>
  new ApiError(401, { message, type: 'InvalidSignature', code: 190 });

const notConfigured = () =>
  notFound(
    'Webhooks are not configured on this server: set WEBHOOK_VERIFY_TOKEN and INSTAGRAM_APP_SECRET.',
  );

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * `/webhooks/instagram`: Meta's subscription check (GET) and its notifications (POST). Only
 * `story_insights` changes are kept, and only from a body signed with the app secret, about an
 * account this server shows: each story's final numbers are stored in one transaction, or, for any
 * fault in the notification, nothing is.
 */
export function createWebhookRoutes(options: WebhookOptions): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const { verifyToken, appSecret } = options;

  routes.get('/instagram', (c) => {
    if (!verifyToken || !appSecret) throw notConfigured();
    const url = new URL(c.req.url);
    const mode = url.searchParams.get('hub.mode');
    const token = url.searchParams.get('hub.verify_token');
    const challenge = url.searchParams.get('hub.challenge');
    if (mode !== 'subscribe') throw badRequest('hub.mode must be subscribe.');
    if (token === null || !sameSecret(token, verifyToken))
      throw forbidden('hub.verify_token does not match the Verify Token this server expects.');
    if (!challenge || !/^[A-Za-z0-9._~-]{1,256}$/.test(challenge))
      throw badRequest('hub.challenge must be the challenge Meta sent.');
    c.header('Cache-Control', 'no-store');
    return c.text(challenge, 200);
  });

  routes.post(
    '/instagram',
    bodyLimit({
      maxSize: WEBHOOK_MAX_BYTES,
      onError: () => {
        throw new ApiError(413, {
          message: `A webhook notification may be at most ${WEBHOOK_MAX_BYTES} bytes.`,
          type: 'PayloadTooLarge',
          code: 100,
        });
      },
    }),
    async (c) => {
      if (!verifyToken || !appSecret) throw notConfigured();
      const raw = new Uint8Array(await c.req.arrayBuffer());
      const signature = c.req.header('x-hub-signature-256');
      if (!signature) throw unauthorized('X-Hub-Signature-256 is missing.');
      if (!verifyWebhookSignature(raw, signature, appSecret))
        throw new ApiError(403, {
          message: 'X-Hub-Signature-256 does not match the body signed with the app secret.',
          type: 'InvalidSignature',
          code: 190,
        });

      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(raw).toString('utf8'));
      } catch {
        throw badRequest('The notification is not JSON.');
      }
      const parsed = notificationSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw badRequest(
          `The notification is not an Instagram webhook: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}.`,
        );
      }
      const finals: { accountId: string; storyId: string; metrics: Record<string, number> }[] = [];
      for (const [i, entry] of parsed.data.entry.entries()) {
        for (const [j, change] of entry.changes.entries()) {
          if (change.field !== 'story_insights') continue;
          const value = storyInsightsValue.safeParse(change.value);
          if (!value.success) {
            const issue = value.error.issues[0];
            throw badRequest(
              `entry.${i}.changes.${j}.value is not a story_insights value: ${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}.`,
            );
          }
          const { media_id, ...metrics } = value.data;
          finals.push({ accountId: entry.id, storyId: media_id, metrics });
        }
      }
      const meter = c.get('meter');
      for (const accountId of new Set(parsed.data.entry.map((e) => e.id))) {
        if (!(await options.directory.isAccount(accountId, meter)))
          throw forbidden(`Account ${accountId} is not one of the accounts this server shows.`);
      }
      const receivedAt = options.now();
      try {
        options.store.transaction(() => {
          for (const f of finals)
            options.store.putStoryFinal(f.accountId, f.storyId, f.metrics, receivedAt);
        });
      } catch (error) {
        if (error instanceof StoreConflictError)
          throw new ApiError(409, { message: error.message, type: 'Conflict', code: 100 });
        throw error;
      }
      c.header('Cache-Control', 'no-store');
      return c.json({ success: true, stored: finals.length });
    },
  );

  routes.all('/instagram', (c) => {
    throw methodNotAllowed(
      `${c.req.method} is not supported here: Meta sends GET (subscription check) and POST (notifications).`,
      'GET, POST',
    );
  });
  return routes;
}
