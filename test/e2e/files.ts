// Reading what the page hands over through Playwright's downloads.
import type { Download } from '@playwright/test';
import fs from 'node:fs';

export { jpegSize, readZip } from '../support/archives.mjs';

export async function downloaded(download: Download): Promise<Buffer> {
  return fs.readFileSync((await download.path())!);
}
