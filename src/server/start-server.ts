import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type FakeGraphServer, startFakeGraphServer } from '../fake-graph/fake-graph-server';
import { AccountDirectory } from './account-directory';
import type { ServerConfig } from './config';
import { GraphClient } from './graph-client';
import { createRedactor } from './redact';
import { ResponseCache } from './response-cache';
import { createServerApp } from './server-app';

export interface StartOptions {
  /** Where request log lines go. */
  log?: (line: string) => void;
  distDir?: string;
  now?: () => Date;
  retry?: { attempts: number; baseDelayMs: number };
}

export interface RunningServer {
  url: string;
  mode: 'demo' | 'live';
  /** The built-in fake, in demo mode. */
  fake?: FakeGraphServer;
  client: GraphClient;
  close(): Promise<void>;
}

/** Wires config to a listening server; in demo mode it starts the fake Graph API first. */
export async function startServer(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<RunningServer> {
  let { graphBaseUrl, tokens } = config;
  let fake: FakeGraphServer | undefined;
  if (config.mode === 'demo') {
    fake = await startFakeGraphServer({ port: 0, host: '127.0.0.1' });
    // Build the demo history now rather than during the first page view.
    for (const account of fake.fake.data.accounts) fake.fake.data.model(account.id, new Date());
    graphBaseUrl = fake.url;
    tokens = [fake.fake.token];
  }
  const log = options.log ?? ((line: string) => console.log(line));
  const redact = createRedactor(() => tokens);
  const now = options.now ?? (() => new Date());
  const cache = new ResponseCache(config.cacheMaxEntries, () => now().getTime());
  const client = new GraphClient({
    baseUrl: graphBaseUrl,
    version: config.graphVersion,
    timeoutMs: config.upstreamTimeoutMs,
    concurrencyPerAccount: config.concurrencyPerAccount,
    redact,
    now: () => now().getTime(),
    ...(options.retry ? { retry: options.retry } : {}),
  });
  const app = createServerApp({
    mode: config.mode,
    graphVersion: config.graphVersion,
    client,
    cache,
    directory: new AccountDirectory(client, cache, tokens, config.accountIds),
    now,
    redact,
    log: config.logRequests ? log : () => {},
    ...(options.distDir ? { distDir: options.distDir } : {}),
  });
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: config.port, hostname: config.host },
      (info: AddressInfo) => {
        resolve({
          url: `http://${config.host}:${info.port}`,
          mode: config.mode,
          ...(fake ? { fake } : {}),
          client,
          close: async () => {
            await new Promise<void>((done) => server.close(() => done()));
            await fake?.close();
          },
        });
      },
    );
    server.once('error', (error: NodeJS.ErrnoException) => {
      void fake?.close();
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `Port ${config.port} is in use: set PORT to a free port.`
            : `The server could not start: ${error.message}`,
        ),
      );
    });
  });
}
