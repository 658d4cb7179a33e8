import type { GraphErrorBody } from '../graph/graph-types';

/**
 * Errors the proxy answers with: the Graph API's own shape, an HTTP status that fits, and a message
 * that tells a person what to change.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Omit<GraphErrorBody, 'fbtrace_id'> & { fbtrace_id?: string },
    readonly headers: Record<string, string> = {},
    /**
     * What Instagram answered, never sent on (it may name what the server asked), and whether the
     * answer is one that will not change however often it is asked.
     */
    readonly graph: { upstream?: GraphErrorBody; permanent?: boolean } = {},
  ) {
    super(body.message);
  }

  toJSON() {
    return { error: this.body };
  }
}

/** A request the proxy rejects itself, before any upstream call (Graph code 100, invalid parameter). */
export const badRequest = (message: string) =>
  new ApiError(400, { message, type: 'InvalidParameter', code: 100 });

/** Something this server did not expect failed: nothing of it is told (no stack, no message). */
export const serverFailed = () =>
  new ApiError(500, {
    message: 'The server failed to answer this request; try again, and report it if it persists.',
    type: 'ServerError',
    code: 1,
  });

export const notFound = (message: string) =>
  new ApiError(404, { message, type: 'NotFound', code: 100, error_subcode: 33 });

export const forbidden = (message: string) =>
  new ApiError(403, { message, type: 'NotAllowed', code: 10 });

/** A method the route does not take; `allow` lists those it does (the Allow header). */
export const methodNotAllowed = (message: string, allow: string) =>
  new ApiError(405, { message, type: 'MethodNotAllowed', code: 100 }, { Allow: allow });
