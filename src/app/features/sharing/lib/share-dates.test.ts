import { describe, expect, it } from 'vitest';
import { describeRange, formatShareDay, lastShareDay, shareStatus } from './share-dates';

describe('lastShareDay', () => {
  it('is the day a link made for N days ends on, US Pacific', () => {
    // Made 2026-11-28 12:00 in Los Angeles for 30 days.
    expect(lastShareDay('2026-12-28T20:00:00.000Z')).toBe('2026-12-28');
  });

  it('is the day before the midnight an expiry set to a day ends at', () => {
    // Set to 2026-12-31: the link ends at 2027-01-01 00:00 in Los Angeles (08:00 UTC).
    expect(lastShareDay('2027-01-01T08:00:00.000Z')).toBe('2026-12-31');
  });
});

describe('shareStatus', () => {
  const expires_at = '2026-12-28T20:00:00.000Z';
  it('is revoked for good, else expired once its end has come', () => {
    expect(shareStatus({ expires_at }, Date.parse('2026-12-01T00:00:00Z'))).toBe('active');
    expect(shareStatus({ expires_at }, Date.parse(expires_at))).toBe('expired');
    expect(
      shareStatus(
        { expires_at, revoked_at: '2026-12-02T00:00:00.000Z' },
        Date.parse('2026-12-01T00:00:00Z'),
      ),
    ).toBe('revoked');
  });
});

describe('describing a link', () => {
  it('says its days', () => {
    expect(formatShareDay('2026-12-28')).toBe('Dec 28, 2026');
    expect(describeRange({ kind: 'recent', days: 90 })).toBe('Any range within the last 90 days');
    expect(
      describeRange({
        kind: 'fixed',
        from: '2026-10-31',
        to: '2026-11-27',
        earliest: '2026-10-03',
      }),
    ).toBe('2026-10-31 to 2026-11-27 (compared from 2026-10-03)');
  });
});
