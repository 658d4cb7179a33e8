import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { FakeGraph, type FakeGraphOptions } from './fake-graph';
import { type StoryWebhookOptions, StoryWebhookSender } from './story-webhooks';

export interface FakeGraphServer {
  fake: FakeGraph;
  /** e.g. `http://127.0.0.1:4010`: graph.facebook.com, and www.facebook.com's login dialog. */
  url: string;
  /**
   * Instagram's hosts on a port of their own (graph.instagram.com, and www/api.instagram.com's
   * login endpoints): Instagram Login's tokens work there and nowhere else.
   */
  instagramUrl: string;
  /** The story_insights sender, once started. */
  webhooks?: StoryWebhookSender;
  /** Starts posting signed story_insights notifications when demo stories expire. */
  startWebhooks(options: StoryWebhookOptions): StoryWebhookSender;
  close(): Promise<void>;
}

/** Serves the fake Graph API over HTTP. Port 0 picks a free port. */
export function startFakeGraphServer(
  options: FakeGraphOptions & { port?: number; host?: string; webhook?: StoryWebhookOptions } = {},
): Promise<FakeGraphServer> {
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    let fake: FakeGraph | undefined;
    const server = serve(
      {
        fetch: (request) => (fake as FakeGraph).handle(request, 'facebook'),
        port: options.port ?? 0,
        hostname: host,
      },
      (info: AddressInfo) => {
        const url = `http://${host}:${info.port}`;
        const { webhook, ...graphOptions } = options;
        const graph = new FakeGraph({ ...graphOptions, baseUrl: options.baseUrl ?? url });
        fake = graph;
        const instagram = serve(
          { fetch: (request) => graph.handle(request, 'instagram'), port: 0, hostname: host },
          (igInfo: AddressInfo) => {
            const running: FakeGraphServer = {
              fake: graph,
              url,
              instagramUrl: `http://${host}:${igInfo.port}`,
              startWebhooks(webhookOptions) {
                void running.webhooks?.stop();
                running.webhooks = new StoryWebhookSender(graph, webhookOptions);
                running.webhooks.start();
                return running.webhooks;
              },
              close: async () => {
                await running.webhooks?.stop();
                await new Promise<void>((done) => server.close(() => done()));
                await new Promise<void>((done) => instagram.close(() => done()));
              },
            };
            if (webhook) running.startWebhooks(webhook);
            resolve(running);
          },
        );
        instagram.once('error', reject);
      },
    );
    server.once('error', reject);
  });
}
