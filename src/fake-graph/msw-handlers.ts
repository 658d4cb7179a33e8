import { http } from 'msw';
import type { FakeGraph } from './fake-graph';

/**
 * The fake as msw request handlers: unit tests intercept the real `fetch` to the Graph host with
 * `setupServer(...fakeGraphHandlers(fake))`, and the standalone server answers with the same code.
 */
export function fakeGraphHandlers(fake: FakeGraph) {
  return [http.all(`${fake.baseUrl}/*`, ({ request }) => fake.handle(request))];
}
