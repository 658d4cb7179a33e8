import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import type { IsoDay } from '../src/graph/pacific-days';

/**
 * The US Pacific day the server calls today (`/api/health`). Tests take it from the server, never
 * from the test machine's clock, so that they pass on any day and under `TEST_NOW`.
 */
export async function serverToday(request: APIRequestContext): Promise<IsoDay> {
  const response = await request.get('/api/health');
  expect(response.ok()).toBe(true);
  const { today } = (await response.json()) as { today: IsoDay };
  return today;
}

/** Console errors and page errors; `ignore` skips the expected ones (e.g. a 422 answer). */
export function trackErrors(
  page: Page,
  ignore: (text: string, url: string) => boolean = () => false,
) {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (ignore(message.text(), message.location().url)) return;
    errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target) }));
  expect(serious).toEqual([]);
}

export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}
