import { z } from 'zod';
import { DEFAULT_FAKE_GRAPH_TOKEN, type FakeGraphOptions } from './fake-graph';
import type { StoryWebhookOptions } from './story-webhooks';

const boolish = z.enum(['true', 'false', '1', '0', '']).transform((v) => v === 'true' || v === '1');

const envSchema = z
  .object({
    FAKE_GRAPH_PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
    FAKE_GRAPH_HOST: z.string().default('127.0.0.1'),
    FAKE_GRAPH_TOKEN: z.string().min(1).default(DEFAULT_FAKE_GRAPH_TOKEN),
    FAKE_GRAPH_SEED: z.coerce.number().int().optional(),
    FAKE_GRAPH_NOW: z.iso.datetime({ offset: true }).optional(),
    FAKE_GRAPH_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
    FAKE_GRAPH_TRANSIENT_ERROR_RATE: z.coerce.number().min(0).max(1).default(0),
    FAKE_GRAPH_THROTTLE: z.enum(['off', 'app', 'account']).default('off'),
    FAKE_GRAPH_OUTAGE: boolish.default(false),
    FAKE_GRAPH_CALLS_PER_ACCOUNT: z.coerce.number().int().min(1).default(4_800),
    // Metrics Meta has stopped offering, comma-separated (`reach`, `media:reach`, `account:reach`).
    FAKE_GRAPH_RETIRED_METRICS: z
      .string()
      .regex(/^(((account|media):)?[a-z][a-z0-9_]{0,63}(\s*,\s*|$))*$/, {
        message: 'list metric names separated by commas, e.g. reels_skip_rate,account:reposts',
      })
      .default(''),
    // graph.facebook.com (Facebook Login) or graph.instagram.com (Instagram Login).
    FAKE_GRAPH_LOGIN: z.enum(['facebook', 'instagram']).default('facebook'),
    // Signed story_insights notifications to a server's webhook, as Meta sends them.
    FAKE_GRAPH_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
    FAKE_GRAPH_APP_SECRET: z.string().min(8).optional(),
  })
  .refine((env) => Boolean(env.FAKE_GRAPH_WEBHOOK_URL) === Boolean(env.FAKE_GRAPH_APP_SECRET), {
    message:
      'set FAKE_GRAPH_WEBHOOK_URL and FAKE_GRAPH_APP_SECRET together (the server checks each notification with the same secret), or neither',
    path: ['FAKE_GRAPH_WEBHOOK_URL'],
  });

export type FakeGraphEnv = z.infer<typeof envSchema>;

/** Reads the fake's settings from the environment, with a message per mistake. */
export function fakeGraphEnv(env: NodeJS.ProcessEnv): FakeGraphEnv {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `  ${i.path.join('.')}: ${i.message}`)
      .join('\n');
    throw new Error(`The fake Graph API's settings are not valid:\n${problems}`);
  }
  return parsed.data;
}

export function fakeGraphOptionsFromEnv(env: FakeGraphEnv): FakeGraphOptions {
  const fixedNow = env.FAKE_GRAPH_NOW ? new Date(env.FAKE_GRAPH_NOW) : undefined;
  const retiredMetrics = env.FAKE_GRAPH_RETIRED_METRICS.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return {
    token: env.FAKE_GRAPH_TOKEN,
    login: env.FAKE_GRAPH_LOGIN,
    ...(env.FAKE_GRAPH_SEED !== undefined ? { seed: env.FAKE_GRAPH_SEED } : {}),
    ...(fixedNow ? { now: () => fixedNow } : {}),
    faults: {
      latencyMs: env.FAKE_GRAPH_LATENCY_MS,
      transientErrorRate: env.FAKE_GRAPH_TRANSIENT_ERROR_RATE,
      throttle: env.FAKE_GRAPH_THROTTLE,
      outage: env.FAKE_GRAPH_OUTAGE,
      ...(retiredMetrics.length ? { retiredMetrics } : {}),
    },
    rateLimits: { callsPerAccount: env.FAKE_GRAPH_CALLS_PER_ACCOUNT },
  };
}

/** The story_insights sender, when FAKE_GRAPH_WEBHOOK_URL and FAKE_GRAPH_APP_SECRET are set. */
export function fakeGraphWebhookFromEnv(env: FakeGraphEnv): StoryWebhookOptions | undefined {
  if (!env.FAKE_GRAPH_WEBHOOK_URL || !env.FAKE_GRAPH_APP_SECRET) return undefined;
  // Also the notifications of the last two days at once, so that a story archive fills at once.
  return {
    url: env.FAKE_GRAPH_WEBHOOK_URL,
    appSecret: env.FAKE_GRAPH_APP_SECRET,
    lookbackMs: 2 * 86_400_000,
  };
}
