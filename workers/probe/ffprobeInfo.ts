// Turns ffprobe's JSON (`-show_format -show_streams -show_frames` on the
// first video stream, a few frames only) into VideoInfo. Pure: tested in Node.
import { frameRateFromPts } from '../../src/shared/frameRate';
import { hdrTransfer } from '../../src/shared/hdr';
import type { VideoInfo } from '../../src/shared/types';
import { MAX_PIXELS } from '../ffmpeg/args';
import { displaySize } from './displaySize';
import { FileFailure } from '../../src/shared/fileFailure';

interface FfprobeStream {
  codec_name?: string;
  width?: number;
  height?: number;
  coded_width?: number;
  coded_height?: number;
  sample_aspect_ratio?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  time_base?: string;
  color_transfer?: string;
  side_data_list?: { rotation?: number }[];
}

interface FfprobeOutput {
  format?: { format_name?: string; start_time?: string; duration?: string; nb_streams?: number };
  streams?: FfprobeStream[];
  frames?: { best_effort_timestamp_time?: string; interlaced_frame?: number }[];
}

/** Parses ffprobe's JSON; throws FileFailure for files without a usable video stream. */
export function videoInfoFromFfprobe(json: string, errors: readonly string[]): VideoInfo {
  let parsed: FfprobeOutput;
  try {
    parsed = JSON.parse(json) as FfprobeOutput;
  } catch {
    throw failureFromLog(errors);
  }
  const format = parsed.format;
  if (!format) throw failureFromLog(errors);
  const stream = parsed.streams?.[0];
  if (!stream) {
    if ((format.nb_streams ?? 0) > 0) throw new FileFailure('no-video', 'This file has no video track, only audio or data.');
    throw new FileFailure('unsupported', 'No video stream was found in this file.');
  }
  const codedWidth = stream.width ?? 0;
  const codedHeight = stream.height ?? 0;
  if (!codedWidth || !codedHeight) throw new FileFailure('corrupt', 'The video stream does not say its frame size; the file is probably damaged.');
  if (codedWidth * codedHeight > MAX_PIXELS) {
    throw new FileFailure('too-large', `The video claims ${codedWidth}x${codedHeight} pixels per frame, more than Framepick decodes (8K).`);
  }
  const rotation = clockwiseRotation(stream.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation ?? 0);
  const { width, height } = displaySize(codedWidth, codedHeight, ratio(stream.sample_aspect_ratio), rotation);
  const startTime = finite(format.start_time) ?? 0;
  const framePts = (parsed.frames ?? []).map((f) => finite(f.best_effort_timestamp_time)).filter((x): x is number => x !== null);
  return {
    container: containerName(format.format_name ?? ''),
    codec: stream.codec_name ?? 'unknown',
    duration: Math.max(0, finite(format.duration) ?? 0),
    startTime,
    width,
    height,
    codedWidth,
    codedHeight,
    rotation,
    // The leading frames' spacing checks what the stream declares (an FLV said 60 for 30, an ASF 120 for 30).
    frameRate: frameRateFromPts(framePts, frameRate(stream.avg_frame_rate) ?? frameRate(stream.r_frame_rate)),
    firstFramePts: framePts.length ? Math.min(...framePts) - startTime : 0,
    timeBase: ticksPerSecond(stream.time_base),
    hdr: hdrTransfer(stream.color_transfer),
    interlaced: (parsed.frames ?? []).some((f) => f.interlaced_frame === 1),
    probedBy: 'ffprobe',
    indexed: false,
    webcodecsDecodable: false,
  };
}

/** Explains ffprobe's failure from its error log, in words a user can act on. */
export function failureFromLog(errors: readonly string[]): FileFailure {
  const log = errors.join('\n');
  if (/moov atom not found/i.test(log)) {
    return new FileFailure('corrupt', 'The file is incomplete: its index (moov atom) is missing, as when a download or copy was cut short.');
  }
  if (/Invalid data found|could not find codec parameters|unknown format/i.test(log)) {
    return new FileFailure('unsupported', 'This is not a video format Framepick can read (or the file is damaged).');
  }
  const last = errors.at(-1)?.trim();
  return new FileFailure('unsupported', last ? `ffmpeg could not read this file: ${last}` : 'ffmpeg could not read this file.');
}

/** ffprobe's display-matrix rotation is counter-clockwise; players rotate clockwise by its negation. */
function clockwiseRotation(degrees: number): VideoInfo['rotation'] {
  const r = (((Math.round(-degrees / 90) * 90) % 360) + 360) % 360;
  return r as VideoInfo['rotation'];
}

function ratio(text: string | undefined): number | null {
  const m = /^(\d+)[:/](\d+)$/.exec(text ?? '');
  if (!m) return null;
  const num = Number(m[1]);
  const den = Number(m[2]);
  return num > 0 && den > 0 ? num / den : null;
}

/** "1/90000" is 90000 ticks per second; MPEG-TS's 90 kHz when ffprobe does not say. */
function ticksPerSecond(timeBase: string | undefined): number {
  const r = ratio(timeBase);
  return r ? Math.round(1 / r) : 90000;
}

function frameRate(text: string | undefined): number | null {
  const r = ratio(text);
  return r && r < 1000 ? r : null;
}

function finite(text: string | undefined): number | null {
  if (text === undefined) return null;
  const x = Number(text);
  return Number.isFinite(x) ? x : null;
}

function containerName(formatName: string): string {
  const first = formatName.split(',')[0] ?? '';
  if (formatName.startsWith('mov,mp4')) return 'mp4';
  return first || 'unknown';
}
