// Parses what ffmpeg's `showinfo` filter logs for each frame it passes:
//   [showinfo@f3 @ 0x1226db0] n:   0 pts:  30720 pts_time:2  pos: 196865 fmt:yuv420p sar:1/1 s:640x360 i:P iskey:1 type:I ...

export interface ShownFrame {
  /** `f`: the frame written (after trimming); `d`: a frame decoded (before trimming). */
  stage: 'f' | 'd';
  /** Which output (the `N` in `showinfo@fN`). */
  output: number;
  /** Frame counter within that output's filter. */
  n: number;
  /** Absolute pts in seconds (the file's own timeline, before subtracting the start time). */
  ptsTime: number;
  keyframe: boolean;
  pictType: string;
  width: number;
  height: number;
}

const LINE = /^\[showinfo@([fd])(\d+) @ [^\]]+\] n:\s*(\d+) pts:\s*(-?\d+|NOPTS) pts_time:(\S+)\s.*?\bs:(\d+)x(\d+)\b.*?\biskey:([01]) type:(\S)/;
//   [showinfo@f3 @ 0x1226db0] config in time_base: 1/90000, frame_rate: 25/1
const CONFIG = /^\[showinfo@([fd])(\d+) @ [^\]]+\] config in time_base: (\d+)\/(\d+)/;

/** A filter's input time base, seconds per tick, as its config line says. */
export interface FilterTimeBase {
  stage: 'f' | 'd';
  output: number;
  secondsPerTick: number;
}

export function parseShowinfoConfig(line: string): FilterTimeBase | null {
  const m = CONFIG.exec(line);
  if (!m || Number(m[4]) === 0) return null;
  return { stage: m[1] === 'd' ? 'd' : 'f', output: Number(m[2]), secondsPerTick: Number(m[3]) / Number(m[4]) };
}

/**
 * `pts_time` is printed with six significant digits: 36001.52 s into a
 * broadcast capture reads "36001.5", 20 ms out. With the filter's time base
 * known, the time is taken from the exact tick count instead.
 */
export function parseShowinfoLine(line: string, secondsPerTick?: number): ShownFrame | null {
  const m = LINE.exec(line);
  if (!m) return null;
  const ticks = Number(m[4]);
  const ptsTime = secondsPerTick !== undefined && Number.isFinite(ticks) ? ticks * secondsPerTick : Number(m[5]);
  if (!Number.isFinite(ptsTime)) return null;
  return {
    stage: m[1] === 'd' ? 'd' : 'f',
    output: Number(m[2]),
    n: Number(m[3]),
    ptsTime,
    width: Number(m[6]),
    height: Number(m[7]),
    keyframe: m[8] === '1',
    pictType: m[9] ?? '?',
  };
}

/**
 * Collects showinfo lines during an exec. Per output it keeps the first
 * frame (what `-frames:v 1` writes) and the last (what `-update 1` leaves),
 * and the first frame decoded before any trimming.
 */
export class ShowinfoLog {
  private readonly firstByOutput = new Map<number, ShownFrame>();
  private readonly lastByOutput = new Map<number, ShownFrame>();
  private readonly firstDecoded = new Map<number, ShownFrame>();
  private readonly timeBases = new Map<string, number>();

  /** Returns true when the line was a showinfo frame or config line. */
  add(line: string): boolean {
    const config = parseShowinfoConfig(line);
    if (config) {
      this.timeBases.set(`${config.stage}${config.output}`, config.secondsPerTick);
      return true;
    }
    const filter = /^\[showinfo@([fd]\d+) /.exec(line)?.[1];
    const frame = parseShowinfoLine(line, filter === undefined ? undefined : this.timeBases.get(filter));
    if (!frame) return false;
    if (frame.stage === 'd') {
      if (!this.firstDecoded.has(frame.output)) this.firstDecoded.set(frame.output, frame);
      return true;
    }
    if (!this.firstByOutput.has(frame.output)) this.firstByOutput.set(frame.output, frame);
    this.lastByOutput.set(frame.output, frame);
    return true;
  }

  decodedFirst(output: number): ShownFrame | undefined {
    return this.firstDecoded.get(output);
  }

  first(output: number): ShownFrame | undefined {
    return this.firstByOutput.get(output);
  }

  last(output: number): ShownFrame | undefined {
    return this.lastByOutput.get(output);
  }
}
