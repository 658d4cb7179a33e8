import { describe, expect, it } from 'vitest';
import { createRedactor } from './redact';

describe('createRedactor', () => {
  it('removes each secret, plain and URL-encoded, and any access_token value', () => {
    const redact = createRedactor(() => ['EAAB+secret/123', 'app0secret0value']);
    expect(
      redact(
        'a EAAB+secret/123 b EAAB%2Bsecret%2F123 c app0secret0value ?access_token=xyz&x=1 ACCESS_TOKEN=q',
      ),
    ).toBe(
      'a [redacted] b [redacted] c [redacted] ?access_token=[redacted]&x=1 ACCESS_TOKEN=[redacted]',
    );
    expect(redact('nothing to hide')).toBe('nothing to hide');
  });

  it('follows the secrets as they change, e.g. a token replaced while running', () => {
    let secrets = ['first0token'];
    const redact = createRedactor(() => secrets);
    expect(redact('first0token second0token')).toBe('[redacted] second0token');
    secrets = ['second0token'];
    expect(redact('first0token second0token')).toBe('first0token [redacted]');
  });

  it('leaves secrets shorter than 4 characters alone, so that text stays readable', () => {
    const redact = createRedactor(() => ['abc']);
    expect(redact('abc abcd')).toBe('abc abcd');
  });
});
