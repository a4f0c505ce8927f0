// A pool worker: probes files, locates frames, decodes and JPEG-encodes
// them. Driven from the main thread through comlink (see
// src/lib/extraction/workerBridge.ts), which terminates it to cancel.
import * as Comlink from 'comlink';
import { planTimes } from '../src/shared/plan';
import { onStreamTick } from '../src/shared/ticks';
import { errorMessage } from '../src/shared/errorMessage';
import type { DecodeTask, EngineName, FrameRequest, PrepareOutcome, PrepareRequest, RenderedFrame, SheetRequest, ThumbWorkerApi, WorkerEvent } from '../src/shared/types';
import type { DecodeCallbacks, FrameEngine } from './engine';
import { FfmpegCore } from './ffmpeg/core';
import { FfmpegEngine } from './ffmpeg/ffmpegEngine';
import { resolveIdentity } from './frames/timeline';
import { encodeJpeg } from './jpeg';
import { demoteMediabunnyErrors } from './mediabunnyLogging';
import { openVideo } from './openedVideos';
import { probeWithFfprobe } from './probe/ffprobeProbe';
import { FileFailure } from '../src/shared/fileFailure';
import { requestedFrame } from './requestedFrame';
import { drawSheet } from './sheet/drawSheet';
import { WebCodecsEngine } from './webcodecs/webcodecsEngine';
import { sniff } from './probe/sniff';

demoteMediabunnyErrors();

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
      const info = await probeWithFfprobe(core, file, throttled(() => onProgress?.()));
      const times = planTimes(info.duration, request.count);
      return { ok: true, info, times, identities: times.map(() => null) };
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
    const callbacks: DecodeCallbacks = {
      async frame(raw) {
        const started = performance.now();
        const jpeg = await encodeJpeg(raw.rgba, raw.width, raw.height, task.quality);
        const frame = {
          id: raw.id,
          jpeg,
          pts: raw.pts,
          keyframe: raw.keyframe,
          pictType: raw.pictType,
          exact: raw.exact,
          decodeMs: raw.decodeMs,
          encodeMs: performance.now() - started,
        };
        delivered.push(onEvent(Comlink.transfer({ type: 'frame', frame }, [jpeg])));
      },
      miss(id, miss) {
        delivered.push(onEvent({ type: 'miss', id, miss }));
      },
      progress: throttled(() => onEvent({ type: 'heartbeat' })),
    };
    await engines[task.engine].decode(task, callbacks);
    await Promise.all(delivered);
  },

  async contactSheet(request: SheetRequest) {
    const sheet = await drawSheet(request);
    return Comlink.transfer(sheet, [sheet.jpeg]);
  },

  async renderFrame(request: FrameRequest, onProgress?: () => void): Promise<RenderedFrame | null> {
    const rendered = await requestedFrame(request, engines[request.engine], throttled(() => onProgress?.()));
    return rendered && Comlink.transfer(rendered, rendered.jpegs);
  },
};

async function locateWithMediabunny(file: File, request: PrepareRequest): Promise<PrepareOutcome | null> {
  const video = await openVideo(file);
  if (!video) return null;
  const [info, timeline] = await Promise.all([video.info(), video.timeline()]);
  const times = planTimes(info.duration, request.count);
  // Each time as the container can say it (see onStreamTick).
  const identities = await Promise.all(times.map((t) => resolveIdentity(timeline, onStreamTick(t, info), request.mode)));
  return { ok: true, info, times, identities };
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
