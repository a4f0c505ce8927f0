// Decoding with ffmpeg.wasm: input seeking, several frames per exec, every
// frame's identity read back from showinfo and checked against its target.
import type { EngineTarget, EngineTask, Miss } from '../../src/shared/types';
import { failed, type DecodeCallbacks, type FrameEngine } from '../engine';
import { headerDescribesStreams } from '../../src/shared/containers';
import { buildExecArgs, buildFirstFrameArgs, jobAnchor, keepsLastFrame, outputPath, PTS_TOLERANCE, type ExecJob, type SkipLoopFilter } from './args';
import type { FfmpegCore } from './core';
import { fileExtension } from './fileExtension';
import { openVideo } from '../openedVideos';
import { avcNalLengthSize, h264IsReference } from '../webcodecs/pictureType';
import { ShowinfoLog, type ShownFrame } from './showinfo';

/**
 * ffmpeg errors that say the decoder cannot start at all (a damaged codec
 * configuration): no seek point will do better, so the frames are missed
 * at once instead of after every retry (a bit-flipped avcC took 21 s).
 */
const UNDECODABLE_STREAM = /Error decoding the extradata|Error while opening decoder|Failed to open codec/i;

/** How far back to seek next when a seek landed after the wanted frame. */
export function nextMargin(margin: number): number {
  return margin === 0 ? 2 : margin * 4;
}

type Verdict =
  | { kind: 'ok'; shown: ShownFrame }
  | { kind: 'retry'; job: ExecJob }
  | { kind: 'first-frame' }
  | { kind: 'miss'; miss: Miss };

/**
 * Judges one output after an exec. `pts` jobs must produce exactly their
 * pts; `time` jobs and steps back must produce some frame (the trim keeps
 * only frames on the right side); steps forward must produce the first
 * frame after their pts. A frame that is missing or late means the seek
 * landed after the target: seek further back, until the seek point
 * reaches the start. `firstFramePts` is where the first displayable frame
 * is, relative to `startTime`.
 */
export function judge(job: ExecJob, log: ShowinfoLog, startTime: number, firstFramePts: number): Verdict {
  const canGoBack = jobAnchor(job) + PTS_TOLERANCE - job.margin > 0;
  const shown = keepsLastFrame(job) ? log.last(job.output) : log.first(job.output);
  const startedLate = job.kind === 'neighbor' && job.direction === 1 && (log.decodedFirst(job.output)?.ptsTime ?? Infinity) - startTime > job.pts + PTS_TOLERANCE;
  if (shown && !startedLate) {
    const pts = shown.ptsTime - startTime;
    if (job.kind !== 'pts' || Math.abs(pts - job.pts) <= PTS_TOLERANCE) return { kind: 'ok', shown };
    if (pts < job.pts) return { kind: 'miss', miss: failed(`ffmpeg returned the frame at ${pts.toFixed(3)} s instead of ${job.pts.toFixed(3)} s.`) };
  }
  // A step forward from the last frame finds nothing, however far back it seeks.
  const lastFrame = job.kind === 'neighbor' && job.direction === 1 && !shown && !startedLate;
  if (canGoBack && !lastFrame) return { kind: 'retry', job: everyFrame({ ...job, margin: nextMargin(job.margin) }) };
  // Nothing even from the start: the time is before the first frame, or
  // the decode failed (seen under load in WebKit) and the first frame
  // would be a wrong answer.
  if (job.kind === 'time') return job.time < firstFramePts - PTS_TOLERANCE ? { kind: 'first-frame' } : { kind: 'miss', miss: failed(`No frame could be decoded at or before ${job.time.toFixed(3)} s.`) };
  if (job.kind === 'neighbor') return { kind: 'miss', miss: { kind: 'no-neighbor', message: job.direction === 1 ? 'There is no later frame.' : 'There is no earlier frame.' } };
  return { kind: 'miss', miss: failed(`No frame could be decoded at ${job.pts.toFixed(3)} s.`) };
}

/** A retry decodes every frame: had the target been skipped as unreferenced, it is not skipped again. */
function everyFrame(job: ExecJob): ExecJob {
  if (job.kind !== 'pts' || !job.referencesOnly) return job;
  const { referencesOnly: _skipped, ...rest } = job;
  return rest;
}

export class FfmpegEngine implements FrameEngine {
  constructor(private readonly core: FfmpegCore) {}

  async decode(task: EngineTask, callbacks: DecodeCallbacks): Promise<void> {
    const size = { width: task.width, height: task.height };
    const references = await referenceReader(task);
    let pending: ExecJob[] = await Promise.all(task.targets.map(async (target) => jobFor(target, task, await references(target))));
    const beforeFirstFrame: number[] = [];
    while (pending.length > 0) {
      const path = await this.mount(task);
      const input = { ...task.info, path, headerDescribesStreams: headerDescribesStreams(task.info.container) };
      const { log, errors, ms } = await this.exec(buildExecArgs(input, pending, size), callbacks);
      const decodeMs = ms / pending.length;
      if (pending.every((job) => !log.decodedFirst(job.output)) && errors.some((line) => UNDECODABLE_STREAM.test(line))) {
        // Seeking elsewhere cannot help a decoder that cannot start.
        for (const job of pending) callbacks.miss(job.output, failed(withDetail('The video stream cannot be decoded.', errors)));
        this.core.clearOutputs();
        return;
      }
      const next: ExecJob[] = [];
      for (const job of pending) {
        const verdict = judge(job, log, task.info.startTime, task.info.firstFramePts);
        if (verdict.kind === 'ok') await this.emit(job.output, verdict.shown, this.core.takeOutput(outputPath(job.output)), task, decodeMs, callbacks);
        else if (verdict.kind === 'retry') next.push(verdict.job);
        else if (verdict.kind === 'first-frame') beforeFirstFrame.push(job.output);
        else callbacks.miss(job.output, verdict.miss.kind === 'failed' ? failed(withDetail(verdict.miss.message, errors)) : verdict.miss);
      }
      this.core.clearOutputs();
      pending = next;
    }
    await this.firstFrame(beforeFirstFrame, task, callbacks);
  }

  /** Runs one ffmpeg exec, reading showinfo's frames and the error lines from its log. */
  private async exec(args: string[], callbacks: DecodeCallbacks): Promise<{ log: ShowinfoLog; errors: string[]; ms: number }> {
    const log = new ShowinfoLog();
    const errors: string[] = [];
    const started = performance.now();
    await this.core.run('ffmpeg', args, {
      log: (line) => {
        if (!log.add(line) && isError(line)) errors.push(line);
        callbacks.progress();
      },
      progress: callbacks.progress,
    });
    return { log, errors, ms: performance.now() - started };
  }

  /** The file's path in the instance the next exec runs on. */
  private mount(task: EngineTask): Promise<string> {
    return this.core.mountFresh(task.file, task.fileKey, fileExtension(task.file.name));
  }

  /**
   * A time before the first displayable frame shows the first frame; it is
   * not what a player shows there. One exec answers every such time: on a
   * file with no decodable frame each exec reads the whole stream (15 of
   * them took 20 s on a bit-flipped HEVC file).
   */
  private async firstFrame(outputs: readonly number[], task: EngineTask, callbacks: DecodeCallbacks): Promise<void> {
    const [output] = outputs;
    if (output === undefined) return;
    const path = await this.mount(task);
    const { log, errors, ms } = await this.exec(buildFirstFrameArgs({ path, ...task.info }, { width: task.width, height: task.height }, output), callbacks);
    const shown = log.first(output);
    const rgba = this.core.takeOutput(outputPath(output));
    this.core.clearOutputs();
    const decodeMs = ms / outputs.length;
    for (const id of outputs) {
      if (shown) await this.emit(id, shown, rgba, task, decodeMs, callbacks, false);
      else callbacks.miss(id, failed(withDetail('The video has no decodable frame.', errors)));
    }
  }

  private async emit(output: number, shown: ShownFrame, rgba: Uint8Array<ArrayBuffer> | null, task: EngineTask, decodeMs: number, callbacks: DecodeCallbacks, exact?: boolean): Promise<void> {
    const expected = task.width * task.height * 4;
    if (!rgba || rgba.length < expected) {
      callbacks.miss(output, failed('ffmpeg decoded the frame but wrote no image.'));
      return;
    }
    const target = task.targets.find((t) => t.id === output);
    await callbacks.frame({
      id: output,
      // -update 1 rewrites the file in place; the tail past one frame never exists, but be exact.
      rgba: new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, expected),
      width: task.width,
      height: task.height,
      pts: shown.ptsTime - task.info.startTime,
      keyframe: shown.keyframe,
      pictType: shown.pictType,
      exact: exact ?? (target?.kind === 'time' && task.mode !== 'fast' ? true : null),
      decodeMs,
    });
  }
}

/**
 * Whether a target is an H.264 reference frame, read from its packet where
 * Mediabunny reads the file, for runs of frames (exact mode, best mode's
 * frames at a time): then `-skip_frame noref` decodes only what leads to
 * it. 10-minute 1080p bench file, exact mode: 25 s -> 20 s. Not for
 * interlaced video, whose deinterlacer needs every frame either side.
 */
async function referenceReader(task: EngineTask): Promise<(target: EngineTarget) => Promise<boolean>> {
  const never = async () => false;
  if (task.info.codec !== 'h264' || task.info.interlaced || task.mode === 'fast') return never;
  const video = await openVideo(task.file, task.fileKey).catch(() => null);
  const config = video && (await video.track.getDecoderConfig().catch(() => null));
  if (!video || !config) return never;
  const lengthSize = avcNalLengthSize(config.description);
  return async (target) => {
    if (target.kind !== 'pts' || target.keyframe) return false;
    const absolute = target.pts + task.info.startTime;
    const packet = await video.sink.getPacket(absolute).catch(() => null);
    return packet !== null && Math.abs(packet.timestamp - absolute) <= PTS_TOLERANCE && h264IsReference(packet.data, lengthSize);
  };
}

function jobFor(target: EngineTarget, task: EngineTask, referencesOnly: boolean): ExecJob {
  // Keyframes fast and best mode ask for are decoded alone; anything else
  // decodes a run of frames. A time target in best mode is the frame shown
  // at that time (the container cannot list the window's keyframes).
  const onlyKeyframes = target.kind === 'neighbor' ? false : target.kind === 'pts' ? target.keyframe && task.mode !== 'exact' : task.mode === 'fast';
  const shrunk = task.width * 2 <= task.info.width && task.height * 2 <= task.info.height;
  const skipLoopFilter: SkipLoopFilter = shrunk ? (onlyKeyframes ? 'all' : 'noref') : null;
  const base = { output: target.id, margin: 0, skipLoopFilter };
  if (target.kind === 'pts') return { ...base, kind: 'pts', pts: target.pts, referencesOnly };
  if (target.kind === 'time') return { ...base, kind: 'time', time: target.time, mode: task.mode };
  return { ...base, kind: 'neighbor', pts: target.pts, direction: target.direction };
}

/**
 * Adds ffmpeg's own words: the first error a component reported (the
 * decoder's "[h264 @ 0x..] ..." says more than the final generic line).
 */
const isError = (line: string): boolean => /error|invalid|corrupt|no such file/i.test(line);

function withDetail(reason: string, errors: readonly string[]): string {
  const line = errors.find((e) => /^\[[a-z0-9_]+ @ /i.test(e)) ?? errors.at(-1);
  const detail = line?.replace(/^\[[^\]]*\]\s*/, '').trim();
  return detail ? `${reason} (ffmpeg: ${detail})` : reason;
}
