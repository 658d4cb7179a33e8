import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiError } from './api-errors';
import { PictureCache } from './picture-cache';

let server: Server;
let base = '';
const downloads = new Map<string, number>();
let failNext = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    downloads.set(path, (downloads.get(path) ?? 0) + 1);
    if (failNext) {
      failNext = false;
      res.writeHead(503).end();
      return;
    }
    if (path.startsWith('/page')) {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
      return;
    }
    // Answers a little later, so that concurrent requests overlap.
    setTimeout(
      () => res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from(path)),
      50,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('many viewers of one picture cost one download, and each gets its bytes', async () => {
  const cache = new PictureCache();
  const answers = await Promise.all(
    Array.from({ length: 50 }, () => cache.get(`${base}/shared.png`)),
  );
  await cache.get(`${base}/shared.png`);
  expect(downloads.get('/shared.png')).toBe(1);
  for (const answer of answers) {
    expect(answer.type).toBe('image/png');
    expect(Buffer.from(answer.bytes).toString()).toBe('/shared.png');
  }
});

it('a failed download is not kept: the next request tries again', async () => {
  const cache = new PictureCache();
  failNext = true;
  await expect(cache.get(`${base}/flaky.png`)).rejects.toMatchObject({ status: 502 });
  const picture = await cache.get(`${base}/flaky.png`);
  expect(Buffer.from(picture.bytes).toString()).toBe('/flaky.png');
  expect(downloads.get('/flaky.png')).toBe(2);
});

it('what is not an image is refused with a Graph-shaped error, and asked again next time', async () => {
  const cache = new PictureCache();
  const error = await cache.get(`${base}/page`).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).toJSON().error.message).toMatch(/could not be loaded/);
  await cache.get(`${base}/page`).catch(() => {});
  expect(downloads.get('/page')).toBe(2);
});

it('stays within its byte budget: the least recently used pictures go first', async () => {
  const cache = new PictureCache(40);
  for (const name of ['a', 'b', 'c', 'd']) await cache.get(`${base}/budget-${name}.png`);
  // Each answer is its 13-byte path: three fit in 40, so the fourth pushes out the first.
  await cache.get(`${base}/budget-d.png`);
  expect(downloads.get('/budget-d.png')).toBe(1);
  await cache.get(`${base}/budget-a.png`);
  expect(downloads.get('/budget-a.png')).toBe(2);
});
