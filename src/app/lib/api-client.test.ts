import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, apiGet, apiSend, onNotSignedIn } from './api-client';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

const NOT_SIGNED_IN = {
  error: { message: 'Sign in first.', type: 'NotSignedIn', code: 190 },
};

afterEach(() => vi.unstubAllGlobals());

describe('apiSend', () => {
  it('sends JSON and resolves with the answer', async () => {
    const fetch = vi.fn(async () => answer(201, { invitation_url: 'https://x/invitation#t' }));
    vi.stubGlobal('fetch', fetch);
    await expect(apiSend('POST', '/api/users', { email: 'sam@example.com' })).resolves.toEqual({
      invitation_url: 'https://x/invitation#t',
    });
    expect(fetch).toHaveBeenCalledWith(
      '/api/users',
      expect.objectContaining({
        method: 'POST',
        body: '{"email":"sam@example.com"}',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      }),
    );
  });

  it("fails with the server's message, type and Retry-After", async () => {
    vi.stubGlobal('fetch', async () =>
      answer(
        429,
        { error: { message: 'Too many failed sign-ins.', type: 'TooManyAttempts', code: 4 } },
        { 'Retry-After': '840' },
      ),
    );
    const error = await apiSend('POST', '/auth/sign-in', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({
      message: 'Too many failed sign-ins.',
      status: 429,
      type: 'TooManyAttempts',
      retryAfterSeconds: 840,
    });
  });
});

describe('onNotSignedIn', () => {
  it('hears every 401 NotSignedIn, from /api and /auth, until unsubscribed', async () => {
    vi.stubGlobal('fetch', async () => answer(401, NOT_SIGNED_IN));
    const heard = vi.fn();
    const stop = onNotSignedIn(heard);
    await expect(apiGet('accounts')).rejects.toMatchObject({ notSignedIn: true });
    await expect(apiSend('POST', '/auth/password', {})).rejects.toMatchObject({ status: 401 });
    expect(heard).toHaveBeenCalledTimes(2);
    stop();
    await expect(apiGet('accounts')).rejects.toBeInstanceOf(ApiRequestError);
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('does not hear other failures', async () => {
    const heard = vi.fn();
    const stop = onNotSignedIn(heard);
    vi.stubGlobal('fetch', async () =>
      answer(403, { error: { message: 'Only owners manage users.', type: 'Forbidden', code: 10 } }),
    );
    await expect(apiGet('users')).rejects.toMatchObject({ status: 403, notSignedIn: false });
    vi.stubGlobal('fetch', async () =>
      answer(401, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException' } }),
    );
    await expect(apiGet('accounts')).rejects.toMatchObject({ status: 401, notSignedIn: false });
    expect(heard).not.toHaveBeenCalled();
    stop();
  });
});
