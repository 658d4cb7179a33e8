import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../../lib/api-client';
import { signInErrorMessage } from './sign-in-error';

const tooMany = (retryAfterSeconds?: number) =>
  new ApiRequestError(
    'Too many failed sign-ins: try again in 15 minute(s).',
    429,
    4,
    undefined,
    undefined,
    retryAfterSeconds,
    'TooManyAttempts',
  );

describe('signInErrorMessage', () => {
  it("says the server's words for a wrong email or password", () => {
    const wrong = new ApiRequestError(
      'The email or the password is not right.',
      401,
      190,
      undefined,
      undefined,
      undefined,
      'NotSignedIn',
    );
    expect(signInErrorMessage(wrong)).toBe('The email or the password is not right.');
  });

  it('says how many minutes to wait after too many attempts, rounded up', () => {
    expect(signInErrorMessage(tooMany(900))).toBe('Too many attempts, try again in 15 minutes.');
    expect(signInErrorMessage(tooMany(61))).toBe('Too many attempts, try again in 2 minutes.');
    expect(signInErrorMessage(tooMany(59))).toBe('Too many attempts, try again in 1 minute.');
    expect(signInErrorMessage(tooMany())).toBe('Too many attempts, try again in 1 minute.');
  });

  it('passes on an unreachable server', () => {
    expect(signInErrorMessage(new ApiRequestError('The server could not be reached.', 0))).toBe(
      'The server could not be reached.',
    );
  });
});
