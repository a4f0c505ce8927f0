#!/usr/bin/env node
// @ts-check
// `npm test`: every check, in the order a failure is cheapest to read.
// Type checks, the build, the fixtures, unit tests (vitest, Node) and
// end-to-end tests (Playwright, the built page in Chromium). Ends with one
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

step('unit tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${path.join(results, 'unit.json')}`]);
const unit = vitestCounts(path.join(results, 'unit.json'));
if (unit) {
  passed += unit.passed;
  failed += unit.failed;
} else failed++;

if (built && fixtures) {
  step('end-to-end tests (Playwright, Chromium)', 'npx', ['playwright', 'test', '-c', 'test/playwright.config.ts']);
  const e2e = playwrightCounts(path.join('test', '.results', 'e2e.json'));
  if (e2e) {
    passed += e2e.passed;
    failed += e2e.failed;
  } else failed++;
}

const summary = `tests: ${passed} passed, ${failed} failed`;
fs.writeFileSync(path.join(results, 'summary.txt'), `${summary}\n`);
console.log(`\n${summary}`);
process.exitCode = failed === 0 ? 0 : 1;
