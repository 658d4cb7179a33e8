import { describe, expect, it } from 'vitest';
import { browserTimeZone, canonicalTimeZone, currentZoneName, timeZoneOptions } from './time-zones';

describe('time zones', () => {
  it('offers current IANA names, sorted, with the zones asked for', () => {
    const zones = timeZoneOptions(['Etc/GMT+5']);
    expect(zones).toContain('Asia/Kolkata');
    expect(zones).not.toContain('Asia/Calcutta');
    expect(zones).toContain('Europe/Berlin');
    expect(zones).toContain('Etc/GMT+5');
    expect(zones).toEqual([...zones].sort((a, b) => a.localeCompare(b)));
    expect(new Set(zones).size).toBe(zones.length);
  });

  it('renames zones IANA has renamed', () => {
    expect(currentZoneName('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(currentZoneName('Europe/Berlin')).toBe('Europe/Berlin');
  });

  it("knows the browser's zone", () => {
    expect(browserTimeZone()).toMatch(/^[A-Za-z]/);
  });

  it('knows time zones', () => {
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Nowhere/Land')).toBeUndefined();
    expect(canonicalTimeZone('')).toBeUndefined();
  });
});
