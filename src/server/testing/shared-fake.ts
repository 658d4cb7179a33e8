/**
 * One fake Graph API shared by a test file's proxies: started before its tests, its faults and
 * clock put back after each, and everything closed at the end.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  type FakeOptions,
  type FakeUpstream,
  FIXED_NOW,
  NO_FAULTS,
  startFake,
  startTestStack,
  type TestStack,
} from './test-stack';

export function sharedFake(options: FakeOptions = {}) {
  let upstream: FakeUpstream | undefined;
  const stacks: TestStack[] = [];
  const started = (): FakeUpstream => {
    if (!upstream) throw new Error('The shared fake starts in beforeAll: use it inside tests.');
    return upstream;
  };
  beforeAll(async () => {
    upstream = await startFake(options);
  }, 60_000);
  afterEach(() => {
    upstream?.fake.setFaults(NO_FAULTS);
    upstream?.clock.set(FIXED_NOW);
  });
  afterAll(async () => {
    for (const stack of stacks) await stack.close();
    await upstream?.close();
  });
  return {
    /** The proxies made with stackFor, for checks over all their answers. */
    stacks,
    get upstream(): FakeUpstream {
      return started();
    },
    /** A proxy in front of the shared fake, closed after the file's tests. */
    async stackFor(stackOptions: Parameters<typeof startTestStack>[0] = {}): Promise<TestStack> {
      const stack = await startTestStack({ upstream: started(), ...stackOptions });
      stacks.push(stack);
      return stack;
    },
  };
}
