// Parses what ffmpeg's `showinfo` filter logs for each frame it passes:
//   [showinfo@f3 @ 0x1226db0] n:   0 pts:  30720 pts_time:2  pos: 196865 fmt:yuv420p sar:1/1 s:640x360 i:P iskey:1 type:I ...

export interface ShownFrame {
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

const LINE = /^\[showinfo@f(\d+) @ [^\]]+\] n:\s*(\d+) pts:\s*(-?\d+|NOPTS) pts_time:(\S+)\s.*?\bs:(\d+)x(\d+)\b.*?\biskey:([01]) type:(\S)/;

export function parseShowinfoLine(line: string): ShownFrame | null {
  const m = LINE.exec(line);
  if (!m) return null;
  const ptsTime = Number(m[4]);
  if (!Number.isFinite(ptsTime)) return null;
  return {
    output: Number(m[1]),
    n: Number(m[2]),
    ptsTime,
    width: Number(m[5]),
    height: Number(m[6]),
    keyframe: m[7] === '1',
    pictType: m[8] ?? '?',
  };
}

/**
 * Collects showinfo lines during an exec. Per output it keeps the first
 * frame (what `-frames:v 1` writes) and the last (what `-update 1` leaves).
 */
export class ShowinfoLog {
  private readonly firstByOutput = new Map<number, ShownFrame>();
  private readonly lastByOutput = new Map<number, ShownFrame>();

  /** Returns true when the line was a showinfo frame line. */
  add(line: string): boolean {
    const frame = parseShowinfoLine(line);
    if (!frame) return false;
    if (!this.firstByOutput.has(frame.output)) this.firstByOutput.set(frame.output, frame);
    this.lastByOutput.set(frame.output, frame);
    return true;
  }

  first(output: number): ShownFrame | undefined {
    return this.firstByOutput.get(output);
  }

  last(output: number): ShownFrame | undefined {
    return this.lastByOutput.get(output);
  }
}
