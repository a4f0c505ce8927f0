// Real files from other projects' test suites (test/fixtures/realworld;
// where each comes from, its licence and what it tests: SOURCES.md there),
// each against native ffprobe's list of its frames, in both modes, on the
// engine the page picks for it. The comparison is test/support/corpus.mjs,
// shared with the other browsers' lanes.
import { corpusDifferences, corpusFiles, KNOWN_FAILING } from '../support/corpus.mjs';
import { expect, test } from './fixtures';

const files = corpusFiles();

for (const mode of ['fast', 'exact'] as const) {
  test(`${mode} mode: ${files.length} real files from other projects' test suites give the frames ffprobe lists, at the display size it implies`, async ({ app }, testInfo) => {
    test.setTimeout(300_000);
    await app.open(`mode=${mode}`);
    await app.drop(...files.map((file) => `realworld/${file}`));
    const failing: Record<string, string> = {};
    const engines = new Map<string, number>();
    for (const file of files) {
      const video = app.video(file);
      const state = await app.settled(file, 240_000);
      const engine = (await video.getAttribute('data-engine')) ?? 'none';
      engines.set(engine, (engines.get(engine) ?? 0) + 1);
      const wrong =
        state === 'done'
          ? corpusDifferences(file, mode, {
              width: Number(await video.getAttribute('data-width')),
              height: Number(await video.getAttribute('data-height')),
              thumbs: await app.thumbs(file),
              // All of them, without waiting: most cards have none.
              warning: (await video.locator('.warning').allTextContents()).join(' '),
            })
          : [`${state}: ${await video.getByTestId('video-error').textContent()}`];
      if (wrong.length > 0) failing[`${file} ${mode}`] = `on ${engine}: ${wrong.slice(0, 3).join('; ')}`;
    }
    const expected = Object.keys(KNOWN_FAILING).filter((key) => key.endsWith(` ${mode}`));
    testInfo.annotations.push({ type: 'corpus', description: `${files.length - Object.keys(failing).length} of ${files.length} right; ${[...engines].map(([e, n]) => `${n} on ${e}`).join(', ')}` });
    // The differences are the message: what is newly wrong, or newly right.
    expect(Object.keys(failing).sort(), JSON.stringify(failing, null, 1)).toEqual(expected.sort());
  });
}
