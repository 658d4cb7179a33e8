/**
 * Requests for other accounts' data, generated for the access tests (a share link's viewer, a
 * member): the other accounts' ids, their media, carousel children and stories, on every route,
 * and path tricks that try to reach them through the viewer's own account. Also `askBatch`, which
 * sends paths as one `/api/batch` and each alone, and checks that the batch answers each as alone.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { batchPathProblem } from '../../graph/api-batch';
import { expectGraphError, type ProxyAnswer, type TestStack } from './test-stack';

export interface OtherAccountRequests {
  /** Every route of another account's id, media, child or story. */
  direct: fc.Arbitrary<string>;
  /** Paths that try to reach them another way (traversal, encoding, Graph's ids= and batch=…). */
  tricks: fc.Arbitrary<string>;
}

/**
 * The requests for `others`' data; the owner's listings teach the server who owns which media
 * first. `ownAccount` is the viewer's: the tricks go through it.
 */
export async function otherAccountRequests(
  stack: TestStack,
  ownAccount: string,
  others: [string, string],
  /** More tricks, e.g. the team's own routes for a share viewer. */
  extraTricks: string[] = [],
): Promise<OtherAccountRequests> {
  const owner = { headers: { cookie: stack.ownerCookie } };
  const [first, second] = others;
  const firstList = await stack.get(`/api/${first}/media?limit=25`, owner);
  const secondList = await stack.get(`/api/${second}/media?limit=10`, owner);
  const stories = await stack.get(`/api/${first}/stories`, owner);
  const otherMedia = [...firstList.body.data, ...secondList.body.data, ...stories.body.data].map(
    (m: { id: string }) => m.id,
  );
  const children = firstList.body.data.flatMap(
    (m: { children?: { data: { id: string }[] } }) => m.children?.data.map((c) => c.id) ?? [],
  );
  const pagingLink =
    (firstList.body.paging?.next as string | undefined) ?? `/api/${first}/media?after=x`;

  const other = fc.constantFrom(first, second, ...otherMedia, ...children);
  const suffix = fc.constantFrom(
    '',
    '?fields=id,username,followers_count',
    '/media',
    '/media?limit=100',
    '/stories',
    '/insights',
    '/insights?metric=reach&period=day',
    '/insights?metric=reach&period=day&since=2026-11-01&until=2026-11-10',
    '/picture',
    '/picture?size=thumbnail',
    '/stored/follower_count',
    '/stored/online_followers',
    '/stored/demographics?breakdown=age',
    '/stories/archive',
    '/history',
    '/collaborative_media',
  );
  const direct = fc.tuple(other, suffix).map(([id, s]) => `/api/${id}${s}`);
  const tricks = other.chain((id) =>
    fc.constantFrom(
      `/api/${ownAccount}/../${id}`,
      `/api/${ownAccount}/..%2f${id}`,
      `/api/%2e%2e/${id}/insights`,
      `/api//${id}`,
      `/api/${id}/`,
      `/api/${id}%2Fmedia`,
      `/api/${id}?ids=${ownAccount}`,
      `/api/${ownAccount}?ids=${id}`,
      `/api/?ids=${id}&fields=id`,
      `/api/?batch=[{"method":"GET","relative_url":"${id}/insights"}]`,
      `/api/${ownAccount}?batch=[{"method":"GET","relative_url":"${id}"}]`,
      `/api/v25.0/${id}`,
      `/api/${id}?access_token=EAAB-forged`,
      `/api/${id}/media?after=${'A'.repeat(40)}`,
      `/api/${ownAccount}/${id}`,
      ...extraTricks,
      pagingLink,
    ),
  );
  return { direct, tricks };
}

/** `/api/batch?path=…&path=…` */
export const batchUrl = (paths: readonly string[]): string =>
  `/api/batch?${paths.map((p) => `path=${encodeURIComponent(p)}`).join('&')}`;

export type BatchOutcome =
  | { refused: ProxyAnswer }
  | { entries: { path: string; status: number; headers: Record<string, string>; body: unknown }[] };

/**
 * Sends `paths` as one batch with `cookie`. A batch holding a path the batch rule refuses is
 * refused whole (400, Graph error shape, saying which path); otherwise it answers 200 and each
 * entry has the status and body the path answers alone (asked after the batch).
 */
export async function askBatch(
  stack: TestStack,
  paths: readonly string[],
  cookie: string,
): Promise<BatchOutcome> {
  const answer = await stack.get(batchUrl(paths), { headers: { cookie } });
  const bad = paths.findIndex((p) => batchPathProblem(p) !== undefined);
  if (bad !== -1) {
    expect(answer.status, `${paths[bad]}: ${answer.text.slice(0, 200)}`).toBe(400);
    expect(answer.body).toMatchObject({
      error: { message: expect.stringContaining(`path ${bad + 1} `), code: 100 },
    });
    return { refused: answer };
  }
  expect(answer.status, answer.text.slice(0, 300)).toBe(200);
  const responses = answer.body.responses as {
    status: number;
    headers: Record<string, string>;
    body: unknown;
  }[];
  expect(responses).toHaveLength(paths.length);
  const entries = [];
  for (const [i, path] of paths.entries()) {
    const entry = responses[i] as (typeof responses)[number];
    const alone = await stack.get(path, { headers: { cookie }, redirect: 'manual' });
    expect({ status: entry.status, body: entry.body }, path).toEqual({
      status: alone.status,
      body: alone.body,
    });
    entries.push({ path, ...entry });
  }
  return { entries };
}

/**
 * Sends `asked` (other accounts' paths) as one batch with `cookie`, and the paths a batch may
 * hold again without the others: every entry is refused as it is alone (not found, forbidden or
 * malformed), in the Graph error shape, naming nothing of the other accounts. Whether the first
 * batch was refused whole is returned.
 */
export async function expectBatchRefusesEach(
  stack: TestStack,
  asked: readonly string[],
  cookie: string,
): Promise<{ refusedWhole: boolean }> {
  const whole = await askBatch(stack, asked, cookie);
  const refusedWhole = 'refused' in whole;
  const accepted = asked.filter((path) => batchPathProblem(path) === undefined);
  if (accepted.length === 0) return { refusedWhole };
  const outcome = 'entries' in whole ? whole : await askBatch(stack, accepted, cookie);
  if (!('entries' in outcome)) throw new Error('a batch of accepted paths was refused');
  for (const entry of outcome.entries) {
    expect(entry.status, entry.path).toBeGreaterThanOrEqual(400);
    expect(entry.status, entry.path).toBeLessThan(500);
    expectGraphError(entry.body);
    expect(JSON.stringify(entry.body), entry.path).not.toMatch(/lumen|tiny\.pottery/i);
  }
  return { refusedWhole };
}
