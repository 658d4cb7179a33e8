import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { FakeGraph, type FakeGraphOptions } from './fake-graph';

export interface FakeGraphServer {
  fake: FakeGraph;
  /** e.g. `http://127.0.0.1:4010` */
  url: string;
  close(): Promise<void>;
}

/** Serves the fake Graph API over HTTP. Port 0 picks a free port. */
export function startFakeGraphServer(
  options: FakeGraphOptions & { port?: number; host?: string } = {},
): Promise<FakeGraphServer> {
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    let fake: FakeGraph | undefined;
    const server = serve(
      {
        fetch: (request) => (fake as FakeGraph).handle(request),
        port: options.port ?? 0,
        hostname: host,
      },
      (info: AddressInfo) => {
        const url = `http://${host}:${info.port}`;
        fake = new FakeGraph({ ...options, baseUrl: options.baseUrl ?? url });
        resolve({
          fake,
          url,
          close: () => new Promise((done) => server.close(() => done())),
        });
      },
    );
    server.once('error', reject);
  });
}
