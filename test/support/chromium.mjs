// @ts-check
// How every script here launches the machine's Chromium: the system
// binary (never a downloaded one), without the background services that
// would try to reach other hosts.
import fs from 'node:fs';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export function assertChromium() {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}. Install Debian's chromium package or set CHROMIUM_PATH.`);
  }
}
