import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../../lib/api-client';
import { newPasswordProblems, serverProblem } from './new-password';

describe('newPasswordProblems', () => {
  it('finds nothing wrong with a filled-in, confirmed form', () => {
    expect(
      newPasswordProblems({
        email: 'sam@example.com',
        password: 'long enough words',
        confirm: 'long enough words',
      }),
    ).toEqual({});
    expect(newPasswordProblems({ password: 'abc', confirm: 'abc' })).toEqual({});
  });

  it('asks for what is missing', () => {
    expect(newPasswordProblems({ email: ' ', password: '', confirm: '' })).toEqual({
      email: 'Enter your email address.',
      password: 'Enter a password.',
    });
    expect(newPasswordProblems({ email: 'sam', password: 'x', confirm: 'x' }).email).toMatch(
      /^Enter an email address/,
    );
  });

  it('catches a confirmation that differs', () => {
    expect(newPasswordProblems({ password: 'one thing', confirm: 'another' })).toEqual({
      confirm: 'The two passwords differ: type the same one twice.',
    });
  });
});

describe('serverProblem', () => {
  it("puts the server's reason under the field it is about", () => {
    const short = new ApiRequestError('The password must have at least 10 characters.', 400, 100);
    expect(serverProblem(short)).toEqual({ password: short.message });
    const email = new ApiRequestError('email must be an email address, e.g. sam@example.com', 400);
    expect(serverProblem(email)).toEqual({ email: email.message });
  });

  it('keeps anything else for the form', () => {
    const gone = new ApiRequestError('This set-up link has been used or has expired.', 410);
    expect(serverProblem(gone)).toEqual({ form: gone.message });
    expect(serverProblem(undefined)).toEqual({});
  });
});
