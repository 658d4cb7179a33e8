import {
  type APIRequestContext,
  expect as baseExpect,
  type Locator,
  type Page,
  test,
} from '@playwright/test';
import { RECENT_ONLY_DAYS } from '../src/graph/date-windows';
import type { Breakdown, InsightsResponse } from '../src/graph/graph-types';
import { addDays, dayOfEndTime, endTimeOfDay, pacificInstant } from '../src/graph/pacific-days';
import { routeApi } from './api-mock';
import { expectNoSeriousAxeViolations, serverToday, trackErrors } from './support';

// The page asks ten requests at once; on a busy machine the defaults are tight.
const expect = baseExpect.configure({ timeout: 10_000 });

const NORTHWIND = '17841405822304914';
const TINY = '17841452007713306';
const AUDIENCE = `/accounts/${NORTHWIND}/audience`;

const integer = new Intl.NumberFormat('en-US');
const share = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const regions = new Intl.DisplayNames(['en'], { type: 'region' });

async function expectLoaded(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0, { timeout: 15_000 });
}

const figure = (page: Page, name: string) => page.getByRole('figure', { name, exact: true });
const heatmapTable = (page: Page) =>
  figure(page, 'Followers online, by weekday and hour').getByRole('table');

async function demographics(
  request: APIRequestContext,
  metric: string,
  breakdown: string,
  timeframe: 'this_week' | 'this_month',
): Promise<Breakdown> {
  const response = await request.get(`/api/${NORTHWIND}/insights`, {
    params: { metric, metric_type: 'total_value', period: 'lifetime', timeframe, breakdown },
  });
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as InsightsResponse;
  const result = body.data[0]?.total_value?.breakdowns?.[0];
  expect(result).toBeDefined();
  return result as Breakdown;
}

const sum = (b: Breakdown) => b.results.reduce((s, r) => s + r.value, 0);

/** Label, value and share of each row of a breakdown table, as shown. */
async function tableRows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim())),
    );
}

test.describe('audience demographics', () => {
  test('shows followers by country with values and shares of the whole audience', async ({
    page,
    request,
  }) => {
    const errors = trackErrors(page);
    await page.goto(AUDIENCE);
    await expect(page.getByRole('heading', { level: 1, name: 'Audience' })).toBeVisible();
    const table = figure(page, 'Followers by country').getByRole('table');
    await expect(table.locator('tbody tr').first()).toBeVisible();

    const countries = await demographics(request, 'follower_demographics', 'country', 'this_month');
    const gender = await demographics(request, 'follower_demographics', 'gender', 'this_month');
    // Countries are a top list: shares are of everyone (the gender breakdown lists everyone).
    const total = Math.max(sum(countries), sum(gender));
    const expected = [...countries.results]
      .sort((a, b) => b.value - a.value)
      .slice(0, 10)
      .map((r) => [
        regions.of(r.dimension_values[0] ?? '') ?? '',
        integer.format(r.value),
        share.format(r.value / total),
      ]);
    expect(await tableRows(table)).toEqual(expected);
    await expect(table.locator('tfoot td').first()).toHaveText(integer.format(total));
    expect(errors).toEqual([]);
  });

  test('switches to this week in the URL; ages in order with their shares', async ({
    page,
    request,
  }) => {
    await page.goto(AUDIENCE);
    const table = figure(page, 'Engaged audience by age').getByRole('table');
    await expect(table.locator('tbody tr').first()).toBeVisible();
    // The radio is visually hidden behind its label, which takes the click.
    await page.locator('label', { hasText: 'This week' }).click();
    await expect(page.getByRole('radio', { name: 'This week' })).toBeChecked();
    await expect(page).toHaveURL(/[?&]timeframe=this-week(&|$)/);
    await expect(table).toHaveAccessibleName('Engaged audience by age, this week');

    const ages = await demographics(request, 'engaged_audience_demographics', 'age', 'this_week');
    const total = sum(ages);
    const expected = [...ages.results]
      .sort(
        (a, b) =>
          Number.parseInt(a.dimension_values[0] ?? '', 10) -
          Number.parseInt(b.dimension_values[0] ?? '', 10),
      )
      .map((r) => [r.dimension_values[0], integer.format(r.value), share.format(r.value / total)]);
    await expect.poll(() => tableRows(table)).toEqual(expected);

    // Back returns to this month.
    await page.goBack();
    await expect(page.getByRole('radio', { name: 'This month' })).toBeChecked();
    await expect(table).toHaveAccessibleName('Engaged audience by age, this month');
  });

  test('"Change over time" reads the stored history and says why there is no line yet', async ({
    page,
    request,
  }) => {
    await page.goto(`/accounts/${NORTHWIND}/audience`);
    const countries = figure(page, 'Followers by country');
    await expect(countries.getByRole('table')).toBeVisible({ timeout: 15_000 });
    // What the server has stored so far (the e2e server starts with an empty store).
    const answer = await request.get(`/api/${NORTHWIND}/stored/demographics`, {
      params: { metric: 'follower_demographics', breakdown: 'country', timeframe: 'this_month' },
    });
    expect(answer.ok()).toBe(true);
    const stored = (await answer.json()) as { data: { values: unknown[] }[] };
    const days = stored.data[0]?.values.length ?? 0;
    test.skip(days >= 2, 'the store already holds two days: the chart itself is shown');
    await countries.getByText('Change over time').click();
    await expect(countries.getByText('Not available')).toBeVisible();
    await expect(countries).toContainText(
      days === 1
        ? 'this server has stored this breakdown on one day so far'
        : 'this server has not stored this breakdown yet',
    );
    await expect(countries).toContainText('the change shows from the second day');
  });

  test('"Change over time" draws each group’s share on each stored day, with its table', async ({
    page,
  }) => {
    test.slow(); // Axe over the page with two charts drawn.
    // Three stored days, as the server answers them (a fresh demo store holds only today).
    const today = await serverToday(page.request);
    const days = [addDays(today, -3), addDays(today, -2), addDays(today, -1)];
    const counts = [
      { F: 600, M: 300, U: 100 },
      { F: 580, M: 320, U: 100 },
      { F: 550, M: 350, U: 100 },
    ];
    await routeApi(page, `/api/${NORTHWIND}/stored/demographics?`, () => ({
      json: {
        data: [
          {
            name: 'follower_demographics',
            period: 'lifetime',
            breakdown: 'gender',
            timeframe: 'this_month',
            values: days.map((day, i) => ({
              end_time: endTimeOfDay(day),
              total_value: {
                breakdowns: [
                  {
                    dimension_keys: ['gender'],
                    results: Object.entries(counts[i] ?? {}).map(([key, value]) => ({
                      dimension_values: [key],
                      value,
                    })),
                  },
                ],
              },
            })),
            title: 'Follower demographics',
            description: 'The demographic characteristics of followers.',
            id: `${NORTHWIND}/insights/follower_demographics/lifetime`,
          },
        ],
        stored_since: days[0],
        stored_since_end_time: endTimeOfDay(days[0] as string),
      },
    }));
    await page.goto(`/accounts/${NORTHWIND}/audience`);
    const genders = figure(page, 'Followers by gender');
    await expect(genders.getByRole('table')).toBeVisible({ timeout: 15_000 });
    await genders.getByText('Change over time').click();
    const history = figure(page, 'Followers by gender, share by day (%)');
    await history.scrollIntoViewIfNeeded();
    await expect(history.locator('path.recharts-curve')).toHaveCount(3);
    await history.getByText('Show data table').click();
    const table = history.getByRole('table');
    await expect(table.getByRole('rowheader')).toHaveText(days);
    await expect(table.locator('thead th')).toHaveText(['Day', 'Women', 'Men', 'Not specified']);
    await expect(table.locator('tbody tr').first()).toContainText('60 %');
    await expect(table.locator('tbody tr').last()).toContainText('55 %');
    await expectNoSeriousAxeViolations(page);
  });

  test('says once why an account under 100 followers has no audience data', async ({ page }) => {
    const errors = trackErrors(page, (text) => text.includes('422'));
    await page.goto(`/accounts/${TINY}/audience`);
    const main = page.getByRole('main');
    await expect(main.getByText('Not available')).toHaveCount(2);
    await expect(main.getByText(/only for accounts with 100 or more followers/)).toHaveCount(2);
    await expect(page.getByRole('figure', { name: 'Followers by age' })).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});

/** online_followers as the app merges them: the API's last 30 days, stored days before them. */
async function onlineFollowerDays(
  request: APIRequestContext,
): Promise<{ day: string; hours: Record<string, number> }[]> {
  const today = await serverToday(request);
  const since = addDays(today, -RECENT_ONLY_DAYS);
  const live = await request.get(`/api/${NORTHWIND}/insights`, {
    params: { metric: 'online_followers', period: 'lifetime', since, until: addDays(today, -1) },
  });
  const stored = await request.get(`/api/${NORTHWIND}/stored/online_followers`);
  expect(live.ok()).toBe(true);
  expect(stored.ok()).toBe(true);
  const days = new Map<string, Record<string, number>>();
  const read = (body: InsightsResponse, keep: (day: string) => boolean) => {
    for (const v of body.data[0]?.values ?? []) {
      const day = dayOfEndTime(v.end_time ?? '');
      if (keep(day) && typeof v.value === 'object' && Object.keys(v.value).length > 0)
        days.set(day, v.value);
    }
  };
  read((await stored.json()) as InsightsResponse, (day) => day < since);
  read((await live.json()) as InsightsResponse, () => true);
  return [...days].map(([day, hours]) => ({ day, hours }));
}

/**
 * The heatmap computed independently of the app's code: each Pacific hour read in `timeZone` by
 * Intl, assigned to the local hour it starts in; 7 rows (Monday first) of 24 averages.
 */
function expectedHeatmap(
  days: { day: string; hours: Record<string, number> }[],
  timeZone: string,
): (number | undefined)[][] {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    hour: 'numeric',
    hourCycle: 'h23',
  });
  const order = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  const sums = order.map(() => Array.from({ length: 24 }, () => ({ sum: 0, n: 0 })));
  for (const { day, hours } of days)
    for (const [hour, value] of Object.entries(hours)) {
      const parts = format.formatToParts(pacificInstant(day, Number(hour)));
      const weekday = order.indexOf(parts.find((p) => p.type === 'weekday')?.value ?? '');
      const local = Number(parts.find((p) => p.type === 'hour')?.value);
      const cell = sums[weekday]?.[local];
      if (!cell) throw new Error(`No cell for ${day} ${hour} in ${timeZone}`);
      cell.sum += value;
      cell.n += 1;
    }
  return sums.map((row) => row.map((c) => (c.n > 0 ? c.sum / c.n : undefined)));
}

const cellText = (value: number | undefined) =>
  value === undefined ? '–no data' : compact.format(Math.round(value));

async function shownHeatmap(page: Page): Promise<string[][]> {
  return heatmapTable(page)
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
    );
}

test.describe('best time to post', () => {
  test('averages online followers per weekday and hour in New York time', async ({
    page,
    request,
  }) => {
    const errors = trackErrors(page);
    await page.goto(`${AUDIENCE}?tz=America/New_York`);
    await expect(heatmapTable(page).locator('tbody tr')).toHaveCount(7);
    await expect(heatmapTable(page)).toHaveAccessibleName(/in America\/New_York \(UTC−0[45]:00\)/);

    const days = await onlineFollowerDays(request);
    const expected = expectedHeatmap(days, 'America/New_York');
    expect(await shownHeatmap(page)).toEqual(expected.map((row) => row.map(cellText)));

    // One cell in full: Wednesday 15:00 New York time, in its title.
    const wednesday = heatmapTable(page).locator('tbody tr').nth(2);
    await expect(wednesday.getByRole('rowheader')).toHaveAccessibleName('Wednesday');
    const value = expected[2]?.[15];
    await expect(wednesday.locator('td').nth(15)).toHaveAttribute(
      'title',
      `Wednesday 15:00–16:00: ${integer.format(Math.round(value ?? Number.NaN))} followers online on average`,
    );

    // The best slot is the largest average.
    let best = { weekday: 0, hour: 0, value: -1 };
    expected.forEach((row, weekday) => {
      row.forEach((v, hour) => {
        if (v !== undefined && v > best.value) best = { weekday, hour, value: v };
      });
    });
    const names = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
    const pad = (n: number) => String(n).padStart(2, '0');
    await expect(
      page.getByRole('listitem').filter({ hasText: 'followers online on average' }).first(),
    ).toHaveText(
      `${names[best.weekday]}, ${pad(best.hour)}:00–${pad((best.hour + 1) % 24)}:00: ${integer.format(Math.round(best.value))} followers online on average`,
    );
    await expect(
      page.getByText(new RegExp(`Based on ${days.length} days? of online followers`)),
    ).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('moves the hours with the zone, a half-hour zone included', async ({ page, request }) => {
    await page.goto(`${AUDIENCE}?tz=America/New_York`);
    await expect(heatmapTable(page).locator('tbody tr')).toHaveCount(7);
    const days = await onlineFollowerDays(request);
    const newYork = await shownHeatmap(page);

    await page.getByRole('combobox', { name: 'Time zone' }).selectOption('Asia/Kolkata');
    await expect(page).toHaveURL(/[?&]tz=Asia%2FKolkata(&|$)/);
    await expect(heatmapTable(page)).toHaveAccessibleName(/in Asia\/Kolkata \(UTC\+05:30\)/);
    await expect(page.getByText(/which start at :30 in Asia\/Kolkata/)).toBeVisible();
    await expect(heatmapTable(page).getByRole('columnheader', { name: '13:30' })).toHaveCount(1);
    const kolkata = await shownHeatmap(page);
    expect(kolkata).toEqual(expectedHeatmap(days, 'Asia/Kolkata').map((row) => row.map(cellText)));
    expect(kolkata).not.toEqual(newYork);

    await page.goBack();
    await expect(heatmapTable(page)).toHaveAccessibleName(/America\/New_York/);
  });

  test.describe('in a browser set to Berlin', () => {
    test.use({ timezoneId: 'Europe/Berlin' });

    test("defaults to the browser's zone and says so; an unknown zone gets a notice", async ({
      page,
      request,
    }) => {
      await page.goto(AUDIENCE);
      await expect(heatmapTable(page)).toHaveAccessibleName(
        /in Europe\/Berlin \(UTC\+0[12]:00, this browser's time zone\)/,
      );
      await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Europe/Berlin');
      const days = await onlineFollowerDays(request);
      expect(await shownHeatmap(page)).toEqual(
        expectedHeatmap(days, 'Europe/Berlin').map((row) => row.map(cellText)),
      );

      await page.goto(`${AUDIENCE}?tz=Mars/Olympus_Mons`);
      await expect(page.getByText(/tz=Mars\/Olympus_Mons is not a time zone/)).toBeVisible();
      await expect(heatmapTable(page)).toHaveAccessibleName(/in Europe\/Berlin/);
    });
  });
});

test.describe('audience page layout', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`has no serious accessibility problems (${colorScheme})`, async ({ page }) => {
      // Axe alone takes about 4 s over this page's 1,400 elements; more on a busy machine.
      test.slow();
      await page.emulateMedia({ colorScheme });
      await page.goto(`${AUDIENCE}?tz=Asia/Kolkata`);
      await expect(heatmapTable(page).locator('tbody tr')).toHaveCount(7);
      await expectLoaded(page);
      await expectNoSeriousAxeViolations(page);
    });
  }

  test('has no serious accessibility problems when not available', async ({ page }) => {
    await page.goto(`/accounts/${TINY}/audience`);
    await expect(page.getByText(/100 or more followers/).first()).toBeVisible();
    await expectLoaded(page);
    await expectNoSeriousAxeViolations(page);
  });

  test('fits a 375 px screen without scrolling sideways', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(AUDIENCE);
    await expect(heatmapTable(page).locator('tbody tr')).toHaveCount(7);
    await expectLoaded(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test('is linked from the account page', async ({ page }) => {
    await page.goto(`/accounts/${NORTHWIND}`);
    await page.getByRole('link', { name: 'Audience', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/accounts/${NORTHWIND}/audience$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Audience' })).toBeVisible();
  });
});
