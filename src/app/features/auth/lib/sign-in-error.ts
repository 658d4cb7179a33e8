import { ApiRequestError } from '../../../lib/api-client';

/**
 * What the sign-in form says when signing in fails: the server's own words ("The email or the
 * password is not right."), or how long to wait after too many attempts.
 */
export function signInErrorMessage(error: unknown): string {
  if (error instanceof ApiRequestError && error.status === 429) {
    const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
    return `Too many attempts, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
  }
  return error instanceof Error ? error.message : 'Signing in failed; try again.';
}
