import { describe, expect, it } from 'vitest';
import { newSecret } from './auth';
import { readOwnCookie } from './read-cookie';

describe('readOwnCookie', () => {
  const id = newSecret();

  it('finds the cookie among others, whatever its place and spacing', () => {
    expect(readOwnCookie(`session=${id}`, 'session')).toBe(id);
    expect(readOwnCookie(`theme=dark; session=${id}; lang=en`, 'session')).toBe(id);
    expect(readOwnCookie(`theme=dark;session=${id}  `, 'session')).toBe(id);
    expect(readOwnCookie(`__Host-session=${id}`, '__Host-session')).toBe(id);
  });

  it('does not take a cookie whose name only contains the name, nor another cookie’s value', () => {
    expect(readOwnCookie(`xsession=${id}`, 'session')).toBeUndefined();
    expect(readOwnCookie(`session_old=${id}`, 'session')).toBeUndefined();
    expect(readOwnCookie(`theme=session; share=${id}`, 'session')).toBeUndefined();
    expect(readOwnCookie(`__Host-session=${id}`, 'session')).toBeUndefined();
    expect(readOwnCookie(undefined, 'session')).toBeUndefined();
    expect(readOwnCookie('', 'session')).toBeUndefined();
  });

  it('the first cookie of the name decides, and only a value the server could have set counts', () => {
    expect(readOwnCookie(`session=${id}; session=other`, 'session')).toBe(id);
    expect(readOwnCookie(`session="${id}"`, 'session')).toBeUndefined();
    expect(readOwnCookie('session=a%20b', 'session')).toBeUndefined();
    expect(readOwnCookie(`session=${'a'.repeat(101)}`, 'session')).toBeUndefined();
    expect(readOwnCookie('session=', 'session')).toBeUndefined();
    expect(readOwnCookie('session', 'session')).toBeUndefined();
  });
});
