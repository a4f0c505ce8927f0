// A pool worker: probes files, locates frames, decodes and JPEG-encodes
// them. Driven from the main thread through comlink (see
// src/lib/extraction/workerBridge.ts), which terminates it to cancel.
import * as Comlink from 'comlink';
import { coveredSpan, plannedTimes, slotWindow } from '../src/shared/plan';
import { onStreamTick } from '../src/shared/ticks';
import { errorMessage } from '../src/shared/errorMessage';
import type { DecodeTask, EngineName, FileKey, FrameRequest, PrepareOutcome, PrepareRequest, RenderedFrame, SheetRequest, SpriteRequest, StillOutcome, StillRequest, ThumbWorkerApi, WorkerEvent } from '../src/shared/types';
import type { DecodeCallbacks, FrameEngine } from './engine';
import { FfmpegCore } from './ffmpeg/core';
import { FfmpegEngine } from './ffmpeg/ffmpegEngine';
import { resolveCandidates, resolveIdentity } from './frames/timeline';
import { encodeJpeg, warmUpJpeg } from './jpeg';
import { demoteMediabunnyErrors } from './mediabunnyLogging';
import { openVideo } from './openedVideos';
import { probeWithFfprobe } from './probe/ffprobeProbe';
import { FileFailure } from '../src/shared/fileFailure';
import { requestedFrame } from './requestedFrame';
import { scoreFrame, warmUpScoring } from './score/frameScore';
import { SlotChoices, type Settled } from './slotChoice';
import { drawSheet } from './sheet/drawSheet';
import { drawSprite } from './sheet/drawSprite';
import { stillPicture } from './still/stillPicture';
import { warmUpDrawing } from './webcodecs/drawFrame';
import { WebCodecsEngine } from './webcodecs/webcodecsEngine';
import { sniff } from './probe/sniff';

demoteMediabunnyErrors();
// Before the first real frame: the pool starts its workers while the page is idle.
setTimeout(() => {
  void warmUpJpeg();
  warmUpScoring();
  warmUpDrawing();
}, 0);

/** Heartbeats are throttled: the watchdog needs a sign of life, not every log line. */
const HEARTBEAT_MS = 250;

let coreModule: (() => Promise<WebAssembly.Module>) | null = null;
const core = new FfmpegCore(() => {
  if (!coreModule) throw new Error('init() must be called before ffmpeg is used');
  return coreModule();
});
const engines: Record<EngineName, FrameEngine> = { ffmpeg: new FfmpegEngine(core), webcodecs: new WebCodecsEngine() };

const api: ThumbWorkerApi = {
  init(getCoreModule) {
    coreModule = getCoreModule;
  },

  async warmFfmpeg(clipUrl?: string): Promise<void> {
    await core.warm();
    if (clipUrl) await core.warmUp(await (await fetch(clipUrl)).blob());
  },

  async openAhead(file: File, fileKey: FileKey): Promise<void> {
    const video = await openVideo(file, fileKey).catch(() => null);
    await Promise.all([video?.info(), video?.timeline()]).catch(() => {});
  },

  async prepare(file: File, request: PrepareRequest, onProgress?: () => void): Promise<PrepareOutcome> {
    try {
      if (file.size === 0) throw new FileFailure('empty', 'The file is empty (0 bytes).');
      if ((await sniff(file)) === 'text') throw new FileFailure('unsupported', 'This is a text file, not a video.');
      const located = await locateWithMediabunny(file, request).catch((error: unknown) => {
        // What Mediabunny understood (frames too large, no keyframe) stands; an
        // unexpected failure inside it (a damaged index) gets ffmpeg's opinion.
        if (error instanceof FileFailure) throw error;
        return null;
      });
      if (located) return located;
      const info = await probeWithFfprobe(core, file, request.fileKey, throttled(() => onProgress?.()));
      const times = plannedTimes(info.duration, request.times);
      return { ok: true, info, times, candidates: times.map(() => []) };
    } catch (error) {
      if (error instanceof FileFailure) return { ok: false, kind: error.kind, message: error.message };
      return { ok: false, kind: 'internal', message: `Reading the file failed: ${errorMessage(error)}` };
    }
  },

  async decode(task: DecodeTask, onEvent: (event: WorkerEvent) => unknown): Promise<void> {
    // Events travel on the callback's own port, so they could arrive after
    // this call's result: wait until the main thread has taken every frame
    // and miss before returning.
    const delivered: unknown[] = [];
    const choices = new SlotChoices(task.targets);
    // Scoring since the last frame sent: best mode's candidates are scored and dropped in between.
    const scoring = { frames: 0, ms: 0 };
    const send = async (settled: Settled) => {
      if (!settled) return;
      if (settled.kind === 'miss') {
        delivered.push(onEvent({ type: 'miss', id: settled.id, miss: settled.miss }));
        return;
      }
      const { raw, score } = settled.frame;
      const started = performance.now();
      const jpeg = await encodeJpeg(raw.rgba, raw.width, raw.height, task.quality);
      const { rgba: _rgba, width: _width, height: _height, ...facts } = raw;
      const frame = { ...facts, jpeg, score, scoring: { ...scoring }, encodeMs: performance.now() - started };
      scoring.frames = 0;
      scoring.ms = 0;
      delivered.push(onEvent(Comlink.transfer({ type: 'frame', frame }, [jpeg])));
    };
    const callbacks: DecodeCallbacks = {
      async frame(raw) {
        const started = performance.now();
        const score = scoreFrame(raw.rgba, raw.width, raw.height);
        scoring.ms += performance.now() - started;
        scoring.frames++;
        await send(choices.frame(raw, score));
      },
      miss: (id, miss) => void delivered.push(send(choices.miss(id, miss))),
      progress: throttled(() => onEvent({ type: 'heartbeat' })),
    };
    // Round by round: best mode tries a slot's next candidate only while none it decoded is good.
    for (let targets = choices.nextRound(); targets.length > 0; targets = choices.nextRound()) {
      await engines[task.engine].decode({ ...task, targets }, callbacks);
    }
    for (const settled of choices.finish()) await send(settled);
    // A miss's send adds its event when it settles: wait until nothing is added.
    while (delivered.length > 0) await Promise.all(delivered.splice(0));
  },

  async contactSheet(request: SheetRequest) {
    const sheet = await drawSheet(request);
    return Comlink.transfer(sheet, [sheet.jpeg]);
  },

  async still(file: File, request: StillRequest, onProgress?: () => void): Promise<StillOutcome> {
    const outcome = await stillPicture(file, request, throttled(() => onProgress?.()));
    return outcome.ok ? Comlink.transfer(outcome, [outcome.jpeg]) : outcome;
  },

  async sprite(request: SpriteRequest): Promise<ArrayBuffer> {
    const jpeg = await drawSprite(request);
    return Comlink.transfer(jpeg, [jpeg]);
  },

  async renderFrame(request: FrameRequest, onProgress?: () => void): Promise<RenderedFrame | null> {
    const rendered = await requestedFrame(request, engines[request.engine], throttled(() => onProgress?.()));
    return rendered && Comlink.transfer(rendered, rendered.jpegs);
  },
};

async function locateWithMediabunny(file: File, request: PrepareRequest): Promise<PrepareOutcome | null> {
  const video = await openVideo(file, request.fileKey);
  if (!video) return null;
  const [info, timeline] = await Promise.all([video.info(), video.timeline()]);
  const plan = request.times;
  const { mode } = plan;
  const times = plannedTimes(info.duration, plan);
  const span = coveredSpan(info.duration, plan.kind === 'spread' ? plan.span : null);
  // Each time as the container can say it (see onStreamTick).
  const candidates = await Promise.all(
    times.map(async (t, index) => {
      const tick = onStreamTick(t, info);
      if (mode === 'best') return resolveCandidates(timeline, slotWindow(span, times.length, index), tick);
      const identity = await resolveIdentity(timeline, tick, mode);
      return identity ? [identity] : [];
    }),
  );
  return { ok: true, info, times, candidates };
}

/** At most one call per HEARTBEAT_MS: the watchdog needs a sign of life, not every read. */
function throttled(beat: () => void): () => void {
  let last = 0;
  return () => {
    const now = performance.now();
    if (now - last < HEARTBEAT_MS) return;
    last = now;
    beat();
  };
}

Comlink.expose(api);
