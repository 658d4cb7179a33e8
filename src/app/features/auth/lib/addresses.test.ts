import { describe, expect, it } from 'vitest';
import { safeNextPath, signInAddress } from './addresses';

const ORIGIN = 'https://insights.example.com';

describe('safeNextPath', () => {
  it('keeps a page of this site with its query', () => {
    expect(safeNextPath('/accounts/123/media?sort=reach', ORIGIN)).toBe(
      '/accounts/123/media?sort=reach',
    );
    expect(safeNextPath('/compare?ids=1,2&range=7d', ORIGIN)).toBe('/compare?ids=1,2&range=7d');
  });

  it('goes home without a next page', () => {
    expect(safeNextPath(null, ORIGIN)).toBe('/');
    expect(safeNextPath(undefined, ORIGIN)).toBe('/');
    expect(safeNextPath('', ORIGIN)).toBe('/');
  });

  it('never leaves the site', () => {
    for (const next of [
      'https://evil.example/phish',
      '//evil.example/phish',
      '/\\evil.example/phish',
      '/\t/evil.example',
      'javascript:alert(1)',
      'accounts/123',
      `${ORIGIN}/accounts/123`,
    ])
      expect(safeNextPath(next, ORIGIN), next).toBe('/');
  });

  it('does not come back to a signed-out page', () => {
    expect(safeNextPath('/sign-in?next=/sign-in', ORIGIN)).toBe('/');
    expect(safeNextPath('/setup', ORIGIN)).toBe('/');
    expect(safeNextPath('/invitation', ORIGIN)).toBe('/');
  });
});

describe('signInAddress', () => {
  it('carries the page to come back to, encoded', () => {
    expect(signInAddress('/accounts/1?range=7d&compare=previous')).toBe(
      '/sign-in?next=%2Faccounts%2F1%3Frange%3D7d%26compare%3Dprevious',
    );
  });

  it('leaves out the home page', () => {
    expect(signInAddress('/')).toBe('/sign-in');
  });

  it('round-trips through safeNextPath', () => {
    const next = '/accounts/1/media?q=a%26b&sort=reach';
    const query = new URL(signInAddress(next), ORIGIN).searchParams.get('next');
    expect(safeNextPath(query, ORIGIN)).toBe(next);
  });
});
