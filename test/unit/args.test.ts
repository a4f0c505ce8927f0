import { describe, expect, it } from 'vitest';
import { buildExecArgs, buildFirstFrameArgs, type InputSpec } from '../../workers/ffmpeg/args';

const mp4: InputSpec = { path: '/in/0/input.mp4', startTime: 0, timeBase: 15360, headerDescribesStreams: true, interlaced: false, hdr: null };
const avi: InputSpec = { path: '/in/0/input.avi', startTime: 0, timeBase: 25, headerDescribesStreams: false, interlaced: false, hdr: null };
const size = { width: 320, height: 180 };

/** The value after `flag`, for each occurrence. */
const values = (args: string[], flag: string) => args.flatMap((a, i) => (a === flag ? [args[i + 1]] : []));

describe('buildExecArgs', () => {
  it('seeks each input with -ss before -i and names each output', () => {
    const args = buildExecArgs(mp4, [{ kind: 'pts', output: 3, pts: 296, margin: 0, skipLoopFilter: 'all' }], size);
    expect(args.indexOf('-ss')).toBeLessThan(args.indexOf('-i'));
    expect(values(args, '-ss')).toEqual(['296.000500']);
    expect(args).toContain('-copyts');
    expect(args).toContain('-nofind_stream_info');
    expect(values(args, '-skip_loop_filter')).toEqual(['all']);
    expect(values(args, '-vf')[0]).toBe('trim=start_pts=4546560,showinfo@f3=checksum=0,scale=320:180:flags=area,setsar=1');
    expect(values(args, '-frames:v')).toEqual(['1']);
    expect(args.at(-1)).toBe('/out/3.rgba');
  });

  it('skips unreferenced frames on the way to a target that is a reference frame, and only then', () => {
    const args = buildExecArgs(mp4, [{ kind: 'pts', output: 0, pts: 5.2, margin: 0, skipLoopFilter: 'noref', referencesOnly: true }], size);
    expect(values(args, '-skip_frame')).toEqual(['noref']);
    expect(args.indexOf('-skip_frame')).toBeLessThan(args.indexOf('-i'));
    expect(buildExecArgs(mp4, [{ kind: 'pts', output: 0, pts: 5.2, margin: 0, skipLoopFilter: 'noref' }], size)).not.toContain('-skip_frame');
  });

  it('deinterlaces an interlaced input before anything drops frames (yadif needs the frames either side)', () => {
    const ts: InputSpec = { path: '/in/0/input.ts', startTime: 36000, timeBase: 90000, headerDescribesStreams: false, interlaced: true, hdr: null };
    const args = buildExecArgs(ts, [{ kind: 'time', output: 0, time: 2, mode: 'fast', margin: 1, skipLoopFilter: null }], size);
    expect(values(args, '-vf')[0]).toMatch(/^yadif=mode=send_frame:parity=auto:deint=interlaced,settb=1\/90000,trim=end_pts=\d+,select=/);
    expect(values(buildFirstFrameArgs(ts, size, 0), '-vf')[0]).toMatch(/^yadif=.*,showinfo@f0=/);
    expect(values(buildExecArgs(avi, [{ kind: 'pts', output: 0, pts: 1, margin: 0, skipLoopFilter: null }], size), '-vf')[0]).not.toContain('yadif');
  });

  it('tone-maps an HDR input to SDR BT.709 at twice the output size, then averages down; an SDR one not at all', () => {
    const hlg: InputSpec = { ...mp4, hdr: 'hlg' };
    const chain = values(buildExecArgs(hlg, [{ kind: 'pts', output: 0, pts: 1, margin: 0, skipLoopFilter: null }], size), '-vf')[0];
    expect(chain).toMatch(/,showinfo@f0=checksum=0,zscale=w=640:h=360:f=bilinear:t=linear:npl=100,.*tonemap=tonemap=hable.*,zscale=t=bt709.*,scale=320:180:flags=area,setsar=1$/);
    expect(chain?.match(/(^|,)scale=/g), 'one swscale pass, after the tone map').toHaveLength(1);
    expect(values(buildFirstFrameArgs(hlg, size, 0), '-vf')[0]).toContain('tonemap=');
    expect(values(buildExecArgs(mp4, [{ kind: 'pts', output: 0, pts: 1, margin: 0, skipLoopFilter: null }], size), '-vf')[0]).not.toContain('tonemap');
  });

  it('keeps the stream probe where the header does not describe the streams, and says so: the core remembers the last exec\'s choice', () => {
    const args = buildExecArgs(avi, [{ kind: 'time', output: 0, time: 0.8, mode: 'exact', margin: 0, skipLoopFilter: null }], size);
    expect(args).not.toContain('-nofind_stream_info');
    expect(args.indexOf('-find_stream_info')).toBeLessThan(args.indexOf('-i'));
    expect(args).not.toContain('-skip_loop_filter');
    expect(values(args, '-vf')[0]).toMatch(/^trim=end_pts=21,showinfo@f0/);
    expect(values(args, '-update')).toEqual(['1']);
  });

  it('ends a time job just after the requested time\'s own tick: the frame on that tick passes, in a coarse time base too', () => {
    // Tick 20 of 1/25 s is the frame at 0.8 s; 0.79 s and 0.8 s both round to it, 0.77 s does not.
    for (const [time, end] of [[0.8, 21], [0.8 + 1e-9, 21], [0.79, 21], [0.77, 20]] as const) {
      const args = buildExecArgs(avi, [{ kind: 'time', output: 0, time, mode: 'exact', margin: 0, skipLoopFilter: null }], size);
      expect(values(args, '-vf')[0], `${time}`).toMatch(new RegExp(`^trim=end_pts=${end},`));
    }
  });

  it('does not seek at all to decode from the start (a demuxer that cannot seek there then decodes nothing)', () => {
    const args = buildExecArgs(avi, [{ kind: 'time', output: 0, time: 1.5, mode: 'fast', margin: 2, skipLoopFilter: null }], size);
    expect(args).not.toContain('-ss');
    expect(args).not.toContain('-noaccurate_seek');
  });

  it('keeps only keyframes for a fast-mode time, and seeks back by the margin', () => {
    const args = buildExecArgs(avi, [{ kind: 'time', output: 1, time: 10, mode: 'fast', margin: 8, skipLoopFilter: 'all' }], size);
    expect(values(args, '-ss')).toEqual(['2.000500']);
    expect(values(args, '-vf')[0]).toContain('select=eq(key\\,1)');
  });

  it('maps input i to output i when several frames share an exec', () => {
    const jobs = [0, 1, 2].map((output) => ({ kind: 'pts' as const, output: output + 10, pts: output, margin: 0, skipLoopFilter: null }));
    const args = buildExecArgs(mp4, jobs, size);
    expect(values(args, '-map')).toEqual(['0:v:0', '1:v:0', '2:v:0']);
    expect(values(args, '-i')).toHaveLength(3);
  });
});

describe('buildFirstFrameArgs', () => {
  it('probes the streams even after an exec that skipped the probe (the choice outlives the exec in the core)', () => {
    const args = buildFirstFrameArgs(avi, size, 2);
    expect(args.indexOf('-find_stream_info')).toBeLessThan(args.indexOf('-i'));
    expect(args.at(-1)).toBe('/out/2.rgba');
  });
});
