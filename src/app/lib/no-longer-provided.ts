import type { InsightsResponse } from '../../graph/graph-types';
import { ApiRequestError } from './api-client';

/**
 * Why Instagram no longer provides a metric, when an insights answer says so: the proxy answers
 * the other metrics and lists it in `missing_metrics`, or answers 422 when it was all that was
 * asked. Undefined for a metric that is simply absent.
 */
export function noLongerProvided(
  answer: InsightsResponse | undefined,
  name: string,
  error?: unknown,
): string | undefined {
  const missing = answer?.missing_metrics?.find((m) => m.name === name);
  if (missing) return missing.message;
  if (
    error instanceof ApiRequestError &&
    error.notAvailable &&
    error.title === 'No longer provided'
  ) {
    // One sentence per metric: "Instagram no longer provides reach for accounts."
    const sentence = new RegExp(`Instagram no longer provides ${name} for [^.]+\\.`).exec(
      error.message,
    );
    return sentence?.[0];
  }
  return undefined;
}
