/**
 * /webhooks/instagram: Meta's subscription check, and story_insights notifications accepted only
 * with a valid X-Hub-Signature-256 for an account the server shows: anything else gets a 4xx and
 * stores nothing. Also the fake Graph API's own sender, end to end.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyInsightsValue } from '../fake-graph/story-webhooks';
import {
  APP_SECRET,
  type StoredStack,
  startStoredStack,
  VERIFY_TOKEN,
} from './testing/stored-stack';
import { type FakeUpstream, LUMEN, NORTHWIND, startFake } from './testing/test-stack';
import { verifyWebhookSignature, WEBHOOK_MAX_BYTES, webhookSignature } from './webhooks';

let upstream: FakeUpstream;
let stack: StoredStack;
const stacks: StoredStack[] = [];

beforeAll(async () => {
  upstream = await startFake();
  stack = await startStoredStack({ upstream });
  stacks.push(stack);
});

afterAll(async () => {
  for (const s of stacks) await s.close();
  await upstream?.close();
});

interface ArchivedStory {
  id: string;
  insights: {
    data: { name: string; values: { value: number | null }[]; source: string; withheld?: true }[];
  };
}

let nextStory = 100;
function notification(
  accountId: string = NORTHWIND,
  value: Record<string, unknown> = {},
): { body: string; storyId: string } {
  const storyId = `180000000000${nextStory++}`;
  const body = JSON.stringify({
    object: 'instagram',
    entry: [
      {
        id: accountId,
        time: 1_763_668_800,
        changes: [
          {
            field: 'story_insights',
            value: {
              media_id: storyId,
              exits: 1,
              replies: 0,
              reach: 17,
              taps_forward: 12,
              taps_back: 0,
              impressions: 28,
              ...value,
            },
          },
        ],
      },
    ],
  });
  return { body, storyId };
}

async function archived(accountId: string = NORTHWIND): Promise<string[]> {
  const answer = await stack.get(`/api/${accountId}/stories/archive?limit=100`);
  expect(answer.status).toBe(200);
  return (answer.body.data as { id: string }[]).map((s) => s.id);
}

describe('the subscription check (GET)', () => {
  const check = (params: Record<string, string>) =>
    stack.get(`/webhooks/instagram?${new URLSearchParams(params)}`);

  it('echoes hub.challenge when hub.verify_token matches', async () => {
    const answer = await check({
      'hub.mode': 'subscribe',
      'hub.verify_token': VERIFY_TOKEN,
      'hub.challenge': '1158201444',
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('1158201444');
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('403 for a wrong or missing verify token; 400 for another mode or no challenge', async () => {
    const base = { 'hub.mode': 'subscribe', 'hub.challenge': '42' };
    expect((await check({ ...base, 'hub.verify_token': `${VERIFY_TOKEN}x` })).status).toBe(403);
    expect((await check({ ...base, 'hub.verify_token': 'short' })).status).toBe(403);
    expect((await check(base)).status).toBe(403);
    expect(
      (await check({ ...base, 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN }))
        .status,
    ).toBe(400);
    const noChallenge = await check({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN });
    expect(noChallenge.status).toBe(400);
    const script = await check({
      ...base,
      'hub.verify_token': VERIFY_TOKEN,
      'hub.challenge': '<script>',
    });
    expect(script.status).toBe(400);
    expect(script.body.error).toMatchObject({ code: 100 });
  });

  it('the request log keeps the path only, never the verify token', () => {
    const lines = stack.logs.filter((l) => l.includes('/webhooks/'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of stack.logs) {
      expect(line).not.toContain(VERIFY_TOKEN);
      expect(line).not.toContain(APP_SECRET);
    }
  });
});

describe('notifications (POST)', () => {
  it('a validly signed story_insights notification: 200 and the final numbers are stored', async () => {
    const { body, storyId } = notification();
    const started = performance.now();
    const answer = await stack.postWebhook(body);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(answer).toEqual({ status: 200, body: { success: true, stored: 1 } });
    const page = await stack.get(`/api/${NORTHWIND}/stories/archive`);
    const story = (page.body.data as ArchivedStory[]).find((s) => s.id === storyId);
    expect(story).toMatchObject({ id: storyId, media_product_type: 'STORY', source: 'webhook' });
    const values = Object.fromEntries(
      story?.insights.data.map((m) => [m.name, [m.values[0]?.value, m.source]]) ?? [],
    );
    expect(values).toEqual({
      impressions: [28, 'webhook'],
      reach: [17, 'webhook'],
      replies: [0, 'webhook'],
      taps_forward: [12, 'webhook'],
      taps_back: [0, 'webhook'],
      exits: [1, 'webhook'],
    });
  });

  it('refuses a bad signature, stores nothing: invalid, missing, wrong secret, one byte altered', async () => {
    const before = await archived();
    const { body, storyId } = notification();
    const wrongSecret = webhookSignature(body, 'another0app0secret0123456789abcd');
    const altered = Buffer.from(body);
    const at = body.indexOf('"reach":17') + '"reach":1'.length;
    altered[at] = '8'.charCodeAt(0); // reach 17 becomes 18: one byte
    const cases: [string, string | Uint8Array, string | null, number][] = [
      ['invalid', body, `sha256=${'0'.repeat(64)}`, 403],
      ['not hex', body, 'sha256=xyz', 403],
      ['sha1 only', body, `sha1=${createHmac('sha1', APP_SECRET).update(body).digest('hex')}`, 403],
      ['missing', body, null, 401],
      ['wrong secret', body, wrongSecret, 403],
      ['body altered by one byte', altered, webhookSignature(body, APP_SECRET), 403],
    ];
    for (const [name, payload, signature, status] of cases) {
      const answer = await stack.postWebhook(payload, signature);
      expect(answer.status, name).toBe(status);
      expect(answer.body.error.message, name).toMatch(/X-Hub-Signature-256/);
    }
    expect(await archived()).toEqual(before);
    expect(await archived()).not.toContain(storyId);
  });

  it('a malformed body gets 400 and stores nothing, even when signed', async () => {
    const before = await archived();
    const good = JSON.parse(notification().body);
    const bodies: [string, string][] = [
      ['not JSON', '{"object":"instagram",'],
      ['another object', JSON.stringify({ ...good, object: 'page' })],
      ['no entry', JSON.stringify({ object: 'instagram' })],
      [
        'entry id not numeric',
        JSON.stringify({ ...good, entry: [{ ...good.entry[0], id: 'abc' }] }),
      ],
      ['metric not a number', notification(NORTHWIND, { reach: '17' }).body],
      ['metric below -1', notification(NORTHWIND, { reach: -2 }).body],
      ['media_id missing', notification(NORTHWIND, { media_id: undefined }).body],
      ['media_id a number', notification(NORTHWIND, { media_id: 18000000000000 }).body],
      ['an array', JSON.stringify([good])],
    ];
    for (const [name, body] of bodies) {
      const answer = await stack.postWebhook(body);
      expect(answer.status, name).toBe(400);
      expect(answer.body.error.code, name).toBe(100);
    }
    expect(await archived()).toEqual(before);
  });

  it('a notification about an account the server does not show: 403, and none of it is stored', async () => {
    const before = await archived();
    const known = JSON.parse(notification(NORTHWIND).body);
    const unknown = JSON.parse(notification('17841499999999999').body);
    const both = JSON.stringify({ object: 'instagram', entry: [known.entry[0], unknown.entry[0]] });
    const answer = await stack.postWebhook(both);
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toMatch(/17841499999999999/);
    expect(await archived()).toEqual(before);
  });

  it('a story that belongs to another account: 409, nothing stored', async () => {
    const { body, storyId } = notification(NORTHWIND);
    expect((await stack.postWebhook(body)).status).toBe(200);
    const moved = body.replace(`"id":"${NORTHWIND}"`, `"id":"${LUMEN}"`);
    const answer = await stack.postWebhook(moved);
    expect(answer.status).toBe(409);
    expect(await archived(LUMEN)).not.toContain(storyId);
  });

  it('delivered twice (Meta retries): one story, one set of numbers', async () => {
    const { body, storyId } = notification();
    expect((await stack.postWebhook(body)).status).toBe(200);
    expect((await stack.postWebhook(body)).status).toBe(200);
    const ids = await archived();
    expect(ids.filter((id) => id === storyId)).toHaveLength(1);
  });

  it('other fields are acknowledged and ignored; counts under 5 (-1) are kept as withheld', async () => {
    const comments = JSON.stringify({
      object: 'instagram',
      entry: [
        {
          id: NORTHWIND,
          time: 1_763_668_800,
          changes: [{ field: 'comments', value: { id: '1', text: 'hi' } }],
        },
      ],
    });
    expect(await stack.postWebhook(comments)).toEqual({
      status: 200,
      body: { success: true, stored: 0 },
    });
    const { body, storyId } = notification(NORTHWIND, { replies: -1 });
    expect((await stack.postWebhook(body)).status).toBe(200);
    const page = await stack.get(`/api/${NORTHWIND}/stories/archive?limit=100`);
    const story = (page.body.data as ArchivedStory[]).find((s) => s.id === storyId);
    expect(story?.insights.data.find((m) => m.name === 'replies')).toMatchObject({
      values: [{ value: null }],
      withheld: true,
    });
  });

  it('a body over 1 MB gets 413 before it is read', async () => {
    const big = JSON.stringify({ object: 'instagram', pad: 'x'.repeat(WEBHOOK_MAX_BYTES) });
    const answer = await stack.postWebhook(big);
    expect(answer.status).toBe(413);
  });

  it('other methods: 405', async () => {
    const response = await fetch(`${stack.url}/webhooks/instagram`, { method: 'PUT' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
  });

  it('no answer and no log line carries a secret', () => {
    for (const line of stack.logs) {
      expect(line).not.toContain(APP_SECRET);
      expect(line).not.toContain(VERIFY_TOKEN);
      expect(line).not.toContain(upstream.token);
    }
  });
});

describe('signature check', () => {
  it('constant-time HMAC-SHA256 over the raw bytes', () => {
    const body = new TextEncoder().encode('{"a":1}');
    const good = webhookSignature(body, APP_SECRET);
    expect(good).toBe(`sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`);
    expect(verifyWebhookSignature(body, good, APP_SECRET)).toBe(true);
    expect(
      verifyWebhookSignature(body, good.toUpperCase().replace('SHA256', 'sha256'), APP_SECRET),
    ).toBe(true);
    expect(verifyWebhookSignature(body, good.slice(0, -1), APP_SECRET)).toBe(false);
    expect(verifyWebhookSignature(body, undefined, APP_SECRET)).toBe(false);
    expect(verifyWebhookSignature(new TextEncoder().encode('{"a":2}'), good, APP_SECRET)).toBe(
      false,
    );
  });
});

describe('without webhook secrets', () => {
  it('both routes answer 404 with what to set', async () => {
    const bare = await startStoredStack({ upstream, webhooks: null });
    stacks.push(bare);
    const get = await bare.get('/webhooks/instagram?hub.mode=subscribe&hub.challenge=1');
    expect(get.status).toBe(404);
    expect(get.body.error.message).toMatch(/WEBHOOK_VERIFY_TOKEN and INSTAGRAM_APP_SECRET/);
    const post = await bare.postWebhook(notification().body);
    expect(post.status).toBe(404);
  });
});

describe("the fake Graph API's story_insights sender", () => {
  it('posts signed notifications for stories that expired; the server stores their final numbers', async () => {
    const clock = upstream.clock;
    const start = clock.now();
    const sender = upstream.server.startWebhooks({
      url: `${stack.url}/webhooks/instagram`,
      appSecret: APP_SECRET,
      intervalMs: 3_600_000,
    });
    try {
      // The demo stories live now: their notifications fall due an hour after they expire.
      const live = upstream.fake.data.liveStories(NORTHWIND, start);
      expect(live.length).toBeGreaterThan(0);
      // The check made on start: nothing has expired since.
      expect(await sender.check()).toEqual({ sent: 0, failed: 0 });
      clock.set(new Date(start.getTime() + 25 * 3_600_000).toISOString());
      // Build the new day's demo history first: it blocks this process (the server's too) for
      // seconds, after which idle keep-alive sockets close; let them, before the sender posts.
      for (const account of upstream.fake.data.accounts)
        upstream.fake.data.model(account.id, clock.now());
      await new Promise((resolve) => setTimeout(resolve, 100));
      const result = await sender.check();
      expect(result.failed).toBe(0);
      expect(result.sent).toBeGreaterThanOrEqual(live.length);
      const page = await stack.get(`/api/${NORTHWIND}/stories/archive?limit=100`);
      for (const story of live) {
        const stored = (page.body.data as ArchivedStory[]).find((s) => s.id === story.id);
        expect(stored, story.id).toBeDefined();
        const expected = storyInsightsValue(story);
        expect(stored?.insights.data.map((m) => m.name).sort()).toEqual(
          Object.keys(expected)
            .filter((k) => k !== 'media_id')
            .sort(),
        );
        for (const m of stored?.insights.data ?? []) {
          const value = expected[m.name as keyof typeof expected] as number;
          expect(m.values[0]?.value).toBe(value < 0 ? null : value);
          expect(m.source).toBe('webhook');
        }
      }
      // Nothing is sent twice.
      expect((await sender.check()).sent).toBe(0);
    } finally {
      await sender.stop();
      clock.set(start.toISOString());
    }
  });
});
