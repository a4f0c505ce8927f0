import { describe, expect, it } from 'vitest';
import type { ExecJob } from '../../workers/ffmpeg/args';
import { judge, nextMargin } from '../../workers/ffmpeg/ffmpegEngine';
import { ShowinfoLog } from '../../workers/ffmpeg/showinfo';

const line = (output: number, ptsTime: number, key = 1) =>
  `[showinfo@f${output} @ 0x1] n:   0 pts: 1 pts_time:${ptsTime} pos: 1 fmt:yuv420p sar:1/1 s:640x360 i:P iskey:${key} type:I`;
const logOf = (...lines: string[]) => {
  const log = new ShowinfoLog();
  lines.forEach((l) => log.add(l));
  return log;
};
const ptsJob = (pts: number, margin = 0): ExecJob => ({ kind: 'pts', output: 0, pts, margin, skipLoopFilter: null });

describe('judge', () => {
  it('accepts the frame at the wanted pts', () => {
    expect(judge(ptsJob(4.6667), logOf(line(0, 7.0507)), 2.384, 0.2).kind).toBe('ok');
  });

  it('seeks further back when the seek landed after the wanted frame (MPEG-TS)', () => {
    expect(judge(ptsJob(1.2), logOf(line(0, 4.6667)), 0, 0.2)).toEqual({ kind: 'retry', job: ptsJob(1.2, 2) });
    expect(judge(ptsJob(1.2), logOf(), 0, 0.2)).toEqual({ kind: 'retry', job: ptsJob(1.2, 2) });
  });

  it('decodes every frame on a retry: a target wrongly taken for a reference frame is not skipped twice', () => {
    const job: ExecJob = { kind: 'pts', output: 0, pts: 1.2, margin: 0, skipLoopFilter: null, referencesOnly: true };
    expect(judge(job, logOf(), 0, 0.2)).toEqual({ kind: 'retry', job: ptsJob(1.2, 2) });
  });

  it('gives up once the seek already started at the beginning', () => {
    expect(judge(ptsJob(1.2, 8), logOf(line(0, 4.6667)), 0, 0.2).kind).toBe('miss');
  });

  it('shows the first frame for a time before every frame', () => {
    const job: ExecJob = { kind: 'time', output: 0, time: 0.1, mode: 'exact', margin: 2, skipLoopFilter: null };
    expect(judge(job, logOf(), 0, 0.2)).toEqual({ kind: 'first-frame' });
  });

  it('misses a time after the first frame when nothing could be decoded even from the start, rather than show the first frame', () => {
    const job: ExecJob = { kind: 'time', output: 0, time: 1.867, mode: 'fast', margin: 2, skipLoopFilter: null };
    expect(judge(job, logOf(), 0, 0.04)).toEqual({ kind: 'miss', miss: { kind: 'failed', message: 'No frame could be decoded at or before 1.867 s.' } });
  });

  it('steps forward only from a decode that began at or before the frame', () => {
    const step: ExecJob = { kind: 'neighbor', output: 0, pts: 1, direction: 1, margin: 0, skipLoopFilter: null };
    const decoded = (pts: number) => line(0, pts).replace('showinfo@f0', 'showinfo@d0');
    expect(judge(step, logOf(decoded(0.5), line(0, 1.04, 0)), 0, 0.2).kind).toBe('ok');
    // Landed on a keyframe after the frame: the "next" frame found would skip some.
    expect(judge(step, logOf(decoded(2), line(0, 2)), 0, 0.2)).toEqual({ kind: 'retry', job: { ...step, margin: 2 } });
    // Decoded from before the frame and nothing came after it: the last frame.
    expect(judge(step, logOf(decoded(0.5)), 0, 0.2)).toEqual({ kind: 'miss', miss: { kind: 'no-neighbor', message: 'There is no later frame.' } });
  });

  it('widens the margin geometrically', () => {
    expect([0, 2, 8, 32].map(nextMargin)).toEqual([2, 8, 32, 128]);
  });
});
