#!/usr/bin/env node
// @ts-check
// `npm test`: every check, in the order a failure is cheapest to read.
// Type checks, the build, the fixtures, unit tests (vitest, Node) and
// end-to-end tests (Playwright, the built page in Chromium), then the hostile
// corpus's memory check on bare Chromium, then the same page's checks in
// Firefox ESR and WebKitGTK (test/browsers/). Ends with one
// line, `tests: N passed, N failed`, also written to test/.results/summary.txt.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assertChromium } from './support/chromium.mjs';

const results = path.resolve('test/.results');
fs.rmSync(results, { recursive: true, force: true });
fs.mkdirSync(results, { recursive: true });

let passed = 0;
let failed = 0;

/** @param {string} label @param {string} command @param {string[]} args */
function step(label, command, args) {
  process.stdout.write(`\n▶ ${label}\n`);
  const run = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return run.status === 0;
}

/** A step that is a check of its own (counted as one test). @param {string} label @param {string} command @param {string[]} args */
function check(label, command, args) {
  if (step(label, command, args)) passed++;
  else failed++;
}

/** @param {string} file @returns {{ passed: number, failed: number } | null} */
function vitestCounts(file) {
  if (!fs.existsSync(file)) return null;
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + (report.numTodoTests ?? 0) };
}

/** @param {string} file @returns {{ passed: number, failed: number } | null} */
function playwrightCounts(file) {
  if (!fs.existsSync(file)) return null;
  const { stats } = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { passed: stats.expected ?? 0, failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0) };
}

/** @param {string} file @returns {{ passed: number, failed: number } | null} */
function laneCounts(file) {
  if (!fs.existsSync(file)) return null;
  const { passed, failed } = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { passed, failed };
}

/**
 * Adds a runner's counts. A runner that failed with no failing test (a
 * busy port, a broken config: Playwright still writes an empty report) or
 * that ran nothing counts as one failure, never as a pass.
 * @param {boolean} ran @param {{ passed: number, failed: number } | null} counts
 */
function count(ran, counts) {
  passed += counts?.passed ?? 0;
  failed += counts?.failed ?? 0;
  if (!counts || counts.passed === 0 || (!ran && counts.failed === 0)) failed++;
}

try {
  assertChromium();
} catch (error) {
  console.error(String(error));
  failed++;
}

check('type check (svelte-check, workers)', 'npm', ['run', '--silent', 'check']);
const built = step('build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
if (!built) failed++;
const fixtures = step('fixtures (cached)', 'node', ['test/fixtures/make.mjs', 'e2e']) && step('hostile corpus seeds (cached)', 'node', ['test/fixtures/make.mjs', 'hostile']);
if (!fixtures) failed++;

const unitRan = step('unit tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${path.join(results, 'unit.json')}`]);
count(unitRan, vitestCounts(path.join(results, 'unit.json')));

if (built && fixtures) {
  const e2eRan = step('end-to-end tests (Playwright, Chromium)', 'npx', ['playwright', 'test', '-c', 'test/playwright.config.ts']);
  count(e2eRan, playwrightCounts(path.join('test', '.results', 'e2e.json')));
  check('hostile corpus memory (bare Chromium, test/hostile/memoryRun.mjs)', 'node', ['test/hostile/memoryRun.mjs']);
  const lanesRan = step('other browsers (Firefox ESR, WebKitGTK: test/browsers/run.mjs)', 'node', ['test/browsers/run.mjs']);
  count(lanesRan, laneCounts(path.join(results, 'browsers.json')));
}

const summary = `tests: ${passed} passed, ${failed} failed`;
fs.writeFileSync(path.join(results, 'summary.txt'), `${summary}\n`);
console.log(`\n${summary}`);
process.exitCode = failed === 0 ? 0 : 1;
