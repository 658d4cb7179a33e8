import { describe, expect, it } from 'vitest';
import type { InsightsResponse } from '../../../../graph/graph-types';
import { endTimeOfDay } from '../../../../graph/pacific-days';
import {
  liveOnlineFollowersRange,
  mergeOnlineFollowers,
  onlineFollowersDays,
} from './online-followers';

const answer = (values: { day: string; value: unknown }[]): InsightsResponse => ({
  data: [
    {
      name: 'online_followers',
      period: 'lifetime',
      title: 'Online followers',
      description: '',
      id: '1/insights/online_followers/lifetime',
      values: values.map((v) => ({
        end_time: endTimeOfDay(v.day),
        value: v.value as Record<string, number>,
      })),
    },
  ],
});

const day = (d: string, n: number) => ({ day: d, hours: { '0': n } });

describe('liveOnlineFollowersRange', () => {
  it('is the last 30 days without today', () => {
    expect(liveOnlineFollowersRange('2026-11-28')).toEqual({
      since: '2026-10-29',
      until: '2026-11-27',
    });
  });
});

describe('onlineFollowersDays', () => {
  it('reads each value by the Pacific day it covers and drops empty days', () => {
    const days = onlineFollowersDays(
      answer([
        { day: '2026-10-31', value: { '0': 5, '1': 6 } },
        // The DST changeover day ends at 08:00 UTC instead of 07:00.
        { day: '2026-11-01', value: { '0': 7 } },
        { day: '2026-11-02', value: {} },
        { day: '2026-11-03', value: 12 },
      ]),
    );
    expect(days).toEqual([
      { day: '2026-10-31', hours: { '0': 5, '1': 6 } },
      { day: '2026-11-01', hours: { '0': 7 } },
    ]);
    expect(onlineFollowersDays(undefined)).toEqual([]);
  });
});

describe('mergeOnlineFollowers', () => {
  const live = { since: '2026-10-29', days: [day('2026-10-29', 1), day('2026-10-30', 2)] };

  it('takes the API for its days and the store for the days before them', () => {
    const merged = mergeOnlineFollowers(live, [
      day('2026-10-27', 10),
      day('2026-10-28', 20),
      day('2026-10-29', 99),
    ]);
    expect(merged.days).toEqual([
      day('2026-10-27', 10),
      day('2026-10-28', 20),
      day('2026-10-29', 1),
      day('2026-10-30', 2),
    ]);
    expect(merged).toMatchObject({ fromApi: 2, fromStore: 2, apiSince: '2026-10-29' });
  });

  it('uses the store alone when the API did not answer', () => {
    const merged = mergeOnlineFollowers(undefined, [day('2026-10-29', 99), day('2026-10-28', 20)]);
    expect(merged.days.map((d) => d.day)).toEqual(['2026-10-28', '2026-10-29']);
    expect(merged).toEqual({ days: merged.days, fromApi: 0, fromStore: 2 });
  });

  it('uses the API alone while nothing is stored', () => {
    expect(mergeOnlineFollowers(live, undefined)).toMatchObject({ fromApi: 2, fromStore: 0 });
    expect(mergeOnlineFollowers(live, [])).toMatchObject({ fromApi: 2, fromStore: 0 });
  });
});
