/**
 * The fake's story_insights sender: Meta's shape and signature, sent an hour after a story
 * expires, deterministic, retried when the receiver fails, and stopped on close.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGraphServer, startFakeGraphServer } from './fake-graph-server';
import { signWebhookBody, storyInsightsNotification, storyInsightsValue } from './story-webhooks';

const SECRET = '0123456789abcdef0123456789abcdef';
const NOW = Date.parse('2026-11-20T20:00:00Z');
const NORTHWIND = '17841405822304914';

interface Received {
  body: string;
  signature: string | undefined;
}

let t = NOW;
let fakeServer: FakeGraphServer;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let failNext = 0;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      received.push({ body, signature: req.headers['x-hub-signature-256'] as string | undefined });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"success":true}');
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  fakeServer = await startFakeGraphServer({ now: () => new Date(t) });
});

beforeEach(() => {
  t = NOW;
});

afterAll(async () => {
  await fakeServer?.close();
  await new Promise((done) => receiver.close(done));
});

describe('story_insights notifications', () => {
  it('are sent an hour after each story expires, signed, in Meta’s shape, once', async () => {
    const server = fakeServer;
    {
      const live = server.fake.data.liveStories(NORTHWIND, new Date(NOW));
      expect(live.length).toBeGreaterThan(0);
      const sender = server.startWebhooks({ url: receiverUrl, appSecret: SECRET });
      expect(await sender.check()).toEqual({ sent: 0, failed: 0 });
      const story = live.at(-1);
      if (!story) throw new Error('no story');
      const expiry = story.timestamp.getTime() + 86_400_000;
      // Expired, but Meta's hour has not passed.
      t = expiry + 30 * 60_000;
      received.length = 0;
      await sender.check();
      expect(
        received.map((r) => JSON.parse(r.body).entry[0].changes[0].value.media_id),
      ).not.toContain(story.id);
      t = expiry + 3_600_000;
      await sender.check();
      const mine = received.find(
        (r) => JSON.parse(r.body).entry[0].changes[0].value.media_id === story.id,
      );
      expect(mine).toBeDefined();
      expect(mine?.signature).toBe(
        `sha256=${createHmac('sha256', SECRET)
          .update(mine?.body ?? '')
          .digest('hex')}`,
      );
      expect(JSON.parse(mine?.body ?? '{}')).toEqual({
        object: 'instagram',
        entry: [
          {
            id: NORTHWIND,
            time: Math.floor((expiry + 3_600_000) / 1000),
            changes: [
              {
                field: 'story_insights',
                value: {
                  media_id: story.id,
                  impressions: expect.any(Number),
                  reach: expect.any(Number),
                  taps_forward: expect.any(Number),
                  taps_back: expect.any(Number),
                  exits: expect.any(Number),
                  replies: expect.any(Number),
                },
              },
            ],
          },
        ],
      });
      // Sent once.
      const count = received.length;
      t += 60_000;
      await sender.check();
      expect(received.slice(count).map((r) => r.body)).not.toContain(mine?.body);
      await sender.stop();
    }
  });
  it('the content is deterministic and counts under 5 are -1', () => {
    const stories = fakeServer.fake.data.model(NORTHWIND, new Date(NOW))?.stories ?? [];
    const story = stories[0];
    if (!story) throw new Error('no story');
    const at = new Date(NOW);
    expect(JSON.stringify(storyInsightsNotification(story, at))).toBe(
      JSON.stringify(storyInsightsNotification(story, at)),
    );
    const value = storyInsightsValue(story);
    expect(value.impressions).toBe(story.lifetime.views);
    for (const [name, n] of Object.entries(value))
      if (name !== 'media_id') expect(n === -1 || (n as number) >= 5, name).toBe(true);
    const small = storyInsightsValue({ ...story, lifetime: { ...story.lifetime, replies: 3 } });
    expect(small.replies).toBe(-1);
    expect(signWebhookBody('{}', SECRET)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('a failed delivery is tried again at the next check', async () => {
    const server = fakeServer;
    try {
      const sender = server.startWebhooks({ url: receiverUrl, appSecret: SECRET, delayMs: 0 });
      await sender.check();
      t = NOW + 86_400_000;
      const due = [NORTHWIND].flatMap((id) => server.fake.data.liveStories(id, new Date(NOW)));
      failNext = 1000;
      const first = await sender.check();
      expect(first.sent).toBe(0);
      expect(first.failed).toBeGreaterThanOrEqual(due.length);
      failNext = 0;
      received.length = 0;
      const second = await sender.check();
      expect(second).toEqual({ sent: first.failed, failed: 0 });
    } finally {
      failNext = 0;
      await server.webhooks?.stop();
    }
  });

  it('an unreachable receiver does not throw; close() stops the sender', async () => {
    const server = await startFakeGraphServer({
      now: () => new Date(NOW),
      webhook: { url: 'http://127.0.0.1:9/nothing', appSecret: SECRET, lookbackMs: 86_400_000 },
    });
    const sender = server.webhooks;
    expect(sender).toBeDefined();
    const result = await sender?.check();
    expect(result?.sent).toBe(0);
    await server.close();
  });
});
