import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './support/chromium.mjs';

const port = Number(process.env.E2E_PORT ?? 4399);

export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results',
  globalSetup: './e2e/globalSetup.ts',
  // The app is CPU-bound on purpose (that is its job); tests in parallel on
  // a 2-core machine would only measure each other.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['json', { outputFile: '.results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}/framepick/`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    acceptDownloads: true,
    // Requests a service worker serves never reach request interception, and
    // the guard against other hosts relies on it: allowed in offline.spec only.
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
  },
  webServer: {
    command: 'node test/support/serve.mjs',
    cwd: '..',
    env: { PORT: String(port) },
    url: `http://127.0.0.1:${port}/framepick/`,
    reuseExistingServer: false,
  },
});
