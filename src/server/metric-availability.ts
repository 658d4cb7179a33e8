import type { GraphErrorBody, InsightsResponse, MissingMetric } from '../graph/graph-types';
import { findAccountMetric, findMediaMetric } from '../graph/metric-catalogue';
import { ApiError } from './api-errors';

/**
 * What insights are asked about: an account, or a media of one product and media type (a metric
 * Instagram drops for reels may stay for feed videos, one it has only for videos stays for them).
 */
export type InsightsObject =
  | { kind: 'account' }
  | { kind: 'media'; productType: string; mediaType: string };

const objectKey = (object: InsightsObject) =>
  object.kind === 'account' ? 'account' : `${object.productType}/${object.mediaType}`;

/** "reels", "photos", "accounts": what the card says a metric is no longer provided for. */
export function objectLabel(object: InsightsObject): string {
  if (object.kind === 'account') return 'accounts';
  if (object.productType === 'REELS') return 'reels';
  if (object.productType === 'STORY')
    return object.mediaType === 'VIDEO' ? 'video stories' : 'stories';
  if (object.mediaType === 'VIDEO') return 'videos';
  if (object.mediaType === 'CAROUSEL_ALBUM') return 'carousels';
  if (object.mediaType === 'IMAGE') return 'photos';
  return 'posts';
}

/**
 * The metric of `asked` that Instagram's error names as unknown or not offered, if it names one:
 * `(#100) metric[2] must be one of …`, `… does not support the X metric for this media product
 * type.`, `… the X metric is no longer supported …`.
 */
export function rejectedMetric(
  error: GraphErrorBody | undefined,
  asked: readonly string[],
): string | undefined {
  if (error?.code !== 100 || error.error_subcode !== undefined) return undefined;
  const index = /metric\[(\d+)\] must be one of/.exec(error.message)?.[1];
  if (index !== undefined) return asked[Number(index)];
  const named =
    /does not support the (\w+) metric/.exec(error.message)?.[1] ??
    /the (\w+) metric is no longer supported/.exec(error.message)?.[1];
  return named && asked.includes(named) ? named : undefined;
}

/**
 * Metrics Instagram has refused for a kind of object under the server's Graph version, learned
 * from its answers: from then on they are left out of requests and marked missing in answers, so
 * that a metric Meta retires costs one card rather than a page, and one upstream call.
 */
export class MetricAvailability {
  private readonly missing = new Map<string, Map<string, MissingMetric>>();

  constructor(readonly graphVersion: string) {}

  /** The metrics known to be missing for this kind of object, in the order they were learned. */
  missingFor(object: InsightsObject): MissingMetric[] {
    return [...(this.missing.get(objectKey(object))?.values() ?? [])];
  }

  remember(object: InsightsObject, name: string): MissingMetric {
    const key = objectKey(object);
    let known = this.missing.get(key);
    if (!known) {
      known = new Map();
      this.missing.set(key, known);
    }
    const catalogue = object.kind === 'account' ? findAccountMetric(name) : findMediaMetric(name);
    const missing: MissingMetric = {
      name,
      title: catalogue?.title ?? name,
      description: catalogue?.description ?? '',
      message: `Instagram no longer provides ${name} for ${objectLabel(object)}.`,
    };
    known.set(name, missing);
    return missing;
  }

  /**
   * Asks `fetch` for `metrics` less those known to be missing; when Instagram rejects one of them
   * by name, remembers it and asks again without it. The answer marks the missing ones in
   * `missing_metrics`. With none left the request fails with 422, at no upstream cost next time.
   */
  async ask<T extends { body: InsightsResponse }>(
    object: InsightsObject,
    metrics: readonly string[],
    fetch: (metrics: string[]) => Promise<T>,
  ): Promise<T> {
    for (;;) {
      const missing = this.missingFor(object).filter((m) => metrics.includes(m.name));
      const asked = metrics.filter((name) => !missing.some((m) => m.name === name));
      if (asked.length === 0) {
        throw new ApiError(422, {
          message: missing.map((m) => m.message).join(' '),
          type: 'NotAvailable',
          code: 100,
          error_user_title: 'No longer provided',
        });
      }
      try {
        const result = await fetch(asked);
        if (missing.length === 0) return result;
        return { ...result, body: { ...result.body, missing_metrics: missing } };
      } catch (error) {
        const name =
          error instanceof ApiError ? rejectedMetric(error.graph.upstream, asked) : undefined;
        if (!name) throw error;
        this.remember(object, name);
      }
    }
  }
}
