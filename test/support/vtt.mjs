// @ts-check
// Reading a player's thumbnail track: a WebVTT file whose cues point at
// regions of sprite images (`sprite-1.jpg#xywh=x,y,w,h`), the form video.js,
// Plyr, JW Player and Vidstack read. Shared by playerTrack.spec and the
// browser lanes.

/** @typedef {{ start: number, end: number, image: string, x: number, y: number, w: number, h: number }} Cue */

/** `HH:MM:SS.mmm` in milliseconds. @param {string} stamp */
function milliseconds(stamp) {
  const m = /^(\d{2,}):(\d{2}):(\d{2})\.(\d{3})$/.exec(stamp);
  if (!m) throw new Error(`not a WebVTT timestamp: ${stamp}`);
  return (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000 + Number(m[4]);
}

/**
 * Cues of a thumbnail VTT, times in milliseconds; throws on anything but a
 * `WEBVTT` header and cues of one `time --> time` line and one `image#xywh=...` line.
 * @param {string} text @returns {Cue[]}
 */
export function parseVtt(text) {
  const [header, ...blocks] = text.trim().split(/\n\n+/);
  if (header !== 'WEBVTT') throw new Error(`not a WebVTT file: it starts ${JSON.stringify(header?.slice(0, 20))}`);
  return blocks.map((block) => {
    const [timing, target, ...rest] = block.split('\n');
    const t = /^(\S+) --> (\S+)$/.exec(timing ?? '');
    const r = /^([\w.-]+)#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(target ?? '');
    if (!t || !r || rest.length > 0) throw new Error(`not a thumbnail cue: ${block}`);
    return { start: milliseconds(/** @type {string} */ (t[1])), end: milliseconds(/** @type {string} */ (t[2])), image: /** @type {string} */ (r[1]), x: Number(r[2]), y: Number(r[3]), w: Number(r[4]), h: Number(r[5]) };
  });
}

/**
 * How the cues fail to run from 0 to `durationMs` one every `stepMs`, without
 * gap or overlap (the last one ending with the video), in words; empty when they do.
 * @param {Cue[]} cues @param {number} durationMs @param {number} stepMs @returns {string[]}
 */
export function cueFaults(cues, durationMs, stepMs) {
  const faults = [];
  const count = Math.ceil(durationMs / stepMs);
  if (cues.length !== count) faults.push(`${cues.length} cues, not ${count}`);
  cues.forEach((cue, i) => {
    const [start, end] = [i * stepMs, i === count - 1 ? durationMs : (i + 1) * stepMs];
    if (cue.start !== start || cue.end !== end) faults.push(`cue ${i + 1} is ${cue.start}-${cue.end} ms, not ${start}-${end}`);
  });
  return faults;
}
