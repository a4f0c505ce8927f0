#!/usr/bin/env node
// @ts-check
// The browsers besides Chromium: Firefox ESR and WebKitGTK each run the
// checks in checks.mjs against the built page (dist/), served as a plain
// static site. Prints a line per check and writes the counts to
// test/.results/browsers.json for `npm test`. `node test/browsers/run.mjs
// firefox` (or `webkit`) runs one lane; `-g <text>` only the checks whose
// title contains it.
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '../support/staticServer.mjs';
import { checks, pageErrors } from './checks.mjs';
import { firefox, webkit } from './lanes.mjs';

const lanes = { firefox, webkit };
const args = process.argv.slice(2);
const grep = args.includes('-g') ? args.splice(args.indexOf('-g'), 2)[1] ?? '' : '';
const chosen = args.length > 0 ? args : Object.keys(lanes);
const server = await serveStatic({ root: path.resolve('dist'), port: 0 });
const results = [];

for (const key of chosen) {
  const launch = lanes[/** @type {keyof typeof lanes} */ (key)];
  if (!launch) throw new Error(`no lane ${key}: ${Object.keys(lanes).join(', ')}`);
  let lane;
  try {
    lane = await launch();
  } catch (error) {
    console.log(`  ✘ ${key}: the browser did not start: ${error instanceof Error ? error.message : error}`);
    results.push({ lane: key, title: 'the browser starts', ok: false, message: String(error) });
    continue;
  }
  console.log(`${lane.name} (${lane.version})`);
  for (const check of checks.filter((c) => (!c.lanes || c.lanes.includes(lane.name)) && c.title.includes(grep))) {
    const started = Date.now();
    let note;
    let failure = null;
    try {
      note = await check.run(lane, server.url);
      const errors = await pageErrors(lane);
      if (errors.length > 0) throw new Error(`errors in the page: ${errors.join('; ')}`);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`  ${failure ? '✘' : '✓'} ${check.title} (${seconds} s)${note ? `: ${note}` : ''}${failure ? `\n      ${failure.replaceAll('\n', '\n      ')}` : ''}`);
    results.push({ lane: key, title: check.title, ok: !failure, message: failure ?? note ?? '' });
  }
  await lane.close();
}
await server.close();

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
const out = path.resolve('test/.results');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'browsers.json'), JSON.stringify({ passed, failed, results }, null, 2));
console.log(`other browsers: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
