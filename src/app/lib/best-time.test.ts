import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, weekdayOf } from '../../graph/pacific-days';
import {
  bestSlots,
  bestTimeHeatmap,
  heatmapMax,
  localSlot,
  type OnlineFollowersDay,
  slotLabel,
  utcOffsetLabel,
} from './best-time';

/** A Pacific day whose hour h has the value value(h). */
const dayOf = (day: string, value: (hour: number) => number): OnlineFollowersDay => ({
  day,
  hours: Object.fromEntries(Array.from({ length: 24 }, (_, h) => [String(h), value(h)])),
});

// 2026-11-04 is a Wednesday (3); both Los Angeles and New York are on standard time.
const WEDNESDAY = '2026-11-04';
const WED = 3;
const THU = 4;

describe('localSlot', () => {
  it('is the identity in Los Angeles', () => {
    for (let h = 0; h < 24; h++)
      expect(localSlot(WEDNESDAY, h, 'America/Los_Angeles')).toEqual({
        weekday: WED,
        hour: h,
        minute: 0,
      });
  });

  it('moves 3 hours later in New York, into the next day after 21:00 Pacific', () => {
    expect(localSlot(WEDNESDAY, 0, 'America/New_York')).toEqual({
      weekday: WED,
      hour: 3,
      minute: 0,
    });
    expect(localSlot(WEDNESDAY, 20, 'America/New_York')).toMatchObject({ weekday: WED, hour: 23 });
    expect(localSlot(WEDNESDAY, 21, 'America/New_York')).toMatchObject({ weekday: THU, hour: 0 });
  });

  it('follows both zones through daylight saving time (Europe/Berlin)', () => {
    // Both on summer time: 9 hours.
    expect(localSlot('2026-10-21', 0, 'Europe/Berlin')).toMatchObject({ weekday: WED, hour: 9 });
    // Europe left summer time on Oct 25, America on Nov 1: 8 hours in between.
    expect(localSlot('2026-10-28', 0, 'Europe/Berlin')).toMatchObject({ weekday: WED, hour: 8 });
    // Both on standard time: 9 hours again.
    expect(localSlot(WEDNESDAY, 0, 'Europe/Berlin')).toMatchObject({ weekday: WED, hour: 9 });
    expect(localSlot(WEDNESDAY, 15, 'Europe/Berlin')).toMatchObject({ weekday: THU, hour: 0 });
  });

  it('is only 2 hours ahead in New York on the autumn changeover night', () => {
    // Sunday Nov 1, 2026: New York goes back at 06:00 UTC, Los Angeles at 09:00 UTC.
    expect(localSlot('2026-11-01', 0, 'America/New_York')).toMatchObject({ weekday: 0, hour: 2 });
    expect(localSlot('2026-11-01', 1, 'America/New_York')).toMatchObject({ weekday: 0, hour: 3 });
    expect(localSlot('2026-11-01', 2, 'America/New_York')).toMatchObject({ weekday: 0, hour: 5 });
  });

  it('puts a half-hour zone (Asia/Kolkata) in the hour in which the slot starts', () => {
    // 00:00 PST = 08:00 UTC = 13:30 IST.
    expect(localSlot(WEDNESDAY, 0, 'Asia/Kolkata')).toEqual({ weekday: WED, hour: 13, minute: 30 });
    expect(localSlot(WEDNESDAY, 10, 'Asia/Kolkata')).toEqual({
      weekday: WED,
      hour: 23,
      minute: 30,
    });
    expect(localSlot(WEDNESDAY, 11, 'Asia/Kolkata')).toEqual({ weekday: THU, hour: 0, minute: 30 });
    // In summer Los Angeles is an hour closer: 00:00 PDT = 12:30 IST.
    expect(localSlot('2026-07-01', 0, 'Asia/Kolkata')).toEqual({
      weekday: WED,
      hour: 12,
      minute: 30,
    });
  });
});

describe('bestTimeHeatmap', () => {
  it('keeps the values where they are in Los Angeles and counts the days', () => {
    const days = Array.from({ length: 7 }, (_, i) =>
      dayOf(addDays(WEDNESDAY, i), (h) => 100 * weekdayOf(addDays(WEDNESDAY, i)) + h),
    );
    const map = bestTimeHeatmap(days, 'America/Los_Angeles');
    expect(map.days).toBe(7);
    expect(map.firstDay).toBe(WEDNESDAY);
    expect(map.lastDay).toBe(addDays(WEDNESDAY, 6));
    expect(map.slotMinutes).toEqual([0]);
    for (let w = 0; w < 7; w++)
      for (let h = 0; h < 24; h++) {
        expect(map.averages[w]?.[h]).toBe(100 * w + h);
        expect(map.counts[w]?.[h]).toBe(1);
      }
  });

  it('shifts the whole week by 3 hours in New York', () => {
    const days = Array.from({ length: 7 }, (_, i) => dayOf(addDays(WEDNESDAY, i), (h) => h));
    const map = bestTimeHeatmap(days, 'America/New_York');
    expect(map.averages[WED]?.[3]).toBe(0);
    expect(map.averages[WED]?.[23]).toBe(20);
    expect(map.averages[THU]?.[0]).toBe(21);
    expect(map.averages[THU]?.[2]).toBe(23);
    // Wednesday's first hours come from the evening of the last day, a Tuesday.
    expect(map.averages[WED]?.[0]).toBe(21);
    expect(map.counts[WED]?.[0]).toBe(1);
    expect(map.counts.flat().every((n) => n === 1)).toBe(true);
  });

  it('averages the days that fall on the same weekday and hour', () => {
    const days = [
      dayOf(WEDNESDAY, () => 10),
      dayOf(addDays(WEDNESDAY, 7), () => 30),
      dayOf(addDays(WEDNESDAY, 14), () => 50),
    ];
    const map = bestTimeHeatmap(days, 'America/Los_Angeles');
    expect(map.days).toBe(3);
    expect(map.averages[WED]?.[12]).toBe(30);
    expect(map.counts[WED]?.[12]).toBe(3);
    expect(map.averages[THU]?.[12]).toBeUndefined();
  });

  it('averages the half-hour slots of Asia/Kolkata in the hour they start in', () => {
    const map = bestTimeHeatmap(
      [dayOf(WEDNESDAY, (h) => h + 1), dayOf(addDays(WEDNESDAY, 7), (h) => 3 * (h + 1))],
      'Asia/Kolkata',
    );
    expect(map.slotMinutes).toEqual([30]);
    // 00:00–01:00 PST is 13:30–14:30 IST, in column 13: (1 + 3) / 2.
    expect(map.averages[WED]?.[13]).toBe(2);
    expect(map.averages[WED]?.[14]).toBe(4);
    expect(map.averages[THU]?.[0]).toBe(24);
    expect(map.averages[WED]?.[12]).toBeUndefined();
  });

  it('counts only days with values, and skips keys that are not hours', () => {
    const days: OnlineFollowersDay[] = [
      dayOf(WEDNESDAY, () => 5),
      { day: addDays(WEDNESDAY, 1), hours: {} },
      { day: addDays(WEDNESDAY, 2), hours: { '3': 7, '24': 1000, x: 1000, '-1': 1000 } },
    ];
    const map = bestTimeHeatmap(days, 'America/Los_Angeles');
    expect(map.days).toBe(2);
    expect(map.lastDay).toBe(addDays(WEDNESDAY, 2));
    expect(map.averages[5]?.[3]).toBe(7);
    expect(map.counts.flat().reduce((a, b) => a + b, 0)).toBe(25);
  });

  it('gives the spring changeover day two values at 03:00 and none at 02:00 (Pacific)', () => {
    // Sunday Mar 8, 2026: 02:00 does not exist in Los Angeles.
    const map = bestTimeHeatmap([dayOf('2026-03-08', (h) => h)], 'America/Los_Angeles');
    expect(map.averages[0]?.[2]).toBeUndefined();
    expect(map.counts[0]?.[3]).toBe(2);
    expect(map.averages[0]?.[3]).toBe(2.5);
  });

  it('places every value exactly once, in any zone', () => {
    const zones = [
      'America/Los_Angeles',
      'America/New_York',
      'Europe/Berlin',
      'Asia/Kolkata',
      'Asia/Kathmandu',
      'Australia/Adelaide',
      'Pacific/Chatham',
      'UTC',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3_000 }),
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom(...zones),
        (offset, length, zone) => {
          const first = addDays('2020-01-01', offset);
          const days = Array.from({ length }, (_, i) => dayOf(addDays(first, i), (h) => h));
          const map = bestTimeHeatmap(days, zone);
          expect(map.days).toBe(length);
          expect(map.counts.flat().reduce((a, b) => a + b, 0)).toBe(24 * length);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('bestSlots', () => {
  it('lists the highest averages first, ties Monday first then by hour', () => {
    const map = bestTimeHeatmap(
      [
        dayOf(WEDNESDAY, (h) => (h === 12 ? 90 : h === 18 ? 80 : 1)),
        dayOf(addDays(WEDNESDAY, 5), (h) => (h === 9 ? 80 : 1)), // Monday
      ],
      'America/Los_Angeles',
    );
    expect(bestSlots(map)).toEqual([
      { weekday: WED, hour: 12, average: 90 },
      { weekday: 1, hour: 9, average: 80 },
      { weekday: WED, hour: 18, average: 80 },
    ]);
    expect(heatmapMax(map)).toBe(90);
    expect(bestSlots(bestTimeHeatmap([], 'UTC'))).toEqual([]);
  });
});

describe('labels', () => {
  it('names the hour a cell stands for', () => {
    expect(slotLabel(14)).toBe('14:00–15:00');
    expect(slotLabel(13, 30)).toBe('13:30–14:30');
    expect(slotLabel(23)).toBe('23:00–00:00');
  });

  it('gives the offset from UTC', () => {
    const at = new Date('2026-11-04T12:00:00Z');
    expect(utcOffsetLabel('America/New_York', at)).toBe('UTC−05:00');
    expect(utcOffsetLabel('Asia/Kolkata', at)).toBe('UTC+05:30');
    expect(utcOffsetLabel('UTC', at)).toBe('UTC');
  });
});
