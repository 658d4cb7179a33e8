/**
 * `npm run test:dates`: the whole suite (unit, integration and browser tests) on the days that
 * break date code: a month's first day, 31 December, both US Pacific daylight-saving changes,
 * 29 February, and either side of midnight in Los Angeles. Each run sets TEST_NOW, which pins the
 * demo's clock, the server's today and the app's (the page tells the app the server's instant).
 *
 *   npm run test:dates                       every day, unit and browser tests
 *   npm run test:dates -- --only=e2e         browser tests only (or --only=unit)
 *   npm run test:dates -- dst-start leap-day some days, by name
 */
import { spawnSync } from 'node:child_process';

export const TEST_DAYS = [
  { name: 'month-start', now: '2026-12-01T12:00:00-08:00' },
  { name: 'year-end', now: '2026-12-31T12:00:00-08:00' },
  // 02:00 PST becomes 03:00 PDT: this day has 23 hours.
  { name: 'dst-start', now: '2027-03-14T03:30:00-07:00' },
  // 02:00 PDT becomes 01:00 PST: this day has 25 hours; 01:30 happens twice, this is the second.
  { name: 'dst-end', now: '2027-11-07T01:30:00-08:00' },
  { name: 'leap-day', now: '2028-02-29T12:00:00-08:00' },
  // Already 1 July in UTC (06:59 UTC), still 30 June in Los Angeles, and the other way round.
  { name: 'before-midnight', now: '2027-06-30T23:59:30-07:00' },
  { name: 'after-midnight', now: '2027-07-01T00:00:30-07:00' },
] as const;

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
if (only !== undefined && only !== 'unit' && only !== 'e2e') {
  console.error('--only takes unit or e2e, e.g. npm run test:dates -- --only=e2e');
  process.exit(2);
}
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !TEST_DAYS.some((d) => d.name === n));
if (unknown.length > 0) {
  console.error(
    `Unknown day ${unknown.join(', ')}; choose from ${TEST_DAYS.map((d) => d.name).join(', ')}`,
  );
  process.exit(2);
}
const days = TEST_DAYS.filter((d) => names.length === 0 || names.includes(d.name));

const run = (command: string, commandArgs: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(command, commandArgs, { stdio: 'inherit', env: { ...process.env, ...env } }).status ===
  0;

if (only !== 'unit' && !run('npx', ['vite', 'build', '--logLevel', 'warn'])) process.exit(1);

const results: { day: string; part: string; passed: boolean }[] = [];
for (const day of days) {
  const env = { TEST_NOW: day.now };
  if (only !== 'e2e') {
    console.log(`\n=== ${day.name} (${day.now}): unit and integration tests ===`);
    results.push({ day: day.name, part: 'unit', passed: run('npx', ['vitest', 'run'], env) });
  }
  if (only !== 'unit') {
    console.log(`\n=== ${day.name} (${day.now}): browser tests ===`);
    results.push({ day: day.name, part: 'e2e', passed: run('npx', ['playwright', 'test'], env) });
  }
}

console.log('\nTEST_NOW runs:');
for (const r of results) console.log(`  ${r.passed ? 'passed' : 'FAILED'}  ${r.day}  ${r.part}`);
const failed = results.filter((r) => !r.passed).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
