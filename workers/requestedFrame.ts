// One frame on request, at any size, encoded at one or more qualities: the
// large view (full resolution, stepping, quality comparison), full-size
// downloads, and thumbnails adjusted to a stepped-to frame.
import { deriveFrameNumber } from '../src/shared/identity';
import { onStreamTick } from '../src/shared/ticks';
import type { EngineTarget, FileKey, FrameAt, FrameRequest, Miss, Mode, RenderedFrame, VideoInfo } from '../src/shared/types';
import type { FrameEngine, RawFrame } from './engine';
import { frameNumberOf, PTS_EPSILON, type FrameTimeline, type TimelineFrame } from './frames/timeline';
import { encodeJpeg } from './jpeg';
import { openVideo } from './openedVideos';
import { scoreFrame } from './score/frameScore';

/** The last frame decoded, so a change of quality re-encodes without decoding again. */
let lastDecoded: { key: string; frame: RawFrame } | null = null;

function frameKey(file: FileKey, pts: number, width: number, height: number): string {
  return `${file}|${pts}|${width}x${height}`;
}

export async function requestedFrame(request: FrameRequest, engine: FrameEngine, progress: () => void): Promise<RenderedFrame | null> {
  const { file, fileKey, info, width, height } = request;
  const video = await openVideo(file, fileKey);
  const timeline = video ? await video.timeline() : null;
  const resolved = await resolveTarget(request.at, info, timeline);
  if (!resolved) return null;
  const { target, mode } = resolved;

  const key = target.kind === 'pts' ? frameKey(fileKey, target.pts, width, height) : null;
  let frame = key !== null && lastDecoded?.key === key ? lastDecoded.frame : null;
  if (!frame) {
    const missed: { miss: Miss | null } = { miss: null };
    await engine.decode(
      { file, fileKey, info, engine: request.engine, mode, width, height, quality: request.qualities[0] ?? 80, targets: [target] },
      {
        frame: async (raw) => {
          frame = raw;
        },
        miss: (_id, miss) => (missed.miss = miss),
        progress,
      },
    );
    if (!frame) {
      const { miss } = missed;
      if (request.at.kind === 'step' && miss?.kind === 'no-neighbor') return null;
      throw new Error(miss?.message ?? 'The frame could not be decoded.');
    }
    const decoded: RawFrame = frame;
    lastDecoded = { key: frameKey(fileKey, decoded.pts, width, height), frame: decoded };
  }
  const shown: RawFrame = frame;
  // A pts target's own pts is exact (the index's); the decoder's matched it
  // within a tolerance but is printed with 6 significant digits.
  const pts = target.kind === 'pts' ? target.pts : shown.pts;
  const first = info.firstFramePts;
  const number = timeline ? frameNumberOf(timeline, pts, first) : { frameNumber: deriveFrameNumber(pts, first, info.frameRate), frameNumberDerived: true };
  const jpegs: ArrayBuffer[] = [];
  for (const quality of request.qualities) jpegs.push(await encodeJpeg(shown.rgba, width, height, quality));
  const score = scoreFrame(shown.rgba, width, height);
  return { pts, keyframe: shown.keyframe, pictType: shown.pictType, ...number, width, height, jpegs, score };
}

/**
 * What to decode for `at`, and in which mode; null when there is no such
 * frame (a step past either end, a frame number out of range). With a
 * container timeline every request becomes a known pts; without one (files
 * only ffmpeg reads) ffmpeg finds the frame by time, or by stepping.
 */
async function resolveTarget(at: FrameAt, info: VideoInfo, timeline: FrameTimeline | null): Promise<{ target: EngineTarget; mode: Mode } | null> {
  const exact = (target: EngineTarget) => ({ target, mode: 'exact' as const });
  const known = (frame: TimelineFrame | null) => frame && exact({ id: 0, kind: 'pts', pts: frame.pts, keyframe: frame.keyframe });
  switch (at.kind) {
    case 'pts':
      return exact({ id: 0, kind: 'pts', pts: at.pts, keyframe: at.keyframe });
    case 'step':
      return timeline ? known(await timeline.neighbor(at.from, at.direction)) : exact({ id: 0, kind: 'neighbor', pts: at.from, direction: at.direction });
    case 'time': {
      if (!timeline) return { target: { id: 0, kind: 'time', time: at.time }, mode: at.keyframe ? 'fast' : 'exact' };
      // On the stream's own tick, as thumbnails and ffmpeg take a time (see onStreamTick).
      const t = onStreamTick(at.time, info);
      const frame = at.keyframe ? await timeline.keyframeAtOrBefore(t) : await timeline.frameAtOrBefore(t);
      // Before the first frame (or its keyframe hidden by an edit list): the first frame.
      return known(frame ?? (await timeline.first()));
    }
    case 'frame': {
      if (timeline?.frameCount != null) return known(timeline.frameByNumber(at.number));
      const time = timeOfFrameNumber(at.number, info);
      return time === null ? null : resolveTarget({ kind: 'time', time, keyframe: false }, info, timeline);
    }
  }
}

/**
 * Without an index a frame number is derived from pts and frame rate
 * (deriveFrameNumber rounds), so frame n is the last frame before
 * `firstFramePts + (n + 0.5) / frameRate`, where frame n + 1's slot begins.
 * Null when frame n would start after the end of the video.
 */
function timeOfFrameNumber(n: number, info: VideoInfo): number | null {
  const rate = info.frameRate;
  if (!rate || !Number.isFinite(rate) || rate <= 0) {
    throw new Error('The video states no frame rate, so its frames cannot be counted: go to a time instead.');
  }
  if (info.firstFramePts + n / rate > info.duration + PTS_EPSILON) return null;
  const boundary = info.firstFramePts + (n + 0.5) / rate;
  // The last tick before the boundary: a time is taken at its nearest tick
  // (onStreamTick), and where the time base is the frame rate (AVI) half a
  // frame is half a tick, which rounds up into frame n + 1.
  if (!(info.timeBase > 0) || !Number.isFinite(info.timeBase)) return boundary - PTS_EPSILON;
  return (Math.ceil((info.startTime + boundary) * info.timeBase) - 1) / info.timeBase - info.startTime;
}
