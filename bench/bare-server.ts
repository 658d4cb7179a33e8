/**
 * Baselines of the proxy-speed figure, started by bench/proxy-speed.ts in a child process: a bare
 * node:http server (BARE_KIND=node) that answers every request with the bytes the proxy sends for
 * the benchmarked request (BARE_BODY_FILE, BARE_CONTENT_TYPE), or the same through Hono on
 * @hono/node-server (BARE_KIND=hono), the proxy's framework, to show what the framework alone costs.
 * It reports its URL over IPC.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = readFileSync(process.env.BARE_BODY_FILE ?? '');
const type = process.env.BARE_CONTENT_TYPE ?? 'application/json';

let server: Server;
const ready = () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}` });
};
if (process.env.BARE_KIND === 'hono') {
  const app = new Hono();
  app.get('*', (c) => c.body(body, 200, { 'Content-Type': type }));
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, ready) as Server;
} else {
  server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length });
    response.end(body);
  });
  server.listen(0, '127.0.0.1', ready);
}
const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.on('SIGTERM', stop);
process.on('disconnect', stop);
