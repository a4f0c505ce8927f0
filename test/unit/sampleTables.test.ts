import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMoov } from '../../workers/probe/moovBoxes';
import { samplesAndFragments, sampleTablesAgree } from '../../workers/probe/sampleTables';

/** What the probe does: no whole moov to check passes (Mediabunny then says what is missing). */
async function mp4SampleTablesAgree(file: Blob): Promise<boolean> {
  const moov = await readMoov(file);
  return moov === null || sampleTablesAgree(moov);
}

function box(type: string, ...payload: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const size = 8 + payload.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, size);
  out.set(new TextEncoder().encode(type), 4);
  let at = 8;
  for (const p of payload) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function u32(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  values.forEach((v, i) => new DataView(out.buffer).setUint32(i * 4, v >>> 0));
  return out;
}

/** version/flags, then entry count, then (count, value) pairs. */
const timing = (type: string, entries: [number, number][]) => box(type, u32(0, entries.length, ...entries.flat()));
const stsz = (samples: number) => box('stsz', u32(0, 0, samples));

function mp4(...stblChildren: Uint8Array[]): Blob {
  const moov = box('moov', box('trak', box('mdia', box('minf', box('stbl', ...stblChildren)))));
  return new Blob([box('ftyp', new TextEncoder().encode('isom')), box('mdat', new Uint8Array(100)), moov]);
}

describe('mp4SampleTablesAgree', () => {
  it('accepts tables whose timing counts add up to the samples', async () => {
    expect(await mp4SampleTablesAgree(mp4(timing('stts', [[300, 512]]), timing('ctts', [[150, 1024], [150, 0]]), stsz(300)))).toBe(true);
  });

  it('accepts fewer timing entries than samples (harmless, and some muxers write it)', async () => {
    expect(await mp4SampleTablesAgree(mp4(timing('stts', [[299, 512]]), stsz(300)))).toBe(true);
  });

  it('refuses a composition-offset count flipped to billions', async () => {
    expect(await mp4SampleTablesAgree(mp4(timing('stts', [[300, 512]]), timing('ctts', [[100, 1024], [2 ** 31 + 100, 0]]), stsz(300)))).toBe(false);
  });

  it('refuses a sample-duration count larger than the samples', async () => {
    expect(await mp4SampleTablesAgree(mp4(timing('stts', [[300, 512], [65536, 512]]), stsz(300)))).toBe(false);
  });

  it('refuses an entry count that runs past its box', async () => {
    expect(await mp4SampleTablesAgree(mp4(box('stts', u32(0, 1_000_000, 300, 512)), stsz(300)))).toBe(false);
  });

  it('refuses a sample table whose box claims more than its parent holds (hostile file 1126 of seed 1: a flipped stsc size)', async () => {
    const stsc = box('stsc', u32(0, 1, 1, 1, 1));
    new DataView(stsc.buffer).setUint32(0, 262184);
    expect(await mp4SampleTablesAgree(mp4(timing('stts', [[300, 512]]), stsc))).toBe(false);
  });

  it('refuses a track whose boxes run past the moov', async () => {
    const stbl = box('stbl', timing('stts', [[300, 512]]), stsz(300));
    const trak = box('trak', box('mdia', box('minf', stbl)));
    new DataView(trak.buffer).setUint32(0, trak.length + 64);
    const moov = box('moov', trak);
    expect(await mp4SampleTablesAgree(new Blob([box('ftyp', new TextEncoder().encode('isom')), moov]))).toBe(false);
  });

  it('leaves files without a whole moov to the demuxer', async () => {
    const whole = await mp4(timing('stts', [[300, 512]]), stsz(300)).arrayBuffer();
    expect(await mp4SampleTablesAgree(new Blob([whole.slice(0, whole.byteLength - 10)]))).toBe(true);
    expect(await mp4SampleTablesAgree(new Blob([]))).toBe(true);
  });

});

describe('samplesAndFragments', () => {
  const moovOf = async (...children: Uint8Array[]) => (await readMoov(new Blob([box('ftyp', new TextEncoder().encode('isom')), box('moov', ...children)])))!;
  const trak = (samples: number) => box('trak', box('mdia', box('minf', box('stbl', timing('stts', samples ? [[samples, 512]] : []), stsz(samples)))));
  const mvex = box('mvex', box('trex', u32(0, 1, 1, 0, 0, 0)));

  it('finds a moov with samples of its own that says fragments follow', async () => {
    expect(samplesAndFragments(await moovOf(trak(30), mvex))).toBe(true);
  });

  it('passes a plain MP4 and a fragmented one whose moov holds no samples', async () => {
    expect(samplesAndFragments(await moovOf(trak(30)))).toBe(false);
    expect(samplesAndFragments(await moovOf(trak(0), mvex))).toBe(false);
  });

  it('finds the real partially fragmented file of the corpus', async () => {
    const bytes = fs.readFileSync('test/fixtures/realworld/ax_partially_fragmented.mp4');
    expect(samplesAndFragments((await readMoov(new Blob([bytes])))!)).toBe(true);
    expect(samplesAndFragments((await readMoov(new Blob([fs.readFileSync('test/fixtures/realworld/ax_fragmented.mp4')])))!)).toBe(false);
  });
});
