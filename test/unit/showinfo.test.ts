import { describe, expect, it } from 'vitest';
import { parseShowinfoConfig, parseShowinfoLine, ShowinfoLog } from '../../workers/ffmpeg/showinfo';

// Lines as the wasm core logs them (ffmpeg 5.1.4).
const KEY = '[showinfo@f0 @ 0x1226db0] n:   0 pts:  30720 pts_time:2       pos:   196865 fmt:yuv420p sar:1/1 s:640x360 i:P iskey:1 type:I checksum:932859E6 plane_checksum:[5B87D882 CA9AB502 8613CC44]';
const NEXT = '[showinfo@f0 @ 0x1226db0] n:   1 pts:  31232 pts_time:2.03333 pos:   211561 fmt:yuv420p sar:1/1 s:640x360 i:P iskey:0 type:B';
const OTHER = '[showinfo@f12 @ 0x1506650] n:   0 pts: 276000 pts_time:3.06667 pos:    40232 fmt:yuv420p sar:2/1 s:320x360 i:P iskey:1 type:I';

describe('parseShowinfoLine', () => {
  it('reads which output, pts, size, keyframe flag and picture type', () => {
    expect(parseShowinfoLine(KEY)).toEqual({ stage: 'f', output: 0, n: 0, ptsTime: 2, width: 640, height: 360, keyframe: true, pictType: 'I' });
    expect(parseShowinfoLine(KEY.replace('showinfo@f0', 'showinfo@d0'))).toMatchObject({ stage: 'd', output: 0 });
    expect(parseShowinfoLine(OTHER)).toMatchObject({ output: 12, ptsTime: 3.06667, width: 320, height: 360 });
  });

  it('ignores everything else', () => {
    expect(parseShowinfoLine('[showinfo@f0 @ 0x1226db0] config in time_base: 1/15360, frame_rate: 30/1')).toBeNull();
    expect(parseShowinfoLine('[Parsed_showinfo_0 @ 0x1] n:   0 pts: 0 pts_time:0 pos: 1 fmt:yuv420p sar:1/1 s:2x2 i:P iskey:1 type:I')).toBeNull();
    expect(parseShowinfoLine('[showinfo@f0 @ 0x1] n:   0 pts:NOPTS pts_time:NOPTS pos: 1 fmt:yuv420p sar:1/1 s:2x2 i:P iskey:1 type:I')).toBeNull();
    expect(parseShowinfoLine('frame=    1 fps=0.0 q=-0.0 Lsize=N/A time=00:00:00.00')).toBeNull();
  });
});

describe('ShowinfoLog', () => {
  it('keeps the first frame per output (what -frames:v 1 wrote) and the last (what -update 1 left)', () => {
    const log = new ShowinfoLog();
    for (const line of [KEY, OTHER, NEXT]) log.add(line);
    expect(log.first(0)?.ptsTime).toBe(2);
    expect(log.last(0)?.ptsTime).toBe(2.03333);
    expect(log.first(12)?.ptsTime).toBe(3.06667);
    expect(log.first(3)).toBeUndefined();
  });
});

// A DVB capture 10 hours into its clock: pts_time has six significant digits.
const BROADCAST_CONFIG = '[showinfo@f2 @ 0x1506650] config in time_base: 1/90000, frame_rate: 25/1';
const BROADCAST = '[showinfo@f2 @ 0x1506650] n:   0 pts:3240136800 pts_time:36001.5 pos:   564 fmt:yuv420p sar:16/15 s:720x576 i:T iskey:1 type:I';

describe('times from ticks', () => {
  it('reads the filter time base from its config line', () => {
    expect(parseShowinfoConfig(BROADCAST_CONFIG)).toEqual({ stage: 'f', output: 2, secondsPerTick: 1 / 90000 });
    expect(parseShowinfoConfig(BROADCAST)).toBeNull();
  });

  it('takes the time from the tick count once the time base is known, not from the rounded pts_time', () => {
    expect(parseShowinfoLine(BROADCAST)?.ptsTime).toBe(36001.5);
    const log = new ShowinfoLog();
    expect(log.add(BROADCAST_CONFIG)).toBe(true);
    log.add(BROADCAST);
    expect(log.first(2)?.ptsTime).toBeCloseTo(36001.52, 9);
    // Another output's filter has its own time base.
    log.add(BROADCAST.replace('showinfo@f2', 'showinfo@f3'));
    expect(log.first(3)?.ptsTime).toBe(36001.5);
  });
});
