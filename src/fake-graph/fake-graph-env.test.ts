import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fakeGraphEnv, fakeGraphOptionsFromEnv, fakeGraphWebhookFromEnv } from './fake-graph-env';

describe('the standalone fake’s settings', () => {
  it('default to port 4010, the demo token and no faults or webhooks', () => {
    const env = fakeGraphEnv({});
    expect(env).toMatchObject({ FAKE_GRAPH_PORT: 4010, FAKE_GRAPH_HOST: '127.0.0.1' });
    expect(fakeGraphOptionsFromEnv(env).faults).toEqual({
      latencyMs: 0,
      transientErrorRate: 0,
      throttle: 'off',
      outage: false,
    });
    expect(fakeGraphWebhookFromEnv(env)).toBeUndefined();
  });

  it('send story_insights to FAKE_GRAPH_WEBHOOK_URL, signed with FAKE_GRAPH_APP_SECRET', () => {
    const env = fakeGraphEnv({
      FAKE_GRAPH_WEBHOOK_URL: 'http://127.0.0.1:3000/webhooks/instagram',
      FAKE_GRAPH_APP_SECRET: 'an-app-secret-of-the-test',
    });
    expect(fakeGraphWebhookFromEnv(env)).toMatchObject({
      url: 'http://127.0.0.1:3000/webhooks/instagram',
      appSecret: 'an-app-secret-of-the-test',
    });
  });

  it('retire the metrics in FAKE_GRAPH_RETIRED_METRICS and give the token the login in FAKE_GRAPH_LOGIN', () => {
    const env = fakeGraphEnv({
      FAKE_GRAPH_RETIRED_METRICS: 'reels_skip_rate, account:reposts',
      FAKE_GRAPH_LOGIN: 'instagram',
    });
    const options = fakeGraphOptionsFromEnv(env);
    expect(options.faults?.retiredMetrics).toEqual(['reels_skip_rate', 'account:reposts']);
    expect(options.login).toBe('instagram');
    expect(fakeGraphOptionsFromEnv(fakeGraphEnv({})).login).toBe('facebook');
    expect(() => fakeGraphEnv({ FAKE_GRAPH_RETIRED_METRICS: 'no such;metric' })).toThrow(
      /FAKE_GRAPH_RETIRED_METRICS/,
    );
    expect(() => fakeGraphEnv({ FAKE_GRAPH_LOGIN: 'twitter' })).toThrow(/FAKE_GRAPH_LOGIN/);
  });

  it('say what to change when a setting is wrong, or one webhook setting comes without the other', () => {
    expect(() => fakeGraphEnv({ FAKE_GRAPH_PORT: 'eighty' })).toThrow(/FAKE_GRAPH_PORT/);
    expect(() => fakeGraphEnv({ FAKE_GRAPH_WEBHOOK_URL: 'http://127.0.0.1:3000/hook' })).toThrow(
      /FAKE_GRAPH_WEBHOOK_URL and FAKE_GRAPH_APP_SECRET together/,
    );
    expect(() =>
      fakeGraphEnv({ FAKE_GRAPH_WEBHOOK_URL: 'ftp://x/hook', FAKE_GRAPH_APP_SECRET: 'secret-123' }),
    ).toThrow(/FAKE_GRAPH_WEBHOOK_URL/);
  });
});

it('npm run fake-graph with webhook settings posts signed notifications to the URL', async () => {
  const secret = 'standalone-test-secret';
  const received: { signature: string | undefined; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      received.push({ signature: req.headers['x-hub-signature-256'] as string, body });
      res.end('ok');
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  const port = (receiver.address() as AddressInfo).port;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/fake-graph/standalone.ts'], {
    env: {
      ...process.env,
      FAKE_GRAPH_PORT: '0',
      FAKE_GRAPH_WEBHOOK_URL: `http://127.0.0.1:${port}/webhooks/instagram`,
      FAKE_GRAPH_APP_SECRET: secret,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const deadline = Date.now() + 30_000;
    while (received.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(received.length).toBeGreaterThan(0);
    for (const { signature, body } of received) {
      // As Meta signs: HMAC-SHA256 of the raw body with the app secret.
      expect(signature).toBe(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
      expect(JSON.parse(body)).toMatchObject({
        object: 'instagram',
        entry: [{ changes: [{ field: 'story_insights' }] }],
      });
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise<void>((done) => receiver.close(() => done()));
  }
}, 40_000);
