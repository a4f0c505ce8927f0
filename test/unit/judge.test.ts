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
    expect(judge(ptsJob(4.6667), logOf(line(0, 7.0507)), 2.384).kind).toBe('ok');
  });

  it('seeks further back when the seek landed after the wanted frame (MPEG-TS)', () => {
    expect(judge(ptsJob(1.2), logOf(line(0, 4.6667)), 0)).toEqual({ kind: 'retry', job: ptsJob(1.2, 2) });
    expect(judge(ptsJob(1.2), logOf(), 0)).toEqual({ kind: 'retry', job: ptsJob(1.2, 2) });
  });

  it('gives up once the seek already started at the beginning', () => {
    expect(judge(ptsJob(1.2, 8), logOf(line(0, 4.6667)), 0).kind).toBe('miss');
  });

  it('shows the first frame for a time before every frame', () => {
    const job: ExecJob = { kind: 'time', output: 0, time: 0.1, mode: 'exact', margin: 2, skipLoopFilter: null };
    expect(judge(job, logOf(), 0)).toEqual({ kind: 'first-frame' });
  });

  it('widens the margin geometrically', () => {
    expect([0, 2, 8, 32].map(nextMargin)).toEqual([2, 8, 32, 128]);
  });
});
