// The archive's job in one sitting: a folder of recordings in (picked or
// dropped), a queue that runs them in order and can be paused, resumed and
// cancelled, a reload in the middle, and one poster per recording out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { download, downloaded, fileStamp, jpegSize, readZip } from './files';
import { expect, media, test } from './fixtures';

// These tests time the page's main thread, and a trace's DOM snapshots of
// hundreds of cards are long tasks of their own (see responsive.spec.ts).
test.use({ trace: 'off' });

/** Short settings: the queue, not the decoding, is under test. */
const QUICK = 'count=3&mode=fast';

interface Folder {
  root: string;
  /** The videos' names in the order a person reads the folder (and the queue runs them). */
  videos: string[];
}

/** Folders made by the running test, removed after it whatever its end. */
const madeFolders: string[] = [];
test.afterEach(() => {
  for (const root of madeFolders.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

function tempFolder(prefix: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  madeFolders.push(root);
  return root;
}

/**
 * A folder of `count` recordings copied from two small fixtures, in two
 * subfolders and numbered so that reading order is not character order
 * (rec-2 before rec-10), with subtitles, a cover and notes beside them.
 */
function makeFolder(count: number): Folder {
  const root = tempFolder('framepick-archive-');
  const videos: string[] = [];
  const half = Math.ceil(count / 2);
  for (let i = 1; i <= count; i++) {
    const day = i <= half ? 'day1' : 'day2';
    const source = i % 2 ? 'h264_bframes.mp4' : 'vp9.webm';
    const name = `rec-${i}${path.extname(source)}`;
    fs.mkdirSync(path.join(root, day), { recursive: true });
    fs.copyFileSync(media(source), path.join(root, day, name));
    videos.push(name);
  }
  for (const [file, text] of [['notes.txt', 'shot list'], ['day1/rec-1.srt', '1'], ['day1/rec-2.srt', '2'], ['day2/cover.jpg', 'not even a JPEG'], ['.DS_Store', '']] as const) {
    fs.writeFileSync(path.join(root, file), text);
  }
  return { root, videos };
}

const SKIPPED = 'Skipped 5 files that are not video: .srt (2), .DS_Store, cover.jpg, notes.txt.';

/** Names of the videos on the page, in page order. */
function cardNames(page: Page): Promise<string[]> {
  return page.getByTestId('video').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.name!));
}

/**
 * Watches the batch from inside the page: the order videos start in, how
 * many run at once, the most that waited; pauses it once `pauseAt` videos
 * are done, timing how long the workers take to stop; and cancels the
 * video named `cancel` as soon as it is shown waiting.
 */
function watchBatch(page: Page, pauseAt: number | null, cancel: string | null = null): Promise<void> {
  return page.evaluate(({ pauseAt, cancel }) => {
    const watch = { started: [] as string[], done: 0, maxRunning: 0, maxQueued: 0, pausedAt: 0, idleAt: 0, startedAtIdle: -1, workedAfterIdle: 0, cancelled: false };
    Object.assign(window, { batchWatch: watch });
    const status = document.querySelector<HTMLElement>('[data-testid="status"]')!;
    new MutationObserver((mutations) => {
      for (const m of mutations) {
        // A video started as soon as it was added never shows "queued".
        for (const node of m.addedNodes) {
          if (node instanceof HTMLElement && node.dataset.testid === 'video' && /probing|extracting/.test(node.dataset.state!)) watch.started.push(node.dataset.name!);
        }
        const el = m.target as HTMLElement;
        if (m.attributeName !== 'data-state' || el.dataset.testid !== 'video') continue;
        if (m.oldValue === 'queued' && /probing|extracting/.test(el.dataset.state!)) watch.started.push(el.dataset.name!);
        if (el.dataset.state === 'done' && m.oldValue !== 'done') watch.done++;
      }
      watch.maxRunning = Math.max(watch.maxRunning, document.querySelectorAll('[data-testid="video"][data-state="probing"], [data-testid="video"][data-state="extracting"]').length);
      watch.maxQueued = Math.max(watch.maxQueued, Number(status.dataset.queued));
      const waiting = cancel === null || watch.cancelled ? null : document.querySelector<HTMLElement>(`[data-testid="video"][data-name="${cancel}"][data-state="queued"] [data-testid="cancel"]`);
      if (waiting) {
        watch.cancelled = true;
        waiting.click();
      }
      const pause = document.querySelector<HTMLElement>('[data-testid="queue-pause"]');
      if (pauseAt !== null && !watch.pausedAt && watch.done >= pauseAt && pause) {
        watch.pausedAt = performance.now();
        pause.click();
      }
      if (watch.pausedAt && !watch.idleAt && status.dataset.runningWorkers === '0') {
        watch.idleAt = performance.now();
        watch.startedAtIdle = watch.started.length;
      } else if (watch.idleAt && document.querySelector('[data-testid="queue-pause"]') === null) {
        // Paused and idle: until resumed, no worker may take a job.
        watch.workedAfterIdle = Math.max(watch.workedAfterIdle, Number(status.dataset.runningWorkers));
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-state', 'data-queued', 'data-running-workers'] });
  }, { pauseAt, cancel });
}

interface Watched {
  started: string[];
  done: number;
  maxRunning: number;
  maxQueued: number;
  pausedAt: number;
  idleAt: number;
  startedAtIdle: number;
  workedAfterIdle: number;
  cancelled: boolean;
}

const watched = (page: Page) => page.evaluate(() => (window as unknown as { batchWatch: Watched }).batchWatch);

test('a folder of 60 recordings runs in reading order, a few at a time; pause stops the workers at once and resume finishes it, with no long task', async ({ app, page }, testInfo) => {
  test.setTimeout(150_000);
  const folder = makeFolder(60);
  await app.open(QUICK);
  await app.watchLongTasks();
  await watchBatch(page, 10);
  await page.getByTestId('folder-input').setInputFiles(folder.root);

  await expect(page.getByTestId('skipped-files')).toHaveText(SKIPPED);
  await expect(page.getByTestId('video')).toHaveCount(60);
  const inReadingOrder = folder.videos;
  expect(await cardNames(page)).toEqual(inReadingOrder);

  // Paused from inside the page once 10 are done: the workers finish the frames they hold and stop.
  await expect.poll(async () => (await watched(page)).idleAt, { timeout: 60_000 }).toBeGreaterThan(0);
  const atPause = await watched(page);
  const stopMs = atPause.idleAt - atPause.pausedAt;
  await expect(page.getByTestId('status')).toHaveAttribute('data-busy', 'false');
  await expect(page.getByTestId('status')).toContainText('Paused');
  await expect(page.getByTestId('queue-progress')).toContainText('Paused');
  await page.waitForTimeout(1500);
  const later = await watched(page);
  expect(later.started.length, 'no video started while paused').toBe(atPause.startedAtIdle);
  expect(later.workedAfterIdle, 'no worker took a job while paused').toBe(0);
  const waiting = Number(await page.getByTestId('status').getAttribute('data-queued'));
  expect(waiting).toBeGreaterThan(0);
  await expect(page.locator('[data-testid="video"][data-state="queued"]')).toHaveCount(waiting);

  await page.getByTestId('queue-resume').click();
  expect(Object.values(await app.settledQuietly(folder.videos, 120_000))).toEqual(folder.videos.map(() => 'done'));
  const longest = await app.longestTask();
  const frame = await app.longestFrame();
  const all = await watched(page);
  const workers = Number(await page.getByTestId('setting-workers').inputValue());
  expect(all.started, 'videos start in the order they were added').toEqual(inReadingOrder);
  expect(all.maxRunning, 'one more at a time than there are workers').toBeLessThanOrEqual(workers + 1);
  expect(all.maxRunning).toBeGreaterThanOrEqual(2);
  expect(all.maxQueued).toBeGreaterThan(40);
  await expect(page.getByTestId('thumb')).toHaveCount(180);
  await expect(page.getByTestId('status')).toHaveAttribute('data-queued', '0');
  await expect(page.getByTestId('queue-progress')).toContainText('Finished: 60 of 60 videos · 180 of 180 thumbnails');
  testInfo.annotations.push({ type: 'pause', description: `workers idle ${stopMs.toFixed(0)} ms after the click` }, { type: 'longest task', description: `${longest.toFixed(0)} ms; ${frame}` });
  expect(stopMs, 'pause takes effect within a second').toBeLessThan(1000);
  expect(longest, frame).toBeLessThan(200);
});

test('one waiting video or the whole batch can be cancelled; what is done stays', async ({ app, page }) => {
  const folder = makeFolder(12);
  await app.open(QUICK);
  // The last video cancelled while it waits, and the batch paused once two are done (so it is still going when cancelled).
  await watchBatch(page, 2, folder.videos.at(-1)!);
  await page.getByTestId('folder-input').setInputFiles(folder.root);
  await expect(page.getByTestId('video')).toHaveCount(12);
  await expect(app.video(folder.videos.at(-1)!)).toHaveAttribute('data-state', 'cancelled');
  await expect.poll(async () => (await watched(page)).idleAt).toBeGreaterThan(0);
  await page.getByTestId('queue-cancel').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-running-workers', '0', { timeout: 1000 });
  await expect(page.getByTestId('status')).toHaveAttribute('data-queued', '0');
  await expect(page.getByTestId('status')).toHaveAttribute('data-busy', 'false');
  const states = await page.getByTestId('video').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.state));
  expect(states.every((s) => s === 'done' || s === 'cancelled'), states.join(' ')).toBe(true);
  const done = states.filter((s) => s === 'done').length;
  expect(done).toBeGreaterThanOrEqual(2);
  expect((await watched(page)).started).not.toContain(folder.videos.at(-1));
  await expect(page.getByTestId('queue-progress')).toContainText(`Finished: 12 of 12 videos`);
  await expect(page.getByTestId('queue-progress')).toContainText(`${12 - done} cancelled`);
});

/** The states of the stored video records, by name. */
function storedStates(page: Page): Promise<Record<string, string>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, string>>((resolve, reject) => {
        const open = indexedDB.open('framepick');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('videos').objectStore('videos').getAll();
          request.onsuccess = () => {
            resolve(Object.fromEntries((request.result as { name: string; state: string }[]).map((v) => [v.name, v.state])));
            open.result.close();
          };
        };
      }),
  );
}

test('a reload in the middle keeps what is done, names what needs its file, and taking the folder again redoes only those', async ({ app, page }) => {
  test.setTimeout(120_000);
  const folder = makeFolder(16);
  await app.open(QUICK);
  await watchBatch(page, 5);
  await page.getByTestId('folder-input').setInputFiles(folder.root);
  await expect.poll(async () => (await watched(page)).idleAt, { timeout: 60_000 }).toBeGreaterThan(0);
  const doneNames = await page.locator('[data-testid="video"][data-state="done"]').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.name!));
  expect(doneNames.length).toBeGreaterThanOrEqual(5);
  // Everything shown is stored before the page goes.
  await expect.poll(async () => Object.values(await storedStates(page)).filter((s) => s === 'done').length).toBe(doneNames.length);
  const totals = await Promise.all(doneNames.map((name) => app.video(name).getAttribute('data-total-ms')));

  await page.reload();
  const unfinished = folder.videos.filter((name) => !doneNames.includes(name));
  await expect(page.getByTestId('needs-files')).toContainText(`${unfinished.length} recordings are not finished and need their files: ${unfinished.slice(0, 5).join(', ')}, and ${unfinished.length - 5} more.`);
  await expect(page.locator('[data-testid="video"][data-needs-file="true"]')).toHaveCount(unfinished.length);
  for (const name of doneNames) await expect(app.video(name).getByTestId('thumb')).toHaveCount(3);

  await page.getByTestId('folder-input').setInputFiles(folder.root);
  // Each file is back once its fingerprint is known; then the rest of the batch runs.
  await expect(page.locator('[data-testid="video"][data-needs-file="true"]')).toHaveCount(0);
  expect(Object.values(await app.settledQuietly(folder.videos, 90_000))).toEqual(folder.videos.map(() => 'done'));
  expect(await Promise.all(doneNames.map((name) => app.video(name).getAttribute('data-total-ms'))), 'finished ones were not made again').toEqual(totals);
  await expect(page.getByTestId('activity')).toContainText(`Reused the stored thumbnails of ${doneNames.length} videos`);
  await expect(page.getByTestId('queue-progress')).toContainText(`Finished: ${unfinished.length} of ${unfinished.length} videos`);
  await expect(page.getByTestId('needs-files')).toHaveCount(0);
  expect(await cardNames(page)).toEqual(folder.videos);
});

test('a folder dropped on the page is walked to the bottom, its folders read in chunks', async ({ app, page }) => {
  await app.open(QUICK);
  // A real directory entry (Chromium's sandboxed file system), as a drop hands one over, with more entries than one read returns.
  await page.evaluate(async () => {
    type Entry = { createWriter(ok: (w: { write(b: Blob): void; onwriteend: () => void; onerror: (e: unknown) => void }) => void, fail: (e: unknown) => void): void };
    type Dir = { getDirectory(n: string, o: object, ok: (d: Dir) => void, fail: (e: unknown) => void): void; getFile(n: string, o: object, ok: (f: Entry) => void, fail: (e: unknown) => void): void };
    const fsRoot = await new Promise<Dir>((resolve, reject) =>
      (window as unknown as { webkitRequestFileSystem(t: number, s: number, ok: (fs: { root: Dir }) => void, fail: (e: unknown) => void): void }).webkitRequestFileSystem(0, 50e6, (fs) => resolve(fs.root), reject),
    );
    const dir = (parent: Dir, name: string) => new Promise<Dir>((resolve, reject) => parent.getDirectory(name, { create: true }, resolve, reject));
    const write = (parent: Dir, name: string, blob: Blob) =>
      new Promise<void>((resolve, reject) =>
        parent.getFile(name, { create: true }, (entry) => entry.createWriter((writer) => {
          writer.onwriteend = () => resolve();
          writer.onerror = reject;
          writer.write(blob);
        }, reject), reject),
      );
    const sample = await (await fetch('sample.mp4')).blob();
    const shoot = await dir(fsRoot, 'shoot');
    const deep = await dir(await dir(shoot, 'b-roll'), 'day 2');
    await write(shoot, 'take-10.mp4', sample);
    await write(shoot, 'take-9.mp4', sample);
    await write(deep, 'take-1.mp4', sample);
    for (let i = 0; i < 120; i++) await write(shoot, `log-${i}.txt`, new Blob([`line ${i}`]));
    Object.assign(window, { droppedShoot: shoot });
  });
  await page.getByTestId('drop-zone').evaluate((zone) => {
    const entry = (window as unknown as { droppedShoot: unknown }).droppedShoot;
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { types: ['Files'], files: [], items: [{ kind: 'file', webkitGetAsEntry: () => entry, getAsFile: () => null }] } });
    zone.dispatchEvent(drop);
  });
  await expect(page.getByTestId('skipped-files')).toHaveText('Skipped 120 files that are not video: .txt (120).');
  await expect(page.getByTestId('video')).toHaveCount(3);
  expect(await cardNames(page)).toEqual(['take-1.mp4', 'take-9.mp4', 'take-10.mp4']);
  expect(Object.values(await app.settledQuietly(['take-1.mp4', 'take-9.mp4', 'take-10.mp4']))).toEqual(['done', 'done', 'done']);
});

/** The posters folder in the origin's private file system (what the stubbed picker hands out): name -> bytes. */
function writtenPosters(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('posters', { create: true });
    const files: Record<string, number> = {};
    for await (const [name, handle] of (folder as unknown as { entries(): AsyncIterable<[string, FileSystemFileHandle]> }).entries()) files[name] = (await handle.getFile()).size;
    return files;
  });
}

test('one poster per recording: suggestions picked where nothing is, a ZIP named by the template with posters.json, full size, and a folder written file by file', async ({ app, page }) => {
  test.setTimeout(120_000);
  // The origin's private file system stands in for the folder a person would choose.
  await page.addInitScript(() => {
    Object.assign(window, { showDirectoryPicker: async () => (await navigator.storage.getDirectory()).getDirectoryHandle('posters', { create: true }) });
  });
  const root = tempFolder('framepick-posters-');
  const files = [['a/clip.mp4', 'h264_bframes.mp4'], ['b/clip.mp4', 'h264_bframes.mp4'], ['broken.mp4', 'not_video.mp4'], ['interview.webm', 'vp9.webm'], ['take-2.mp4', 'h264_bframes.mp4']] as const;
  files.forEach(([name, source], i) => {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.copyFileSync(media(source), path.join(root, name));
    // Two copies of one file under one name: told apart by their times, as on any disk.
    fs.utimesSync(path.join(root, name), 1_700_000_000 + i, 1_700_000_000 + i);
  });
  await app.open('count=5&mode=fast');
  await page.getByTestId('folder-input').setInputFiles(root);
  await expect(page.getByTestId('video')).toHaveCount(5);
  const cards = page.getByTestId('video');
  await expect.poll(() => cards.evaluateAll((all) => all.map((c) => (c as HTMLElement).dataset.state))).toEqual(['done', 'done', 'error', 'done', 'done']);

  await app.video('interview.webm').getByTestId('pick').nth(3).click();
  await expect(page.getByTestId('pick-suggested-all')).toHaveText(/\(3\)/);
  await page.getByTestId('pick-suggested-all').click();
  await expect(page.getByTestId('pick-suggested-all')).toBeDisabled();
  const picked = async (i: number) => cards.nth(i).locator('[data-testid="thumb"][data-picked="true"]').evaluateAll((t) => t.map((n) => (n as HTMLElement).dataset));
  for (const i of [0, 1, 4]) {
    const only = await picked(i);
    expect(only).toHaveLength(1);
    expect(only[0]!.suggested).toBe('true');
  }
  expect((await picked(3)).map((d) => d.index)).toEqual(['3']);
  // Unpicked again, a video's poster is its suggestion.
  await cards.nth(4).locator('[data-testid="thumb"][data-picked="true"]').getByTestId('pick').click();
  await expect(page.getByTestId('pick-suggested-all')).toHaveText(/\(1\)/);
  const suggested = await cards.nth(4).locator('[data-testid="thumb"][data-suggested="true"]').evaluate((n) => ({ ...(n as HTMLElement).dataset }));

  const template = page.getByTestId('name-template');
  await template.fill('{stem}_{nope}.jpg');
  await expect(page.getByTestId('name-template-error')).toHaveText('{nope} is not a field: use {stem}, {time}, {frame}, {index} or {width}.');
  await expect(page.getByTestId('download-posters')).toBeDisabled();
  await template.fill('{stem}_{time}.jpg');
  await expect(page.getByTestId('name-template-error')).toHaveCount(0);

  const zipped = await download(page, 'download-posters');
  const zip = readZip(await downloaded(zipped));
  const shown = await Promise.all([0, 1, 3, 4].map(async (i) => ({ card: await cards.nth(i).evaluate((c) => ({ ...(c as HTMLElement).dataset })), thumb: i === 4 ? suggested : (await picked(i))[0]! })));
  const names = shown.map(({ card, thumb }) => `${card.name!.replace(/\.\w+$/, '')}_${fileStamp(thumb.pts!)}.jpg`);
  expect(names[0]).toBe(names[1]);
  names[1] = names[1]!.replace('.jpg', '_2.jpg');
  expect([...zip.keys()]).toEqual([...names, 'posters.json']);
  const json = JSON.parse(zip.get('posters.json')!.toString('utf8'));
  expect(json).toMatchObject({ generator: 'Framepick', template: '{stem}_{time}.jpg', size: 'thumbnail', without: [{ source: 'broken.mp4', reason: 'it could not be read' }] });
  expect(json.posters).toEqual(
    shown.map(({ card, thumb }, i) => ({
      file: names[i], renamedFrom: i === 1 ? names[0] : null, source: card.name, fingerprint: card.id, chosen: i === 3 ? 'suggestion' : 'pick',
      index: Number(thumb.index), requestedTime: Number(thumb.time), pts: Number(thumb.pts), frameNumber: Number(thumb.frame), frameNumberDerived: thumb.frameDerived === 'true',
      keyframe: true, exact: thumb.exact === 'true', pictType: thumb.pictType, size: 'thumbnail', width: 320, height: 180, bytes: Number(thumb.bytes), quality: 80,
    })),
  );
  for (const [i, name] of names.entries()) expect(zip.get(name)!.length).toBe(Number(shown[i]!.thumb.bytes));
  await expect(page.getByTestId('poster-status')).toContainText(`1 name was taken already, so it got a number: ${names[1]} (not ${names[0]}).`);
  await expect(page.getByTestId('poster-status')).toContainText('1 video has neither a pick nor a suggestion: broken.mp4 (it could not be read).');

  await page.getByTestId('poster-size').selectOption('full');
  await template.fill('{index}_{stem}_{width}.jpg');
  const full = await download(page, 'download-posters');
  const fullZip = readZip(await downloaded(full));
  expect([...fullZip.keys()]).toEqual(['001_clip_640.jpg', '002_clip_640.jpg', '004_interview_640.jpg', '005_take-2_640.jpg', 'posters.json']);
  for (const name of [...fullZip.keys()].slice(0, 4)) expect(jpegSize(fullZip.get(name)!)).toEqual({ width: 640, height: 360 });

  // Into a folder, file by file: a second run finds them all there; one removed is written again.
  await page.getByTestId('poster-size').selectOption('thumbnail');
  await template.fill('{stem}_{time}.jpg');
  await page.getByTestId('write-posters').click();
  await expect(page.getByTestId('poster-status')).toContainText('Posters in “posters”: 4 written, 0 already there and skipped.');
  const inFolder = await writtenPosters(page);
  expect(Object.keys(inFolder).sort()).toEqual([...zip.keys()].sort());
  for (const name of names) expect(inFolder[name]).toBe(zip.get(name)!.length);
  await page.getByTestId('write-posters').click();
  await expect(page.getByTestId('poster-status')).toContainText('Posters in “posters”: 0 written, 4 already there and skipped.');
  await page.evaluate(async (name) => (await (await navigator.storage.getDirectory()).getDirectoryHandle('posters')).removeEntry(name), names[2]!);
  await page.getByTestId('write-posters').click();
  await expect(page.getByTestId('poster-status')).toContainText('Posters in “posters”: 1 written, 3 already there and skipped.');
  expect(await writtenPosters(page)).toEqual(inFolder);
});
