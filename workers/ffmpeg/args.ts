// ffmpeg command lines for one exec. Pure: tested in Node.
//
// Every input is seeked with `-ss` before `-i` (input seeking: ffmpeg jumps
// to a keyframe through the container's index instead of decoding from the
// start), with `-copyts` so pts stay on the file's own timeline, and every
// output carries a named `showinfo` so the log says which frame landed in
// which output.
import type { HdrTransfer } from '../../src/shared/hdr';
import { toTicks, type StreamClock } from '../../src/shared/ticks';
import type { Mode } from '../../src/shared/types';

/** Seconds either side of a known pts that still count as that frame (far below any frame duration). */
export const PTS_TOLERANCE = 0.0005;

/** Refuse to decode frames larger than this (hostile headers claiming huge sizes). 8K UHD. */
export const MAX_PIXELS = 7680 * 4320;

export interface OutputSpec {
  width: number;
  height: number;
}

/**
 * Which decoded frames may skip the deblocking filter. Deblocking is about
 * 40% of H.264 decoding in the wasm core, and its effect (block edges of a
 * few pixels) is invisible once the frame is shrunk by 2x or more (PSNR
 * 53 dB at 1080p -> 320 px, 46 dB at 2x). `all` only when nothing decoded
 * after the keyframe is kept (a frame without it would drift into the
 * frames predicted from it); `noref` otherwise, since nothing predicts
 * from non-reference frames.
 */
export type SkipLoopFilter = 'all' | 'noref' | null;

interface JobBase {
  output: number;
  /** How far before the target to seek, for containers whose seeking can land late (MPEG-TS). */
  margin: number;
  skipLoopFilter: SkipLoopFilter;
}

/** Decode the frame whose pts (relative to the container start) is `pts`. */
export interface PtsJob extends JobBase {
  kind: 'pts';
  pts: number;
  /**
   * The frame is an H.264 reference frame, so the decoder may skip every
   * frame nothing refers to on the way to it (`-skip_frame noref`): with
   * x264's B-pyramid, half the frames of a GOP.
   */
  referencesOnly?: boolean;
}

/** Decode the frame `mode` picks for time `time`, learning its identity from the log. */
export interface TimeJob extends JobBase {
  kind: 'time';
  time: number;
  mode: Mode;
}

/** Decode the frame just after (1) or just before (-1) the one at `pts`. */
export interface NeighborJob extends JobBase {
  kind: 'neighbor';
  pts: number;
  direction: 1 | -1;
}

export type ExecJob = PtsJob | TimeJob | NeighborJob;

/** The pts (or time) a job is anchored at: where its seek aims. */
export function jobAnchor(job: ExecJob): number {
  return job.kind === 'time' ? job.time : job.pts;
}

/** Whether the output keeps the first frame that passes (-frames:v 1) or the last (-update 1). */
export function keepsLastFrame(job: ExecJob): boolean {
  return job.kind === 'time' || (job.kind === 'neighbor' && job.direction === -1);
}

export const INPUT_PATH_PREFIX = '/in';
export const OUTPUT_DIR = '/out';
export const outputPath = (output: number): string => `${OUTPUT_DIR}/${output}.rgba`;
export const showinfoName = (output: number): string => `showinfo@f${output}`;
/** A showinfo before the trim: which frames were decoded at all (see NeighborJob). */
export const decodedInfoName = (output: number): string => `showinfo@d${output}`;

const seconds = (x: number): string => (Math.round(x * 1e6) / 1e6).toFixed(6);

/** How to open the input; its clock is where pts live (the start time stays in them by `-copyts`). */
export interface InputSpec extends StreamClock {
  path: string;
  /**
   * Skip avformat_find_stream_info (see containers.ts): it decodes the
   * file's first frame before seeking, a third of a fast-mode exec on 1080p.
   */
  headerDescribesStreams: boolean;
  /** Deinterlace the frames flagged interlaced (VideoInfo.interlaced). */
  interlaced: boolean;
  /** Tone-map from this HDR transfer to SDR BT.709 (VideoInfo.hdr). */
  hdr: HdrTransfer;
}

/**
 * Deinterlacing, as ffmpegthumbnailer does it: yadif on the frames flagged
 * interlaced only, one output frame per input frame, so pts and frame
 * numbers stay the decoder's. Before any trim: yadif needs the frames on
 * either side, and holds each frame until the next one arrives (one more
 * frame decoded per exec, which is why progressive files go without it).
 * Scaling a woven 576i frame to 320x180 averages both fields into a double
 * image: 30.5 dB PSNR against the deinterlaced one at 2 s of
 * mpeg2_broadcast.ts.
 */
const DEINTERLACE = 'yadif=mode=send_frame:parity=auto:deint=interlaced';
/** yadif halves its time base (for field rate output); trim and showinfo count in the stream's own ticks. */
const deinterlace = (input: Pick<InputSpec, 'interlaced' | 'timeBase'>): string[] => (input.interlaced ? [DEINTERLACE, `settb=1/${input.timeBase}`] : []);

/**
 * One exec decoding every job from the same input file.
 *
 * Trim points are given in ticks of the stream's time base: a point given
 * in seconds is rounded to the nearest tick, which in a coarse time base
 * (1/25 s in AVI) moves it by up to half a frame and drops the frame that
 * sits exactly on it.
 */
export function buildExecArgs(input: InputSpec, jobs: readonly ExecJob[], size: OutputSpec): string[] {
  const args = ['-hide_banner', '-loglevel', 'info', '-stats_period', '1', '-copyts'];
  for (const job of jobs) args.push(...inputArgs(input, job));
  jobs.forEach((job, inputIndex) => args.push(...outputArgs(inputIndex, job, input, size)));
  return args;
}

/**
 * Whether ffmpeg probes the input's streams, said on every input both ways.
 * The option is one global in ffmpeg 5.1's ffmpeg_opt.c, and ffmpeg.wasm
 * runs main() again for each exec without resetting it: after one MP4 exec
 * every AVI and TS on that instance went unprobed, AVI seeks landed a
 * keyframe late, and in CI one thumbnail in 15 could not be decoded at all.
 */
const streamProbe = (skip: boolean): string => (skip ? '-nofind_stream_info' : '-find_stream_info');

function inputArgs(input: InputSpec, job: ExecJob): string[] {
  const seekTo = Math.max(0, jobAnchor(job) + PTS_TOLERANCE - job.margin);
  const probe = [streamProbe(input.headerDescribesStreams)];
  const deblock = job.skipLoopFilter ? ['-skip_loop_filter', job.skipLoopFilter] : [];
  const references = job.kind === 'pts' && job.referencesOnly ? ['-skip_frame', 'noref'] : [];
  // From the start, no seek at all: where a demuxer cannot seek there (an
  // H.264 FLV without an index: "could not seek to position 0.067") ffmpeg
  // then decoded nothing, and every early time was missed.
  const seek = seekTo > 0 ? ['-noaccurate_seek', '-ss', seconds(seekTo)] : [];
  return [...probe, ...deblock, ...references, '-max_pixels', String(MAX_PIXELS), ...seek, '-i', input.path];
}

function outputArgs(inputIndex: number, job: ExecJob, input: InputSpec, size: OutputSpec): string[] {
  const filters = deinterlace(input);
  // -frames:v 1 keeps the first frame that passes the trim; -update 1
  // overwrites the output with each, so the last one is left.
  if (job.kind === 'pts') {
    filters.push(`trim=start_pts=${toTicks(job.pts, input)}`);
  } else if (job.kind === 'time') {
    // Every frame up to the requested time's own tick (see onStreamTick).
    filters.push(`trim=end_pts=${toTicks(job.time, input) + 1}`);
    if (job.mode === 'fast') filters.push('select=eq(key\\,1)');
  } else if (job.direction === 1) {
    // The first frame after pts is right only if decoding began at or before
    // pts; the earlier showinfo says where it began.
    filters.push(`${decodedInfoName(job.output)}=checksum=0`, `trim=start_pts=${toTicks(job.pts, input) + 1}`);
  } else {
    filters.push(`trim=end_pts=${toTicks(job.pts, input)}`);
  }
  filters.push(`${showinfoName(job.output)}=checksum=0`, ...picture(input, size));
  const last = keepsLastFrame(job);
  const frameLimit = last ? ['-update', '1'] : ['-frames:v', '1'];
  return [
    '-map', `${inputIndex}:v:0`,
    '-an', '-sn', '-dn',
    '-fps_mode', 'passthrough',
    '-vf', filters.join(','),
    ...frameLimit,
    '-f', last ? 'image2' : 'rawvideo',
    '-c:v', 'rawvideo',
    '-pix_fmt', 'rgba',
    outputPath(job.output),
  ];
}

/**
 * Downscaling filter. `area` averages source pixels (no aliasing on the
 * 6x reductions thumbnails usually are) and costs little at thumbnail size.
 */
export const SCALE_FLAGS = 'area';

/**
 * HDR to SDR BT.709 as ffmpeg's documentation does it (zscale + tonemap):
 * to linear light at 100 nits nominal peak, BT.709 primaries, Hable's curve
 * without desaturation, BT.709's transfer, as RGB (zscale applies the
 * matrix; the output's own converter would apply BT.601's). The first
 * zscale shrinks to twice the thumbnail's size (bilinear), so the float
 * work is small, and `scale` averages the tone-mapped pixels down the rest
 * of the way, as tone mapping at full size then scaling does. PSNR to that
 * (test/unit/toneMap.test.ts's reference) at 320x180: 49.4 dB on the
 * corpus's 1080p HLG camera file, 44.6 on its iPhone one, 40.1 on the
 * sharp-edged fixtures; resizing all the way in zscale with spline36 (the
 * previous way) gave 40.4, 39.2 and 33.4; the naive conversion 20.7 on the
 * camera file.
 */
function toneMap(size: OutputSpec): string {
  const linear = `zscale=w=${size.width * 2}:h=${size.height * 2}:f=bilinear:t=linear:npl=100`;
  return `${linear},format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=gbrp,${scale(size)}`;
}

function scale(size: OutputSpec): string {
  return `scale=${size.width}:${size.height}:flags=${SCALE_FLAGS}`;
}

/** From a decoded frame to the thumbnail's pixels: scaled (tone-mapped if HDR), square pixels. */
function picture(input: Pick<InputSpec, 'hdr'>, size: OutputSpec): string[] {
  return [input.hdr ? toneMap(size) : scale(size), 'setsar=1'];
}

/** The first frame of the file, for times before its first displayable frame. */
export function buildFirstFrameArgs(input: Pick<InputSpec, 'path' | 'interlaced' | 'timeBase' | 'hdr'>, size: OutputSpec, output: number): string[] {
  const filters = [...deinterlace(input), `${showinfoName(output)}=checksum=0`, ...picture(input, size)];
  return [
    '-hide_banner', '-loglevel', 'info', '-stats_period', '1', '-copyts',
    streamProbe(false), '-max_pixels', String(MAX_PIXELS), '-i', input.path,
    '-map', '0:v:0', '-an', '-sn', '-dn', '-fps_mode', 'passthrough',
    '-vf', filters.join(','),
    '-frames:v', '1', '-f', 'rawvideo', '-c:v', 'rawvideo', '-pix_fmt', 'rgba', outputPath(output),
  ];
}
