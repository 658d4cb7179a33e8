import { readFileSync } from 'node:fs';
import { type APIRequestContext, expect as baseExpect, type Page, test } from '@playwright/test';
import { readCsv } from '../src/app/testing/csv-reader';
import { addDays, dayOfEndTime } from '../src/graph/pacific-days';
import { serverToday } from './support';

const expect = baseExpect.configure({ timeout: 15_000 });

const NORTHWIND = '17841405822304914';
const LUMEN = '17841400118305523';
const rangeSelect = (page: Page) => page.getByRole('combobox', { name: 'Date range' });
const figure = (page: Page, name: string) => page.getByRole('figure', { name, exact: true });
const sideBySide = (page: Page) => page.getByRole('region', { name: 'Accounts side by side' });

async function expectLoaded(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByText('Updating…')).toHaveCount(0, { timeout: 20_000 });
}

/** The rows of a downloaded CSV file, which must end with CRLF. */
function parseCsv(text: string): string[][] {
  const { rows, unterminated } = readCsv(text);
  expect(unterminated, 'the file ends with CRLF').toBe('');
  return rows;
}

async function download(page: Page, button: ReturnType<Page['getByRole']>) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const bytes = readFileSync(await file.path());
  return { name: file.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}

async function reachFromApi(request: APIRequestContext, id: string, since: string, until: string) {
  const response = await request.get(`/api/${id}/insights`, {
    params: { metric: 'reach', period: 'day', metric_type: 'time_series', since, until },
  });
  const body = (await response.json()) as {
    data: { values: { value: number; end_time: string }[] }[];
  };
  return new Map((body.data[0]?.values ?? []).map((v) => [dayOfEndTime(v.end_time), v.value]));
}

/** Opens the Copy link panel, picks what the dates do and copies; returns the copied link. */
async function copyLink(page: Page, dates: 'Moving range' | 'Fixed dates'): Promise<string> {
  await page.getByRole('button', { name: 'Copy link' }).click();
  const panel = page.getByRole('dialog', { name: 'Copy a link to this view' });
  await expect(panel).toBeVisible();
  await panel.getByRole('radio', { name: new RegExp(`^${dates}`) }).click();
  await panel.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText('Link copied to the clipboard.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await panel.getByRole('textbox', { name: 'Link' }).inputValue());
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  return copied;
}

test.describe('links', () => {
  test('copies a moving and a fixed link; a fresh browser opens the same view', async ({
    page,
    context,
    browser,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const today = await serverToday(page.request);
    await page.goto(
      `/compare?v=1&range=14d&compare=previous&norm=per1000&er=followers&accounts=${NORTHWIND},${LUMEN}`,
    );
    await expectLoaded(page);

    const moving = await copyLink(page, 'Moving range');
    expect(moving).toMatch(/\?v=1&range=14d&compare=previous&/);
    expect(moving).toContain(`accounts=${NORTHWIND},${LUMEN}`);
    const fixed = await copyLink(page, 'Fixed dates');
    expect(fixed).toContain(
      `?v=1&range=custom&from=${addDays(today, -14)}&to=${addDays(today, -1)}&compare=previous`,
    );

    const chart = figure(page, 'Accounts reached');
    await chart.getByText('Show data table').click();
    const reachRows = await chart.locator('tbody tr').allTextContents();
    expect(reachRows).toHaveLength(14);
    const side = await sideBySide(page).textContent();

    const fresh = await browser.newContext();
    try {
      for (const link of [moving, fixed]) {
        const other = await fresh.newPage();
        await other.goto(link);
        await expectLoaded(other);
        await expect(other.getByRole('radio', { name: 'Per 1,000 followers' })).toBeChecked();
        await expect(other.getByRole('radio', { name: 'Interactions ÷ followers' })).toBeChecked();
        await expect(other.getByRole('combobox', { name: 'Compare with' })).toHaveValue('previous');
        await expect(rangeSelect(other)).toHaveValue(link === moving ? '14d' : 'custom');
        await expect(sideBySide(other)).toHaveText(side ?? '');
        const otherChart = figure(other, 'Accounts reached');
        await otherChart.getByText('Show data table').click();
        await expect(otherChart.locator('tbody tr')).toHaveText(reachRows);
        await other.close();
      }
    } finally {
      await fresh.close();
    }
  });

  test('falls back to a selected link field when the clipboard is refused', async ({ page }) => {
    await page.goto(`/accounts/${NORTHWIND}?v=1&range=7d`);
    await page.evaluate(() => {
      Object.defineProperty(navigator, 'clipboard', {
        value: { writeText: () => Promise.reject(new Error('denied')) },
      });
    });
    await page.getByRole('button', { name: 'Copy link' }).click();
    const panel = page.getByRole('dialog', { name: 'Copy a link to this view' });
    await panel.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(panel.getByRole('status')).toContainText('press Ctrl+C');
    const field = panel.getByRole('textbox', { name: 'Link' });
    await expect(field).toBeFocused();
    expect(await field.inputValue()).toMatch(new RegExp(`/accounts/${NORTHWIND}\\?v=1&range=7d$`));
  });

  test('an old-format link opens the same view and is rewritten in the current format', async ({
    page,
  }) => {
    const today = await serverToday(page.request);
    await page.goto(`/accounts/${NORTHWIND}?period=last_7_days&compare_to=previous_period`);
    await expect(page).toHaveURL(/\?v=1&range=7d&compare=previous$/);
    await expect(rangeSelect(page)).toHaveValue('7d');
    await expect(page.getByRole('combobox', { name: 'Compare with' })).toHaveValue('previous');
    await expect(page).not.toHaveURL(/period=|compare_to=/);
    await expect(page.getByText(/is not valid|does not know/)).toHaveCount(0);

    const from = addDays(today, -40);
    const to = addDays(today, -20);
    await page.goto(
      `/compare?since=${from}&until=${to}&account=${NORTHWIND}&account=${LUMEN}&compare_to=previous_year`,
    );
    await expect(page).toHaveURL(new RegExp(`range=custom&.*from=${from}&to=${to}`));
    await expect(page).toHaveURL(/[?&]v=1/);
    await expect(page.getByText(`${from} to ${to} (US Pacific days)`)).toBeVisible();
    await expect(page.getByRole('checkbox', { name: /@northwind\.coffee/ })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: /@lumen\.studio/ })).toBeChecked();
    await expect(page.getByRole('combobox', { name: 'Compare with' })).toHaveValue('year');
  });
});

test.describe('export', () => {
  test('a chart downloads as CSV with the days and values of /api', async ({ page, request }) => {
    const today = await serverToday(page.request);
    const from = addDays(today, -28);
    const to = addDays(today, -1);
    await page.goto(`/accounts/${NORTHWIND}`);
    const reach = figure(page, 'Accounts reached');
    // Charts are drawn as they come into view, as for someone scrolling down to them.
    await expect(reach.getByRole('button', { name: /^Export CSV/ })).toBeVisible();
    await reach.scrollIntoViewIfNeeded();
    await expect(reach.locator('path.recharts-curve')).toHaveCount(1);

    const file = await download(
      page,
      reach.getByRole('button', { name: 'Export CSV: Accounts reached' }),
    );
    expect(file.name).toBe(`northwind.coffee_reach_${from}_${to}.csv`);
    // UTF-8 with a byte order mark, CRLF line ends, a header row.
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.text).toContain('\r\n');
    const rows = parseCsv(file.text.slice(1));
    expect(rows[0]).toEqual(['day', 'Accounts reached']);
    const api = await reachFromApi(request, NORTHWIND, from, to);
    expect(rows.slice(1)).toHaveLength(28);
    for (const [day, value] of rows.slice(1)) {
      expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(value).toBe(api.has(day as string) ? String(api.get(day as string)) : '');
    }
  });

  test('the compare table and a comparison chart download as CSV', async ({ page, request }) => {
    const today = await serverToday(page.request);
    const from = addDays(today, -7);
    const to = addDays(today, -1);
    await page.goto(`/compare?v=1&range=7d&compare=previous&accounts=${NORTHWIND},${LUMEN}`);
    await expectLoaded(page);

    const reach = figure(page, 'Accounts reached');
    const chart = await download(page, reach.getByRole('button', { name: /^Export CSV/ }));
    expect(chart.name).toBe(`northwind.coffee+lumen.studio_reach_${from}_${to}.csv`);
    const rows = parseCsv(chart.text.slice(1));
    expect(rows[0]).toEqual([
      'day',
      'northwind.coffee',
      'lumen.studio',
      'day (previous period)',
      'northwind.coffee, previous period',
      'lumen.studio, previous period',
    ]);
    const lumen = await reachFromApi(request, LUMEN, from, to);
    const lumenBefore = await reachFromApi(request, LUMEN, addDays(from, -7), addDays(to, -7));
    expect(rows[1]?.[0]).toBe(from);
    expect(rows[1]?.[2]).toBe(String(lumen.get(from)));
    expect(rows[1]?.[3]).toBe(addDays(from, -7));
    expect(rows[1]?.[5]).toBe(String(lumenBefore.get(addDays(from, -7))));

    const table = await download(
      page,
      page.getByRole('button', { name: 'Export CSV: Accounts side by side' }),
    );
    expect(table.name).toBe(`northwind.coffee+lumen.studio_comparison_${from}_${to}.csv`);
    const sides = parseCsv(table.text.slice(1));
    expect(sides[0]).toEqual(['metric', 'northwind.coffee', 'lumen.studio']);
    const response = await request.get(`/api/${LUMEN}/insights`, {
      params: { metric: 'views', metric_type: 'total_value', since: from, until: to },
    });
    const views = ((await response.json()) as { data: { total_value: { value: number } }[] })
      .data[0]?.total_value.value;
    expect(sides.find((r) => r[0] === 'Views, total')?.[2]).toBe(String(views));
    expect(sides.find((r) => r[0]?.startsWith('Engagement rate (%)'))?.[0]).toBe(
      'Engagement rate (%) = interactions ÷ reach',
    );
  });
});

test.describe('keyboard shortcuts and print', () => {
  test('? lists the shortcuts in a dialog that the keyboard opens and closes', async ({ page }) => {
    await page.goto(`/accounts/${NORTHWIND}`);
    await expect(rangeSelect(page)).toHaveValue('28d');
    await page.locator('body').press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    // The same list as the range menu.
    const options = await rangeSelect(page).locator('option').allTextContents();
    for (const label of options) await expect(dialog).toContainText(label);
    await expect(dialog.locator(':focus')).toHaveCount(1);
    // Range keys do nothing while the dialog is open.
    await page.keyboard.press('1');
    await expect(page).not.toHaveURL(/range=7d/);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'Keyboard shortcuts' })).toBeVisible();
  });

  test('a shortcut changes the range; keys typed into fields do not', async ({ page }) => {
    const today = await serverToday(page.request);
    await page.goto(`/accounts/${NORTHWIND}`);
    await expect(rangeSelect(page)).toHaveValue('28d');
    await page.locator('body').press('1');
    await expect(page).toHaveURL(/[?&]range=7d/);
    await expect(rangeSelect(page)).toHaveValue('7d');
    await expect(
      page.getByText(`${addDays(today, -7)} to ${addDays(today, -1)} (US Pacific days)`),
    ).toBeVisible();

    await page.locator('body').press('c');
    await expect(page).toHaveURL(/range=custom/);
    const fromField = page.getByRole('form', { name: 'Custom date range' }).getByLabel('From');
    await fromField.focus();
    await page.keyboard.press('4');
    await expect(page).toHaveURL(/range=custom/);

    await fromField.blur();
    await page.keyboard.press('4');
    await expect(page).toHaveURL(/[?&]range=90d/);
    await page.keyboard.press('Control+1');
    await expect(page).toHaveURL(/[?&]range=90d/);
  });

  test('the print layout hides navigation and controls and keeps the charts', async ({ page }) => {
    await page.goto(`/accounts/${NORTHWIND}?v=1&range=7d&compare=previous`);
    const reach = figure(page, 'Accounts reached');
    const clicks = figure(page, 'Website clicks');
    await expect(clicks.getByRole('button', { name: /^Export CSV/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Print / PDF' })).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    // Every chart is drawn for print, also those never scrolled to.
    await expect(reach.locator('path.recharts-curve')).toHaveCount(2);
    await expect(clicks.locator('path.recharts-curve')).toHaveCount(2);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Print / PDF' })).toBeHidden();
    await expect(page.getByRole('button', { name: /^Export CSV/ }).first()).toBeHidden();
    await expect(
      page.getByText(/^Last 7 days, US Pacific days .* Compared with the previous period: /),
    ).toBeVisible();
    const size = await reach.locator('svg.recharts-surface').boundingBox();
    expect(size?.width).toBeGreaterThan(200);
    expect(size?.height).toBeGreaterThan(100);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
