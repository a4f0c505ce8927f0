// Reading what the page hands over through Playwright's downloads.
import type { Download, Page } from '@playwright/test';
import fs from 'node:fs';

export { jpegSize, readZip } from '../support/archives.mjs';

export async function downloaded(download: Download): Promise<Buffer> {
  return fs.readFileSync((await download.path())!);
}

/** Clicks the control with test id `testId` and returns the download it starts. */
export async function download(page: Page, testId: string): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return file;
}

/** A frame's time as file names carry it, `hh-mm-ss.mmm` (src/lib/export/names.ts: fileTime), for times under a day. */
export function fileStamp(pts: number | string): string {
  return new Date(Math.round(Number(pts) * 1000)).toISOString().slice(11, 23).replace(/:/g, '-');
}
