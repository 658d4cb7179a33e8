import type { GraphCall, GraphClient } from './graph-client';

interface Waiting {
  call: GraphCall;
  resolve: (body: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the GETs of one account asked within one turn of the event loop and sends them as one
 * Graph batch request (50 entries a call): a page of posts asks its insights in one call rather
 * than one each, while each GET still goes through the cache, the coalescing and the memory of
 * refusals as a single request would. Make one per account and request: a batch has one token.
 */
export class GraphBatcher {
  private waiting: Waiting[] = [];

  constructor(private readonly client: GraphClient) {}

  get<T>(call: GraphCall): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // A timer rather than a microtask: GETs started after a few awaits still join the batch.
      if (this.waiting.length === 0) setTimeout(() => void this.flush(), 0);
      this.waiting.push({ call, resolve: resolve as (body: unknown) => void, reject });
    });
  }

  private async flush(): Promise<void> {
    const waiting = this.waiting;
    this.waiting = [];
    const only = waiting.length === 1 ? waiting[0] : undefined;
    // One GET is no cheaper in a batch.
    if (only) return this.client.get(only.call).then(only.resolve, only.reject);
    try {
      const results = await this.client.batch(waiting.map((w) => w.call));
      results.forEach((result, i) => {
        const w = waiting[i] as Waiting;
        if (result.ok) w.resolve(result.body);
        else w.reject(result.error);
      });
    } catch (error) {
      // A batch that fails as a whole (outage, timeout, throttled) fails each of its GETs.
      for (const w of waiting) w.reject(error);
    }
  }
}
